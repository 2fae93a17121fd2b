/**
 * What the client reports to `ClientOptions.onEvent`, for logs and progress. Events never carry
 * the API key, request bodies or headers; every text in them is redacted.
 */
export type ClientEvent = RequestEvent | ResponseEvent | RetryEvent | RecoveryEvent | FailureEvent;

/** Fields every event has. */
interface EventBase {
  /** The HTTP method of the call, e.g. `GET`. */
  readonly method: string;
  /** The path (and query) of the call, under `/api/public/v1`. */
  readonly path: string;
  /** The 1-based attempt this event is about. */
  readonly attempt: number;
}

/** An attempt is about to be sent. */
export interface RequestEvent extends EventBase {
  readonly type: 'request';
}

/** An attempt got a response (any status). */
export interface ResponseEvent extends EventBase {
  readonly type: 'response';
  /** The HTTP status. */
  readonly status: number;
  /** How long the attempt took, in milliseconds. */
  readonly durationMs: number;
}

/** An attempt failed and the client will try again after `delayMs`. */
export interface RetryEvent extends EventBase {
  readonly type: 'retry';
  /** The HTTP status of the failed attempt, or 0 when no response came. */
  readonly status: number;
  /** The error code of the failed attempt, e.g. `rate_limited` or `network_error`. */
  readonly code: string;
  /** The wait before the next attempt, in milliseconds. */
  readonly delayMs: number;
  /** The failure in words (redacted). */
  readonly reason: string;
}

/**
 * A create whose outcome was unknown (a timeout, a dropped connection or a 5xx) was looked up:
 * `adopted` when the pipeline that attempt created was found and is returned instead of creating
 * another one, `not_found` when no such pipeline exists (the create is then retried).
 */
export interface RecoveryEvent extends EventBase {
  readonly type: 'recovery';
  /** What the lookup found. */
  readonly outcome: 'adopted' | 'not_found';
  /** The name of the pipeline being created. */
  readonly name: string;
  /** The adopted pipeline's id, when one was adopted. */
  readonly pipelineId?: number;
}

/** A call failed for good (after any retries); the {@link ApiError} thrown has the same message. */
export interface FailureEvent extends EventBase {
  readonly type: 'failure';
  /** The HTTP status, or 0 when no response came. */
  readonly status: number;
  /** The error code. */
  readonly code: string;
  /** The error message (redacted). */
  readonly message: string;
}

/** Calls an event listener, ignoring a listener that throws: logging must never break a call. */
export function emit(listener: ((e: ClientEvent) => void) | undefined, event: ClientEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A broken listener is the caller's bug; the API call goes on.
  }
}
