/**
 * `integrateio pipelines apply` while the account changes under it: an archive in the middle of
 * its list walk (offset paging would skip the pipeline it looks for and create a second one),
 * and eight applies of one file at once against a slow API (one pipeline, not eight).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntegrateioClient, type PipelineMetadata } from '../../lib/api';
import type { PipelineDefinition } from '../../lib/definition';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { startListHookProxy, type ListHookProxy } from '../support/list-hook-proxy';
import { ACME_ADMIN_KEY, apiEnv, cli } from './support';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'integrateio.js');

let emulator: RunningEmulator;
let proxy: ListHookProxy | undefined;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50 });
  dir = mkdtempSync(join(tmpdir(), 'integrateio-concurrent-'));
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  emulator.setFaults({});
});

const client = (url = emulator.url): IntegrateioClient => new IntegrateioClient({ baseUrl: url, apiKey: ACME_ADMIN_KEY, env: {}, retry: { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 200 } });

function definition(name: string): PipelineDefinition {
  return {
    definition_version: 1,
    name,
    source: { connection: { id: 42 } },
    destination: { connection: { id: 17 } },
    sync: { frequency: 5 },
    tables: [{ name: 'public.orders' }],
  } as PipelineDefinition;
}

function writeFile(name: string): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(definition(name)));
  return path;
}

async function live(name: string): Promise<number[]> {
  const ids: number[] = [];
  for await (const p of client().listPipelines()) if (p.name === name) ids.push(p.id);
  return ids;
}

/**
 * `target`, then `fillers` newer pipelines: with pages of 100, `target` is the first item of
 * page 2, and archiving any filler after page 1 was read moves it onto page 1, behind the walk.
 */
async function targetBehindAFullPage(prefix: string, fillers = 100): Promise<{ target: PipelineMetadata; fillerIds: number[] }> {
  const c = client();
  const target = await c.createPipeline(definition(`${prefix}-target`));
  const needed = fillers;
  const fillerIds: number[] = [];
  for (let i = 0; i < needed; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, needed - i) }, (_, j) => c.createPipeline(definition(`${prefix}-filler-${i + j}`))));
    fillerIds.push(...batch.map((p) => p.id));
  }
  return { target, fillerIds: fillerIds.sort((a, b) => b - a) };
}

describe('pipelines apply while another client archives pipelines', () => {
  it('finds the existing pipeline and creates no second one when a pipeline is archived during its list walk', async () => {
    const { target, fillerIds } = await targetBehindAFullPage('walk');
    let strikes = 0;
    // Another client archives one pipeline after page 1 of the first walk was read.
    proxy = await startListHookProxy(emulator.url, async (page) => {
      if (page !== 1 || strikes >= 1) return;
      strikes++;
      await client().archivePipeline(fillerIds[strikes]);
    });
    const result = await cli(['pipelines', 'apply', '-f', writeFile('walk-target')], { env: apiEnv(proxy.url) });
    expect(strikes).toBe(1);
    expect(result).toEqual({ code: 0, out: `unchanged pipeline ${target.id} (walk-target)\n`, err: '' });
    expect(await live('walk-target')).toEqual([target.id]);
  });

  it('fails with "kept changing; retry", creating nothing, when pipelines are archived during every walk', async () => {
    const { target, fillerIds } = await targetBehindAFullPage('churn', 110);
    let strikes = 0;
    proxy = await startListHookProxy(emulator.url, async (page) => {
      if (page !== 1) return;
      strikes++;
      await client().archivePipeline(fillerIds[strikes]);
    });
    const result = await cli(['pipelines', 'apply', '-f', writeFile('churn-target')], { env: apiEnv(proxy.url) });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.err).toMatch(/the pipeline list kept changing .*; retry/);
    expect(await live('churn-target')).toEqual([target.id]);
  });
});

/** Runs the compiled CLI in its own process, as on another machine. */
function applyProcess(file: string, url: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'pipelines', 'apply', '-f', file, '--output', 'json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...apiEnv(url) },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

describe('concurrent applies of one file', () => {
  it('eight parallel applies of the same file against a slow API leave exactly one pipeline, and all report it', async () => {
    const file = writeFile('eight-ways');
    // Every request waits 1.5 s: the eight processes all list before any of them creates.
    emulator.setFaults({ rateSlow: 1, slowMs: 1500 });
    const results = await Promise.all(Array.from({ length: 8 }, () => applyProcess(file, emulator.url)));
    emulator.setFaults({});
    const ids = await live('eight-ways');
    expect(ids).toHaveLength(1);
    for (const result of results) {
      expect(result).toMatchObject({ code: 0 });
      const reported = JSON.parse(result.out) as { action: string; pipeline: PipelineMetadata };
      expect(reported.pipeline.id).toBe(ids[0]);
      expect(['created', 'unchanged']).toContain(reported.action);
    }
    expect(results.filter((r) => (JSON.parse(r.out) as { action: string }).action === 'created')).toHaveLength(1);
  });
});
