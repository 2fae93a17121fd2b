import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { API_BASE_PATH } from '../api/wire-types';
import { authenticate } from './auth';
import { badRequest, EmulatorHttpError, toHttpError } from './errors';
import { faultError } from './fault-errors';
import type { FaultPlanner } from './faults';
import type { ResolvedOptions } from './options';
import { PipelineService } from './pipeline-service';
import { JSON_CONTENT_TYPE, sendError } from './reply';
import { stateOf } from './request-context';
import { trackResponse } from './request-log';
import { endpointOf } from './routes/api-route';
import { registerApiKeyRoutes } from './routes/api-key-routes';
import { registerDefinitionRoutes } from './routes/definition-routes';
import { registerLifecycleRoutes } from './routes/lifecycle-routes';
import { isOperatorRoute, registerOperatorRoutes } from './routes/operator-routes';
import { registerPipelineRoutes } from './routes/pipeline-routes';
import { API_ENDPOINTS, OPERATOR_BASE_PATH, OPERATOR_ENDPOINTS, isApiPath, isOperatorPath, matchUnrouted, pathOf } from './routes/route-table';
import type { RequestKind, StatsCollector } from './stats';
import type { EmulatorStore } from './store/store';
import { delay, type Clock } from './time';

/** What the server is built from. */
export interface ServerDeps {
  readonly options: ResolvedOptions;
  readonly store: EmulatorStore;
  readonly faults: FaultPlanner;
  readonly stats: StatsCollector;
  readonly clock: Clock;
}

/** Longest path segment routed; longer ids still reach the routes and get their plain 404. */
const MAX_PARAM_LENGTH = 100_000;

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The stats key of an API request: `METHOD pattern` relative to /api/public/v1. */
function routeKey(request: FastifyRequest): { key: string; kind: RequestKind | undefined } {
  const endpoint = request.is404 ? undefined : endpointOf(request);
  if (endpoint !== undefined) return { key: `${request.method} ${endpoint.pattern}`, kind: endpoint.kind };
  const match = matchUnrouted(API_ENDPOINTS, pathOf(request.url).slice(API_BASE_PATH.length));
  return { key: `${request.method} ${match.pattern ?? '(unknown route)'}`, kind: undefined };
}

/** Answers a request that no route took: 405 with Allow on a known path, else 404. */
function answerUnrouted(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = pathOf(request.url);
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  const [base, endpoints] = isApiPath(path) ? [API_BASE_PATH, API_ENDPOINTS] : isOperatorPath(path) ? [OPERATOR_BASE_PATH, OPERATOR_ENDPOINTS] : [undefined, []];
  if (base !== undefined) {
    const match = matchUnrouted(endpoints, path.slice(base.length));
    if (match.pattern !== undefined) {
      const allow = match.allow.join(', ');
      return sendError(reply, new EmulatorHttpError(405, 'method_not_allowed', `${request.method} is not allowed on ${base}${match.pattern}: use ${allow}`, undefined, { Allow: allow }));
    }
  }
  return sendError(reply, new EmulatorHttpError(404, 'not_found', `no endpoint matches ${request.method} ${shown}: see the API reference for the endpoints under ${API_BASE_PATH}`));
}

/** Answers a connection whose request could not even be parsed (bad method, header overflow...). */
function answerClientError(err: Error & { code?: string }, socket: Duplex, log: (line: string) => void): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message = status === 431 ? 'the request headers are too large' : status === 408 ? 'the request took too long to arrive' : 'the request is not valid HTTP';
  const body = JSON.stringify({ error: { code: 'bad_request', message } });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${JSON_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  log(`- - ${status} 0ms [malformed request: ${err.code ?? err.name}]`);
}

/**
 * Builds the emulator's HTTP server (not yet listening): the public API under /api/public/v1,
 * the operator endpoints under /_emulator, authentication, fault injection, stats and logging.
 *
 * The order every API request goes through: count it, authenticate (401), roll its fault (429,
 * 500/503/drop before processing, slow), route (404, 405), read the body (413), answer (415,
 * 422, 400, 403, 404, 2xx), then apply an after-processing fault (500/503/drop) to the answer.
 */
