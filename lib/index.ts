/**
 * The package's root entry: the definition library and the API client, each as a namespace. The
 * CDKTF constructs have entries of their own, `integrateio-pipelines-as-code/constructs` (built
 * against `cdktf`) and `integrateio-pipelines-as-code/cdktn` (the same constructs built against
 * `cdktn`), so that importing the root never loads either. The emulator, the provider and the CLI
 * are programs, reached through the `integrateio` command (bin/integrateio.js).
 *
 * @example
 * import { definition, api } from 'integrateio-pipelines-as-code';
 * const doc = definition.parseDefinition(text, { source: 'orders.yaml' });
 * await new api.IntegrateioClient().createPipeline(doc);
 */
export * as definition from './definition';
export * as api from './api';
