import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME_ADMIN_KEY, ACME_CI_KEY, cli, fixture, GLOBEX_ADMIN_KEY, lines } from './support';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'integrateio.js');
const COMPILED_CLI = join(ROOT, 'dist', 'lib', 'cli', 'main.js');
const ORDERS = 'test/cli/fixtures/orders.yaml';
const INVALID = 'test/cli/fixtures/invalid-shape.yaml';

/** What a finished process printed and how it ended. */
interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

/** Only what the CLI needs: no INTEGRATEIO_* variable of the machine running the tests leaks in. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

/** Starts `node <bin> ARGS` from the repository root without blocking the event loop. */
function start(args: readonly string[], env: NodeJS.ProcessEnv = {}, bin = BIN): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args], { cwd: ROOT, env: cleanEnv(env) });
}

/** Collects a process's output until it exits. */
function finished(child: ChildProcessWithoutNullStreams, timeoutMs = 15000): Promise<Finished> {
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`integrateio did not exit within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
  });
}

/** Runs `integrateio ARGS` as a separate process and waits for it to end. */
function runBinary(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return finished(start(args, env));
}

/** A running `integrateio emulator` process and what it printed at startup. */
interface EmulatorProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  /** Everything on stdout up to and including the `Try:` line. */
  readonly banner: string;
  /** Resolves when the process ends, with all of its output. */
  readonly ended: Promise<Finished>;
}

/** Starts `integrateio emulator` and reads stdout until the line starting `Emulator listening on http://` and the banner after it. */
async function startEmulatorProcess(args: readonly string[]): Promise<EmulatorProcess> {
  const child = start(['emulator', ...args]);
  const ended = finished(child, 60000);
  let out = '';
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator printed no banner within 15 s; stdout so far: ${out}`)), 15000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (/^Emulator listening on http:\/\//m.test(out) && /^Try: .*\n/m.test(out)) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(out);
      }
    };
    child.stdout.on('data', onData);
    ended.then(
      (f) => {
        clearTimeout(timer);
        reject(new Error(`the emulator exited (${f.code ?? f.signal}) before listening: ${f.err}`));
      },
      () => undefined,
    );
  });
  const url = /^Emulator listening on (http:\/\/\S+)$/m.exec(banner)?.[1];
  if (!url) throw new Error(`no URL in the banner: ${banner}`);
  return { child, url, banner, ended };
}

/** Sends SIGTERM and returns how the process ended and how long that took. */
async function terminate(emulator: EmulatorProcess): Promise<Finished & { ms: number }> {
  const sent = Date.now();
  emulator.child.kill('SIGTERM');
  const result = await emulator.ended;
  return { ...result, ms: Date.now() - sent };
}

/** The short runs, started together up front so that their process startups overlap; each test awaits its own. */
let quick: Record<'version' | 'good' | 'bad' | 'usage', Promise<Finished>>;
let tmp: string;
beforeAll(() => {
  if (!existsSync(COMPILED_CLI)) {
    throw new Error(`${COMPILED_CLI} is missing: the binary tests run the compiled CLI, so run \`npm run build\` first`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'integrateio-bin-'));
  quick = {
    version: runBinary(['--version']),
    good: runBinary(['validate', ORDERS]),
    bad: runBinary(['validate', ORDERS, INVALID]),
    usage: runBinary(['pipelines', 'list', '--bogus']),
  };
  // A run that fails is reported by the test awaiting it, not as an unhandled rejection.
  for (const run of Object.values(quick)) run.catch(() => undefined);
});
afterAll(async () => {
  await Promise.allSettled(Object.values(quick ?? {}));
  rmSync(tmp, { recursive: true, force: true });
});

