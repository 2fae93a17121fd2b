/**
 * When and how the client retries a failed call.
 *
 * Only calls that are safe to repeat are retried (reads, replace, validate, start, stop, archive,
 * key listing and revocation); create is recovered instead (see `create-recovery.ts`) and key
 * creation is retried only when the server certainly did nothing.
 */
export interface RetryPolicy {
  /**
   * The most attempts made for one call, the first included. 1 turns retries off.
   * @default 5
   */
  readonly maxAttempts: number;
  /**
   * The backoff before the first retry; it doubles for each further one (before jitter).
   * @default 250
   */
  readonly baseDelayMs: number;
  /**
   * The longest backoff between two attempts (before jitter).
   * @default 8000
   */
  readonly maxDelayMs: number;
  /**
   * HTTP statuses that are worth another attempt.
   * @default [429, 500, 502, 503, 504]
   */
  readonly retryStatuses: readonly number[];
  /**
   * HTTP statuses that are never retried, whatever `retryStatuses` says: the request itself is wrong.
   * @default [400, 401, 403, 404, 405, 406, 409, 413, 415, 422]
   */
  readonly neverRetryStatuses: readonly number[];
  /**
   * The longest Retry-After the client waits for. A server asking for longer ends the retries and
   * the error carries `retryAfterMs`, so the caller can decide.
   * @default 60000
   */
  readonly retryAfterCapMs: number;
  /**
   * The most attempts of one call that may time out: a server that leaves this many attempts
   * unanswered is hung, and the call fails instead of waiting out every attempt. With the default
   * timeout of 30 s, a hung API is reported after about a minute; with 2 s, after about 4 s.
   * @default 2
   */
  readonly maxTimeouts: number;
}

/** The documented defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  retryStatuses: Object.freeze([429, 500, 502, 503, 504]),
  neverRetryStatuses: Object.freeze([400, 401, 403, 404, 405, 406, 409, 413, 415, 422]),
  retryAfterCapMs: 60000,
  maxTimeouts: 2,
});

function nonNegative(name: string, value: number, min = 0): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) throw new RangeError(`retry.${name} must be a number ≥ ${min}, got ${String(value)}`);
  return value;
}

/**
 * Fills a partial policy with the defaults and checks it.
 *
 * @throws RangeError when a number is negative or not finite, or maxAttempts or maxTimeouts is below 1.
 */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) } as RetryPolicy;
  return Object.freeze({
    maxAttempts: Math.floor(nonNegative('maxAttempts', policy.maxAttempts, 1)),
    baseDelayMs: nonNegative('baseDelayMs', policy.baseDelayMs),
    maxDelayMs: nonNegative('maxDelayMs', policy.maxDelayMs),
    retryStatuses: Object.freeze([...policy.retryStatuses]),
    neverRetryStatuses: Object.freeze([...policy.neverRetryStatuses]),
    retryAfterCapMs: nonNegative('retryAfterCapMs', policy.retryAfterCapMs),
    maxTimeouts: Math.floor(nonNegative('maxTimeouts', policy.maxTimeouts, 1)),
  });
}

/** True when a response with this status may be retried under the policy. */
export function isRetryableStatus(policy: RetryPolicy, status: number): boolean {
  return !policy.neverRetryStatuses.includes(status) && policy.retryStatuses.includes(status);
}

/**
 * The backoff before retry number `retry` (1 for the first retry): capped exponential backoff
 * with full jitter, `random() × min(maxDelayMs, baseDelayMs × 2^(retry-1))`.
 *
 * @param random a source of numbers in [0, 1); tests pass a fixed one.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Reads a Retry-After header: a number of seconds (`120`, `1.5`) or an HTTP date. Returns
 * milliseconds from `now` (never negative), or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^\d/.test(text) || text.startsWith('-')) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * How long to wait before the next attempt: the server's Retry-After when it gave one (at least
 * the jittered backoff when it said 0), else the jittered backoff. Returns undefined when the
 * server asked for longer than `retryAfterCapMs`: the call should stop retrying.
 */
export function nextDelay(policy: RetryPolicy, retry: number, retryAfterMs: number | undefined, random: () => number = Math.random): number | undefined {
  const backoff = backoffDelay(policy, retry, random);
  if (retryAfterMs === undefined) return backoff;
  if (retryAfterMs > policy.retryAfterCapMs) return undefined;
  return retryAfterMs > 0 ? retryAfterMs : backoff;
}
