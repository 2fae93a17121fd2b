import { z } from 'zod';

/*
 * The shape of the pipeline definition document, version 1: the single source of truth for its
 * TypeScript types. Shape problems (unknown keys, wrong types, missing required fields) are the
 * API's 422. Values of the right type that are still not acceptable (a negative id, an unknown
 * transformation type, include and exclude together) are checked by the semantic rules in
 * rules.ts: the API's 400.
 */

const connectionRef = z.strictObject({
  /** Existing connection id in the caller's account. */
  id: z.int(),
});

/** Schema of `source` and `destination`: a reference to an existing connection. */
export const endpointSchema = z.strictObject({ connection: connectionRef });

/** Schema of `sync`: `frequency`, or both `source_frequency` and `destination_frequency`, in minutes. */
export const syncSchema = z.strictObject({
  frequency: z.int().optional(),
  source_frequency: z.int().optional(),
  destination_frequency: z.int().optional(),
  auto_sync_new_tables: z.boolean().optional(),
});

/** Schema of a table's column selection: `include` or `exclude`, not both. */
export const columnsSchema = z.strictObject({
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
});

/** Schema of one entry of `tables`. */
export const tableSchema = z.strictObject({
  name: z.string(),
  append_only: z.boolean().optional(),
  columns: columnsSchema.optional(),
});

/**
 * Schema of one entry of `transformations`. The `config` object is checked against its `type`
 * by the semantic rules (see transformation-configs.ts), so an unknown type is a 400, not a 422.
 */
export const transformationSchema = z.strictObject({
  type: z.string(),
  table: z.string(),
  config: z.record(z.string(), z.unknown()).optional(),
});

/** Schema of one entry of `hooks`: an existing notification hook and the events it listens to. */
export const hookSchema = z.strictObject({
  id: z.int(),
  events: z.array(z.string()),
});

/** Schema of the whole definition document (shape only). */
export const pipelineDefinitionSchema = z.strictObject({
  definition_version: z.int(),
  name: z.string(),
  source: endpointSchema,
  destination: endpointSchema,
  sync: syncSchema,
  tables: z.array(tableSchema),
  transformations: z.array(transformationSchema).optional(),
  hooks: z.array(hookSchema).optional(),
});

/** A pipeline definition document, version 1. */
export type PipelineDefinition = z.infer<typeof pipelineDefinitionSchema>;
/** The `sync` block of a definition. */
export type SyncSchedule = z.infer<typeof syncSchema>;
/** One entry of `tables`. */
export type TableSelection = z.infer<typeof tableSchema>;
/** The `columns` block of a table. */
export type ColumnSelection = z.infer<typeof columnsSchema>;
/** One entry of `transformations`. */
export type Transformation = z.infer<typeof transformationSchema>;
/** One entry of `hooks`. */
export type HookAttachment = z.infer<typeof hookSchema>;
