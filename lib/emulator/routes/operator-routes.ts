import type { FastifyInstance } from 'fastify';
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

/**
 * Registers the operator endpoints: GET /_emulator/stats, POST /_emulator/stats/reset,
 * GET and PUT /_emulator/faults. No auth (the server answers them to loopback callers only),
 * never faulted, not counted.
 */
export function registerOperatorRoutes(app: FastifyInstance, stats: StatsCollector, faults: FaultPlanner): void {
  app.get(routeUrl(OPERATOR_BASE_PATH, '/stats'), (_request, reply) => sendJson(reply, 200, stats.snapshot()));

  app.post(routeUrl(OPERATOR_BASE_PATH, '/stats/reset'), (_request, reply) => {
    stats.reset();
    return reply.code(204).send();
  });

  app.get(routeUrl(OPERATOR_BASE_PATH, '/faults'), (_request, reply) => sendJson(reply, 200, faults.current));

  app.put(routeUrl(OPERATOR_BASE_PATH, '/faults'), (request, reply) => {
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
