import Database from 'better-sqlite3';
import { join } from 'node:path';
import { GLOBEX_ADMIN, definitionYaml, errorOf, sleep, startTest, tempDir, type TestEmulator } from './support';

interface Meta {
  id: number;
  status: string;
  observed_state: string;
  updated_at: string;
  last_source_sync_at: string | null;
  last_destination_sync_at: string | null;
}

const START_MS = 150;
const STOP_MS = 150;
const MINUTE_MS = 20;

describe('emulator runtime: start, stop, observed state and sync times', () => {
  let t: TestEmulator;
  const files = tempDir();
  const dataPath = join(files.dir, 'lifecycle.db');
  beforeAll(async () => {
    t = await startTest({ dataPath, startDelayMs: START_MS, stopDelayMs: STOP_MS, minuteMs: MINUTE_MS });
  });
  afterAll(async () => {
    await t.close();
    files.cleanup();
  });

  const post = async (path: string): Promise<Response> => t.api(path, { method: 'POST' });
  const meta = async (id: number): Promise<Meta> => (await (await t.api(`/pipelines/${id}`)).json()) as Meta;

  it('starts a pipeline: deployed and starting at once, running after startDelayMs, updated_at unchanged', async () => {
    const p = await t.create();
    const res = await post(`/pipelines/${p.id}/start`);
    expect(res.status).toBe(200);
    const started = (await res.json()) as Meta;
    expect(started).toMatchObject({ id: p.id, status: 'deployed', observed_state: 'starting', updated_at: p.updated_at, last_source_sync_at: null });
    await sleep(START_MS + 60);
    expect(await meta(p.id)).toMatchObject({ status: 'deployed', observed_state: 'running', updated_at: p.updated_at });
  });

  it('treats starting a started pipeline as a no-op that does not restart the transition', async () => {
    const p = await t.create();
    await post(`/pipelines/${p.id}/start`);
    await sleep(START_MS / 2);
    const again = await post(`/pipelines/${p.id}/start`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Meta).status).toBe('deployed');
    await sleep(START_MS / 2 + 40);
    expect((await meta(p.id)).observed_state).toBe('running');
  });

  it('advances the last sync times by whole periods while running, per side', async () => {
    const yaml = definitionYaml().replace('  frequency: 5', '  source_frequency: 1\n  destination_frequency: 3');
    const p = await t.create(yaml);
    await post(`/pipelines/${p.id}/start`);
    await sleep(START_MS + 10);
    const first = await meta(p.id);
    expect(first.observed_state).toBe('running');
    expect(first.last_source_sync_at).not.toBeNull();
    expect(first.last_destination_sync_at).not.toBeNull();
    await sleep(200);
    const later = await meta(p.id);
    const sourceStep = Date.parse(later.last_source_sync_at as string) - Date.parse(first.last_source_sync_at as string);
    const destinationStep = Date.parse(later.last_destination_sync_at as string) - Date.parse(first.last_destination_sync_at as string);
    expect(sourceStep).toBeGreaterThan(0);
    expect(sourceStep % MINUTE_MS).toBe(0);
    expect(destinationStep).toBeGreaterThan(0);
    expect(destinationStep % (3 * MINUTE_MS)).toBe(0);
    expect(later.last_source_sync_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('stops gracefully: stopped and stopping at once, stopped after stopDelayMs, sync times frozen', async () => {
    const p = await t.create(definitionYaml({ frequency: 1 }));
    await post(`/pipelines/${p.id}/start`);
    await sleep(START_MS + 50);
    const res = await post(`/pipelines/${p.id}/stop`);
    expect(res.status).toBe(200);
    const stopping = (await res.json()) as Meta;
    expect(stopping).toMatchObject({ status: 'stopped', observed_state: 'stopping', updated_at: p.updated_at });
    expect(stopping.last_source_sync_at).not.toBeNull();
    await sleep(STOP_MS + 60);
    const stopped = await meta(p.id);
    expect(stopped.observed_state).toBe('stopped');
    expect(stopped.last_source_sync_at).toBe(stopping.last_source_sync_at);
    expect(stopped.last_destination_sync_at).toBe(stopping.last_destination_sync_at);
  });

  it('stops at once with force=true', async () => {
    const p = await t.create();
    await post(`/pipelines/${p.id}/start`);
    const res = await post(`/pipelines/${p.id}/stop?force=true`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'stopped', observed_state: 'stopped' });
  });

  it('cuts a graceful stop short with force=true', async () => {
    const p = await t.create();
    await post(`/pipelines/${p.id}/start`);
    expect(((await (await post(`/pipelines/${p.id}/stop?force=false`)).json()) as Meta).observed_state).toBe('stopping');
    expect(((await (await post(`/pipelines/${p.id}/stop?force=true`)).json()) as Meta).observed_state).toBe('stopped');
  });

  it('treats stopping a stopped pipeline as a no-op and keeps never-synced times null', async () => {
    const p = await t.create();
    const res = await post(`/pipelines/${p.id}/stop`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...p, status: 'stopped', observed_state: 'stopped' });
  });

  it('keeps sync times null when stopped before it ever ran', async () => {
    const p = await t.create();
    await post(`/pipelines/${p.id}/start`);
    await post(`/pipelines/${p.id}/stop?force=true`);
    await sleep(START_MS + 20);
    expect(await meta(p.id)).toMatchObject({ observed_state: 'stopped', last_source_sync_at: null, last_destination_sync_at: null });
  });

  it('keeps the frozen sync times across a restart of the pipeline until it runs again', async () => {
    const p = await t.create(definitionYaml({ frequency: 1 }));
    await post(`/pipelines/${p.id}/start`);
    await sleep(START_MS + 30);
    const frozen = ((await (await post(`/pipelines/${p.id}/stop?force=true`)).json()) as Meta).last_source_sync_at;
    const restarted = (await (await post(`/pipelines/${p.id}/start`)).json()) as Meta;
    expect(restarted).toMatchObject({ observed_state: 'starting', last_source_sync_at: frozen });
    await sleep(START_MS + 30);
    expect(Date.parse((await meta(p.id)).last_source_sync_at as string)).toBeGreaterThan(Date.parse(frozen as string));
  });

  it('keeps sync times moving forward when the frequency changes while running', async () => {
    const p = await t.create(definitionYaml({ frequency: 1 }));
    await post(`/pipelines/${p.id}/start`);
    await sleep(START_MS + 70);
    const before = await meta(p.id);
    await t.api(`/pipelines/${p.id}/definition`, { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: definitionYaml({ frequency: 4 }) });
    const right = await meta(p.id);
    expect(Date.parse(right.last_source_sync_at as string)).toBeGreaterThanOrEqual(Date.parse(before.last_source_sync_at as string));
    await sleep(4 * MINUTE_MS + 20);
    const after = await meta(p.id);
    const step = Date.parse(after.last_source_sync_at as string) - Date.parse(right.last_source_sync_at as string);
    expect(step).toBeGreaterThan(0);
    expect(step % (4 * MINUTE_MS)).toBe(0);
  });

  it('fails with 400 naming force when force is not true or false', async () => {
    const p = await t.create();
    for (const q of ['force=yes', 'force=1', 'force=', 'force=true&force=false']) {
      const res = await post(`/pipelines/${p.id}/stop?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
      expect(await errorOf(res)).toEqual({ code: 'bad_request', message: 'force is true or false', field: 'force' });
    }
  });

  it('fails with 404 to start or stop an unknown or other-account pipeline', async () => {
    const p = await t.create();
    for (const path of ['/pipelines/424242/start', '/pipelines/424242/stop', '/pipelines/x/start']) expect((await post(path)).status).toBe(404);
    expect((await t.api(`/pipelines/${p.id}/start`, { method: 'POST', key: GLOBEX_ADMIN })).status).toBe(404);
    expect((await t.api(`/pipelines/${p.id}/stop`, { method: 'POST', key: GLOBEX_ADMIN })).status).toBe(404);
    expect((await meta(p.id)).status).toBe('stopped');
  });

  it('stops and tears down a deployed pipeline before archiving it, keeping the row', async () => {
    const p = await t.create(definitionYaml({ name: 'running-then-archived' }));
    await post(`/pipelines/${p.id}/start`);
    await sleep(START_MS + 20);
    expect((await t.api(`/pipelines/${p.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/pipelines/${p.id}`)).status).toBe(404);
    const db = new Database(dataPath, { readonly: true });
    try {
      const row = db.prepare('SELECT name, status, archived_at, source_anchor_at FROM pipelines WHERE id = ?').get(p.id) as Record<string, unknown>;
      expect(row).toEqual({ name: 'running-then-archived', status: 'stopped', archived_at: expect.any(Number), source_anchor_at: null });
    } finally {
      db.close();
    }
  });
});
