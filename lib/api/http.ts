import * as http from 'node:http';
import * as https from 'node:https';
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
  readonly headers: ResponseHeaders;
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
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);
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

/** Finds the first `code` property along an error's chain of causes (`ECONNREFUSED`, `ECONNRESET`, ...). */
function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True for an Error from any realm (Node's errors are not `instanceof Error` inside a VM context such as jest's). */
function isErrorLike(value: unknown): value is { message: string; name?: string; cause?: unknown } {
  return value !== null && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string';
}

/** The innermost error's message, the informative one when an error wraps another (a cause may be a bare string). */
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

/** A 3xx answer: the client never follows a redirect, which would send the key elsewhere. */
class RedirectError extends Error {}

/** What one attempt observed: the status, once the headers came. */
interface Exchange {
  status?: number;
}

/** The headers of a response, read by name (case-insensitive). */
export interface ResponseHeaders {
  /** The header's value (several joined with `, `), or null when it is absent. */
  get(name: string): string | null;
}

/** Wraps Node's header object (names in lower case) as {@link ResponseHeaders}. */
function responseHeaders(raw: http.IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name: string): string | null {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * Sends single HTTP requests to the API with `node:http` / `node:https` (not fetch: see
 * DESIGN.md, "The API client's transport"): adds the base URL, the bearer key, the User-Agent
 * and a per-request deadline, and classifies failures for the retry loop. Connections are kept
 * alive and reused; an idle one never keeps the process alive.
 *
 * The key lives in a private field: it is not enumerable, not inspectable and never logged.
 */
export class HttpTransport {
  readonly #apiKey: string;
  readonly #agent: http.Agent;
  readonly #request: typeof http.request;
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
    const secure = settings.baseUrl.startsWith('https:');
    this.#agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.#request = secure ? https.request : http.request;
  }

  /**
   * Sends one request and reads the whole response.
   *
   * @returns the response (any status but a redirect), or a classified failure when no complete response came.
   */
  async send(req: HttpRequest): Promise<{ ok: true; response: HttpResponse } | { ok: false; failure: AttemptFailure }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#apiKey}`,
      accept: req.accept ?? 'application/json',
      'user-agent': this.userAgent,
    };
    if (req.body !== undefined) {
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(req.body));
    }
    // One deadline for the whole exchange (connecting, the headers, every chunk of the body), a
    // timer held by this frame: when it fires or the caller aborts, the request is destroyed and
    // the attempt fails, whatever stage it is in.
    const controller = new AbortController();
    const exchange: Exchange = {};
    const onCallerAbort = (): void => controller.abort(req.signal?.reason ?? new DOMException('aborted', 'AbortError'));
    const timer = setTimeout(() => controller.abort(new DOMException(`no complete response within ${this.timeoutMs} ms`, 'TimeoutError')), this.timeoutMs);
    if (req.signal?.aborted) onCallerAbort();
    else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return { ok: true, response: await this.exchange(req, headers, controller.signal, exchange) };
    } catch (err) {
      const status = exchange.status;
      if (err instanceof ResponseTooLargeError) return { ok: false, failure: { error: new ApiError({ method: req.method, path: req.path, status: status ?? 0, code: 'invalid_response', detail: err.message }), transient: false, processing: processedIf(status) } };
      if (err instanceof RedirectError) {
        const detail = `the server answered with a redirect (${err.message}), which the client does not follow: set INTEGRATEIO_API_URL to the final service root (e.g. https://…)`;
        return { ok: false, failure: { error: new ApiError({ method: req.method, path: req.path, status: 0, code: 'network_error', detail }), transient: false, processing: 'none' } };
      }
      return { ok: false, failure: this.classify(req, err, status, controller.signal) };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** One request and its whole response; rejects on any failure, after destroying the connection. */
  private exchange(req: HttpRequest, headers: Record<string, string>, signal: AbortSignal, exchange: Exchange): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const request = this.#request(`${this.baseUrl}${req.path}`, { method: req.method, headers, agent: this.#agent });
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        return true;
      };
      const fail = (err: unknown): void => {
        if (!settle()) return;
        request.destroy();
        reject(err);
      };
      const onAbort = (): void => fail(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      request.on('error', fail);
      request.on('response', (res) => {
        const status = res.statusCode ?? 0;
        exchange.status = status;
        res.on('error', fail);
        if (status >= 300 && status < 400) {
          fail(new RedirectError(`HTTP ${status}`));
          return;
        }
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_RESPONSE_BYTES) fail(new ResponseTooLargeError(`the response body is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if (settle()) resolve({ status, headers: responseHeaders(res.headers), text: new TextDecoder().decode(Buffer.concat(chunks)) });
        });
        // A connection that closes before the end of the body never emits `end`.
        res.on('close', () => {
          if (!res.complete) fail(Object.assign(new Error('the connection closed before the end of the response body'), { code: 'ECONNRESET' }));
        });
      });
      request.end(req.body);
    });
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
