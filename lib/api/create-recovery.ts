import { definitionsEqual, type PipelineDefinition } from '../definition';
import { attemptOnce, finalError, pauseBeforeRetry, retryDelay, type CallContext, type CallSpec } from './call';
import { ApiError, isApiError } from './errors';
import { emit } from './events';
import type { AttemptFailure } from './http';
import type { PipelineMetadata } from './wire-types';

/** How far the server's clock may lag the client's when looking for a pipeline an attempt created. @default 60000 */
export const DEFAULT_CLOCK_SKEW_MS = 60000;

/** What a create needs besides its request: a way to look for the pipeline it may have made. */
export interface CreateRecoveryDeps {
  /** The client's transport, policy and events. */
  readonly ctx: CallContext;
  /** The POST /pipelines call. */
  readonly spec: CallSpec<PipelineMetadata>;
  /** The definition sent, in canonical form. */
  readonly definition: PipelineDefinition;
  /** Ids already returned by this client's creates: never adopted again. */
  readonly claimed: Set<number>;
  /** Ids this client's creates received in a 201 answer: certainly created by this client. */
  readonly answered: Set<number>;
  /** How far the server's clock may be behind the client's, in milliseconds. */
  readonly clockSkewMs: number;
  /** Lists the live pipelines created at or after a time (ms since the epoch), newest first, consistently (none that stayed live is skipped). */
  readonly listSince: (since: number) => Promise<PipelineMetadata[]>;
  /** Reads a pipeline's definition. */
  readonly getDefinition: (id: number) => Promise<PipelineDefinition>;
}

/**
 * Looks for the pipeline an ambiguous create attempt may have made: a pipeline of the same name,
 * created at or after `since` minus the clock-skew allowance, not already returned by this
 * client, whose definition equals the one sent. Claims and returns it, or returns undefined.
 */
export async function findCreatedPipeline(deps: CreateRecoveryDeps, since: number): Promise<PipelineMetadata | undefined> {
  const threshold = since - deps.clockSkewMs;
  for (const pipeline of await deps.listSince(threshold)) {
    if (pipeline.name !== deps.definition.name || deps.claimed.has(pipeline.id)) continue;
    let definition: PipelineDefinition;
    try {
      definition = await deps.getDefinition(pipeline.id);
    } catch (err) {
      if (isApiError(err) && err.status === 404) continue;
      throw err;
    }
    if (deps.claimed.has(pipeline.id) || !definitionsEqual(definition, deps.definition)) continue;
    deps.claimed.add(pipeline.id);
    return pipeline;
  }
  return undefined;
}

/** Runs {@link findCreatedPipeline}, turning its failure into a `create_outcome_unknown` error with the status of the ambiguous create attempt. */
async function recover(deps: CreateRecoveryDeps, since: number, failure: AttemptFailure, attempt: number): Promise<PipelineMetadata | undefined> {
  const { spec, definition, ctx } = deps;
  let found: PipelineMetadata | undefined;
  try {
    found = await findCreatedPipeline(deps, since);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const error = new ApiError({
      status: failure.error.status,
      code: 'create_outcome_unknown',
      method: spec.method,
      path: spec.path,
      attempts: attempt,
      detail: `the pipeline "${definition.name}" may or may not have been created (${failure.error.detail}) and looking for it failed (${reason}): list the pipelines named "${definition.name}" before creating it again`,
      cause: err,
    });
    emit(ctx.onEvent, { type: 'failure', method: spec.method, path: spec.path, attempt, status: error.status, code: error.code, message: error.message });
    throw error;
  }
  emit(ctx.onEvent, { type: 'recovery', method: spec.method, path: spec.path, attempt, outcome: found ? 'adopted' : 'not_found', name: definition.name, pipelineId: found?.id });
  return found;
}

/**
 * Creates a pipeline without ever creating it twice because of a retry.
 *
 * - A success returns the new pipeline (its id is claimed).
 * - A failure where the server certainly did nothing (429, connection refused) is retried under
 *   the retry policy like any idempotent call.
 * - A failure where it may have acted (a timeout, a dropped or reset connection, a 5xx, an
 *   unreadable 201) is ambiguous: after the backoff, the client looks for the pipeline that
 *   attempt may have created (see {@link findCreatedPipeline}) and adopts it if found; only if it
 *   is not there is the create sent again. When the attempts run out after any ambiguous
 *   attempt, one last look is made.
 * - Any other failure (400, 401, 403, 413, 415, 422, ...) is thrown at once.
 *
 * @throws ApiError: the last failure, or `create_outcome_unknown` when looking for the pipeline failed.
 */
export async function createWithRecovery(deps: CreateRecoveryDeps): Promise<PipelineMetadata> {
  const { ctx, spec } = deps;
  let ambiguousSince: number | undefined;
  let timeouts = 0;
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    const result = await attemptOnce(ctx, spec, attempt);
    if (result.ok) {
      deps.claimed.add(result.value.id);
      deps.answered.add(result.value.id);
      return result.value;
    }
    const { failure } = result;
    const ambiguous = failure.processing !== 'none';
    if (ambiguous) ambiguousSince = Math.min(ambiguousSince ?? started, started);
    if (failure.error.code === 'timeout') timeouts++;
    const delay = retryDelay(ctx, 'idempotent', failure, attempt, timeouts);
    if (delay === undefined) {
      if (ambiguousSince !== undefined) {
        const adopted = await recover(deps, ambiguousSince, failure, attempt);
        if (adopted) return adopted;
      }
      throw finalError(ctx, failure, attempt);
    }
    await pauseBeforeRetry(ctx, failure, attempt, delay, spec.signal);
    if (ambiguous && ambiguousSince !== undefined) {
      const adopted = await recover(deps, ambiguousSince, failure, attempt);
      if (adopted) return adopted;
    }
  }
}
