export * from './constants';
export * from './schema';
// Explicit, so they take precedence over the schema's `PipelineDefinition` (the same type).
export type { PipelineDocument, PipelineDefinition } from './pipeline-document';
export * from './transformation-configs';
export * from './issues';
export * from './path';
export * from './validate';
export * from './parse';
export * from './canonical';
export * from './data-change-warnings';
export * from './meaning';
export * from './json-duplicate-keys';
export * from './character-count';
export * from './read-bounded-file';
