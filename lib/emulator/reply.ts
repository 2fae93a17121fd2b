import type { FastifyReply } from 'fastify';
import type { EmulatorHttpError } from './errors';

/** The Content-Type of every JSON answer. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Answers with a JSON body. */
export function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  return reply.code(status).header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(value));
}

/** Answers with an error body `{"error":{"code","message","field"?}}` and the error's headers. */
export function sendError(reply: FastifyReply, err: EmulatorHttpError): FastifyReply {
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  return sendJson(reply, err.status, err.toBody());
}
