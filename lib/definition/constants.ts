/** The only definition document version this library understands. */
export const DEFINITION_VERSION = 1 as const;

/** The transformation `type` values the reference supports, in the reference's order. */
export const TRANSFORMATION_TYPES = [
  'exclude_fields',
  'rename_fields',
  'toggle_case',
  'find_and_replace',
  'replace_in_field_name',
  'history_mode',
] as const;

/** A supported transformation type. */
export type TransformationType = (typeof TRANSFORMATION_TYPES)[number];

/**
 * Pipeline events a notification hook can be attached to.
 *
 * The reference shows `pipeline_failed` and `pipeline_stopped`; the others are the remaining
 * lifecycle events of a pipeline's runtime.
 */
export const HOOK_EVENTS = [
  'pipeline_started',
  'pipeline_stopped',
  'pipeline_failed',
  'sync_succeeded',
  'sync_failed',
  'schema_changed',
] as const;

/** A supported hook event. */
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** Sync frequencies are whole minutes in this range (one minute to one week). */
export const FREQUENCY_RANGE = { min: 1, max: 10080 } as const;

/** Largest definition text accepted by {@link parseDefinition}, in bytes (1 MiB). */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

/**
 * Deepest nesting of lists and objects accepted in a definition (a valid one nests about 6 deep).
 * Deeper input is rejected before it reaches code that recurses once per level.
 */
export const MAX_NESTING_DEPTH = 64;

/** Longest pipeline name accepted, in Unicode characters (code points, see characterCount). */
export const MAX_NAME_LENGTH = 255;

/**
 * Most problems reported for one document; the rest are counted in a last `too_many_issues`
 * problem ("and N more problems"), so that a hostile document cannot make a huge error list.
 */
export const MAX_REPORTED_ISSUES = 100;
