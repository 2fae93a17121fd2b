import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { IntegrateioClient, type ClientEvent, type ClientOptions } from '../../lib/api';
import type { PipelineDefinition } from '../../lib/definition';

/** The seeded keys of the emulator (see lib/emulator default seed). */
export const ACME_ADMIN_KEY = 'fdk_emulator_acme_admin_key_000000000001';
export const ACME_CI_KEY = 'fdk_emulator_acme_ci_key_00000000000002';
export const GLOBEX_ADMIN_KEY = 'fdk_emulator_globex_admin_key_00000000003';

/** Fast retries for tests: the policy's shape, with short delays. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40 } as const;

/** A valid definition for the acme account (source 42, destination 17). */
export function acmeDefinition(name: string, extra: Partial<PipelineDefinition> = {}): PipelineDefinition {
  return {
    definition_version: 1,
    name,
    source: { connection: { id: 42 } },
    destination: { connection: { id: 17 } },
    sync: { frequency: 5, auto_sync_new_tables: false },
    tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
    ...extra,
  } as PipelineDefinition;
}

/** A client that records its events. */
export function recordingClient(baseUrl: string, apiKey: string, options: Partial<ClientOptions> = {}): { client: IntegrateioClient; events: ClientEvent[] } {
  const events: ClientEvent[] = [];
  const client = new IntegrateioClient({ baseUrl, apiKey, env: {}, retry: FAST_RETRY, onEvent: (e) => events.push(e), ...options });
  return { client, events };
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A request seen by a {@link TinyServer}. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly at: number;
  /** The client's port of the connection it came on: equal ports mean a reused connection. */
  readonly clientPort: number;
}

/** A tiny real node:http server whose answers the test scripts, for behaviours that need precise control. */
export interface TinyServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * Starts a node:http server on a random port. The handler gets the request with its body read
 * and answers through `res` (or destroys the socket to drop the connection, or never answers).
 */
export async function startTinyServer(handler: (req: SeenRequest, res: ServerResponse, index: number) => void): Promise<TinyServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), clientPort: req.socket.remotePort ?? 0 };
      requests.push(seen);
      handler(seen, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON with a status and optional headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** A pipeline metadata body as the API answers it. */
export function metadataBody(id: number, name = `p${id}`): Record<string, unknown> {
  const now = new Date().toISOString();
  return { id, name, status: 'stopped', observed_state: 'stopped', created_at: now, updated_at: now, last_source_sync_at: null, last_destination_sync_at: null };
}

/** The URL of a local port nothing listens on: connections to it are refused. */
export async function closedPortUrl(): Promise<string> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
