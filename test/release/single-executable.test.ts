/**
 * The linux_amd64 provider is a Node.js single executable: Terraform starts it, plans and applies
 * with a PATH on which no `node` can be found.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readSync, closeSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { executableName, terraformPlatform } from '../../lib/provider/release';
import { ADMIN, minimalDefinitionHcl, PROVIDER_HEADER, providerMirror, TerraformWorkspace } from '../support/terraform';

jest.setTimeout(300_000);

const VERSION: string = require('../../package.json').version;

let emulator: RunningEmulator;
let noNodePath: string;

function installed(kind: 'release' | 'portable'): string {
  return join(providerMirror(kind).dir, 'registry.terraform.io/integrateio/integrateio', VERSION, terraformPlatform(), executableName(VERSION));
}

function firstBytes(file: string, count: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(count);
    readSync(fd, buffer, 0, count, 0);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  if (terraformPlatform() !== 'linux_amd64') throw new Error('the single executable is made for linux_amd64 only: run this test there');
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 100, stopDelayMs: 100 });
  // A PATH holding terraform and nothing else (node is in /usr/bin on many machines).
  const terraform = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'terraform')).find((file) => spawnSync(file, ['version']).status === 0);
  if (!terraform) throw new Error('terraform is not on the PATH');
  noNodePath = join(mkdtempSync(join(tmpdir(), 'integrateio-no-node-')), 'bin');
  mkdirSync(noNodePath);
  symlinkSync(terraform, join(noNodePath, 'terraform'));
});

afterAll(async () => {
  await emulator?.close();
});

test('the PATH of these tests has no node, and the portable provider cannot start on it', () => {
  expect(spawnSync('/bin/sh', ['-c', 'command -v node'], { env: { PATH: noNodePath } }).status).not.toBe(0);
  const portable = spawnSync(installed('portable'), [], { env: { PATH: noNodePath }, encoding: 'utf8' });
  expect(portable.status).toBe(127);
});

test('terraform starts the single executable without node on the PATH, plans and applies a pipeline', async () => {
  const executable = installed('release');
  expect(firstBytes(executable, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46])); // ELF, not a script
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN, provider: 'release', env: { PATH: noNodePath } });
  tf.write(`${PROVIDER_HEADER}resource "integrateio_pipeline" "orders" {
${minimalDefinitionHcl('orders-single-executable')}}
`);
  await tf.init();
  const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
  expect(plan.code).toBe(2);
  await tf.ok(['apply', '-auto-approve', '-no-color']);
  const id = Number(tf.attributes('integrateio_pipeline', 'orders').id);
  const client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
  expect((await client.getPipeline(id)).name).toBe('orders-single-executable');
  const again = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
  expect(again.code).toBe(0);
});
