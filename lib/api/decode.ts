import type { ApiKeyInfo, ApiKeyListResponse, CreatedApiKey, ObservedState, PipelineListResponse, PipelineMetadata, PipelineStatus } from './wire-types';

/**
 * Defensive readers of response bodies: each checks the shape it expects and returns it, or
 * throws a {@link ShapeError} naming what was wrong. The client turns that into an
 * `invalid_response` ApiError.
 */

/** A response body that does not have the expected shape. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

const STATUSES: readonly PipelineStatus[] = ['stopped', 'deployed'];
const OBSERVED: readonly ObservedState[] = ['stopped', 'starting', 'running', 'stopping'];

type Obj = Record<string, unknown>;

function object(value: unknown, where: string): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ShapeError(`${where} is not an object`);
  return value as Obj;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${where} is not a list`);
  return value;
}

function id(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new ShapeError(`${where} is not a positive whole number`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new ShapeError(`${where} is not text`);
  return value;
}

function timestamp(value: unknown, where: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new ShapeError(`${where} is not a timestamp`);
  return value;
}

function optionalTimestamp(value: unknown, where: string): string | null {
  return value === null || value === undefined ? null : timestamp(value, where);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new ShapeError(`${where} is not one of ${allowed.join(', ')}`);
  return value as T;
}

function bool(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new ShapeError(`${where} is not true or false`);
  return value;
}

/** Parses a body as JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    const snippet = body.trim().replace(/\s+/g, ' ').slice(0, 120);
    throw new ShapeError(snippet === '' ? 'body is empty, expected JSON' : `body is not JSON: ${snippet}`);
  }
}

/** Reads a pipeline's metadata. */
export function decodePipelineMetadata(value: unknown, where = 'body'): PipelineMetadata {
  const o = object(value, where);
  return {
    id: id(o.id, `${where}.id`),
    name: text(o.name, `${where}.name`),
    status: oneOf(o.status, STATUSES, `${where}.status`),
    observed_state: oneOf(o.observed_state, OBSERVED, `${where}.observed_state`),
    created_at: timestamp(o.created_at, `${where}.created_at`),
    updated_at: timestamp(o.updated_at, `${where}.updated_at`),
    last_source_sync_at: optionalTimestamp(o.last_source_sync_at, `${where}.last_source_sync_at`),
    last_destination_sync_at: optionalTimestamp(o.last_destination_sync_at, `${where}.last_destination_sync_at`),
  };
}

/** Reads a page of the pipeline list. */
export function decodePipelineList(value: unknown): PipelineListResponse {
  const o = object(value, 'body');
  const data = list(o.data, 'body.data').map((item, i) => decodePipelineMetadata(item, `body.data[${i}]`));
  const p = object(o.pagination, 'body.pagination');
  const page = p.page;
  const pageSize = p.page_size;
  if (typeof page !== 'number' || !Number.isSafeInteger(page) || page < 1) throw new ShapeError('body.pagination.page is not a positive whole number');
  if (typeof pageSize !== 'number' || !Number.isSafeInteger(pageSize) || pageSize < 1) throw new ShapeError('body.pagination.page_size is not a positive whole number');
  return { data, pagination: { page, page_size: pageSize, has_more: bool(p.has_more, 'body.pagination.has_more') } };
}

/** Reads an API key's listing entry. */
export function decodeApiKeyInfo(value: unknown, where = 'body'): ApiKeyInfo {
  const o = object(value, where);
  return {
    id: id(o.id, `${where}.id`),
    name: text(o.name, `${where}.name`),
    admin: bool(o.admin, `${where}.admin`),
    prefix: text(o.prefix, `${where}.prefix`),
    created_at: timestamp(o.created_at, `${where}.created_at`),
    expires_at: optionalTimestamp(o.expires_at, `${where}.expires_at`),
    revoked_at: optionalTimestamp(o.revoked_at, `${where}.revoked_at`),
  };
}

/** Reads the key list. */
export function decodeApiKeyList(value: unknown): ApiKeyListResponse {
  const o = object(value, 'body');
  return { data: list(o.data, 'body.data').map((item, i) => decodeApiKeyInfo(item, `body.data[${i}]`)) };
}

/** Reads a newly created key, with its secret value. */
export function decodeCreatedApiKey(value: unknown): CreatedApiKey {
  const info = decodeApiKeyInfo(value);
  const secret = (value as Obj).value;
  if (typeof secret !== 'string' || !secret.startsWith('fdk_')) throw new ShapeError('body.value is not an API key (fdk_…)');
  return { ...info, value: secret };
}

/** Checks the body of a successful validate call: `{"valid": true}`. */
export function decodeValid(value: unknown): void {
  const o = object(value, 'body');
  if (o.valid !== true) throw new ShapeError('body is not {"valid": true}');
}
