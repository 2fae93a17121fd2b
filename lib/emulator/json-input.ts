import type { z } from 'zod';
import { findDuplicateJsonKey, formatPath, type PathSegment } from '../definition';
import { requireJsonBody } from './content-negotiation';
import { EmulatorHttpError } from './errors';
import { bodyText } from './request-body';

/** The code of a JSON body that is not the expected shape (422). */
export const UNPROCESSABLE_ENTITY = 'unprocessable_entity';

function unprocessable(message: string, field?: string): EmulatorHttpError {
  return new EmulatorHttpError(422, UNPROCESSABLE_ENTITY, message, field);
}

/**
 * Reads a JSON request body and checks its shape against a zod schema.
 *
 * @throws EmulatorHttpError 415 when the body is not `application/json`; 422
 * `unprocessable_entity` naming the field when it is not valid UTF-8 or JSON, repeats a key in an
 * object, has unknown keys or wrong types.
 */
export function readJsonBody<S extends z.ZodType>(body: unknown, contentType: string | undefined, schema: S): z.infer<S> {
  requireJsonBody(contentType);
  const text = bodyText(body, 422, UNPROCESSABLE_ENTITY);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw unprocessable('the body is not valid JSON: send a JSON object');
  }
  const duplicate = findDuplicateJsonKey(text);
  if (duplicate !== undefined) {
    const field = formatPath(duplicate.path);
    throw unprocessable(`${field} is written twice in the same object: send each key once`, field);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path as PathSegment[];
  if (issue.code === 'unrecognized_keys') {
    throw unprocessable(`unknown key "${issue.keys[0]}": remove it or check its spelling`, formatPath([...path, issue.keys[0]]));
  }
  const field = formatPath(path);
  if (issue.code === 'invalid_type') throw unprocessable(`${field === '' ? 'the body' : field} must be ${issue.expected === 'object' ? 'a JSON object' : issue.expected}`, field);
  throw unprocessable(`${field === '' ? 'the body' : field}: ${issue.message}`, field);
}
