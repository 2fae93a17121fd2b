/**
 * The API key never leaks: the whole flow — terraform init, plan -out, show -json, apply, plan,
 * destroy with TF_LOG=trace, the CLI's list/get/export/apply and its errors, and 401 errors once
 * the key is revoked — with a known key, and its value (and its body after `fdk_`) is in no
 * stdout or stderr, no TF_LOG file, no state file, no plan file (its bytes and its unzipped
 * entries), and no error message. The key comes from INTEGRATEIO_API_KEY (the seeded admin key)
 * or from a sensitive, ephemeral variable (a key freshly minted through the admin API).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { TerraformWorkspace, type TerraformResult } from '../support/terraform';
import { ADMIN, freePort } from '../reliability/support';
import { runCli, unzipEntries, type CliResult } from './support';

jest.setTimeout(240_000);

const HEADER = `terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}
`;

const RESOURCE = `
resource "integrateio_pipeline" "orders" {
  definition = yamldecode(file("\${path.module}/orders.yaml"))
}
output "id" { value = integrateio_pipeline.orders.id }
`;

/** The provider block of each way of passing the key. */
const PROVIDER = {
  env: 'provider "integrateio" {}\n',
  ephemeral: 'variable "api_key" {\n  type      = string\n  sensitive = true\n  ephemeral = true\n}\nprovider "integrateio" {\n  api_key = var.api_key\n}\n',
  sensitive: 'variable "api_key" {\n  type      = string\n  sensitive = true\n}\nprovider "integrateio" {\n  api_key = var.api_key\n}\n',
};

function ordersYaml(name: string, source = 42): string {
  return `definition_version: 1\nname: ${name}\nsource:\n  connection:\n    id: ${source}\ndestination:\n  connection:\n    id: 17\nsync:\n  frequency: 5\ntables:\n  - name: public.orders\n`;
}

let emulator: RunningEmulator;
let admin: IntegrateioClient;
/** Every line the emulator logged: it must not hold a key either. */
const emulatorLog: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50, log: (line) => emulatorLog.push(line) });
  admin = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
});

afterAll(async () => {
  await emulator?.close();
});

/** Everything a flow produced, by where it was seen. */
class Evidence {
  readonly items: { where: string; bytes: Buffer }[] = [];

  add(where: string, content: string | Buffer): void {
    this.items.push({ where, bytes: typeof content === 'string' ? Buffer.from(content) : content });
  }

  output(what: string, result: TerraformResult | CliResult): void {
    this.add(`${what} stdout`, result.stdout);
    this.add(`${what} stderr`, result.stderr);
  }

  /** Every file under `dir` (the workspace: TF_LOG file, state, backups, plan file, lock file...). */
  files(dir: string, prefix = ''): void {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) this.files(path, `${prefix}${name}/`);
      else if (stat.isFile() && stat.size < 20_000_000) this.add(`file ${prefix}${name}`, readFileSync(path));
    }
  }

  /** The places where any of `needles` occurs. */
  leaks(needles: readonly string[]): string[] {
    return this.items.filter(({ bytes }) => needles.some((n) => bytes.includes(n))).map(({ where }) => where);
  }
}

/** The value and the body after `fdk_` of a key: neither may appear anywhere. */
function needles(key: string): string[] {
  expect(key.startsWith('fdk_')).toBe(true);
  return [key, key.slice('fdk_'.length)];
}

/** Runs terraform with TF_LOG=trace into tf.log, records its output, and checks its exit code. */
async function terraform(tf: TerraformWorkspace, evidence: Evidence, env: NodeJS.ProcessEnv, args: string[], expectedCode = 0): Promise<TerraformResult> {
  const result = await tf.run(args, { ...env, TF_LOG: 'trace', TF_LOG_PATH: join(tf.dir, 'tf.log') });
  evidence.output(`terraform ${args.join(' ')}`, result);
  if (result.code !== expectedCode) throw new Error(`terraform ${args.join(' ')} exited ${result.code}, expected ${expectedCode}\n${result.stdout}\n${result.stderr}`);
  return result;
}

