/**
 * A separate CDKTF app consuming the packed package: its own cdktf and constructs, compiled with
 * its own tsc, synthesized with node, applied and destroyed by the real terraform against the
 * emulator, and the `integrateio` bin run from its node_modules.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { MAGIC_COOKIE_VALUE } from '../../lib/provider/protocol/handshake';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN } from '../support/terraform';
import { appSource, cleanEnv, helpersCheckSource, copiesOf, createConsumer, installedVersion, LOADED_PACKAGES_SCRIPT, packPackage, PACKAGE_VERSION, synthApplyDestroy, ROOT, OTHER_ENTRIES_SOURCE, tsconfigNode16, type Consumer } from './consumer';

jest.setTimeout(300_000);

const ENTRY = 'integrateio-pipelines-as-code/constructs';

let consumer: Consumer;
let emulator: RunningEmulator;

beforeAll(async () => {
  const tarball = await packPackage();
  // The versions this repository installs, so that npm finds them in its cache.
  consumer = await createConsumer(tarball, ['cdktf', 'constructs', 'typescript', '@types/node'].map((name) => `${name}@${installedVersion(name)}`));
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 100, stopDelayMs: 100 });
});

afterAll(async () => {
  await emulator?.close();
  consumer?.remove();
});

test('a TypeScript app importing the constructs by name, and the other entries, compiles with node16 resolution (exports) and with the cdktf template (classic resolution)', async () => {
  consumer.write('main.ts', appSource('cdktf', ENTRY, 'consumer-cdktf-orders'));
  consumer.write('entries.ts', OTHER_ENTRIES_SOURCE);
  consumer.write('check.ts', helpersCheckSource('cdktf', ENTRY));
  consumer.write('tsconfig.json', tsconfigNode16(['main.ts', 'entries.ts', 'check.ts']));
  await consumer.ok('npx', ['tsc', '-p', '.']);
  // What `cdktf init --template typescript` writes: module CommonJS, so the classic `node` resolution
  // that ignores `exports` and reads `typesVersions`.
  const template = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'templates', 'typescript', 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  consumer.write('tsconfig.classic.json', JSON.stringify({ compilerOptions: { ...template.compilerOptions, incremental: false, noEmit: true }, files: ['main.ts', 'entries.ts'] }));
  await consumer.ok('npx', ['tsc', '-p', 'tsconfig.classic.json']);
});

test('the app synthesizes with node, and terraform applies it against the emulator and destroys it', async () => {
  expect(existsSync(join(consumer.dir, 'out', 'main.js'))).toBe(true);
  await synthApplyDestroy(consumer, 'cdktf', emulator.url, 'consumer-cdktf-orders', async (tf) => {
    // Pipeline.fromPipelineId reads the referenced pipeline's name through the data source.
    expect((await tf.ok(['output', '-raw', 'referenced_name'])).stdout).toBe('consumer-cdktf-orders');
  });
});

test('a unit test of the stack with the testing helpers and Duration runs against the packed package', async () => {
  expect((await consumer.ok('node', ['out/check.js'])).stdout).toBe('helpers ok');
});

test("our constructs use the consumer's single copy of constructs and cdktf", async () => {
  expect(copiesOf(consumer.dir, 'constructs')).toHaveLength(1);
  expect(copiesOf(consumer.dir, 'cdktf')).toHaveLength(1);
  const script = `
const { Pipeline } = require('${ENTRY}');
const { App, TerraformStack } = require('cdktf');
const { Construct } = require('constructs');
const stack = new TerraformStack(new App({ outdir: require('node:os').tmpdir() }), 's');
const from = require('node:path').dirname(require.resolve('${ENTRY}'));
process.stdout.write(JSON.stringify({
  constructs: require.resolve('constructs', { paths: [from] }) === require.resolve('constructs'),
  cdktf: require.resolve('cdktf', { paths: [from] }) === require.resolve('cdktf'),
  isConstruct: Pipeline.prototype instanceof Construct && stack instanceof Construct,
}));`;
  const result = await consumer.ok('node', ['-e', script]);
  expect(JSON.parse(result.stdout)).toEqual({ constructs: true, cdktf: true, isConstruct: true });
});

test("requiring the constructs, the definition library, the API client or the root loads neither the emulator's server nor the CLI's dependencies", async () => {
  const forbidden = ['fastify', 'better-sqlite3', 'commander', '@grpc/grpc-js', '@grpc/proto-loader'];
  for (const entry of [ENTRY, 'integrateio-pipelines-as-code/definition', 'integrateio-pipelines-as-code/api', 'integrateio-pipelines-as-code']) {
    const result = await consumer.ok('node', ['-e', `require('${entry}');${LOADED_PACKAGES_SCRIPT}`]);
    const loaded = JSON.parse(result.stdout) as string[];
    expect(loaded).toContain('integrateio-pipelines-as-code');
    expect(loaded.filter((name) => forbidden.includes(name))).toEqual([]);
  }
});

test('an ES module imports the constructs and the other entries by name', async () => {
  const script = `import { IntegrateioProvider, Pipeline, PipelineDefinition } from '${ENTRY}';
import { api, definition } from 'integrateio-pipelines-as-code';
import { IntegrateioClient } from 'integrateio-pipelines-as-code/api';
import { parseDefinition } from 'integrateio-pipelines-as-code/definition';
process.stdout.write(JSON.stringify([IntegrateioProvider, Pipeline, PipelineDefinition, api.IntegrateioClient, definition.parseDefinition, IntegrateioClient, parseDefinition].map((x) => typeof x)));`;
  const result = await consumer.ok('node', ['--input-type=module', '-e', script]);
  expect(JSON.parse(result.stdout)).toEqual(Array(7).fill('function'));
});

test("the installed provider serves Terraform without loading the emulator's server or the CLI's dependencies", async () => {
  const entry = join(consumer.dir, 'node_modules', 'integrateio-pipelines-as-code', 'dist', 'lib', 'provider', 'main.js');
  // Once the provider has printed its handshake line (it serves from then on), print what it loaded and stop.
  const script = `
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const done = String(chunk).includes('|grpc|');
  const result = write(chunk, ...rest);
  if (done) { write('\\n'); ${LOADED_PACKAGES_SCRIPT.replace(/process\.stdout\.write/g, 'write')}; process.exit(0); }
  return result;
};
require(${JSON.stringify(entry)});`;
  const result = await consumer.ok('node', ['-e', script], { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6' });
  const loaded = JSON.parse(result.stdout.trim().split('\n').pop() as string) as string[];
  expect(loaded).toContain('integrateio-pipelines-as-code');
  expect(loaded.filter((name) => ['fastify', 'better-sqlite3', 'commander', 'cdktf', 'constructs'].includes(name))).toEqual([]);
});

test('the integrateio bin runs from the consumer\'s node_modules: --version and provider install', async () => {
  const version = await consumer.ok('npx', ['--no-install', 'integrateio', '--version']);
  expect(version.stdout.trim()).toBe(PACKAGE_VERSION);
  const pluginsDir = mkdtempSync(join(tmpdir(), 'integrateio-consumer-plugins-'));
  await consumer.ok('npx', ['--no-install', 'integrateio', 'provider', 'install', '--dir', pluginsDir]);
  const installed = readdirSync(pluginsDir, { recursive: true, encoding: 'utf8' }).filter((file) => /terraform-provider-integrateio/.test(file));
  expect(installed.length).toBeGreaterThan(0);
  rmSync(pluginsDir, { recursive: true, force: true });
});

test('fails to run the emulator where better-sqlite3 is not installed (--omit=optional), naming the package to install, without a stack trace', async () => {
  const result = await consumer.run('npx', ['--no-install', 'integrateio', 'emulator', '--port', '0']);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: .*better-sqlite3.*npm install better-sqlite3/m);
  expect(result.stderr).not.toMatch(/^\s+at /m);
});

/** Starts `npx integrateio emulator` in the consumer and resolves with its URL once it listens. */
function startBinEmulator(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  // Its own process group, so that the test can stop npx and the emulator under it together.
  const child = spawn('npx', ['--no-install', 'integrateio', 'emulator', '--port', '0', '--data', ':memory:', '--quiet'], { cwd: consumer.dir, env, detached: true });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the emulator printed no URL within 30 s; stdout: ${out}; stderr: ${err}`));
    }, 30_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Emulator listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited ${code}; stdout: ${out}; stderr: ${err}`));
    });
    child.on('error', reject);
  });
}

test("the emulator runs from the consumer's bin once better-sqlite3 is resolvable", async () => {
  // Stands in for `npm install better-sqlite3` in the consumer (a build from source of about two
  // minutes here): NODE_PATH makes this repository's built copy resolvable.
  const { child, url } = await startBinEmulator({ ...cleanEnv(), NODE_PATH: join(ROOT, 'node_modules') });
  try {
    const pipelines = await new IntegrateioClient({ baseUrl: url, apiKey: ADMIN, env: {} }).listPipelinesPage(1);
    expect(Array.isArray(pipelines.data)).toBe(true);
  } finally {
    const closed = new Promise((resolve) => child.on('close', resolve));
    process.kill(-(child.pid as number), 'SIGTERM');
    await closed;
  }
});
