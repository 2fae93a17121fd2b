import type * as ApiModule from '../../api';
import type * as DefinitionModule from '../../definition';

/*
 * Terraform launches the provider 3 to 5 times per command, and some launches only ask for the
 * schema. lib/definition (zod, yaml) and the API client are loaded on first use, so that those
 * launches do not pay for them. The module is kept once loaded: `require` of a relative path
 * resolves it again on every call (a walk of package.json lookups), and these are called several
 * times per resource per request.
 */

let definition: typeof DefinitionModule | undefined;
let api: typeof ApiModule | undefined;

/** lib/definition, loaded on first use. */
export function definitionLibrary(): typeof DefinitionModule {
  return (definition ??= require('../../definition') as typeof DefinitionModule);
}

/** lib/api, loaded on first use. */
export function apiLibrary(): typeof ApiModule {
  return (api ??= require('../../api') as typeof ApiModule);
}
