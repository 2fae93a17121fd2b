export * from './pipeline-definition-props';
export { PipelineDefinition, formatProblem, type DefinitionProblem, type PipelineDefinitionFileOptions, type PipelineDefinitionDocument } from './pipeline-definition';
export { Pipeline, type PipelineProps } from './pipeline';
export { IntegrateioProvider, type IntegrateioProviderConfig } from './generated/provider';
export { DataIntegrateioPipeline, type DataIntegrateioPipelineConfig } from './generated/data-integrateio-pipeline';
export { DataIntegrateioPipelines, type DataIntegrateioPipelinesConfig } from './generated/data-integrateio-pipelines';
export * as generated from './generated';
