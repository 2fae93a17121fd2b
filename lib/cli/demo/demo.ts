import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { IntegrateioClient, type PipelineMetadata } from '../../api';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { writeCliConfig } from '../../provider/install';
import { PinnedNodeMissingError } from '../../provider/release';
import { installProviderForCli } from '../commands/provider';
import type { CliIo } from '../io';
import { printPipelines } from '../output';
import { packageRoot } from '../package-info';
import { watchPipelines } from './pipeline-watcher';
import { isProgressLine, runTerraform } from '../terraform-runner';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Where the demo keeps its data (emulator database, provider mirror, CLI config). @default <root>/.integrateio/demo */
  readonly dataDir?: string;
  /** The emulator's port; when taken, a free one is used. @default 8787 */
  readonly port?: number;
  /** Keep the emulator running after the demo until interrupted. @default false */
  readonly serve?: boolean;
  /** How long a pipeline takes to start in the emulator, so the wait is visible. @default 2000 */
  readonly startDelayMs?: number;
}

/** The account key the demo uses: the default seed's admin key of account `acme`. */
export const DEMO_KEY_ACCOUNT = 'acme';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Synthesizes the example app into `outdir`, from `cwd` (where the stacks' local state files go). */
function synthesize(root: string, cwd: string, outdir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const app = join(root, 'dist', 'examples', 'app', 'main.js');
    if (!existsSync(app)) {
      reject(new Error('the example app is not built: run `npm run build` first (npm run demo does)'));
      return;
    }
    const child = spawn(process.execPath, [app], { cwd, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`synthesizing the example app failed: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`))));
  });
}

/**
 * The product's main job in one command: starts the emulator with persistent data, installs the
 * provider offline, synthesizes the example CDKTF app, applies every stack with terraform (showing
 * progress), prints the pipelines with their status and says how to look further.
 *
 * @returns the pipelines after the apply.
 */
export async function runDemo(io: CliIo, options: DemoOptions = {}): Promise<readonly PipelineMetadata[]> {
  const root = packageRoot();
  const dataDir = options.dataDir ?? join(root, '.integrateio', 'demo');
  mkdirSync(dataDir, { recursive: true });
  const step = (text: string) => io.err(`==> ${text}\n`);

  const wanted = options.port ?? 8787;
  const port = (await portIsFree(wanted)) ? wanted : 0;
  step(`Starting the emulator (data: ${join(dataDir, 'emulator.db')})`);
  const emulator: RunningEmulator = await startEmulator({ port, dataPath: join(dataDir, 'emulator.db'), startDelayMs: options.startDelayMs ?? 2000 });
  try {
    const key = emulator.keys.find((k) => k.account === DEMO_KEY_ACCOUNT && k.admin)?.value;
    if (!key) throw new Error(`the emulator's data has no admin key of account ${DEMO_KEY_ACCOUNT}: delete ${dataDir} and run the demo again`);
    io.err(`    listening on ${emulator.url}\n`);

    step('Installing the provider integrateio/integrateio into a local mirror');
    const mirrorDir = join(dataDir, 'plugins');
    let installed;
    try {
      installed = installProviderForCli({ dir: mirrorDir });
    } catch (err) {
      // The demo has no lock file to honour: without the pinned Node.js binary, the portable package
      // (run by this machine's node) shows the same thing.
      if (!(err instanceof PinnedNodeMissingError)) throw err;
      io.err(`    note: ${err.message.split(':')[0]}; the demo installs the portable package instead\n`);
      installed = installProviderForCli({ dir: mirrorDir, portable: true });
    }
    io.err(`    ${installed.flavor} ${installed.h1}\n`);
    const cliConfig = join(dataDir, 'terraform.rc');
    writeCliConfig({ path: cliConfig, mirrorDir });

    const outdir = join(dataDir, 'cdktf.out');
    step(`Synthesizing the example CDKTF app (examples/app) into ${outdir}`);
    await synthesize(root, dataDir, outdir);
    const stacksDir = join(outdir, 'stacks');
    const stacks = readdirSync(stacksDir).sort();

    const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0', INTEGRATEIO_API_URL: emulator.url, INTEGRATEIO_API_KEY: key };
    delete env.TF_LOG;
    const client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: key, env: {} });
    for (const stack of stacks) {
      const cwd = join(stacksDir, stack);
      step(`Applying stack ${stack}`);
      const started = Date.now();
      const show = (line: string) => {
        if (isProgressLine(line)) io.err(`    [${stack} ${((Date.now() - started) / 1000).toFixed(1)}s] ${line.trim()}\n`);
      };
      const init = await runTerraform(['init', '-no-color', '-input=false'], { cwd, env });
      if (init.code !== 0) throw new Error(`terraform init failed in ${cwd}:\n${init.output.trim()}`);
      const stopWatching = watchPipelines(client, io);
      const apply = await runTerraform(['apply', '-auto-approve', '-no-color', '-input=false'], { cwd, env, onLine: show }).finally(stopWatching);
      if (apply.code !== 0) throw new Error(`terraform apply failed in ${cwd}:\n${apply.output.trim()}`);
    }

    const pipelines: PipelineMetadata[] = [];
    for await (const p of client.listPipelines()) pipelines.push(p);
    step('Pipelines');
    printPipelines(io, 'human', pipelines);

    io.err(
      [
        '',
        'Look further:',
        `  the emulator's data stays in ${join(dataDir, 'emulator.db')}; serve it again with`,
        `    npx integrateio emulator --port ${new URL(emulator.url).port} --data ${join(dataDir, 'emulator.db')}`,
        `  then, in another terminal:`,
        `    export INTEGRATEIO_API_URL=${emulator.url}`,
        `    export INTEGRATEIO_API_KEY=${key}   # the emulator's public demo key`,
        '    npx integrateio pipelines list',
        `    npx integrateio pipelines export ${pipelines[0]?.id ?? 1} --format yaml`,
        `  terraform: cd ${join(outdir, 'stacks', 'prod')} && TF_CLI_CONFIG_FILE=${cliConfig} terraform plan`,
        '  run `npm run demo` again: nothing changes.',
        '',
      ].join('\n'),
    );
    if (options.serve) {
      io.err(`Serving the emulator on ${emulator.url} until Ctrl-C.\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
    }
    return pipelines;
  } finally {
    await emulator.close();
  }
}
