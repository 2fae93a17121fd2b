export { integrateioProvider } from './provider';
export { pipelineResource } from './pipeline-resource';
export { pipelineDataSource } from './pipeline-data-source';
export { pipelinesDataSource } from './pipelines-data-source';
export { documentToValue, valueToDocument } from './definition-value';
export { fieldToAttributePath } from './diagnostics';
export type { PipelineProviderData } from './provider-config';
