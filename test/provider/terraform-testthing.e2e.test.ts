/**
 * The provider driven by the real `terraform` binary (offline): the test-only provider
 * (test/fixtures/testthing) is installed into a temporary filesystem mirror and used through a
 * full lifecycle.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installProvider, writeCliConfig } from '../../lib/provider/install';
import { requireCompiledProvider, TESTTHING_ENTRY } from './compiled-provider';

jest.setTimeout(180_000);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-testthing-'));
const work = path.join(root, 'work');
const data = path.join(root, 'data');
const mirror = path.join(root, 'mirror');
const cliConfig = path.join(root, 'cli.tfrc');

function terraform(...args: string[]): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  delete env.TF_LOG;
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args, '-no-color'], { cwd: work, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

async function ok(...args: string[]): Promise<string> {
  const { code, out } = await terraform(...args);
  if (code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${code}:\n${out}`);
  return out;
}

function writeConfig(thing: { name: string; kind?: string }): void {
  const kind = thing.kind ? `\n  kind = ${JSON.stringify(thing.kind)}` : '';
  fs.writeFileSync(
    path.join(work, 'main.tf'),
    `terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio", version = "0.0.1" }
  }
}

provider "integrateio" {
  directory = ${JSON.stringify(data)}
}

resource "integrateio_testthing" "a" {
  name = ${JSON.stringify(thing.name)}${kind}
  size = 3
  tags = { team = "data" }
  spec = yamldecode(file("\${path.module}/spec.yaml"))
}

data "integrateio_testthing" "a" {
  id = integrateio_testthing.a.id
}

output "id" {
  value = integrateio_testthing.a.id
}

output "read_name" {
  value = data.integrateio_testthing.a.name
}
`,
  );
}

function stateAttributes(): Record<string, unknown> {
  const state = JSON.parse(fs.readFileSync(path.join(work, 'terraform.tfstate'), 'utf8'));
  const resource = state.resources.find((r: { mode: string }) => r.mode === 'managed');
  return resource.instances[0].attributes;
}

describe('integrateio_testthing through the real terraform binary', () => {
  beforeAll(async () => {
    requireCompiledProvider();
    fs.mkdirSync(work, { recursive: true });
    fs.mkdirSync(data, { recursive: true });
    // Bundled, as a user installation can be: the lifecycle below also proves the bundle works.
    installProvider({ pluginsDir: mirror, version: '0.0.1', entry: TESTTHING_ENTRY, bundle: true });
    writeCliConfig({ path: cliConfig, mirrorDir: mirror });
    fs.writeFileSync(path.join(work, 'spec.yaml'), 'title: Nightly\nsteps:\n  - name: extract\n    retries: 2\n  - name: load\n    options:\n      mode: upsert\n');
    writeConfig({ name: 'alpha' });
    await ok('init');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('creates a thing whose nested spec comes from yamldecode, then plans no changes (exit 0)', async () => {
    const out = await ok('apply', '-auto-approve');
    expect(out).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    const attrs = stateAttributes();
    expect(attrs).toMatchObject({ name: 'alpha', kind: 'standard', size: 3, revision: 1, tags: { team: 'data' } });
    expect(attrs.spec).toEqual({
      title: 'Nightly',
      enabled: null,
      steps: [
        { name: 'extract', retries: 2, options: null },
        { name: 'load', retries: null, options: { mode: 'upsert' } },
      ],
    });
    expect(fs.existsSync(path.join(data, `${attrs.id}.json`))).toBe(true);
    expect(out).toContain('read_name = "alpha"');
    const plan = await terraform('plan', '-detailed-exitcode');
    expect(plan.out).toContain('No changes.');
    expect(plan.code).toBe(0);
  });

  test('updates in place, keeping id and created_at known in the plan (useStateForUnknown)', async () => {
    const before = stateAttributes();
    writeConfig({ name: 'beta' });
    const plan = await ok('plan');
    expect(plan).toContain('integrateio_testthing.a will be updated in-place');
    expect(plan).toMatch(/~ revision\s+= 1 -> \(known after apply\)/);
    expect(plan).not.toMatch(/created_at\s+=.*known after apply/);
    await ok('apply', '-auto-approve');
    expect(stateAttributes()).toMatchObject({ id: before.id, created_at: before.created_at, name: 'beta', revision: 2 });
    expect((await terraform('plan', '-detailed-exitcode')).code).toBe(0);
  });

  test('replaces the thing when an attribute marked requiresReplace changes', async () => {
    const before = stateAttributes();
    writeConfig({ name: 'beta', kind: 'special' });
    const plan = await ok('plan');
    expect(plan).toContain('integrateio_testthing.a must be replaced');
    expect(plan).toMatch(/~ kind\s+= "standard" -> "special" # forces replacement/);
    await ok('apply', '-auto-approve');
    const after = stateAttributes();
    expect(after.id).not.toBe(before.id);
    expect(fs.existsSync(path.join(data, `${before.id}.json`))).toBe(false);
  });

  test('plans a create when the thing was deleted outside Terraform', async () => {
    fs.rmSync(path.join(data, `${stateAttributes().id}.json`));
    const plan = await ok('plan');
    expect(plan).toContain('integrateio_testthing.a will be created');
    expect(plan).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    await ok('apply', '-auto-approve');
  });

  test('imports an existing thing by id, after which the plan shows no changes', async () => {
    const id = String(stateAttributes().id);
    await ok('state', 'rm', 'integrateio_testthing.a');
    const out = await ok('import', 'integrateio_testthing.a', id);
    expect(out).toContain('Import successful!');
    const plan = await terraform('plan', '-detailed-exitcode');
    expect(plan.out).toContain('No changes.');
    expect(plan.code).toBe(0);
  });

  test('fails validation with the offending value underlined in main.tf', async () => {
    writeConfig({ name: '', kind: 'special' });
    const plan = await terraform('plan');
    expect(plan.code).toBe(1);
    expect(plan.out).toContain('Error: Invalid Attribute Value');
    expect(plan.out).toMatch(/on main\.tf line 12, in resource "integrateio_testthing" "a":\s+12:\s+name = ""/);
    expect(plan.out).toContain('The value must not be empty: set a non-empty string.');
  });

  test('fails a nested value with its full path spelled out and the nested attribute underlined', async () => {
    writeConfig({ name: 'beta', kind: 'special' });
    fs.writeFileSync(path.join(work, 'spec.yaml'), 'title: Nightly\nsteps:\n  - name: ""\n');
    const plan = await terraform('plan');
    expect(plan.code).toBe(1);
    expect(plan.out).toMatch(/on main\.tf line 16, in resource "integrateio_testthing" "a":\s+16:\s+spec = yamldecode/);
    expect(plan.out).toContain('At spec.steps[0].name: The value must not be empty');
    fs.writeFileSync(path.join(work, 'spec.yaml'), 'title: Nightly\n');
  });

  test('fails with a clean error, and no stack trace, when resource code throws', async () => {
    writeConfig({ name: 'explode', kind: 'other' });
    const apply = await terraform('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.out).toContain('Error: Unexpected Provider Error');
    expect(apply.out).toContain('The provider failed while creating integrateio_testthing: the remote service');
    expect(apply.out).not.toMatch(/\bat .*\.js:\d+/);
  });

  test('destroys everything and removes the files', async () => {
    writeConfig({ name: 'beta', kind: 'special' });
    const out = await ok('destroy', '-auto-approve');
    expect(out).toContain('Destroy complete!');
    expect(fs.readdirSync(data)).toEqual([]);
  });
});
