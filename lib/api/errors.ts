import { redactCause, redactSecrets } from './redact';

/** The codes the client itself gives an {@link ApiError} when the server gave none. */
export type ClientErrorCode = 'network_error' | 'timeout' | 'invalid_response' | 'create_outcome_unknown' | 'aborted' | 'list_unstable' | 'wrong_api_url';

/** What an {@link ApiError} is made from. Every text is redacted by the constructor. */
export interface ApiErrorInit {
  /** The HTTP status, or 0 when no response came (network failure, timeout, abort). */
  readonly status: number;
  /** The server's error code, or one of {@link ClientErrorCode}. */
  readonly code: string;
  /** The HTTP method of the request, e.g. `POST`. */
  readonly method: string;
  /** The request path with its query, e.g. `/api/public/v1/pipelines/7/stop?force=true`. */
  readonly path: string;
  /** What went wrong, in words: the server's message or the client's explanation. */
  readonly detail: string;
  /** The failing field of a 400 or 422, e.g. `tables[1].columns`. */
  readonly field?: string;
  /** How long the server asked the caller to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  /** How many attempts were made before giving up. @default 1 */
  readonly attempts?: number;
  /** The underlying error (a network error, a parse error, a definition error). */
  readonly cause?: unknown;
}

/**
 * The one error the client throws for a failed API call: an error response, a network failure, a
 * timeout or a response it could not understand.
 *
 * The message reads like
 * `POST /api/public/v1/pipelines failed: 400 invalid_definition at tables[1].columns: use columns.include or columns.exclude, not both`.
 * No API key ever appears in it: the message, the detail and the cause are redacted.
 *
 * @example
 * try { await client.getPipeline(7); } catch (e) { if (isApiError(e) && e.status === 404) { ... } }
 */
export class ApiError extends Error {
  /**
   * The HTTP status, or 0 when no response came from the API (network failure, timeout, or
   * `wrong_api_url`: the base URL leads to something else, which answered 404). For
   * `create_outcome_unknown`, the status of the create attempt whose outcome is unknown.
   */
  readonly status: number;
  /**
   * A stable machine-readable code: the server's (`invalid_definition`, `not_found`, ...) or
   * the client's: `network_error`, `timeout`, `invalid_response`, `create_outcome_unknown`, `aborted`,
   * `list_unstable`, `wrong_api_url`.
   */
  readonly code: string;
  /** The HTTP method of the failed request. */
  readonly method: string;
  /** The path (and query) of the failed request, under `/api/public/v1`. */
  readonly path: string;
  /** The failing field reported by the server, e.g. `tables[1].columns`. */
  readonly field?: string;
  /** How long the server asked to wait before trying again (from Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The server's (or client's) explanation alone, without method, path and status. Redacted. */
  readonly detail: string;
  /** How many attempts were made, retries included. */
  readonly attempts: number;
  /** The underlying error, with any key redacted. */
  override readonly cause?: unknown;

  constructor(init: ApiErrorInit) {
    const detail = redactSecrets(init.detail);
    const field = init.field === undefined ? undefined : redactSecrets(init.field);
    const attempts = init.attempts ?? 1;
    const status = init.status > 0 ? `${init.status} ` : '';
    const at = field ? ` at ${field}` : '';
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    super(`${init.method} ${redactSecrets(init.path)} failed: ${status}${redactSecrets(init.code)}${at}: ${detail}${tries}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = redactSecrets(init.code);
    this.method = init.method;
    this.path = redactSecrets(init.path);
    this.field = field;
    this.retryAfterMs = init.retryAfterMs;
    this.detail = detail;
    this.attempts = attempts;
    this.cause = redactCause(init.cause);
  }
}

/** True when a value is an {@link ApiError} (also across copies of this module). */
export function isApiError(e: unknown): e is ApiError {
  if (e instanceof ApiError) return true;
  if (!(e instanceof Error) || e.name !== 'ApiError') return false;
  const candidate = e as Partial<ApiError>;
  return typeof candidate.status === 'number' && typeof candidate.code === 'string';
}

/** The environment variables the client reads its configuration from. */
export type ConfigVariable = 'INTEGRATEIO_API_KEY' | 'INTEGRATEIO_API_URL' | 'INTEGRATEIO_REQUEST_TIMEOUT_SECONDS';

/**
 * Thrown by the client constructor when the configuration is missing or unusable: no API key, a
 * key that does not look like `fdk_…`, no base URL or one that is not http(s).
 *
 * The message names the environment variable to set and never contains the key.
 */
export class ConfigError extends Error {
  /** The environment variable that would fix the problem. */
  readonly variable: ConfigVariable;

  constructor(variable: ConfigVariable, message: string) {
    super(redactSecrets(message));
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** True when a value is a {@link ConfigError} (also across copies of this module). */
export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError || (e instanceof Error && e.name === 'ConfigError' && typeof (e as ConfigError).variable === 'string');
}

/**
 * Thrown by `waitForObservedState` when the pipeline did not reach the target state in time.
 *
 * It is not an {@link ApiError}: every call succeeded, the pipeline was just not there yet.
 */
export class WaitTimeoutError extends Error {
  /** The pipeline waited for. */
  readonly pipelineId: number;
  /** The observed state waited for. */
  readonly target: string;
  /** The observed state last seen, or undefined when no poll answered. */
  readonly lastObservedState?: string;
  /** How long the wait lasted, in milliseconds. */
  readonly elapsedMs: number;

  constructor(pipelineId: number, target: string, lastObservedState: string | undefined, elapsedMs: number) {
    const last = lastObservedState === undefined ? 'no state was observed' : `last observed state "${lastObservedState}"`;
    super(`pipeline ${pipelineId} did not reach observed state "${target}" within ${elapsedMs} ms: ${last}`);
    this.name = 'WaitTimeoutError';
    this.pipelineId = pipelineId;
    this.target = target;
    this.lastObservedState = lastObservedState;
    this.elapsedMs = elapsedMs;
  }
}

/** True when a value is a {@link WaitTimeoutError} (also across copies of this module). */
export function isWaitTimeoutError(e: unknown): e is WaitTimeoutError {
  return e instanceof WaitTimeoutError || (e instanceof Error && e.name === 'WaitTimeoutError' && typeof (e as WaitTimeoutError).pipelineId === 'number');
}