describe('the integrateio binary', () => {
  it('prints the package version with --version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await quick.version).toEqual({ code: 0, signal: null, out: `${version}\n`, err: '' });
  });

  it('validates a good file: exit 0 and only the result on stdout', async () => {
    expect(await quick.good).toEqual({ code: 0, signal: null, out: `ok: ${ORDERS}\n`, err: '' });
  });

  it('fails to validate a bad file: exit 1, only the good file on stdout, the problems on stderr', async () => {
    const result = await quick.bad;
    expect(result.code).toBe(1);
    expect(result.out).toBe(`ok: ${ORDERS}\n`);
    expect(result.err).toMatchInlineSnapshot(`
      "invalid: test/cli/fixtures/invalid-shape.yaml
        test/cli/fixtures/invalid-shape.yaml:8:9: destination.connection.id: expected a whole number, got text
        test/cli/fixtures/invalid-shape.yaml:11:3: sync.colour: unknown key "colour": remove it or check its spelling
      "
    `);
  });

  it('fails with exit 2 on a usage error', async () => {
    expect(await quick.usage).toEqual({ code: 2, signal: null, out: '', err: "error: unknown option '--bogus'\n" });
  });

  it('fails with one clear line when the project is not built', async () => {
    const bin = join(tmp, 'unbuilt', 'bin', 'integrateio.js');
    mkdirSync(join(tmp, 'unbuilt', 'bin'), { recursive: true });
    copyFileSync(BIN, bin);
    const result = await finished(start(['--version'], {}, bin));
    expect(result).toEqual({ code: 1, signal: null, out: '', err: 'error: the project is not built yet: run `npm run build` first\n' });
  });

  it('runs the emulator on a free port, serves pipelines commands, stops on SIGTERM and keeps its data across restarts', async () => {
    const data = join(tmp, 'emulator', 'data.db');
    const first = await startEmulatorProcess(['--port', '0', '--data', data]);
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.url).not.toMatch(/:0$/);
      expect(first.banner).toContain(`Key acme/admin (admin): ${ACME_ADMIN_KEY}\n`);
      expect(first.banner).toContain(`Key acme/ci: ${ACME_CI_KEY}\n`);
      expect(first.banner).toContain(`Key globex/admin (admin): ${GLOBEX_ADMIN_KEY}\n`);
      expect(first.banner).toContain(`Data: ${data}\n`);

      // Arrange in process (fast); the listing goes through the binary with the printed URL.
      const env = { INTEGRATEIO_API_URL: first.url, INTEGRATEIO_API_KEY: ACME_ADMIN_KEY };
      expect(await cli(['pipelines', 'apply', '-f', fixture('orders.yaml')], { env })).toEqual({ code: 0, out: 'created pipeline 1 (orders-to-snowflake)\n', err: '' });
      const listed = await runBinary(['pipelines', 'list'], env);
      expect(listed.code).toBe(0);
      expect(listed.err).toBe('');
      expect(lines(listed.out)).toEqual([expect.stringMatching(/^ID\s+NAME\s+STATUS\s+OBSERVED\s+LAST SYNC$/), expect.stringMatching(/^1\s+orders-to-snowflake\s+stopped\s+stopped\s+-$/)]);
    } finally {
      const stopped = await terminate(first);
      expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 0, signal: null });
      expect(stopped.ms).toBeLessThan(5000);
      // The request log goes to stderr and never shows a key.
      expect(stopped.err).toMatch(/^GET \/api\/public\/v1\/pipelines/m);
      expect(stopped.err).not.toContain('fdk_emulator');
    }

    const second = await startEmulatorProcess(['--port', '0', '--data', data, '--quiet']);
    try {
      const env = { INTEGRATEIO_API_URL: second.url, INTEGRATEIO_API_KEY: ACME_ADMIN_KEY };
      const listed = await cli(['pipelines', 'list', '--output', 'json'], { env });
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.out) as { id: number; name: string }[]).map((p) => [p.id, p.name])).toEqual([[1, 'orders-to-snowflake']]);
      expect(await cli(['pipelines', 'apply', '-f', fixture('orders.yaml')], { env })).toEqual({ code: 0, out: 'unchanged pipeline 1 (orders-to-snowflake)\n', err: '' });
    } finally {
      const stopped = await terminate(second);
      expect(stopped.code).toBe(0);
      expect(stopped.err).toBe('');
    }
  }, 40000);

  it('fails with one line and exit 1 when the emulator port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await runBinary(['emulator', '--port', String(port), '--data', ':memory:']);
      expect(result).toEqual({ code: 1, signal: null, out: '', err: `error: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n` });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
