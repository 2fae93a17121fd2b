import { ApiError } from './errors';
import type { AttemptFailure, HttpRequest, HttpResponse } from './http';
import { API_BASE_PATH } from './wire-types';

/** The list endpoints: they never answer 404 from the API itself. */
const LIST_ENDPOINT = new RegExp(`^${API_BASE_PATH.replace(/\//g, '\\/')}\\/(pipelines|api-keys)(\\?|$)`);

/** True when a body is an error in the API's format: `{"error": {"code": "...", "message": "..."}}`. */
function isApiErrorBody(text: string): boolean {
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    return typeof error?.code === 'string' && typeof error.message === 'string';
  } catch {
    return false;
  }
}

/**
 * The `wrong_api_url` error: the base URL does not lead to the Integrate.io public API. Its status
 * is 0 (no answer from the API), so that no caller mistakes it for a missing pipeline.
 */
export function wrongApiUrlError(req: Pick<HttpRequest, 'method' | 'path'>, baseUrl: string, why: string): ApiError {
  return new ApiError({
    status: 0,
    code: 'wrong_api_url',
    method: req.method,
    path: req.path,
    detail: `the API URL ${baseUrl} does not point at the Integrate.io public API (${baseUrl}${API_BASE_PATH}): ${why}; set it to the service root, e.g. https://api.integrate.io`,
  });
}

/**
 * Recognises a 404 that did not come from the API: a body not in the API's error format (a proxy's
 * or another site's page), or a 404 on a list endpoint, which the API never answers. Returns
 * undefined for any other response.
 */
export function wrongApiUrlFailure(req: HttpRequest, response: HttpResponse, baseUrl: string): AttemptFailure | undefined {
  if (response.status !== 404) return undefined;
  const apiBody = isApiErrorBody(response.text);
  const list = req.method === 'GET' && LIST_ENDPOINT.test(req.path);
  if (apiBody && !list) return undefined;
  const why = apiBody ? `${req.method} ${req.path} answered 404, which the API never does for a list` : `${req.method} ${req.path} answered 404 with a body that is not the API's`;
  return { error: wrongApiUrlError(req, baseUrl, why), transient: false, processing: 'none' };
}
