import { ApiError, isApiError } from './errors';
import { emit, type ClientEvent } from './events';
import { failureFromResponse, type AttemptFailure, type HttpRequest, type HttpResponse, type HttpTransport } from './http';
import { isRetryableStatus, nextDelay, type RetryPolicy } from './retry-policy';
import { wrongApiUrlFailure } from './wrong-api-url';

/** What a call needs from its client: the transport, the retry policy and the event listener. */
export interface CallContext {
  /** Sends single requests. */
  readonly transport: HttpTransport;
  /** When and how to retry. */
  readonly policy: RetryPolicy;
  /** Receives request, retry and failure events. */
  readonly onEvent?: (e: ClientEvent) => void;
  /** The jitter source, in [0, 1). */
  readonly random: () => number;
}

/**
 * Which failures a call may retry:
 * - `idempotent`: any transient failure (429, 5xx, network error, timeout), since repeating the
 *   request cannot do harm;
 * - `unsent-only`: only failures where the server certainly did nothing (429, connection refused).
 */
export type RetryMode = 'idempotent' | 'unsent-only';

/** One API call: the request, how to read its success, and how it may be retried. */
export interface CallSpec<T> extends HttpRequest {
  /** Which failures may be retried. */
  readonly retry: RetryMode;
  /** Reads a 2xx response; throws an `invalid_response` {@link ApiError} when it cannot. */
  readonly parse: (response: HttpResponse) => T;
  /**
   * The result of a 404 that follows an attempt the server may have acted on (a DELETE whose
   * first attempt archived the pipeline but whose answer was lost). Absent: a 404 is an error.
   */
  readonly notFoundAfterAmbiguous?: () => T;
}

/** The outcome of one attempt of a call. */
export type AttemptResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: AttemptFailure };

/** Waits `ms` milliseconds, or rejects early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sends one attempt of a call and reads its outcome, emitting `request` and `response` events. */
export async function attemptOnce<T>(ctx: CallContext, spec: CallSpec<T>, attempt: number): Promise<AttemptResult<T>> {
  emit(ctx.onEvent, { type: 'request', method: spec.method, path: spec.path, attempt });
  const started = Date.now();
  const result = await ctx.transport.send(spec);
  if (!result.ok) return result;
  const { response } = result;
  emit(ctx.onEvent, { type: 'response', method: spec.method, path: spec.path, attempt, status: response.status, durationMs: Date.now() - started });
  if (response.status >= 200 && response.status < 300) {
    try {
      return { ok: true, value: spec.parse(response) };
    } catch (err) {
      const detail = err instanceof Error ? `unexpected response: ${err.message}` : 'unexpected response';
      const error = isApiError(err) ? err : new ApiError({ status: response.status, code: 'invalid_response', method: spec.method, path: spec.path, detail, cause: err });
      return { ok: false, failure: { error, transient: false, processing: 'done' } };
    }
  }
  return { ok: false, failure: wrongApiUrlFailure(spec, response, ctx.transport.baseUrl) ?? failureFromResponse(spec, response) };
}

/**
 * Decides whether a failed attempt is retried and after how long.
 *
 * @param timeouts how many attempts of the call timed out so far, this one included.
 * @returns the delay in milliseconds, or undefined when the call must give up.
 */
export function retryDelay(ctx: CallContext, mode: RetryMode, failure: AttemptFailure, attempt: number, timeouts = 0): number | undefined {
  if (!failure.transient || attempt >= ctx.policy.maxAttempts || timeouts >= ctx.policy.maxTimeouts) return undefined;
  const { status } = failure.error;
  if (status !== 0 && !isRetryableStatus(ctx.policy, status)) return undefined;
  if (mode === 'unsent-only' && failure.processing !== 'none') return undefined;
  return nextDelay(ctx.policy, attempt, failure.error.retryAfterMs, ctx.random);
}

/** The error to throw when a call gives up after `attempts` attempts, explaining an over-long Retry-After. */
export function finalError(ctx: CallContext, failure: AttemptFailure, attempts: number): ApiError {
  const e = failure.error;
  const tooLong = e.retryAfterMs !== undefined && e.retryAfterMs > ctx.policy.retryAfterCapMs && failure.transient;
  const detail = tooLong ? `${e.detail} (the server asked to wait ${Math.ceil(e.retryAfterMs! / 1000)} s, longer than the retry policy allows: retry later)` : e.detail;
  const error = attempts === 1 && !tooLong ? e : new ApiError({ ...e, detail, attempts });
  emit(ctx.onEvent, { type: 'failure', method: error.method, path: error.path, attempt: attempts, status: error.status, code: error.code, message: error.message });
  return error;
}

/** Emits a `retry` event and waits before the next attempt. */
export async function pauseBeforeRetry(ctx: CallContext, failure: AttemptFailure, attempt: number, delayMs: number, signal?: AbortSignal): Promise<void> {
  const e = failure.error;
  emit(ctx.onEvent, { type: 'retry', method: e.method, path: e.path, attempt, status: e.status, code: e.code, delayMs, reason: e.message });
  await sleep(delayMs, signal);
}

/**
 * Runs a call under the retry policy: repeats transient failures the call's {@link RetryMode}
 * allows, with capped exponential backoff and full jitter, honouring Retry-After.
 *
 * @throws ApiError when the call fails for good.
 */
export async function runCall<T>(ctx: CallContext, spec: CallSpec<T>): Promise<T> {
  let maybeActed = false;
  let timeouts = 0;
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(ctx, spec, attempt);
    if (result.ok) return result.value;
    const { failure } = result;
    if (failure.error.status === 404 && maybeActed && spec.notFoundAfterAmbiguous) return spec.notFoundAfterAmbiguous();
    if (failure.error.code === 'timeout') timeouts++;
    const delay = retryDelay(ctx, spec.retry, failure, attempt, timeouts);
    if (delay === undefined) throw finalError(ctx, failure, attempt);
    if (failure.processing !== 'none') maybeActed = true;
    await pauseBeforeRetry(ctx, failure, attempt, delay, spec.signal);
  }
}