export function buildServer(deps: ServerDeps): FastifyInstance {
  const { options, store, faults, stats, clock } = deps;
  const log = options.log;

  const app = fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    return503OnClosing: false,
    clientErrorHandler: (err, socket) => answerClientError(err, socket, log),
    frameworkErrors: (_err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const state = stateOf(request);
      trackResponse(request.raw, reply.raw, state, stats, log);
      if (isApiPath(request.url)) {
        state.api = true;
        stats.request(`${request.method} (unknown route)`, undefined);
        try {
          authenticate(request.headers.authorization, store.keys, clock());
        } catch (err) {
          return sendError(reply, toHttpError(err, options.bodyLimitBytes));
        }
      }
      return sendError(reply, badRequest('the URL is not valid: check its percent-encoding'));
    },
  });

  // Bodies are read as raw bytes whatever their type: each route checks the Content-Type itself,
  // so that every 415 and 422 is answered in the API's own error format.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    const state = stateOf(request);
    trackResponse(request.raw, reply.raw, state, stats, log);
    if (isOperatorPath(request.url) || isOperatorRoute(request)) {
      if (!isLoopback(request.socket.remoteAddress)) throw new EmulatorHttpError(403, 'forbidden', 'operator endpoints answer loopback callers only');
      return;
    }
    // A routed API endpoint always needs a key, however its URL was spelled.
    if (!isApiPath(request.url) && (request.is404 || endpointOf(request) === undefined)) return;
    state.api = true;
    const { key, kind } = routeKey(request);
    stats.request(key, kind);
    state.caller = authenticate(request.headers.authorization, store.keys, clock());
    const fault = faults.decide();
    state.fault = fault;
    if (fault.slow) {
      stats.fault('slow');
      state.note = 'fault slow';
      await delay(faults.current.slowMs);
    }
    if (fault.kind === undefined) return;
    stats.fault(fault.kind);
    if (fault.when === 'after') return;
    state.note = `fault ${fault.kind} before processing`;
    if (fault.kind === 'drop') {
      state.dropped = true;
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    throw faultError(fault.kind, faults.current.retryAfterSeconds);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = stateOf(request);
    const fault = state.fault;
    if (!state.api || fault?.kind === undefined || fault.when !== 'after' || state.faultApplied) return payload;
    state.faultApplied = true;
    state.note = `fault ${fault.kind} after processing`;
    if (fault.kind === 'drop') {
      state.dropped = true;
      request.raw.socket.destroy();
      return payload;
    }
    const err = faultError(fault.kind, faults.current.retryAfterSeconds);
    reply.removeHeader('location');
    reply.removeHeader('vary');
    for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
    reply.code(err.status).header('content-type', JSON_CONTENT_TYPE);
    return JSON.stringify(err.toBody());
  });

  app.setErrorHandler((err, request, reply) => {
    const httpError = toHttpError(err, options.bodyLimitBytes);
    if (httpError.status >= 500 && !(err instanceof EmulatorHttpError)) {
      log(`internal error while answering ${request.method} ${pathOf(request.url)}: ${(err as Error)?.stack ?? String(err)}`);
    }
    return sendError(reply, httpError);
  });

  app.setNotFoundHandler((request, reply) => answerUnrouted(request, reply));

  const pipelines = new PipelineService(store, options, clock);
  registerPipelineRoutes(app, { pipelines, bodyLimitBytes: options.bodyLimitBytes });
  registerDefinitionRoutes(app, { pipelines, bodyLimitBytes: options.bodyLimitBytes });
  registerLifecycleRoutes(app, pipelines);
  registerApiKeyRoutes(app, store.keys, clock);
  registerOperatorRoutes(app, stats, faults);
  return app;
}
