import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors';
import type { PipelineService } from '../pipeline-service';
import { sendJson } from '../reply';
import { callerOf } from '../request-context';
import { apiRoute, param, queryParam } from './api-route';

/** Reads `force` from the query: absent or `false` is a graceful stop, `true` a forced one. */
function forceOf(request: FastifyRequest): boolean {
  const value = queryParam(request, 'force');
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest('force is true or false', 'force');
}

/** Registers start and stop. */
export function registerLifecycleRoutes(app: FastifyInstance, pipelines: PipelineService): void {
  apiRoute(app, 'POST', '/pipelines/{id}/start', (request, reply) => sendJson(reply, 200, pipelines.start(callerOf(request), param(request, 'id'))));

  apiRoute(app, 'POST', '/pipelines/{id}/stop', (request, reply) => {
    const caller = callerOf(request);
    const id = param(request, 'id');
    pipelines.exists(caller, id);
    return sendJson(reply, 200, pipelines.stop(caller, id, forceOf(request)));
  });
}
