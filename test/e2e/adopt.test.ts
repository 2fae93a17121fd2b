/**
 * `integrateio adopt` end to end: an account with pipelines of every definition feature, adopted
 * as HCL and as a CDKTF app; real terraform plans exactly one import per pipeline and nothing
 * else, the apply imports them, and the next plan is empty.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { parseDefinition } from '../../lib/definition';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ACME_ADMIN_KEY, apiEnv, cli } from '../cli/support';
import { installProviderRelease, packageRelease } from '../../lib/provider/release';
import { writeCliConfig } from '../../lib/provider/install';
import { ok } from '../package/consumer';
import { TerraformWorkspace } from '../support/terraform';
import { FEATURE_DEFINITIONS, installPackedPackage, listFiles, planChanges, seedFeaturePipelines, type ResourceChange } from './adopt-support';

jest.setTimeout(240_000);

let emulator: RunningEmulator;
let client: IntegrateioClient;
let seeded: { ids: number[]; running: number };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50 });
  client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ACME_ADMIN_KEY, env: {} });
  seeded = await seedFeaturePipelines(client);
});

afterAll(async () => {
  await emulator?.close();
});

function tempDir(label: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), `integrateio-adopt-${label}-`)), 'out');
}

/** Checks the plan: exactly one import per seeded pipeline, and every action a no-op. */
function expectImportsOnly(changes: readonly ResourceChange[]): void {
  const imported = changes.filter((c) => c.change.importing).map((c) => Number(c.change.importing!.id));
  expect(imported.sort((a, b) => a - b)).toEqual([...seeded.ids].sort((a, b) => a - b));
  expect(changes.filter((c) => c.change.actions.join() !== 'no-op')).toEqual([]);
}

