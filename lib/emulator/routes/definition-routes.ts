import type { FastifyInstance } from 'fastify';
import { serializeDefinition } from '../../definition';
import { negotiateDefinition } from '../content-negotiation';
import { readDefinitionBody } from '../definition-checks';
import { sendJson } from '../reply';
import { callerOf } from '../request-context';
import { apiRoute, param } from './api-route';
import type { PipelineRouteDeps } from './pipeline-routes';

/** Registers get, replace and validate of a pipeline's definition. */
export function registerDefinitionRoutes(app: FastifyInstance, deps: PipelineRouteDeps): void {
  const { pipelines, bodyLimitBytes } = deps;

  apiRoute(app, 'GET', '/pipelines/{id}/definition', (request, reply) => {
    const def = pipelines.definition(callerOf(request), param(request, 'id'));
    const chosen = negotiateDefinition(request.headers.accept);
    return reply.code(200).header('content-type', chosen.contentType).header('vary', 'Accept').send(serializeDefinition(def, chosen.format));
  });

  apiRoute(app, 'PUT', '/pipelines/{id}/definition', (request, reply) => {
    const caller = callerOf(request);
    const id = param(request, 'id');
    pipelines.exists(caller, id);
    const def = readDefinitionBody(request.body, request.headers['content-type'], bodyLimitBytes);
    return sendJson(reply, 200, pipelines.replace(caller, id, def));
  });

  apiRoute(app, 'POST', '/pipelines/{id}/definition/validate', (request, reply) => {
    const caller = callerOf(request);
    pipelines.exists(caller, param(request, 'id'));
    const def = readDefinitionBody(request.body, request.headers['content-type'], bodyLimitBytes);
    pipelines.checkReferences(caller, def);
    return sendJson(reply, 200, { valid: true });
  });
}
