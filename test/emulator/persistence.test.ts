import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_SEED, startEmulator } from '../../lib/emulator';
import { ACME_ADMIN, GLOBEX_ADMIN, definitionYaml, sleep, startTest, tempDir } from './support';

describe('emulator persistence', () => {
  const files = tempDir();
  afterAll(() => files.cleanup());

  it('keeps pipelines, definitions, runtime state and keys across a restart on the same file', async () => {
    const dataPath = join(files.dir, 'nested', 'dirs', 'restart.db');
    const first = await startTest({ dataPath, startDelayMs: 50 });
    const a = await first.create(definitionYaml({ name: 'kept-a' }));
    const b = await first.create(definitionYaml({ name: 'kept-b', hooks: [10] }));
    await first.api(`/pipelines/${b.id}/start`, { method: 'POST' });
    // Let the start finish before the restart, so the test does not depend on how fast it runs.
    for (let i = 0; i < 100 && ((await (await first.api(`/pipelines/${b.id}`)).json()) as { observed_state: string }).observed_state !== 'running'; i++) await sleep(20);
    const key = (await (await first.api('/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'survivor' }) })).json()) as { value: string };
    const definitionBefore = await (await first.api(`/pipelines/${b.id}/definition`)).text();
    await first.close();
    expect(existsSync(dataPath)).toBe(true);

    const second = await startTest({ dataPath, startDelayMs: 50 });
    try {
      expect(await (await second.api(`/pipelines/${a.id}`)).json()).toEqual(a);
      expect(await (await second.api(`/pipelines/${b.id}/definition`)).text()).toBe(definitionBefore);
      expect(await (await second.api(`/pipelines/${b.id}`)).json()).toMatchObject({ status: 'deployed', observed_state: 'running' });
      expect((await second.api('/pipelines', { key: key.value })).status).toBe(200);
      const c = await second.create();
      expect(c.id).toBe(b.id + 1);
    } finally {
      await second.close();
    }
  });

  it('never reuses an id, even of the newest pipeline archived before a restart; ids are global across accounts', async () => {
    const dataPath = join(files.dir, 'ids.db');
    const first = await startTest({ dataPath });
    const a = await first.create();
    const g = await first.create(definitionYaml({ source: 52, destination: 27 }), GLOBEX_ADMIN);
    expect(g.id).toBe(a.id + 1);
    await first.api(`/pipelines/${g.id}`, { method: 'DELETE', key: GLOBEX_ADMIN });
    await first.close();
    const second = await startTest({ dataPath });
    try {
      expect((await second.create()).id).toBe(g.id + 1);
      expect((await second.api(`/pipelines/${g.id}`, { key: GLOBEX_ADMIN })).status).toBe(404);
    } finally {
      await second.close();
    }
  });

  it('commits every write before answering: another connection sees it while the emulator still runs', async () => {
    const dataPath = join(files.dir, 'committed.db');
    const t = await startTest({ dataPath });
    try {
      const p = await t.create(definitionYaml({ name: 'visible' }));
      await t.api(`/pipelines/${p.id}/start`, { method: 'POST' });
      const db = new Database(dataPath, { readonly: true });
      try {
        expect(db.prepare('SELECT name, status FROM pipelines WHERE id = ?').get(p.id)).toEqual({ name: 'visible', status: 'deployed' });
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        db.close();
      }
    } finally {
      await t.close();
    }
  });

  it('loses no acknowledged write when the process dies: the files as left on disk, never closed, hold every write', async () => {
    // What SIGKILL leaves behind is the database and its WAL as they are, with no checkpoint and
    // no close: copy them while the emulator runs, then open the copy.
    const dataPath = join(files.dir, 'killed.db');
    const crashPath = join(files.dir, 'crash-copy.db');
    const t = await startTest({ dataPath });
    try {
      for (let i = 0; i < 5; i++) await t.create(definitionYaml({ name: `acked-${i}` }));
      copyFileSync(dataPath, crashPath);
      if (existsSync(`${dataPath}-wal`)) copyFileSync(`${dataPath}-wal`, `${crashPath}-wal`);
    } finally {
      await t.close();
    }
    const after = await startTest({ dataPath: crashPath });
    try {
      const list = (await (await after.api('/pipelines')).json()) as { data: { name: string }[] };
      expect(list.data.map((d) => d.name)).toEqual(['acked-4', 'acked-3', 'acked-2', 'acked-1', 'acked-0']);
    } finally {
      await after.close();
    }
  });

  it('applies the seed only to an empty database and lists only the keys that work', async () => {
    const dataPath = join(files.dir, 'seeded-once.db');
    const first = await startEmulator({ port: 0, dataPath });
    expect(first.keys.map((k) => k.value)).toEqual([ACME_ADMIN, 'fdk_emulator_acme_ci_key_00000000000002', GLOBEX_ADMIN]);
    await first.close();
    const other = { accounts: [{ name: 'initech', keys: [{ name: 'root', value: 'fdk_initech_root_key_000000000000', admin: true }], connections: [], hooks: [] }] };
    const second = await startEmulator({ port: 0, dataPath, seed: other });
    try {
      expect(second.keys).toEqual([]);
      const ok = await fetch(`${second.url}/api/public/v1/pipelines`, { headers: { authorization: `Bearer ${ACME_ADMIN}` } });
      expect(ok.status).toBe(200);
      const rejected = await fetch(`${second.url}/api/public/v1/pipelines`, { headers: { authorization: 'Bearer fdk_initech_root_key_000000000000' } });
      expect(rejected.status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('stores keys only as SHA-256 hashes: no key value is in the database file', async () => {
    const dataPath = join(files.dir, 'hashes.db');
    const t = await startTest({ dataPath });
    const created = (await (await t.api('/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'fresh' }) })).json()) as { value: string };
    await t.close();
    const bytes = readFileSync(dataPath).toString('latin1') + (existsSync(`${dataPath}-wal`) ? readFileSync(`${dataPath}-wal`).toString('latin1') : '');
    for (const value of [...DEFAULT_SEED.accounts.flatMap((a) => a.keys.map((k) => k.value)), created.value]) expect(bytes).not.toContain(value);
    const db = new Database(dataPath, { readonly: true });
    try {
      const row = db.prepare('SELECT sha256, prefix FROM api_keys WHERE name = ?').get('fresh') as { sha256: string; prefix: string };
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(row.prefix).toBe(created.value.slice(0, 8));
    } finally {
      db.close();
    }
  });

  it('fails to start on a file that is not an emulator database, naming the path', async () => {
    const dataPath = join(files.dir, 'not-a-db.db');
    writeFileSync(dataPath, 'this is not sqlite'.repeat(100));
    await expect(startEmulator({ port: 0, dataPath })).rejects.toThrow(`cannot open the emulator database ${dataPath}`);
  });

  it('fails to start on a taken port, and closes cleanly', async () => {
    const a = await startEmulator({ port: 0, dataPath: ':memory:' });
    const port = Number(new URL(a.url).port);
    await expect(startEmulator({ port, dataPath: ':memory:' })).rejects.toThrow(/EADDRINUSE/);
    await a.close();
    await a.close();
    await sleep(1);
  });

  it('fails to start with out-of-range options, naming the option', async () => {
    await expect(startEmulator({ port: 70000 })).rejects.toThrow('emulator option port: expected a whole number from 0 to 65535, got 70000');
    await expect(startEmulator({ port: 0, dataPath: ':memory:', minuteMs: 0 })).rejects.toThrow(/minuteMs/);
  });
});
