import type { ProviderDefinition } from '../framework';
import { definitionFunction } from './definition-function';
import { pipelineDataSource } from './pipeline-data-source';
import { pipelineResource } from './pipeline-resource';
import { pipelinesDataSource } from './pipelines-data-source';
import { configureProvider, providerSchema, type PipelineProviderData } from './provider-config';

/** The `integrateio` provider: configuration, the pipeline resource, the data sources and the `definition` function. */
export const integrateioProvider = {
  typeName: 'integrateio',
  schema: providerSchema,
  configure: (config, diags, context) => configureProvider(config, diags, process.env, context?.logger),
  resources: [pipelineResource],
  dataSources: [pipelineDataSource, pipelinesDataSource],
  functions: [definitionFunction],
} satisfies ProviderDefinition<PipelineProviderData>;