/** The definition files: every seeded pipeline once, with its id in the header and its document unchanged. */
async function expectDefinitionFiles(out: string): Promise<void> {
  const files = listFiles(out).filter((f) => f.startsWith('pipelines/'));
  expect(files).toHaveLength(FEATURE_DEFINITIONS.length);
  const seen: number[] = [];
  for (const file of files) {
    expect(file).toMatch(/^pipelines\/[a-z0-9-]+\.yaml$/);
    const text = fs.readFileSync(path.join(out, file), 'utf8');
    const id = Number(/^# Pipeline (\d+) /.exec(text)?.[1]);
    seen.push(id);
    expect(text.slice(text.indexOf('\ndefinition_version') + 1)).toBe(await client.getDefinitionText(id, 'yaml'));
    expect(parseDefinition(text)).toEqual(await client.getDefinition(id));
  }
  expect(seen.sort((a, b) => a - b)).toEqual([...seeded.ids].sort((a, b) => a - b));
}

function expectNoKey(out: string): void {
  for (const file of listFiles(out).filter((f) => !f.startsWith('node_modules/') && !f.includes('.terraform/'))) {
    expect(fs.readFileSync(path.join(out, file), 'utf8')).not.toMatch(/fdk_[A-Za-z0-9]/);
  }
}

test('hcl: the first plan imports every pipeline and changes nothing, the apply imports, the next plan is empty', async () => {
  const out = tempDir('hcl');
  const result = await cli(['adopt', '--out', out, '--running', 'manage'], { env: apiEnv(emulator.url) });
  expect(result.code).toBe(0);
  expect(result.out).toContain(`adopted ${FEATURE_DEFINITIONS.length} pipelines`);
  await expectDefinitionFiles(out);
  expectNoKey(out);
  const pipelinesTf = fs.readFileSync(path.join(out, 'pipelines.tf'), 'utf8');
  expect(pipelinesTf.match(/running\s+= true/g)).toHaveLength(1);
  expect(pipelinesTf.match(/running\s+= false/g)).toHaveLength(FEATURE_DEFINITIONS.length - 1);
  expect(fs.readFileSync(path.join(out, 'main.tf'), 'utf8')).not.toMatch(/api_key/);

  const tf = new TerraformWorkspace({ dir: out, apiUrl: emulator.url, apiKey: ACME_ADMIN_KEY });
  await tf.init();
  expectImportsOnly(await planChanges(tf));
  await tf.ok(['apply', '-no-color', 'tfplan']);
  expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  const state = tf.state().resources.filter((r) => r.type === 'integrateio_pipeline');
  expect(state).toHaveLength(FEATURE_DEFINITIONS.length);
  expectNoKey(out);
});

test('cdktf: the synthesized stack imports every pipeline with plain terraform, the next plan is empty', async () => {
  const out = tempDir('cdktf');
  const result = await cli(['adopt', '--out', out, '--format', 'cdktf'], { env: apiEnv(emulator.url) });
  expect(result.code).toBe(0);
  await expectDefinitionFiles(out);
  expectNoKey(out);
  const main = fs.readFileSync(path.join(out, 'main.ts'), 'utf8');
  expect(main).toContain("from 'integrateio-pipelines-as-code/constructs'");
  expect(main.match(/PipelineDefinition\.fromFile\(/g)).toHaveLength(FEATURE_DEFINITIONS.length);
  expect(main.match(/\.resource\.importFrom\(/g)).toHaveLength(FEATURE_DEFINITIONS.length);
  expect(main).not.toMatch(/running:/);

  await installPackedPackage(out);
  await ok(process.execPath, [path.join(out, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: out });
  await ok(process.execPath, ['main.js'], { cwd: out });
  const stackDir = path.join(out, 'cdktf.out', 'stacks', 'pipelines');
  const tf = new TerraformWorkspace({ dir: stackDir, apiUrl: emulator.url, apiKey: ACME_ADMIN_KEY });
  await tf.init();
  expectImportsOnly(await planChanges(tf));
  await tf.ok(['apply', '-no-color', 'tfplan']);
  expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  expectNoKey(stackDir);
});

test('hcl with --provider-release: the written lock file pins every platform of the release, and init accepts it read-only', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-adopt-release-'));
  // A portable release (small and quick to make) of two platforms; the provider is installed from it.
  const release = packageRelease({ out: path.join(root, 'release'), platforms: ['darwin_arm64', 'linux_amd64'], portable: true });
  const plugins = path.join(root, 'plugins');
  installProviderRelease({ pluginsDir: plugins, from: release.dir });
  const cliConfig = path.join(root, 'cli.tfrc');
  writeCliConfig({ path: cliConfig, mirrorDir: plugins });

  const out = path.join(root, 'out');
  const result = await cli(['adopt', '--out', out, '--provider-release', release.dir], { env: apiEnv(emulator.url) });
  expect(result.code).toBe(0);
  const lock = fs.readFileSync(path.join(out, '.terraform.lock.hcl'), 'utf8');
  const published = JSON.parse(fs.readFileSync(path.join(release.mirrorDir, 'registry.terraform.io/integrateio/integrateio', `${release.version}.json`), 'utf8')) as { archives: Record<string, { hashes: string[] }> };
  const expected = [...new Set(Object.values(published.archives).flatMap((a) => a.hashes))].sort();
  expect((lock.match(/"h1:[^"]+"/g) ?? []).map((h) => h.slice(1, -1))).toEqual(expected);
  const tf = new TerraformWorkspace({ dir: out, apiUrl: emulator.url, apiKey: ACME_ADMIN_KEY, cliConfig });
  const init = await tf.run(['init', '-no-color', '-lockfile=readonly']);
  expect(init.code).toBe(0);
  expect(fs.readFileSync(path.join(out, '.terraform.lock.hcl'), 'utf8')).toBe(lock);
});

test('fails with --provider-release of a folder that holds no release, before writing anything', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-adopt-norelease-'));
  const out = path.join(root, 'out');
  const result = await cli(['adopt', '--out', out, '--provider-release', root], { env: apiEnv(emulator.url) });
  expect(result.code).toBe(1);
  expect(result.err).toContain('holds no release');
  expect(fs.existsSync(out)).toBe(false);
});
