import type * as ApiModule from '../../api';
import type * as DefinitionModule from '../../definition';

/*
 * Terraform launches the provider 3 to 5 times per command, and some launches only ask for the
 * schema. lib/definition (zod, yaml) and the API client are loaded on first use, so that those
 * launches do not pay for them. Node caches the modules: later calls cost a map lookup.
 */

/** lib/definition, loaded on first use. */
export function definitionLibrary(): typeof DefinitionModule {
  return require('../../definition') as typeof DefinitionModule;
}

/** lib/api, loaded on first use. */
export function apiLibrary(): typeof ApiModule {
  return require('../../api') as typeof ApiModule;
}
