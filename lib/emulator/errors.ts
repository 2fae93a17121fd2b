import type { ApiErrorBody, ApiErrorCode } from '../api/wire-types';

/** Extra response headers an error carries, such as `Retry-After` or `Allow`. */
export type ErrorHeaders = Readonly<Record<string, string>>;

/**
 * An error answered to the caller: status, stable code, message and, for 400/422, the failing field.
 *
 * Route code throws it; the server's error handler turns it into the `{"error":{...}}` body.
 */
export class EmulatorHttpError extends Error {
  /** The HTTP status to answer with. */
  readonly status: number;
  /** The stable machine-readable code of the body. */
  readonly code: ApiErrorCode | string;
  /** The failing field, e.g. `tables[1].columns`, when there is one. */
  readonly field?: string;
  /** Headers to add to the response. */
  readonly headers: ErrorHeaders;

  constructor(status: number, code: ApiErrorCode | string, message: string, field?: string, headers: ErrorHeaders = {}) {
    super(message);
    this.name = 'EmulatorHttpError';
    this.status = status;
    this.code = code;
    this.field = field === '' ? undefined : field;
    this.headers = headers;
  }

  /** The JSON body of the response. */
  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) } };
  }
}

/**
 * The one 404 of a pipeline: unknown, malformed, enormous, archived and other-account ids all get
 * this same error, byte for byte, so ids cannot be enumerated.
 */
export function pipelineNotFound(): EmulatorHttpError {
  return new EmulatorHttpError(404, 'not_found', 'pipeline not found: no pipeline with this id exists in your account');
}

/** The one 404 of an API key id (unknown, malformed or of another account). */
export function apiKeyNotFound(): EmulatorHttpError {
  return new EmulatorHttpError(404, 'not_found', 'API key not found: no key with this id exists in your account');
}

/** A 400 `bad_request` naming the failing field. */
export function badRequest(message: string, field?: string): EmulatorHttpError {
  return new EmulatorHttpError(400, 'bad_request', message, field);
}

/** The error of a thrown bug: a 500 whose body says nothing about the code (no stack). */
export function internalError(): EmulatorHttpError {
  return new EmulatorHttpError(500, 'internal_error', 'the emulator hit an internal error; the request may or may not have been applied; see the emulator log');
}

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
}

/**
 * Turns anything thrown while answering a request into the error to answer with.
 *
 * Errors raised by the HTTP framework for bad input (a body over the limit, an unparsable
 * Content-Type, a bad Content-Length) keep their 4xx status; everything else is a 500.
 */
export function toHttpError(err: unknown, bodyLimitBytes: number): EmulatorHttpError {
  if (err instanceof EmulatorHttpError) return err;
  const fw = (err ?? {}) as FrameworkError;
  const status = typeof fw.statusCode === 'number' ? fw.statusCode : 500;
  if (fw.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return new EmulatorHttpError(413, 'payload_too_large', `the request body is larger than ${bodyLimitBytes} bytes: send a smaller document`);
  }
  if (fw.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return new EmulatorHttpError(415, 'unsupported_media_type', 'the Content-Type of the body is missing or not supported: send application/yaml or application/json');
  }
  if (status >= 400 && status < 500) {
    return new EmulatorHttpError(400, 'bad_request', 'the request is malformed (body, Content-Length or encoding): fix the request and retry');
  }
  return internalError();
}
