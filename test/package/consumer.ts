/**
 * A separate repository consuming this package, as a user would: `npm pack` of the built package,
 * installed into a fresh temporary project with its own dependencies, then driven with its own
 * `tsc`, `node` and `npx`.
 *
 * Child processes run asynchronously (spawn, not spawnSync) so that an emulator in the test's own
 * process keeps answering while terraform or the app runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { ADMIN, TerraformWorkspace } from '../support/terraform';

/** The repository root (the package being packed). */
export const ROOT = resolve(__dirname, '..', '..');

/** The package's version. */
export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The outcome of one command. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command ARGS…` in `cwd` and resolves with its exit code and output (never rejects on a non-zero exit). */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs ?? 240_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 240_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Runs a command and throws with its output when it exits non-zero. */
export async function ok(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** This process's environment without the npm_* variables that `npm test` sets for its own run. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];
  return env;
}

/** The version of a package installed in this repository's node_modules (so a consumer's install hits the npm cache). */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Packs the built package (`npm pack --ignore-scripts`, without its `prepare` build: `npm run
 * build`, which `npm test` runs first, has built dist/ already, and rebuilding it here would
 * rewrite files that other test files are running) into a new temporary folder and returns the
 * tarball's path.
 */
export async function packPackage(): Promise<string> {
  if (!existsSync(join(ROOT, 'dist', 'lib', 'constructs-cdktn', 'index.js'))) throw new Error('dist/ is not built: run `npm run build` before these tests (npm test does)');
  const dir = mkdtempSync(join(tmpdir(), 'integrateio-pack-'));
  const result = await ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, env: cleanEnv() });
  const [packed] = JSON.parse(result.stdout) as { filename: string }[];
  return join(dir, packed.filename);
}

/** A fresh project outside this repository with the packed package installed. */
export interface Consumer {
  /** The project folder. */
  readonly dir: string;
  /** Runs a command in the project folder; throws on a non-zero exit. */
  ok(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CommandResult>;
  /** Runs a command in the project folder. */
  run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CommandResult>;
  /** Writes a file into the project folder. */
  write(name: string, content: string): void;
  /** Removes the project folder and the tarball's folder (a consumer with its node_modules weighs about 100 MB). */
  remove(): void;
}

/**
 * Creates a consumer project (a package.json with a name and nothing else, as `npm init` gives) and
 * installs `packages` (npm specs such as `cdktf@0.21.0`) and the tarball into it as the README
 * says: `npm install --omit=optional SPECS… TARBALL` (here also `--prefer-offline --no-audit
 * --no-fund`). `--omit=optional` leaves out better-sqlite3, the emulator's native store, which npm
 * would otherwise build from source here (about 2 minutes, where no prebuilt binary can be
 * downloaded): synth and the provider never need it.
 */
export async function createConsumer(tarball: string, packages: readonly string[]): Promise<Consumer> {
  const dir = mkdtempSync(join(tmpdir(), 'integrateio-consumer-'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer-app', version: '1.0.0', private: true }, null, 2)}\n`);
  const env = cleanEnv();
  const consumer: Consumer = {
    dir,
    ok: (command, args, extra = {}) => ok(command, args, { cwd: dir, env: { ...env, ...extra } }),
    run: (command, args, extra = {}) => run(command, args, { cwd: dir, env: { ...env, ...extra } }),
    write: (name, content) => writeFileSync(join(dir, name), content),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(dirname(tarball), { recursive: true, force: true });
    },
  };
  await consumer.ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=optional', ...packages, tarball]);
  return consumer;
}

/** Every installed copy of the package `name` in the node_modules tree of the project `projectDir`. */
export function copiesOf(projectDir: string, name: string, dir = join(projectDir, 'node_modules')): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === name && existsSync(join(path, 'package.json'))) found.push(path);
    if (entry.name.startsWith('@')) found.push(...copiesOf(projectDir, name, path));
    else if (existsSync(join(path, 'node_modules'))) found.push(...copiesOf(projectDir, name, join(path, 'node_modules')));
  }
  return found;
}

/** The installed package names (`name` or `@scope/name`) of the files a Node.js process has loaded, one per package. */
export const LOADED_PACKAGES_SCRIPT = `
const loaded = new Set();
for (const file of Object.keys(require.cache)) {
  const parts = file.split(/[\\\\/]node_modules[\\\\/]/);
  if (parts.length < 2) continue;
  const rest = parts[parts.length - 1].split(/[\\\\/]/);
  loaded.add(rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0]);
}
process.stdout.write(JSON.stringify([...loaded]));
`;

