/**
 * The journal of pending creates: where it lives, what an entry holds (never the key), which
 * entries match, and a create that still works (with a warning) when it cannot be written.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import type { PipelineDefinition } from '../../lib/definition';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { Diagnostics } from '../../lib/provider/framework';
import { CreateJournal, keyFingerprint, terraformDataDir, terraformWorkspace } from '../../lib/provider/resources/create-journal';
import { PipelineAdoption } from '../../lib/provider/resources/pipeline-adoption';

const KEY = 'fdk_emulator_acme_admin_key_000000000001';

const temp = (): string => mkdtempSync(join(tmpdir(), 'integrateio-journal-'));

const entry = { workspace: 'default', keyHash: keyFingerprint(KEY), apiUrl: 'http://127.0.0.1:1', name: 'orders', definitionHash: 'a'.repeat(64), attemptedAt: 1000, afterId: 7 };

test('lives in the Terraform data directory of the working directory, per workspace', () => {
  const cwd = temp();
  expect(terraformDataDir({}, cwd)).toBe(join(cwd, '.terraform'));
  expect(terraformDataDir({ TF_DATA_DIR: 'state-data' }, cwd)).toBe(join(cwd, 'state-data'));
  const dataDir = join(cwd, '.terraform');
  expect(terraformWorkspace(dataDir, {})).toBe('default');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, 'environment'), 'staging');
  expect(terraformWorkspace(dataDir, {})).toBe('staging');
  expect(terraformWorkspace(dataDir, { TF_WORKSPACE: 'prod' })).toBe('prod');
});

test('writes one private file per entry, without the key, and matches on workspace, key, name and definition', () => {
  const journal = new CreateJournal(join(temp(), '.terraform'));
  const written = journal.add(entry);
  const text = readFileSync(join(journal.folder, written.file), 'utf8');
  expect(text).not.toContain(KEY);
  expect(statSync(join(journal.folder, written.file)).mode & 0o077).toBe(0);
  writeFileSync(join(journal.folder, 'not-an-entry.json'), '{');
  const key = { workspace: 'default', keyHash: entry.keyHash, name: 'orders', definitionHash: entry.definitionHash };
  expect(journal.matching(key)).toEqual([written]);
  for (const other of [{ workspace: 'staging' }, { keyHash: keyFingerprint('fdk_other') }, { name: 'orders-2' }, { definitionHash: 'b'.repeat(64) }]) {
    expect(journal.matching({ ...key, ...other })).toEqual([]);
  }
  journal.remove(written);
  journal.remove(written);
  expect(journal.matching(key)).toEqual([]);
  expect(readdirSync(journal.folder)).toEqual(['not-an-entry.json']);
});

describe('a create whose journal cannot be written', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, dataPath: ':memory:' });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  test('still creates the pipeline, with a warning naming the folder', async () => {
    const blocked = join(temp(), 'file');
    writeFileSync(blocked, 'a file where the data directory should be');
    const journal = new CreateJournal(blocked);
    const client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: KEY, env: {} });
    const adoption = new PipelineAdoption(client, { journal, workspace: 'default', keyHash: keyFingerprint(KEY), apiUrl: emulator.url });
    const doc = { definition_version: 1, name: 'unjournaled', source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency: 5 }, tables: [{ name: 'public.orders' }] } as PipelineDefinition;
    const diags = new Diagnostics();
    const created = await adoption.create(doc, diags);
    expect((await client.getPipeline(created.id)).name).toBe('unjournaled');
    expect(diags.all()).toEqual([expect.objectContaining({ severity: 'warning', detail: expect.stringContaining(journal.folder) })]);
  });
});
