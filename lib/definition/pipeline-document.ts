import type { PipelineDefinition as DocumentType } from './schema';

/**
 * A pipeline definition document, version 1: the snake_case document that YAML and JSON files,
 * the API, the CLI and the provider's `definition` attribute all hold. Its shape is the zod schema
 * `pipelineDefinitionSchema`.
 *
 * Named `PipelineDocument` so that `PipelineDefinition` means one thing across the package: the
 * construct of `integrateio-pipelines-as-code/constructs`.
 */
export type PipelineDocument = DocumentType;

/**
 * The old name of {@link PipelineDocument}.
 *
 * @deprecated Use `PipelineDocument`: `PipelineDefinition` is the construct of the constructs entry.
 */
export type PipelineDefinition = DocumentType;