async function cli(evidence: Evidence, env: NodeJS.ProcessEnv, args: string[], expectedCode = 0): Promise<CliResult> {
  const result = await runCli(args, env);
  evidence.output(`integrateio ${args.join(' ')}`, result);
  if (result.code !== expectedCode) throw new Error(`integrateio ${args.join(' ')} exited ${result.code}, expected ${expectedCode}\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * The whole flow with `key`, passed as `mode` says, then the key revoked and the 401 paths.
 * Returns everything produced.
 */
async function wholeFlow(key: string, mode: 'env' | 'ephemeral', name: string): Promise<Evidence> {
  const evidence = new Evidence();
  const tf = new TerraformWorkspace({ apiUrl: emulator.url });
  const env: NodeJS.ProcessEnv = mode === 'env' ? { INTEGRATEIO_API_KEY: key } : { TF_VAR_api_key: key };
  tf.write(HEADER + PROVIDER[mode] + RESOURCE);
  tf.write(ordersYaml(name), 'orders.yaml');

  await terraform(tf, evidence, env, ['init', '-no-color']);
  await terraform(tf, evidence, env, ['plan', '-no-color', '-out=tfplan']);
  const shown = await terraform(tf, evidence, env, ['show', '-json', 'tfplan']);
  expect(JSON.parse(shown.stdout)).toMatchObject({ format_version: expect.any(String) });
  // The plan file is a zip: its entries, inflated, are searched too.
  const entries = unzipEntries(readFileSync(join(tf.dir, 'tfplan')));
  expect([...entries.keys()]).toContain('tfplan');
  for (const [entry, bytes] of entries) evidence.add(`tfplan zip entry ${entry}`, bytes);
  await terraform(tf, evidence, env, ['apply', '-no-color', 'tfplan']);
  const id = Number(tf.attributes('integrateio_pipeline', 'orders').id);
  expect(id).toBeGreaterThan(0);
  await terraform(tf, evidence, env, ['plan', '-no-color', '-detailed-exitcode']);
  await terraform(tf, evidence, env, ['show', '-json']);
  // A plan the API rejects (an unknown connection): an error diagnostic with the API's answer.
  tf.write(ordersYaml(name, 99), 'orders.yaml');
  const rejected = await terraform(tf, evidence, env, ['plan', '-no-color'], 1);
  expect(rejected.stderr).toContain('Invalid Pipeline Definition');
  tf.write(ordersYaml(name), 'orders.yaml');

  // The CLI, with the same key in its environment, successes and errors.
  const cliEnv = { INTEGRATEIO_API_URL: emulator.url, INTEGRATEIO_API_KEY: key };
  expect((await cli(evidence, cliEnv, ['pipelines', 'list'])).stdout).toContain(name);
  await cli(evidence, cliEnv, ['pipelines', 'list', '--output', 'json']);
  await cli(evidence, cliEnv, ['pipelines', 'get', String(id)]);
  await cli(evidence, cliEnv, ['pipelines', 'export', String(id), '--format', 'yaml']);
  await cli(evidence, cliEnv, ['pipelines', 'export', String(id), '--format', 'json']);
  writeFileSync(join(tf.dir, 'cli.yaml'), ordersYaml(`${name}-cli`));
  await cli(evidence, cliEnv, ['pipelines', 'apply', '-f', join(tf.dir, 'cli.yaml')]);
  await cli(evidence, cliEnv, ['pipelines', 'apply', '-f', join(tf.dir, 'cli.yaml'), '--output', 'json']);
  expect((await cli(evidence, cliEnv, ['pipelines', 'get', '999999'], 1)).stderr).toMatch(/404/);
  writeFileSync(join(tf.dir, 'bad.yaml'), ordersYaml(`${name}-bad`, 99));
  expect((await cli(evidence, cliEnv, ['pipelines', 'apply', '-f', join(tf.dir, 'bad.yaml')], 1)).stderr).toMatch(/400 invalid_definition/);
  expect((await cli(evidence, { ...cliEnv, INTEGRATEIO_API_URL: `http://127.0.0.1:${await freePort()}` }, ['pipelines', 'list'], 1)).stderr).toMatch(/could not connect/);

  await terraform(tf, evidence, env, ['destroy', '-no-color', '-auto-approve']);

  // Revoked: the 401 paths of the provider and of the CLI.
  const keyId = (await admin.listApiKeys()).find((k) => !k.revoked_at && (mode === 'env' ? k.name === 'admin' : k.name === name));
  if (!keyId) throw new Error(`the key of ${name} is not listed`);
  await admin.revokeApiKey(keyId.id);
  tf.write(ordersYaml(`${name}-after-revoke`), 'orders.yaml');
  const unauthorized = await terraform(tf, evidence, env, ['plan', '-no-color'], 1);
  expect(unauthorized.stderr).toContain('Invalid API Key');
  expect(unauthorized.stderr).toContain('401');
  expect((await cli(evidence, cliEnv, ['pipelines', 'list'], 1)).stderr).toMatch(/401 unauthorized/);

  evidence.files(tf.dir);
  expect(evidence.items.some((i) => i.where === 'file tf.log' && i.bytes.length > 10_000)).toBe(true);
  expect(evidence.items.some((i) => i.where === 'file terraform.tfstate')).toBe(true);
  expect(evidence.items.some((i) => i.where === 'file tfplan')).toBe(true);
  return evidence;
}

describe('the API key appears nowhere', () => {
  test('a freshly minted key passed in a sensitive, ephemeral variable', async () => {
    const minted = await admin.createApiKey({ name: 'secrets-minted', admin: false });
    const evidence = await wholeFlow(minted.value, 'ephemeral', 'secrets-minted');
    // The test can see a key: the evidence does hold the pipeline names it looks for.
    expect(evidence.leaks(['secrets-minted-cli'])).not.toEqual([]);
    expect(evidence.leaks(needles(minted.value))).toEqual([]);
    expect(emulatorLog.filter((line) => needles(minted.value).some((n) => line.includes(n)))).toEqual([]);
  });

  test('the seeded admin key passed in INTEGRATEIO_API_KEY', async () => {
    // Revoking the seeded admin at the end needs another admin key to do it with.
    const second = await admin.createApiKey({ name: 'second-admin', admin: true });
    const keeper = new IntegrateioClient({ baseUrl: emulator.url, apiKey: second.value, env: {} });
    admin = keeper;
    const evidence = await wholeFlow(ADMIN, 'env', 'secrets-seeded');
    expect(evidence.leaks(needles(ADMIN))).toEqual([]);
    expect(emulatorLog.filter((line) => needles(ADMIN).some((n) => line.includes(n)))).toEqual([]);
  });

  test('a sensitive variable that is not ephemeral: Terraform itself keeps it in the saved plan and prints it in show -json, nowhere else', async () => {
    const minted = await admin.createApiKey({ name: 'secrets-sensitive', admin: false });
    const evidence = new Evidence();
    const tf = new TerraformWorkspace({ apiUrl: emulator.url });
    const env = { TF_VAR_api_key: minted.value };
    tf.write(HEADER + PROVIDER.sensitive + RESOURCE);
    tf.write(ordersYaml('secrets-sensitive'), 'orders.yaml');
    await terraform(tf, evidence, env, ['init', '-no-color']);
    await terraform(tf, evidence, env, ['plan', '-no-color', '-out=tfplan']);
    await terraform(tf, evidence, env, ['show', '-json', 'tfplan']);
    await terraform(tf, evidence, env, ['apply', '-no-color', 'tfplan']);
    evidence.files(tf.dir);
    const plan = unzipEntries(readFileSync(join(tf.dir, 'tfplan')));
    for (const [entry, bytes] of plan) evidence.add(`tfplan zip entry ${entry}`, bytes);
    // Terraform stores the values of non-ephemeral input variables in a saved plan (its "tfplan"
    // entry) and `show -json` prints them, sensitive or not: that is why api_key from a variable
    // needs `ephemeral = true`. Our provider adds no other place.
    expect(evidence.leaks(needles(minted.value)).sort()).toEqual(['terraform show -json tfplan stdout', 'tfplan zip entry tfplan']);
  });
});
