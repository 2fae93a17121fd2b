import type { PipelineMetadata } from '../../api';
import type { PipelineDefinition } from '../../definition';
import { isUnknown, unknown, type Diagnostics, type ObjectValue, type Value } from '../framework';
import { checkDefinitionValue } from './check-definition';
import { issuesToDiagnostics } from './diagnostics';
import { VOLATILE_ATTRIBUTES } from './pipeline-schema';
import { definitionLibrary } from './lazy-libraries';

/**
 * The document of a fully known `definition` value, checked and canonical. On problems, adds one
 * diagnostic per problem (pointing at its field) and returns undefined. A value with unknown parts
 * returns undefined after reporting the problems of its known parts.
 */
export function definitionDocument(value: Value, diags?: Diagnostics): PipelineDefinition | undefined {
  const check = checkDefinitionValue(value);
  diags?.add(...issuesToDiagnostics(check.issues));
  return check.definition;
}

/**
 * True when the `definition` value means the same pipeline as `doc`: key order, formatting, nulls,
 * explicit defaults and the order of set-like lists aside (see lib/definition/meaning.ts).
 */
export function sameDefinition(value: Value, doc: PipelineDefinition): boolean {
  const mine = definitionDocument(value);
  // The same document checked twice is the same (memoised) object: equal without comparing.
  return mine !== undefined && (mine === doc || definitionLibrary().definitionsEqual(mine, doc));
}

/** The computed attributes read from a pipeline's metadata. */
export function metadataAttributes(meta: PipelineMetadata): ObjectValue {
  return {
    id: String(meta.id),
    status: meta.status,
    observed_state: meta.observed_state,
    created_at: meta.created_at,
    updated_at: meta.updated_at,
    last_source_sync_at: meta.last_source_sync_at,
    last_destination_sync_at: meta.last_destination_sync_at,
  };
}

/**
 * The state after a create or update: the planned value where the plan knew it (so the result
 * always matches the plan), the API's value where the plan said "known after apply".
 */
export function stateAfterApply(planned: ObjectValue, meta: PipelineMetadata): ObjectValue {
  const fresh: ObjectValue = { ...metadataAttributes(meta), running: meta.status === 'deployed' };
  const out: ObjectValue = { ...planned };
  for (const [key, value] of Object.entries(fresh)) if (isUnknown(out[key])) out[key] = value;
  return out;
}

/**
 * The plan of the volatile computed attributes on an update: their prior value, except those the
 * update will change: `updated_at` when the definition changes, `status` and `observed_state` when
 * the run state changes. They are "known after apply"; everything else keeps its known value.
 */
export function planVolatileAttributes(planned: ObjectValue, prior: ObjectValue, changes: { definition: boolean; running: boolean }): ObjectValue {
  const out: ObjectValue = { ...planned };
  for (const key of VOLATILE_ATTRIBUTES) out[key] = prior[key];
  if (changes.definition) out.updated_at = unknown;
  if (changes.running) {
    out.status = unknown;
    out.observed_state = unknown;
  }
  return out;
}
