/**
 * Emulator throughput: requests per second of `GET /pipelines/{id}` and `GET /pipelines` (one
 * page, the default 50 of 100 pipelines) with 32 concurrent keep-alive clients, against a bare
 * `node:http` server answering the very same JSON bodies (the floor of any Node.js HTTP server on
 * this machine). Each server runs in a process of its own, the load comes from this process, and
 * the two servers take turns.
 *
 * Run directly (`node dist/bench/emulator-throughput.js serve-emulator|serve-bare BODIES.json`), it
 * is the server worker: it prints `READY <url>` and serves until killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../lib/emulator';
import { measurePairs, nowMs, type PairedSamples, type PairedSummary } from './measure';
import { repoRoot } from './startup';
import { ADMIN_KEY, definitionYaml } from './workspace';

const API = '/api/public/v1';

/** The endpoints measured. */
export const THROUGHPUT_ENDPOINTS = ['GET /pipelines/{id}', 'GET /pipelines'] as const;

/** One of {@link THROUGHPUT_ENDPOINTS}. */
export type ThroughputEndpoint = (typeof THROUGHPUT_ENDPOINTS)[number];

/** The outcome of one load run. */
export interface LoadResult {
  /** Requests answered 200. */
  readonly ok: number;
  /** Requests answered otherwise, or failed. */
  readonly errors: number;
  /** `ok` per second of wall time. */
  readonly rps: number;
}

/**
 * Sends GET requests to `origin` from `concurrency` loops sharing one keep-alive agent for
 * `durationMs`, the i-th request of a loop going to `pathFor(i)`.
 */
export async function loadTest(origin: string, pathFor: (i: number) => string, options: { concurrency: number; durationMs: number; headers?: http.OutgoingHttpHeaders }): Promise<LoadResult> {
  const url = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  let ok = 0;
  let errors = 0;
  const get = (requestPath: string): Promise<number> =>
    new Promise((resolve) => {
      const req = http.get({ agent, hostname: url.hostname, port: url.port, path: requestPath, headers: options.headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      });
      req.on('error', () => resolve(0));
    });
  const start = nowMs();
  const deadline = start + options.durationMs;
  const loop = async (first: number): Promise<void> => {
    for (let i = first; nowMs() < deadline; i += options.concurrency) {
      if ((await get(pathFor(i))) === 200) ok += 1;
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => loop(w)));
  const seconds = (nowMs() - start) / 1000;
  agent.destroy();
  return { ok, errors, rps: ok / seconds };
}

interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
}

function startWorker(args: string[]): Promise<ServerProcess> {
  const worker = path.join(repoRoot(), 'dist', 'bench', 'emulator-throughput.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^READY (\S+)\n/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`throughput server ${args[0]} exited ${code}: ${err.trim()}`)));
  });
}

async function api(origin: string, method: string, requestPath: string, body?: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(`${origin}${API}${requestPath}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/yaml', accept: 'application/json' },
    body: body === undefined ? undefined : String(body),
  });
  return { status: res.status, text: await res.text() };
}

/** One endpoint: bare server rps is the baseline, emulator rps the subject (ratio = emulator / bare). */
export interface EndpointThroughput extends PairedSamples, PairedSummary {
  readonly endpoint: ThroughputEndpoint;
  /** Size of the response body, in bytes. */
  readonly bodyBytes: number;
  /** Non-200 answers or failures during the measured runs (should be 0). */
  readonly errors: number;
}

/** The result of {@link measureThroughput}. */
export interface ThroughputResult {
  readonly concurrency: number;
  readonly durationMs: number;
  readonly pipelines: number;
  readonly endpoints: readonly EndpointThroughput[];
}

/**
 * Seeds an emulator with `pipelines` pipelines, starts a bare server answering the same bodies, and
 * measures both, `runs` interleaved pairs per endpoint of `durationMs` each, after `warmup`
 * shorter unrecorded pairs (default 1: the JIT warms up).
 *
 * @example
 * const { endpoints } = await measureThroughput({ runs: 5, durationMs: 2000 });
 */
export async function measureThroughput(options: { runs: number; durationMs: number; concurrency?: number; pipelines?: number; warmup?: number }): Promise<ThroughputResult> {
  const concurrency = options.concurrency ?? 32;
  const pipelines = options.pipelines ?? 100;
  const bodiesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-bench-bodies-')), 'bodies.json');
  const servers: ServerProcess[] = [];
  try {
    const emulator = await startWorker(['serve-emulator']);
    servers.push(emulator);
    const ids: number[] = [];
    for (let i = 0; i < pipelines; i++) {
      const created = await api(emulator.url, 'POST', '/pipelines', definitionYaml(i));
      if (created.status !== 201 && created.status !== 200) throw new Error(`creating pipeline ${i}: ${created.status} ${created.text}`);
      ids.push((JSON.parse(created.text) as { id: number }).id);
    }
    const one = await api(emulator.url, 'GET', `/pipelines/${ids[0]}`);
    const list = await api(emulator.url, 'GET', '/pipelines');
    if (one.status !== 200 || list.status !== 200) throw new Error(`reading the seeded pipelines: ${one.status}, ${list.status}`);
    fs.writeFileSync(bodiesFile, JSON.stringify({ one: one.text, list: list.text }));
    const bare = await startWorker(['serve-bare', bodiesFile]);
    servers.push(bare);

    const headers = { authorization: `Bearer ${ADMIN_KEY}`, accept: 'application/json' };
    const paths: Record<ThroughputEndpoint, (i: number) => string> = {
      'GET /pipelines/{id}': (i) => `${API}/pipelines/${ids[i % ids.length]}`,
      'GET /pipelines': () => `${API}/pipelines`,
    };
    const endpoints: EndpointThroughput[] = [];
    for (const endpoint of THROUGHPUT_ENDPOINTS) {
      let errors = 0;
      const measure = (origin: string) => async (index: number): Promise<number> => {
        const result = await loadTest(origin, paths[endpoint], { concurrency, durationMs: index < 0 ? Math.min(options.durationMs, 1000) : options.durationMs, headers });
        if (index >= 0) errors += result.errors;
        return result.rps;
      };
      const summary = await measurePairs(options.runs, measure(bare.url), measure(emulator.url), options.warmup ?? 1);
      endpoints.push({ endpoint, bodyBytes: Buffer.byteLength(endpoint === 'GET /pipelines' ? list.text : one.text), errors, ...summary });
    }
    return { concurrency, durationMs: options.durationMs, pipelines, endpoints };
  } finally {
    for (const server of servers) {
      server.child.removeAllListeners('exit');
      server.child.kill('SIGKILL');
    }
    fs.rmSync(path.dirname(bodiesFile), { recursive: true, force: true });
  }
}

async function serve(mode: string, bodiesFile: string | undefined): Promise<void> {
  if (mode === 'serve-emulator') {
    const emulator = await startEmulator({ port: 0, dataPath: ':memory:' });
    process.stdout.write(`READY ${emulator.url}\n`);
    return;
  }
  if (mode === 'serve-bare' && bodiesFile) {
    const bodies = JSON.parse(fs.readFileSync(bodiesFile, 'utf8')) as { one: string; list: string };
    const one = Buffer.from(bodies.one);
    const list = Buffer.from(bodies.list);
    const server = http.createServer((req, res) => {
      const body = /\/pipelines\/\d+$/.test(req.url ?? '') ? one : list;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
    return;
  }
  throw new Error('usage: node dist/bench/emulator-throughput.js serve-emulator | serve-bare BODIES.json');
}

if (require.main === module) {
  serve(process.argv[2] ?? '', process.argv[3]).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
