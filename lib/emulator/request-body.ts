import { EmulatorHttpError } from './errors';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a request body (a leading byte-order mark is dropped); empty when there is no body.
 *
 * @throws EmulatorHttpError with the given status and code when the body is not valid UTF-8.
 */
export function bodyText(body: unknown, status: number, code: string): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (!(body instanceof Uint8Array)) return '';
  try {
    return decoder.decode(body);
  } catch {
    throw new EmulatorHttpError(status, code, 'the body is not valid UTF-8: send the document encoded as UTF-8');
  }
}
