import { ApiError } from './errors';
import { parseRetryAfter } from './retry-policy';
import { redactSecrets } from './redact';
import type { ApiErrorBody } from './wire-types';

/** One HTTP request of the client, before the connection settings are added. */
export interface HttpRequest {
  /** The HTTP method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path and query, starting with `/api/public/v1`. */
  readonly path: string;
  /** The Accept header. @default 'application/json' */
  readonly accept?: string;
  /** The Content-Type of `body`. @default 'application/json' when there is a body */
  readonly contentType?: string;
  /** The request body. */
  readonly body?: string;
  /** Aborts the request when the caller gives up (the per-request timeout is added on top). */
  readonly signal?: AbortSignal;
}

/** A response, its body read in full. */
export interface HttpResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The body as text (empty for 204). */
  readonly text: string;
}

/**
 * Whether the server may have acted on a failed attempt:
 * - `none`: it certainly did nothing (connection refused, 429, 4xx);
 * - `maybe`: nobody knows (timeout, dropped or reset connection, 5xx);
 * - `done`: it did act (a 2xx whose body could not be read as expected).
 */
export type Processing = 'none' | 'maybe' | 'done';

/** A failed attempt, classified for the retry loop. */
export interface AttemptFailure {
  /** The error to throw if this is the last attempt. */
  readonly error: ApiError;
  /** Whether the failure is transient: another attempt may succeed. */
  readonly transient: boolean;
  /** Whether the server may have acted on the request. */
  readonly processing: Processing;
}

/** Error codes of a connection that was never established: the request was certainly not sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
/** Error codes of a TLS failure: certainly not sent, and another attempt will fail the same way. */
const PERMANENT_CODE = /^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT)/;

/** Default codes for statuses whose body has no `{"error": …}`. */
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_definition',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** After a failure, whether the server acted: `done` when a 2xx status line had arrived, else unknown. */
function processedIf(status: number | undefined): Processing {
  return status !== undefined && status >= 200 && status < 300 ? 'done' : 'maybe';
}

/** Finds the first `code` property along an error's chain of causes (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...). */
function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True for an Error from any realm (fetch's errors are not `instanceof Error` inside a VM context such as jest's). */
function isErrorLike(value: unknown): value is { message: string; name?: string; cause?: unknown } {
  return value !== null && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string';
}

/** The innermost error's message, which is the informative one for `fetch failed` (its cause may be a bare string). */
function innermostMessage(err: unknown): string {
  let current: unknown = err;
  let message = isErrorLike(err) ? err.message : String(err);
  for (let depth = 0; depth < 6; depth++) {
    if (typeof current === 'string' && current !== '') return current;
    if (!isErrorLike(current)) break;
    message = current.message || message;
    current = current.cause;
  }
  return message;
}

/** Reads an error response's body: the server's code, message and field when it sent them. */
export function parseErrorBody(status: number, text: string): { code: string; detail: string; field?: string } {
  const fallbackCode = STATUS_CODES[status] ?? `http_${status}`;
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  if (error && typeof error === 'object' && typeof error.code === 'string' && typeof error.message === 'string') {
    return { code: error.code, detail: error.message, field: typeof error.field === 'string' && error.field !== '' ? error.field : undefined };
  }
  const snippet = text.trim().replace(/\s+/g, ' ').slice(0, 200);
  return { code: fallbackCode, detail: snippet === '' ? 'the response had no error body' : `the response had no error body in the API's format: ${snippet}` };
}

/** The largest response body the client reads, in bytes: a bigger one is a broken server. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** A response body beyond {@link MAX_RESPONSE_BYTES}. */
class ResponseTooLargeError extends Error {}

/**
 * Reads a body to the end as UTF-8, each chunk racing `abandoned` (which rejects at the deadline or
 * when the caller aborts), and at most {@link MAX_RESPONSE_BYTES}.
 */
async function readBody(reader: ReadableStreamDefaultReader<Uint8Array>, abandoned: Promise<never>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await Promise.race([reader.read(), abandoned]);
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > MAX_RESPONSE_BYTES) throw new ResponseTooLargeError(`the response body is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`);
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * Sends single HTTP requests to the API with Node's own fetch: adds the base URL, the bearer key,
 * the User-Agent and a per-request timeout, and classifies failures for the retry loop.
 *
 * The key lives in a private field: it is not enumerable, not inspectable and never logged.
 */
export class HttpTransport {
  readonly #apiKey: string;
  /** The service root, without a trailing slash. */
  readonly baseUrl: string;
  /** The per-request timeout in milliseconds. */
  readonly timeoutMs: number;
  /** The User-Agent header sent. */
  readonly userAgent: string;

  constructor(settings: { baseUrl: string; apiKey: string; timeoutMs: number; userAgent: string }) {
    this.baseUrl = settings.baseUrl;
    this.#apiKey = settings.apiKey;
    this.timeoutMs = settings.timeoutMs;
    this.userAgent = settings.userAgent;
  }

