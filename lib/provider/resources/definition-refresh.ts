import type { PipelineMetadata } from '../../api';
import type { ObjectValue } from '../framework';

/**
 * The environment variable that makes every refresh read every definition (2 reads per pipeline
 * instead of 1): `INTEGRATEIO_REFRESH_DEFINITIONS=always`. Unset, empty or `changed` is the
 * default (read when `updated_at` moved); any other value is taken as `always`, the safe side.
 */
export const REFRESH_DEFINITIONS_ENV = 'INTEGRATEIO_REFRESH_DEFINITIONS';

/**
 * Whether a refresh must read the pipeline's definition, given its fresh metadata.
 *
 * The state's `definition` was read (or written) together with the `updated_at` beside it, and
 * the API moves `updated_at` whenever the definition changes (a no-op replace leaves it alone), so
 * an unchanged `updated_at` means an unchanged definition and the read is skipped: a no-op plan
 * costs one metadata read per pipeline. The definition is read when there is no definition in
 * state (import), when either timestamp is missing or not a string, when `updated_at` moved, and
 * always when `INTEGRATEIO_REFRESH_DEFINITIONS=always` is set (for an API that would change a
 * definition without moving `updated_at`). The caller reads the metadata before the definition,
 * never both at once: a change landing between the two reads then leaves an older `updated_at`
 * in state, which the next refresh sees move, instead of a newer one that would hide it.
 */
export function needsDefinitionRead(state: ObjectValue, meta: PipelineMetadata, env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env[REFRESH_DEFINITIONS_ENV];
  if (setting !== undefined && setting !== '' && setting !== 'changed') return true;
  if (state.definition === null || state.definition === undefined) return true;
  if (typeof state.updated_at !== 'string' || typeof meta.updated_at !== 'string') return true;
  return state.updated_at !== meta.updated_at;
}
