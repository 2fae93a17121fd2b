import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from '../errors';
import { FaultOptionsError, type FaultOptions, type FaultPlanner } from '../faults';
import { readJsonBody } from '../json-input';
import { sendJson } from '../reply';
import type { StatsCollector } from '../stats';
import { OPERATOR_BASE_PATH, routeUrl } from './route-table';

const faultsSchema = z.strictObject({
  rate429: z.number().optional(),
  retryAfterSeconds: z.number().optional(),
  rate500: z.number().optional(),
  rate503: z.number().optional(),
  rateDrop: z.number().optional(),
  rateSlow: z.number().optional(),
  slowMs: z.number().optional(),
  seed: z.number().optional(),
});

/** The route config of the operator endpoints, so the server knows them however their URL was spelled. */
export interface OperatorConfig {
  readonly operator: true;
}

/** Whether a routed request reached an operator endpoint. */
export function isOperatorRoute(request: FastifyRequest): boolean {
  return !request.is404 && (request.routeOptions.config as Partial<OperatorConfig> | undefined)?.operator === true;
}

/**
 * Registers the operator endpoints: GET /_emulator/stats, POST /_emulator/stats/reset,
 * GET and PUT /_emulator/faults. No auth (the server answers them to loopback callers only),
 * never faulted, not counted.
 */
export function registerOperatorRoutes(app: FastifyInstance, stats: StatsCollector, faults: FaultPlanner): void {
  const config: OperatorConfig = { operator: true };
  app.get(routeUrl(OPERATOR_BASE_PATH, '/stats'), { config }, (_request, reply) => sendJson(reply, 200, stats.snapshot()));

  app.post(routeUrl(OPERATOR_BASE_PATH, '/stats/reset'), { config }, (_request, reply) => {
    stats.reset();
    return reply.code(204).send();
  });

  app.get(routeUrl(OPERATOR_BASE_PATH, '/faults'), { config }, (_request, reply) => sendJson(reply, 200, faults.current));

  app.put(routeUrl(OPERATOR_BASE_PATH, '/faults'), { config }, (request, reply) => {
    const options: FaultOptions = readJsonBody(request.body, request.headers['content-type'], faultsSchema);
    try {
      faults.set(options);
    } catch (err) {
      if (err instanceof FaultOptionsError) throw badRequest(err.message, err.field);
      throw err;
    }
    return sendJson(reply, 200, faults.current);
  });
}
