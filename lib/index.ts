/**
 * The package's entry point for other teams' code: the definition library, the API client and
 * the CDKTF constructs, each as a namespace. The emulator, the provider and the CLI are programs,
 * reached through `integrateio` (bin/integrateio.js).
 *
 * @example
 * import { definition, api } from 'integrateio-pipelines-as-code';
 * const doc = definition.parseDefinition(text, { source: 'orders.yaml' });
 * await new api.IntegrateioClient().createPipeline(doc);
 */
export * as definition from './definition';
export * as api from './api';
export * as constructs from './constructs';
