/**
 * `integrateio adopt` as a command: every page of a large account, the output folder rules
 * (refuse a non-empty folder without --force, never touch files it did not write), name
 * selection, and usage errors. The Terraform side is in test/e2e/adopt.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import type { PipelineDefinition } from '../../lib/definition';
import { ACME_ADMIN_KEY, apiEnv, cli, GLOBEX_ADMIN_KEY, useEmulator } from './support';

jest.setTimeout(120_000);

const emulator = useEmulator({ startDelayMs: 20, stopDelayMs: 20 });
const client = (key: string) => new IntegrateioClient({ baseUrl: emulator().url, apiKey: key, env: {} });

function acme(name: string): PipelineDefinition {
  return { definition_version: 1, name, source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency: 5 }, tables: [{ name: 'public.orders' }] };
}

function outDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-adopt-cli-')), 'out');
}

function yamlFiles(out: string): string[] {
  return fs.readdirSync(path.join(out, 'pipelines')).sort();
}

/** The pipeline ids named in the headers of the definition files. */
function headerIds(out: string): number[] {
  return yamlFiles(out)
    .map((f) => Number(/^# Pipeline (\d+) /.exec(fs.readFileSync(path.join(out, 'pipelines', f), 'utf8'))?.[1]))
    .sort((a, b) => a - b);
}

test('adopts 300 pipelines across pages in one run, with progress on stderr', async () => {
  const globex = client(GLOBEX_ADMIN_KEY);
  const ids: number[] = [];
  for (let batch = 0; batch < 30; batch++) {
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        globex.createPipeline({ definition_version: 1, name: `fleet-${batch * 10 + i}`, source: { connection: { id: 52 } }, destination: { connection: { id: 27 } }, sync: { frequency: 60 }, tables: [{ name: 'public.t' }] }),
      ),
    );
    ids.push(...made.map((m) => m.id));
  }
  const out = outDir();
  const result = await cli(['adopt', '--out', out], { env: apiEnv(emulator().url, GLOBEX_ADMIN_KEY) });
  expect(result.code).toBe(0);
  expect(yamlFiles(out)).toHaveLength(300);
  expect(headerIds(out)).toEqual(ids.sort((a, b) => a - b));
  expect(fs.readFileSync(path.join(out, 'imports.tf'), 'utf8').match(/^import \{$/gm)).toHaveLength(300);
  expect(JSON.parse(fs.readFileSync(path.join(out, '.integrateio-adopt.json'), 'utf8')).files).toHaveLength(305);
  expect(result.err).toMatch(/listed 300 pipelines/);
  expect(result.err).toMatch(/read \d+ of 300 definitions/);
});

describe('on the acme account', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    ids = {};
    for (const name of ['team-a-orders', 'team-a-payments', 'team-b-orders']) ids[name] = (await client(ACME_ADMIN_KEY).createPipeline(acme(name))).id;
  });
  const run = (args: readonly string[]) => cli(['adopt', ...args], { env: apiEnv(emulator().url, ACME_ADMIN_KEY) });

  test('--name-prefix adopts only the pipelines whose name starts with it', async () => {
    const out = outDir();
    expect((await run(['--out', out, '--name-prefix', 'team-a-'])).code).toBe(0);
    expect(yamlFiles(out)).toEqual(['team-a-orders.yaml', 'team-a-payments.yaml']);
  });

  test('fails on a non-empty folder without --force, and changes nothing there', async () => {
    const out = outDir();
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'main.tf'), '# mine\n');
    const result = await run(['--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: .*not empty.*--force/m);
    expect(fs.readdirSync(out)).toEqual(['main.tf']);
  });

  test('fails with --force when a file it would write is one it did not write, and writes nothing', async () => {
    const out = outDir();
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'main.tf'), '# mine\n');
    const result = await run(['--out', out, '--force']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: .*did not write \(main\.tf\)/m);
    expect(fs.readdirSync(out)).toEqual(['main.tf']);
    expect(fs.readFileSync(path.join(out, 'main.tf'), 'utf8')).toBe('# mine\n');
  });

  test('--force rewrites its own files, removes those of archived pipelines, and keeps every other file', async () => {
    const out = outDir();
    const extra = (await client(ACME_ADMIN_KEY).createPipeline(acme('team-c-temporary'))).id;
    expect((await run(['--out', out, '--name-prefix', 'team-'])).code).toBe(0);
    expect(yamlFiles(out)).toContain('team-c-temporary.yaml');
    fs.writeFileSync(path.join(out, 'backend.tf'), '# mine\n');
    fs.writeFileSync(path.join(out, 'pipelines', 'notes.yaml'), '# mine\n');
    fs.writeFileSync(path.join(out, 'pipelines.tf'), '# edited, to be rewritten\n');
    await client(ACME_ADMIN_KEY).archivePipeline(extra);

    const again = await run(['--out', out, '--name-prefix', 'team-', '--force']);
    expect(again.code).toBe(0);
    expect(yamlFiles(out)).toEqual(['notes.yaml', 'team-a-orders.yaml', 'team-a-payments.yaml', 'team-b-orders.yaml']);
    expect(fs.readFileSync(path.join(out, 'backend.tf'), 'utf8')).toBe('# mine\n');
    expect(fs.readFileSync(path.join(out, 'pipelines', 'notes.yaml'), 'utf8')).toBe('# mine\n');
    expect(fs.readFileSync(path.join(out, 'pipelines.tf'), 'utf8')).toContain('resource "integrateio_pipeline" "team_a_orders"');
    expect(fs.readFileSync(path.join(out, 'pipelines.tf'), 'utf8')).not.toContain('temporary');
  });

  test('--running manage writes each run state, ignore writes none', async () => {
    await client(ACME_ADMIN_KEY).startPipeline(ids['team-b-orders']);
    const managed = outDir();
    expect((await run(['--out', managed, '--name-prefix', 'team-b-', '--running', 'manage'])).code).toBe(0);
    expect(fs.readFileSync(path.join(managed, 'pipelines.tf'), 'utf8')).toMatch(/running\s+= true/);
    const ignored = outDir();
    expect((await run(['--out', ignored, '--name-prefix', 'team-b-', '--format', 'cdktf'])).code).toBe(0);
    expect(fs.readFileSync(path.join(ignored, 'main.ts'), 'utf8')).not.toMatch(/running/);
  });

  test.each([
    [['--format', 'terraform'], /--format must be hcl or cdktf/],
    [['--running', 'always'], /--running must be manage or ignore/],
  ])('fails as a usage error on %j before any request or file', async (args, message) => {
    const out = outDir();
    const result = await cli(['adopt', '--out', out, ...args], { env: {} });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('fails without a key, naming INTEGRATEIO_API_KEY, and writes nothing', async () => {
    const out = outDir();
    const result = await cli(['adopt', '--out', out], { env: { INTEGRATEIO_API_URL: emulator().url } });
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/INTEGRATEIO_API_KEY/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
