/**
 * Shared pieces of the reliability tests: the emulator as a separate process (so that it can be
 * killed), a fleet of N pipelines in HCL, and checks of what is live in the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IntegrateioClient, type PipelineMetadata } from '../../lib/api';
import { toCanonicalJson, type PipelineDefinition } from '../../lib/definition';
import type { EmulatorStats, FaultOptions } from '../../lib/emulator';
import { ADMIN, TerraformWorkspace, type TerraformResult } from '../support/terraform';

/** The admin key of the emulator's default seed (a public test value). */
export { ADMIN };

/** The CLI entry (runs the compiled dist/). */
export const CLI = resolve(__dirname, '../../bin/integrateio.js');

/** Whether the heavy variants were asked for. */
export const HEAVY = process.env.RELIABILITY_HEAVY === '1';

/** A fresh temporary directory. */
export function tempDir(prefix = 'integrateio-rel-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A TCP port that was free a moment ago (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The emulator run as `integrateio emulator` in a child process. */
export class EmulatorProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly output: { stdout: string; stderr: string },
  ) {}

  /**
   * Starts `node bin/integrateio.js emulator --port PORT --data DATA --quiet ARGS…` and resolves
   * when it prints its URL. Rejects with its output when it exits first.
   */
  static start(options: { port: number; data: string; args?: readonly string[]; env?: NodeJS.ProcessEnv }): Promise<EmulatorProcess> {
    const args = [CLI, 'emulator', '--port', String(options.port), '--data', options.data, '--quiet', '--start-delay-ms', '50', '--stop-delay-ms', '50', ...(options.args ?? [])];
    const env = { ...process.env, ...options.env };
    delete env.INTEGRATEIO_EMULATOR_FAULTS;
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { stdout: '', stderr: '' };
    return new Promise((resolveStart, reject) => {
      let done = false;
      child.stdout!.on('data', (d: Buffer) => {
        output.stdout += d.toString();
        const match = /Emulator listening on (http:\/\/\S+)/.exec(output.stdout);
        if (match && !done) {
          done = true;
          resolveStart(new EmulatorProcess(child, match[1], output));
        }
      });
      child.stderr!.on('data', (d: Buffer) => (output.stderr += d.toString()));
      child.on('exit', (code, signal) => {
        if (!done) {
          done = true;
          reject(new Error(`the emulator exited (${code ?? signal}) before listening:\n${output.stdout}\n${output.stderr}`));
        }
      });
    });
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal to this process (only this pid) and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill(signal);
    await exited;
  }

  /** The request counters of the operator endpoint. */
  async stats(): Promise<EmulatorStats> {
    const res = await fetch(`${this.url}/_emulator/stats`);
    if (res.status !== 200) throw new Error(`GET /_emulator/stats: ${res.status}`);
    return (await res.json()) as EmulatorStats;
  }

  /** Replaces the fault options (PUT /_emulator/faults). */
  async setFaults(faults: FaultOptions): Promise<void> {
    const res = await fetch(`${this.url}/_emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    if (res.status !== 200) throw new Error(`PUT /_emulator/faults: ${res.status} ${await res.text()}`);
  }
}

/** The names of a fleet of `n` pipelines. */
export function fleetNames(n: number, prefix = 'fleet'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
}

/** Per pipeline: a frequency and a destination that vary with the index, so definitions differ. */
function fleetShape(index: number): { frequency: number; destination: number; source: number } {
  return { frequency: 5 + (index % 7), destination: index % 2 === 0 ? 17 : 18, source: index % 3 === 0 ? 43 : 42 };
}

/** The definition the fleet's HCL gives pipeline `name` (number `index`), in canonical field order. */
export function fleetDefinition(name: string, index: number): PipelineDefinition {
  const { frequency, destination, source } = fleetShape(index);
  return {
    definition_version: 1,
    name,
    source: { connection: { id: source } },
    destination: { connection: { id: destination } },
    sync: { frequency },
    tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
  } as PipelineDefinition;
}

/**
 * main.tf for a fleet: one `integrateio_pipeline.fleet` per name, with for_each, its definition
 * typed in HCL. `provider` is the body of the provider block.
 */
export function fleetConfig(names: readonly string[], provider = ''): string {
  const entries = names.map((name, i) => {
    const { frequency, destination, source } = fleetShape(i);
    return `    "${name}" = { frequency = ${frequency}, destination = ${destination}, source = ${source} }`;
  });
  return `terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}

provider "integrateio" {
${provider}
}

locals {
  fleet = {
${entries.join('\n')}
  }
}

resource "integrateio_pipeline" "fleet" {
  for_each = local.fleet
  definition = {
    definition_version = 1
    name               = each.key
    source             = { connection = { id = each.value.source } }
    destination        = { connection = { id = each.value.destination } }
    sync               = { frequency = each.value.frequency }
    tables = [
      { name = "public.orders" },
      { name = "public.customers", columns = { exclude = ["ssn"] } },
    ]
  }
}
`;
}

/** A client of the emulator for checks, with retries that outlast the injected faults. */
export function checkClient(url: string, apiKey = ADMIN): IntegrateioClient {
  return new IntegrateioClient({ baseUrl: url, apiKey, env: {}, retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 500 } });
}

/** Every live pipeline of the account, newest first. */
export async function livePipelines(client: IntegrateioClient): Promise<PipelineMetadata[]> {
  const all: PipelineMetadata[] = [];
  for await (const p of client.listPipelines()) all.push(p);
  return all;
}

/** The names that occur more than once, with their ids. */
export function duplicates(pipelines: readonly PipelineMetadata[]): Record<string, number[]> {
  const byName = new Map<string, number[]>();
  for (const p of pipelines) byName.set(p.name, [...(byName.get(p.name) ?? []), p.id]);
  return Object.fromEntries([...byName].filter(([, ids]) => ids.length > 1));
}

/**
 * Checks that the live pipelines are exactly the fleet: one per name, no other, each with the
 * definition of the code. Returns the live pipelines.
 */
export async function expectExactlyTheFleet(client: IntegrateioClient, names: readonly string[]): Promise<PipelineMetadata[]> {
  const live = await livePipelines(client);
  expect(duplicates(live)).toEqual({});
  expect(live.map((p) => p.name).sort()).toEqual([...names].sort());
  const index = new Map(names.map((n, i) => [n, i]));
  const mismatched: string[] = [];
  for (let i = 0; i < live.length; i += 20) {
    await Promise.all(
      live.slice(i, i + 20).map(async (p) => {
        const definition = await client.getDefinition(p.id);
        const expected = fleetDefinition(p.name, index.get(p.name)!);
        if (toCanonicalJson(definition) !== toCanonicalJson(expected)) mismatched.push(`${p.name} (${p.id}): ${JSON.stringify(definition)}`);
      }),
    );
  }
  expect(mismatched).toEqual([]);
  return live;
}

/** The ids of the fleet's pipelines recorded in the state file (none when there is no state yet). */
export function stateIds(tf: TerraformWorkspace): Map<string, number> {
  const ids = new Map<string, number>();
  let state: ReturnType<TerraformWorkspace['state']>;
  try {
    state = tf.state();
  } catch {
    return ids;
  }
  for (const r of state.resources) {
    if (r.mode !== 'managed' || r.type !== 'integrateio_pipeline') continue;
    for (const instance of r.instances as { index_key?: string; attributes: Record<string, unknown> }[]) {
      ids.set(String(instance.index_key ?? r.name), Number(instance.attributes.id));
    }
  }
  return ids;
}

/** One line of a terraform result for a failure message. */
export function showResult(result: TerraformResult): string {
  return `exit ${result.code}\n--- stdout (tail)\n${result.stdout.slice(-3000)}\n--- stderr (tail)\n${result.stderr.slice(-3000)}`;
}

/** The error summaries (`Error: …` lines) of a terraform result, counted. */
export function errorSummaries(result: TerraformResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of result.stderr.matchAll(/Error: ([^\n]+)/g)) counts[m[1].trim()] = (counts[m[1].trim()] ?? 0) + 1;
  return counts;
}

/** Waits until `check` resolves true, polling every `everyMs`; rejects after `timeoutMs`. */
export async function pollUntil(check: () => Promise<boolean>, what: string, timeoutMs = 60000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * An HTTP proxy in front of the API that can lose the answers of creates: once armed, the next
 * `POST /pipelines` is forwarded, committed by the API, and its 201 never delivered (the client's
 * connection is destroyed) — what a client sees when the server dies between its commit and its
 * answer. `down()` then stops the proxy: every later connection is refused.
 */
export class LossyProxy {
  private armed: ((lostPipelineId: number) => void) | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  /** Ids of pipelines the API created whose answer the proxy swallowed. */
  readonly lost: number[] = [];

  private constructor(
    private readonly server: import('node:http').Server,
    readonly url: string,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a proxy to `upstream` on a free port. */
  static async start(upstream: string): Promise<LossyProxy> {
    const http = await import('node:http');
    const holder: { proxy?: LossyProxy } = {};
    const server = http.createServer((req, res) => {
      const target = new URL(req.url ?? '/', upstream);
      const forward = http.request(target, { method: req.method, headers: req.headers }, (upstreamRes) => {
        const chunks: Buffer[] = [];
        upstreamRes.on('data', (c: Buffer) => chunks.push(c));
        upstreamRes.on('end', () => {
          const body = Buffer.concat(chunks);
          const proxy = holder.proxy;
          const onLost = proxy?.armed;
          if (onLost && req.method === 'POST' && target.pathname === '/api/public/v1/pipelines' && upstreamRes.statusCode === 201) {
            proxy!.armed = undefined;
            const id = (JSON.parse(body.toString()) as { id: number }).id;
            proxy!.lost.push(id);
            req.socket.destroy();
            onLost(id);
            return;
          }
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          res.end(body);
        });
      });
      forward.on('error', () => req.socket.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address() as import('node:net').AddressInfo;
    holder.proxy = new LossyProxy(server, `http://127.0.0.1:${address.port}`);
    return holder.proxy;
  }

  /** Loses the answer of the next successful create, then calls `onLost` with the pipeline's id. */
  arm(onLost: (lostPipelineId: number) => void): void {
    this.armed = onLost;
  }

  /** Stops listening and drops every open connection. */
  async down(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((r) => this.server.close(() => r()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

/** A terraform command running in its own process group, which can be interrupted like Ctrl-C does. */
export interface RunningTerraform {
  /** The outcome, once terraform exits. */
  readonly result: Promise<TerraformResult>;
  /** Sends SIGINT to terraform's process group (terraform and its provider plugins), as Ctrl-C in a terminal does. */
  interrupt(): void;
}

/** Starts `terraform ARGS…` in `tf`'s directory and environment, in a process group of its own. */
export function startTerraform(tf: TerraformWorkspace, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): RunningTerraform {
  const child = spawn('terraform', [...args], { cwd: tf.dir, env: { ...tf.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<TerraformResult>((resolveResult, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveResult({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
  return {
    result,
    interrupt: () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    },
  };
}
