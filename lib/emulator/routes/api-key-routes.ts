import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import { characterCount } from '../../definition';
import type { ApiKeyInfo, ApiKeyListResponse, CreatedApiKey } from '../../api/wire-types';
import { requireAdmin } from '../auth';
import { apiKeyNotFound, badRequest, EmulatorHttpError } from '../errors';
import { parseId } from '../ids';
import { readJsonBody, UNPROCESSABLE_ENTITY } from '../json-input';
import { generateKeyValue, hashKey, keyPrefix } from '../key-values';
import { sendJson } from '../reply';
import { callerOf } from '../request-context';
import type { KeyStore, KeyRow } from '../store/key-store';
import { isoTime, isoTimeOrNull, parseRfc3339, type Clock } from '../time';
import { apiRoute, param } from './api-route';

const createKeySchema = z.strictObject({
  name: z.string(),
  admin: z.boolean().optional(),
  expires_at: z.string().nullable().optional(),
});

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Longest key name accepted, in Unicode characters (code points). */
const MAX_KEY_NAME = 255;

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    admin: row.admin,
    prefix: row.prefix,
    created_at: isoTime(row.createdAt),
    expires_at: isoTimeOrNull(row.expiresAt),
    revoked_at: isoTimeOrNull(row.revokedAt),
  };
}

/** Key management: every endpoint needs an admin key (403 otherwise), checked before the body is read. */
const adminOnly: onRequestHookHandler = async (request) => {
  requireAdmin(callerOf(request));
};

/** Registers list, create and revoke of API keys (our design: the reference shows only the dashboard). */
export function registerApiKeyRoutes(app: FastifyInstance, keys: KeyStore, clock: Clock): void {
  apiRoute(
    app,
    'GET',
    '/api-keys',
    (request, reply) => {
      const body: ApiKeyListResponse = { data: keys.list(callerOf(request).accountId).map(toInfo) };
      return sendJson(reply, 200, body);
    },
    adminOnly,
  );

  apiRoute(
    app,
    'POST',
    '/api-keys',
    (request, reply) => {
      const caller = callerOf(request);
      const input = readJsonBody(request.body, request.headers['content-type'], createKeySchema);
      const now = clock();
      if (input.name.trim() === '') throw badRequest('name is empty: give the key a name such as terraform-prod', 'name');
      if (characterCount(input.name) > MAX_KEY_NAME) throw badRequest(`name is ${characterCount(input.name)} characters long: use at most ${MAX_KEY_NAME}`, 'name');
      if (hasControlCharacters(input.name)) throw badRequest('name contains control characters: remove them', 'name');
      let expiresAt: number | null = null;
      if (input.expires_at !== undefined && input.expires_at !== null) {
        const parsed = parseRfc3339(input.expires_at);
        if (parsed === undefined) throw new EmulatorHttpError(422, UNPROCESSABLE_ENTITY, 'expires_at must be an RFC 3339 date-time with an offset, e.g. 2030-01-01T00:00:00Z', 'expires_at');
        if (parsed <= now) throw badRequest('expires_at is in the past: give a future time or leave it out', 'expires_at');
        expiresAt = parsed;
      }
      const value = generateKeyValue();
      const row = keys.create({ accountId: caller.accountId, name: input.name, sha256: hashKey(value), prefix: keyPrefix(value), admin: input.admin ?? false, createdAt: now, expiresAt });
      const created: CreatedApiKey = { ...toInfo(row), value };
      return sendJson(reply, 201, created);
    },
    adminOnly,
  );

  apiRoute(
    app,
    'DELETE',
    '/api-keys/{id}',
    (request, reply) => {
      const caller = callerOf(request);
      const id = parseId(param(request, 'id'));
      const row = id === undefined ? undefined : keys.find(caller.accountId, id);
      if (row === undefined) throw apiKeyNotFound();
      keys.revoke(row.id, clock());
      return reply.code(204).send();
    },
    adminOnly,
  );
}