  /**
   * Sends one request and reads the whole response.
   *
   * @returns the response (any status), or a classified failure when no complete response came.
   */
  async send(req: HttpRequest): Promise<{ ok: true; response: HttpResponse } | { ok: false; failure: AttemptFailure }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#apiKey}`,
      accept: req.accept ?? 'application/json',
      'user-agent': this.userAgent,
    };
    if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    // The deadline is an explicit timer held by this frame, and every await races it: fetch's
    // own abort wiring holds the request weakly, so after a garbage collection an aborted signal
    // may never reach a response whose body is still being read (a server that stalls mid-body
    // would hang the call forever). `AbortSignal.timeout()` has the same weakness.
    const controller = new AbortController();
    const abandoned = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    abandoned.catch(() => undefined);
    const onCallerAbort = (): void => controller.abort(req.signal?.reason ?? new DOMException('aborted', 'AbortError'));
    const timer = setTimeout(() => controller.abort(new DOMException(`no complete response within ${this.timeoutMs} ms`, 'TimeoutError')), this.timeoutMs);
    if (req.signal?.aborted) onCallerAbort();
    else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let status: number | undefined;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    try {
      const pending = fetch(`${this.baseUrl}${req.path}`, { method: req.method, headers, body: req.body, signal: controller.signal, redirect: 'error' });
      pending.catch(() => undefined);
      const res = await Promise.race([pending, abandoned]);
      status = res.status;
      reader = res.body?.getReader();
      const text = reader ? await readBody(reader, abandoned) : '';
      reader = undefined;
      return { ok: true, response: { status: res.status, headers: res.headers, text } };
    } catch (err) {
      // Cancelling the reader closes the connection of a body that will not be read to the end.
      reader?.cancel().catch(() => undefined);
      if (err instanceof ResponseTooLargeError) return { ok: false, failure: { error: new ApiError({ method: req.method, path: req.path, status: status ?? 0, code: 'invalid_response', detail: err.message }), transient: false, processing: processedIf(status) } };
      return { ok: false, failure: this.classify(req, err, status, controller.signal) };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private classify(req: HttpRequest, err: unknown, status: number | undefined, signal: AbortSignal): AttemptFailure {
    const base = { method: req.method, path: req.path, status: 0 };
    const gotHeaders = status !== undefined;
    if (req.signal?.aborted) {
      return { error: new ApiError({ ...base, code: 'aborted', detail: 'the caller aborted the request', cause: req.signal.reason ?? err }), transient: false, processing: 'maybe' };
    }
    if (signal.aborted) {
      const when = gotHeaders ? `the response body did not arrive within ${this.timeoutMs} ms` : `no response within ${this.timeoutMs} ms`;
      return { error: new ApiError({ ...base, code: 'timeout', detail: when, cause: err }), transient: true, processing: processedIf(status) };
    }
    const code = errorCode(err);
    const reason = redactSecrets(innermostMessage(err));
    if (code !== undefined && PERMANENT_CODE.test(code)) {
      return { error: new ApiError({ ...base, code: 'network_error', detail: `TLS failure (${code}): ${reason}`, cause: err }), transient: false, processing: 'none' };
    }
    if (reason === 'bad port') {
      return { error: new ApiError({ ...base, code: 'network_error', detail: 'fetch refuses to connect to this port (bad port): set INTEGRATEIO_API_URL to a service on another port', cause: err }), transient: false, processing: 'none' };
    }
    if (/redirect/i.test(reason)) {
      return { error: new ApiError({ ...base, code: 'network_error', detail: 'the server answered with a redirect, which the client does not follow: set INTEGRATEIO_API_URL to the final service root (e.g. https://…)', cause: err }), transient: false, processing: 'none' };
    }
    if (!gotHeaders && code !== undefined && NOT_SENT_CODES.has(code)) {
      return { error: new ApiError({ ...base, code: 'network_error', detail: `could not connect (${code}): ${reason}`, cause: err }), transient: true, processing: 'none' };
    }
    const what = gotHeaders ? `the connection dropped while reading the ${status} response` : 'the connection dropped before a response';
    return { error: new ApiError({ ...base, code: 'network_error', detail: `${what}${code ? ` (${code})` : ''}: ${reason}`, cause: err }), transient: true, processing: processedIf(status) };
  }
}

/**
 * Turns an error response into a classified failure: 429 means the server did nothing, a 5xx
 * that it may have done something, any other status that it refused the request.
 */
export function failureFromResponse(req: HttpRequest, response: HttpResponse, now: number = Date.now()): AttemptFailure {
  const { code, detail, field } = parseErrorBody(response.status, response.text);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  const error = new ApiError({ status: response.status, code, detail, field, method: req.method, path: req.path, retryAfterMs });
  const processing: Processing = response.status >= 500 ? 'maybe' : 'none';
  return { error, transient: response.status === 429 || response.status >= 500, processing };
}

/** Builds the `invalid_response` error of a 2xx response the client could not read. */
export function invalidResponse(req: HttpRequest, status: number, detail: string, cause?: unknown): ApiError {
  return new ApiError({ status, code: 'invalid_response', method: req.method, path: req.path, detail, cause });
}