/** A TypeScript CDKTF/cdktn app with one pipeline, importing the constructs from `entry` and the core from `core`. */
export function appSource(core: 'cdktf' | 'cdktn', entry: string, name: string): string {
  return `import { App, TerraformOutput, TerraformStack } from '${core}';
import type { Construct } from 'constructs';
import { Duration, IntegrateioProvider, Pipeline, PipelineDefinition } from '${entry}';

class OrdersStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new IntegrateioProvider(this, 'integrateio');
    const definition = new PipelineDefinition(this, 'OrdersDefinition', {
      name: '${name}',
      sourceConnectionId: 42,
      destinationConnectionId: 17,
      frequency: 5,
      tables: [{ name: 'public.orders' }, { name: 'public.customers', excludeColumns: ['ssn'] }],
    });
    const pipeline = new Pipeline(this, 'Orders', { definition, startTimeout: Duration.minutes(10) });
    // A reference to a pipeline by id, as for one this app does not create (here: the same one).
    const referenced = Pipeline.fromPipelineId(this, 'OrdersByID', pipeline.pipelineId);
    new TerraformOutput(this, 'pipeline_id', { value: pipeline.pipelineId });
    new TerraformOutput(this, 'referenced_name', { value: referenced.pipelineName });
  }
}

const app = new App({ outdir: process.argv[2] ?? '${core}.out' });
new OrdersStack(app, 'orders');
app.synth();
`;
}

/**
 * A consumer's unit test of its stack with the package's testing helpers (no test framework:
 * it throws on a mismatch and prints "helpers ok").
 */
export function helpersCheckSource(core: 'cdktf' | 'cdktn', entry: string): string {
  return `import { TerraformStack, Testing } from '${core}';
import { assertPipeline, Duration, hasPipeline, IntegrateioProvider, Pipeline, PipelineDefinition } from '${entry}';

const stack = new TerraformStack(Testing.app(), 'unit');
new IntegrateioProvider(stack, 'integrateio');
const definition = new PipelineDefinition(stack, 'Def', {
  name: 'orders-unit', sourceConnectionId: 42, destinationConnectionId: 17, frequency: 5, tables: [{ name: 'public.orders' }],
});
const orders = new Pipeline(stack, 'Orders', { definition, running: true, startTimeout: Duration.minutes(10) });
assertPipeline(stack, 'orders-unit', { running: true, definition: { sync: { frequency: 5 }, tables: [{ name: 'public.orders' }] } });
assertPipeline(stack, orders, { running: true });
if (hasPipeline(stack, 'orders-unit', { definition: { sync: { frequency: 6 } } })) throw new Error('hasPipeline matched a frequency the stack does not have');
let threw = false;
try {
  assertPipeline(stack, 'no-such-pipeline');
} catch {
  threw = true;
}
if (!threw) throw new Error('assertPipeline accepted a pipeline the stack does not have');
process.stdout.write('helpers ok');
`;
}

/** A tsconfig.json compiling `files` with Node.js's own module resolution (node16), which reads the package's `exports`. */
export function tsconfigNode16(files: readonly string[] = ['main.ts']): string {
  return `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'node16', moduleResolution: 'node16', strict: true, resolveJsonModule: true, outDir: 'out', types: ['node'] }, files }, null, 2)}\n`;
}

/** A TypeScript file using every other entry of the package: the root, definition, api and package.json. */
export const OTHER_ENTRIES_SOURCE = `import { api, definition } from 'integrateio-pipelines-as-code';
import { parseDefinition } from 'integrateio-pipelines-as-code/definition';
import { IntegrateioClient } from 'integrateio-pipelines-as-code/api';
import manifest = require('integrateio-pipelines-as-code/package.json');

export const entries = [api.IntegrateioClient, definition.parseDefinition, parseDefinition, IntegrateioClient, manifest.version];
`;

/**
 * The user's path after compiling the app of {@link appSource}: synthesize it with node into
 * `<core>.out`, `terraform init` and `apply` its `orders` stack against the API at `apiUrl`, check
 * that the pipeline it reports exists with `name` (and whatever `afterApply` checks), then
 * `terraform destroy` and check the pipeline is archived.
 */
export async function synthApplyDestroy(consumer: Consumer, core: 'cdktf' | 'cdktn', apiUrl: string, name: string, afterApply?: (tf: TerraformWorkspace) => Promise<void>): Promise<void> {
  const client = new IntegrateioClient({ baseUrl: apiUrl, apiKey: ADMIN, env: {} });
  const outdir = join(consumer.dir, `${core}.out`);
  await consumer.ok('node', ['out/main.js', outdir]);
  const stackDir = join(outdir, 'stacks', 'orders');
  expect(existsSync(join(stackDir, 'cdk.tf.json'))).toBe(true);

  const tf = new TerraformWorkspace({ dir: stackDir, apiUrl, apiKey: ADMIN });
  await tf.init();
  await tf.ok(['apply', '-auto-approve', '-no-color']);
  const id = Number((await tf.ok(['output', '-raw', 'pipeline_id'])).stdout);
  expect((await client.getPipeline(id)).name).toBe(name);
  await afterApply?.(tf);

  await tf.ok(['destroy', '-auto-approve', '-no-color']);
  await expect(client.getPipeline(id)).rejects.toMatchObject({ status: 404 });
}
