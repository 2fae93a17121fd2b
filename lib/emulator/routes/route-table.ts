import { API_BASE_PATH } from '../../api/wire-types';
import type { RequestKind } from '../stats';

/** An HTTP method an endpoint answers. */
export type EndpointMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One endpoint: method, path pattern (`{id}` for a segment) and how it counts in the stats. */
export interface Endpoint {
  readonly method: EndpointMethod;
  /** The pattern relative to its base path, e.g. `/pipelines/{id}/start`. */
  readonly pattern: string;
  readonly kind: RequestKind;
}

/** Every endpoint of the public API, relative to /api/public/v1. */
export const API_ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', pattern: '/pipelines', kind: 'read' },
  { method: 'POST', pattern: '/pipelines', kind: 'write' },
  { method: 'POST', pattern: '/pipelines/validate', kind: 'validate' },
  { method: 'GET', pattern: '/pipelines/{id}', kind: 'read' },
  { method: 'DELETE', pattern: '/pipelines/{id}', kind: 'write' },
  { method: 'GET', pattern: '/pipelines/{id}/definition', kind: 'read' },
  { method: 'PUT', pattern: '/pipelines/{id}/definition', kind: 'write' },
  { method: 'POST', pattern: '/pipelines/{id}/definition/validate', kind: 'validate' },
  { method: 'POST', pattern: '/pipelines/{id}/start', kind: 'write' },
  { method: 'POST', pattern: '/pipelines/{id}/stop', kind: 'write' },
  { method: 'GET', pattern: '/api-keys', kind: 'read' },
  { method: 'POST', pattern: '/api-keys', kind: 'write' },
  { method: 'DELETE', pattern: '/api-keys/{id}', kind: 'write' },
];

/** The prefix of the operator endpoints (no auth, loopback only, never faulted or counted). */
export const OPERATOR_BASE_PATH = '/_emulator';

/** Every operator endpoint, relative to /_emulator. */
export const OPERATOR_ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', pattern: '/stats', kind: 'read' },
  { method: 'POST', pattern: '/stats/reset', kind: 'write' },
  { method: 'GET', pattern: '/faults', kind: 'read' },
  { method: 'PUT', pattern: '/faults', kind: 'write' },
];

const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/**
 * The path of a request target, without its query. An absolute-form target
 * (`http://host/api/...`, which the router also accepts) gives its path part.
 */
export function pathOf(url: string): string {
  const origin = ABSOLUTE_FORM.exec(url);
  const rest = origin === null ? url : url.slice(origin[0].length) || '/';
  const q = rest.indexOf('?');
  return q < 0 ? rest : rest.slice(0, q);
}

function under(url: string, base: string): boolean {
  const path = pathOf(url);
  return path === base || path.startsWith(`${base}/`);
}

/** Whether a URL is under the public API (/api/public/v1). */
export function isApiPath(url: string): boolean {
  return under(url, API_BASE_PATH);
}

/** Whether a URL is an operator endpoint (/_emulator). */
export function isOperatorPath(url: string): boolean {
  return under(url, OPERATOR_BASE_PATH);
}

/** The fastify route URL of a pattern: base path prepended, `{id}` written `:id`. */
export function routeUrl(base: string, pattern: string): string {
  return base + pattern.replace(/\{(\w+)\}/g, ':$1');
}

function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => (seg.startsWith('{') ? b[i] !== '' : seg === b[i]));
}

/** What a request to an unrouted method-and-path is: a known path (answer 405 with `allow`) or an unknown one (404). */
export interface UnroutedMatch {
  /** The matching pattern, e.g. `/pipelines/{id}`, or undefined for an unknown path. */
  readonly pattern?: string;
  /** The methods the path answers, for the Allow header (HEAD comes with GET). */
  readonly allow: readonly string[];
}

/** Finds the endpoints whose pattern matches `path` (relative to the base). */
export function matchUnrouted(endpoints: readonly Endpoint[], relativePath: string): UnroutedMatch {
  const found = endpoints.filter((e) => matches(e.pattern, relativePath));
  if (found.length === 0) return { allow: [] };
  const allow = new Set<string>();
  for (const e of found) {
    allow.add(e.method);
    if (e.method === 'GET') allow.add('HEAD');
  }
  const mostSpecific = [...found].sort((x, y) => x.pattern.split('{').length - y.pattern.split('{').length)[0];
  return { pattern: mostSpecific.pattern, allow: [...allow].sort() };
}
