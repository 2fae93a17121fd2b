import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../lib/emulator';

/** The seeded keys of DEFAULT_SEED. */
export const ACME_ADMIN = 'fdk_emulator_acme_admin_key_000000000001';
export const ACME_CI = 'fdk_emulator_acme_ci_key_00000000000002';
export const GLOBEX_ADMIN = 'fdk_emulator_globex_admin_key_00000000003';

/** The base path of the API. */
export const BASE = '/api/public/v1';

/** A minimal valid definition for account acme, in YAML. */
export function definitionYaml(overrides: { name?: string; source?: number; destination?: number; frequency?: number; hooks?: number[]; extra?: string } = {}): string {
  const hooks = overrides.hooks ?? [];
  return [
    'definition_version: 1',
    `name: ${overrides.name ?? 'orders-to-snowflake'}`,
    'source:',
    '  connection:',
    `    id: ${overrides.source ?? 42}`,
    'destination:',
    '  connection:',
    `    id: ${overrides.destination ?? 17}`,
    'sync:',
    `  frequency: ${overrides.frequency ?? 5}`,
    '  auto_sync_new_tables: false',
    'tables:',
    '  - name: public.orders',
    '  - name: public.customers',
    '    columns:',
    '      exclude:',
    '        - ssn',
    ...(hooks.length > 0 ? ['hooks:', ...hooks.flatMap((id) => [`  - id: ${id}`, '    events:', '      - pipeline_failed'])] : []),
    ...(overrides.extra === undefined ? [] : [overrides.extra]),
    '',
  ].join('\n');
}

/** A running emulator with helpers bound to it. */
export interface TestEmulator {
  readonly emulator: RunningEmulator;
  readonly url: string;
  readonly lines: string[];
  /** fetch under /api/public/v1 with the given key (acme admin by default; null for none). */
  api(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  /** Creates a pipeline from YAML as acme admin (or `key`) and returns its metadata. */
  create(yaml?: string, key?: string): Promise<{ id: number; updated_at: string; [k: string]: unknown }>;
  close(): Promise<void>;
}

/** Starts an emulator on a free port with an in-memory database (unless told otherwise). */
export async function startTest(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const lines: string[] = [];
  const emulator = await startEmulator({ port: 0, dataPath: ':memory:', log: (line) => lines.push(line), ...options });
  const api = (path: string, init: RequestInit & { key?: string | null } = {}): Promise<Response> => {
    const { key, headers, ...rest } = init;
    const all = new Headers(headers);
    const k = key === undefined ? ACME_ADMIN : key;
    if (k !== null) all.set('authorization', `Bearer ${k}`);
    return fetch(`${emulator.url}${BASE}${path}`, { ...rest, headers: all });
  };
  const create = async (yaml = definitionYaml(), key = ACME_ADMIN) => {
    const res = await api('/pipelines', { method: 'POST', key, headers: { 'content-type': 'application/yaml' }, body: yaml });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number; updated_at: string };
  };
  return { emulator, url: emulator.url, lines, api, create, close: () => emulator.close() };
}

/** Reads an error body and returns it. */
export async function errorOf(res: Response): Promise<{ code: string; message: string; field?: string }> {
  const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return body.error;
}

/** A temporary directory removed by the returned cleanup function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Sends raw bytes over TCP and returns what came back (until the server closes the connection or
 * `timeoutMs` passes). For requests fetch refuses to send.
 */
export function rawRequest(url: string, bytes: Buffer | string, timeoutMs = 2000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.write(bytes);
  });
}

/** The status code of a raw HTTP response text, or 0 when there is none. */
export function rawStatus(response: string): number {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(response);
  return m ? Number(m[1]) : 0;
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
