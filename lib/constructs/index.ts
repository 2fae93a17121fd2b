export * from './pipeline-definition-props';
export { PipelineDefinition, formatProblem, type DefinitionProblem, type PipelineDefinitionFileOptions, type PipelineDocument, type PipelineDefinitionDocument } from './pipeline-definition';
export { Pipeline, type PipelineProps } from './pipeline';
export type { IPipeline } from './pipeline-interface';
export type { PipelineReferenceOptions } from './imported-pipeline';
export { Duration } from './duration';
export * from './testing';
export { IntegrateioProvider, type IntegrateioProviderConfig } from './generated/provider';
export { DataIntegrateioPipeline, type DataIntegrateioPipelineConfig } from './generated/data-integrateio-pipeline';
export { DataIntegrateioPipelines, type DataIntegrateioPipelinesConfig } from './generated/data-integrateio-pipelines';
/** The generated L1 bindings (resource, data sources, provider and their structs), e.g. `l1.Pipeline`. */
export * as l1 from './l1';
/**
 * The generated L1 bindings by module (`generated.pipeline.Pipeline`).
 *
 * @deprecated Use {@link l1} (`l1.Pipeline`, `l1.PipelineDefinition`, …).
 */
export * as generated from './generated';
