/**
 * `integrateio pipelines apply` prints the data-change warnings of a definition change before it
 * replaces the definition, and `--dry-run` prints them without changing anything.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { dataChangeWarnings, parseDefinition, type PipelineDefinition } from '../../lib/definition';
import { ACME_ADMIN_KEY, apiEnv, cli, lines, useEmulator, type CliRun } from './support';

const emulator = useEmulator();
const run = (args: readonly string[]): Promise<CliRun> => cli(args, { env: apiEnv(emulator().url) });
const client = () => new IntegrateioClient({ baseUrl: emulator().url, apiKey: ACME_ADMIN_KEY, env: {} });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'integrateio-cli-warn-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a definition with the given destination, frequency and tables and returns its path. */
function write(name: string, shape: { destination?: number; frequency?: number; tables?: string[] } = {}): string {
  const tables = (shape.tables ?? ['public.orders', 'public.customers']).map((t) => `  - name: ${t}\n`).join('');
  const text = `definition_version: 1\nname: ${name}\nsource: { connection: { id: 42 } }\ndestination: { connection: { id: ${shape.destination ?? 17} } }\nsync:\n  frequency: ${shape.frequency ?? 5}\n  auto_sync_new_tables: true\ntables:\n${tables}`;
  const path = join(dir, `${name}-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}

async function definitionOf(name: string): Promise<PipelineDefinition> {
  for await (const p of client().listPipelines()) if (p.name === name) return client().getDefinition(p.id);
  throw new Error(`no pipeline named ${name}`);
}

test('apply prints the warnings of a change that touches data, then replaces the definition', async () => {
  expect((await run(['pipelines', 'apply', '-f', write('warn-apply')])).code).toBe(0);
  const before = await definitionOf('warn-apply');
  const file = write('warn-apply', { destination: 18, tables: ['public.customers'] });
  const expected = dataChangeWarnings(before, parseDefinition(readFileSync(file, 'utf8')));

  const result = await run(['pipelines', 'apply', '-f', file]);
  expect(result.code).toBe(0);
  expect(result.out).toMatch(/^updated pipeline \d+ \(warn-apply\)\n$/);
  expect(lines(result.err)).toEqual(expected.map((w) => `warning: ${w.path}: ${w.message}`));
  expect(lines(result.err).map((l) => l.split(':')[1].trim())).toEqual(['destination.connection.id', 'tables']);
  expect((await definitionOf('warn-apply')).destination.connection.id).toBe(18);
});

test('apply of a change that touches no data (frequency) prints no warning', async () => {
  expect((await run(['pipelines', 'apply', '-f', write('warn-quiet')])).code).toBe(0);
  const result = await run(['pipelines', 'apply', '-f', write('warn-quiet', { frequency: 60 })]);
  expect(result).toMatchObject({ code: 0, err: '' });
});

test('--dry-run prints the same warnings and changes nothing', async () => {
  expect((await run(['pipelines', 'apply', '-f', write('warn-dry')])).code).toBe(0);
  const before = await definitionOf('warn-dry');
  const file = write('warn-dry', { tables: ['public.orders'] });

  const dry = await run(['pipelines', 'apply', '-f', file, '--dry-run']);
  expect(dry.code).toBe(0);
  expect(dry.out).toMatch(/^would update pipeline \d+ \(warn-dry\)\n$/);
  expect(lines(dry.err)).toEqual([`warning: tables: ${dataChangeWarnings(before, { ...before, tables: [before.tables[0]] })[0].message}`]);
  expect(await definitionOf('warn-dry')).toEqual(before);

  const json = await run(['pipelines', 'apply', '-f', file, '--dry-run', '--output', 'json']);
  expect(JSON.parse(json.out)).toMatchObject({ action: 'update', dry_run: true, warnings: [{ kind: 'table_removed', path: 'tables' }] });
  expect(await definitionOf('warn-dry')).toEqual(before);

  const applied = await run(['pipelines', 'apply', '-f', file]);
  expect(applied.err).toBe(dry.err);
});

test('--dry-run of a new pipeline creates nothing', async () => {
  const result = await run(['pipelines', 'apply', '-f', write('warn-new'), '--dry-run']);
  expect(result).toEqual({ code: 0, out: 'would create pipeline (warn-new)\n', err: '' });
  const names: string[] = [];
  for await (const p of client().listPipelines()) names.push(p.name);
  expect(names).not.toContain('warn-new');
});
