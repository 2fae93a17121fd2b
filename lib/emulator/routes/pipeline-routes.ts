import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_BASE_PATH } from '../../api/wire-types';
import { readDefinitionBody } from '../definition-checks';
import { badRequest } from '../errors';
import type { PipelineService } from '../pipeline-service';
import { sendJson } from '../reply';
import { callerOf } from '../request-context';
import { apiRoute, param, queryParam } from './api-route';

/** The page size of a list when none is asked for. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest page size; a larger one is capped to it. */
export const MAX_PAGE_SIZE = 100;

/** Reads a positive whole number from the query, or `fallback` when absent. */
function positiveInteger(request: FastifyRequest, name: string, fallback: number): number {
  const value = queryParam(request, name);
  if (value === undefined) return fallback;
  if (Array.isArray(value)) throw badRequest(`${name} is given ${value.length} times: give it once`, name);
  if (!/^[1-9][0-9]*$/.test(value)) throw badRequest(`${name} must be a positive whole number, got ${JSON.stringify(value.slice(0, 40))}`, name);
  return Number(value);
}

/** The settings a route module needs. */
export interface PipelineRouteDeps {
  readonly pipelines: PipelineService;
  readonly bodyLimitBytes: number;
}

/** Registers list, create, validate (new), get and delete of pipelines. */
export function registerPipelineRoutes(app: FastifyInstance, deps: PipelineRouteDeps): void {
  const { pipelines, bodyLimitBytes } = deps;

  apiRoute(app, 'GET', '/pipelines', (request, reply) => {
    const page = positiveInteger(request, 'page', 1);
    if (!Number.isSafeInteger(page)) throw badRequest('page is too large', 'page');
    const pageSize = Math.min(positiveInteger(request, 'page_size', DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    return sendJson(reply, 200, pipelines.list(callerOf(request), page, pageSize));
  });

  apiRoute(app, 'POST', '/pipelines', (request, reply) => {
    const def = readDefinitionBody(request.body, request.headers['content-type'], bodyLimitBytes);
    const created = pipelines.create(callerOf(request), def);
    reply.header('location', `${API_BASE_PATH}/pipelines/${created.id}`);
    return sendJson(reply, 201, created);
  });

  apiRoute(app, 'POST', '/pipelines/validate', (request, reply) => {
    const def = readDefinitionBody(request.body, request.headers['content-type'], bodyLimitBytes);
    pipelines.checkReferences(callerOf(request), def);
    return sendJson(reply, 200, { valid: true });
  });

  apiRoute(app, 'GET', '/pipelines/{id}', (request, reply) => sendJson(reply, 200, pipelines.get(callerOf(request), param(request, 'id'))));

  apiRoute(app, 'DELETE', '/pipelines/{id}', (request, reply) => {
    pipelines.archive(callerOf(request), param(request, 'id'));
    return reply.code(204).send();
  });
}
