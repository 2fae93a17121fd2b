import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { API_BASE_PATH } from '../../api/wire-types';
import { API_ENDPOINTS, routeUrl, type Endpoint, type EndpointMethod } from './route-table';

/** The route config every API route carries: its endpoint, for the stats. */
export interface EndpointConfig {
  readonly endpoint: Endpoint;
}

/** A route handler: answers through `reply` (or returns nothing after sending). */
export type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

/**
 * Registers the handler of one endpoint of the public API; the endpoint must be listed in
 * {@link API_ENDPOINTS}, which also drives 405 answers and the stats.
 */
export function apiRoute(app: FastifyInstance, method: EndpointMethod, pattern: string, handler: RouteHandler, onRequest?: onRequestHookHandler): void {
  const endpoint = API_ENDPOINTS.find((e) => e.method === method && e.pattern === pattern);
  if (endpoint === undefined) throw new Error(`endpoint ${method} ${pattern} is not in API_ENDPOINTS`);
  const config: EndpointConfig = { endpoint };
  app.route({ method, url: routeUrl(API_BASE_PATH, pattern), config, handler, ...(onRequest ? { onRequest } : {}) });
}

/** The endpoint a routed request reached, if any. */
export function endpointOf(request: FastifyRequest): Endpoint | undefined {
  return (request.routeOptions.config as Partial<EndpointConfig> | undefined)?.endpoint;
}

/** A path parameter as text (fastify gives strings). */
export function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** A query parameter: undefined when absent, a list when repeated. */
export function queryParam(request: FastifyRequest, name: string): string | string[] | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}
