import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../lib/emulator';

/** The seeded keys of the emulator's default seed. */
export const ACME_ADMIN_KEY = 'fdk_emulator_acme_admin_key_000000000001';
export const ACME_CI_KEY = 'fdk_emulator_acme_ci_key_00000000000002';
export const GLOBEX_ADMIN_KEY = 'fdk_emulator_globex_admin_key_00000000003';

/** The folder of the definition files the CLI tests read. */
export const FIXTURES = join(__dirname, 'fixtures');

/** The path of a fixture file. */
export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Options of one in-process CLI run. */
export interface RunOptions {
  /** The environment the CLI sees (nothing of the test process's own). @default {} */
  readonly env?: NodeJS.ProcessEnv;
  /** Whether standard error is a terminal. @default false */
  readonly isTTY?: boolean;
}

/**
 * Runs `integrateio ARGS` in process with captured output. File paths under the fixtures folder
 * are shown as `fixtures/NAME`, so that snapshots do not depend on where the repository lives.
 */
export async function cli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'integrateio', ...args], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
  });
  return { code, out: stablePaths(out), err: stablePaths(err) };
}

/** Replaces the absolute fixtures folder with `fixtures`. */
export function stablePaths(text: string): string {
  return text.split(FIXTURES).join('fixtures');
}

/**
 * Starts the real emulator on a random port with an in-memory database before the file's tests
 * and closes it after. Read the returned function inside tests.
 */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 150, stopDelayMs: 150, ...options });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('the emulator did not start');
    return emulator;
  };
}

/** The environment of a CLI run against an emulator with a key. */
export function apiEnv(url: string, key: string = ACME_ADMIN_KEY): NodeJS.ProcessEnv {
  return { INTEGRATEIO_API_URL: url, INTEGRATEIO_API_KEY: key };
}

/** The URL of a local port nothing listens on: connections to it are refused. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Lines of a text, without the empty one after the final newline. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => !(line === '' && i === all.length - 1));
}
