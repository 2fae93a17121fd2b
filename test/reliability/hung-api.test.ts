/**
 * A server that sends the status line, the headers and part of the body, then stalls: every
 * request still ends within its timeout even while garbage collections run (the processes under
 * test preload test/support/gc-pressure.js), so the client, the CLI and terraform report a
 * timeout instead of hanging.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { TerraformWorkspace } from '../support/terraform';

jest.setTimeout(150_000);

const KEY = 'fdk_emulator_acme_admin_key_000000000001';
const ROOT = resolve(__dirname, '../..');
const GC_PRESSURE = resolve(__dirname, '../support/gc-pressure.js');
/** A hang detector, not a timing: everything here should end in a few seconds. */
const HANG_MS = 60_000;

let server: Server;
let url: string;
const stalled: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    res.write('{"data": [');
    stalled.push(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly hung: boolean;
}

/** Runs a command, killing it (and reporting `hung`) when it outlives {@link HANG_MS}. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<Run> {
  return new Promise((done, reject) => {
    // A process group of its own, so that a hang kills terraform and the provider it started.
    const child = spawn(command, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    }, HANG_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, hung });
    });
  });
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.INTEGRATEIO_API_URL;
  delete env.INTEGRATEIO_API_KEY;
  delete env.NODE_OPTIONS;
  return env;
}

describe('a server that stalls in the middle of a body', () => {
  test('fails the client call with a timeout after its attempts, despite garbage collections', async () => {
    const script = `
      const { IntegrateioClient } = require('./dist/lib/api');
      const client = new IntegrateioClient({ baseUrl: process.argv[1], apiKey: '${KEY}', env: {}, timeoutMs: 500, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
      client.getPipeline(1).then(
        () => { console.log('resolved'); process.exitCode = 3; },
        (e) => { console.log(JSON.stringify({ code: e.code, status: e.status, attempts: e.attempts, message: e.message })); },
      );`;
    const result = await run(process.execPath, ['--require', GC_PRESSURE, '-e', script, url], baseEnv());
    expect(result.hung).toBe(false);
    expect(result.code).toBe(0);
    const error = JSON.parse(result.stdout) as { code: string; status: number; attempts: number; message: string };
    expect(error).toMatchObject({ code: 'timeout', status: 0 });
    expect(error.attempts).toBeGreaterThanOrEqual(2);
    expect(error.message).toContain('500 ms');
  });

  test('fails `integrateio pipelines list` with a timeout error instead of hanging', async () => {
    const env = { ...baseEnv(), INTEGRATEIO_API_URL: url, INTEGRATEIO_API_KEY: KEY, INTEGRATEIO_REQUEST_TIMEOUT_SECONDS: '2' };
    const result = await run(process.execPath, ['--require', GC_PRESSURE, 'bin/integrateio.js', 'pipelines', 'list'], env);
    expect(result.hung).toBe(false);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*timeout/m);
    expect(result.stderr).not.toContain('fdk_');
  });

  test('fails terraform plan with request_timeout_seconds = 2 with an error naming the timeout', async () => {
    const tf = new TerraformWorkspace({ apiUrl: url, apiKey: KEY });
    tf.write(`
terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}
provider "integrateio" {
  request_timeout_seconds = 2
}
data "integrateio_pipeline" "one" {
  id = "1"
}
`);
    await tf.init();
    const started = Date.now();
    const result = await run('terraform', ['plan', '-no-color', '-input=false'], { ...tf.env, NODE_OPTIONS: `--require ${GC_PRESSURE}` }, tf.dir);
    expect(result.hung).toBe(false);
    expect(Date.now() - started).toBeLessThan(HANG_MS);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('request_timeout_seconds');
    expect(result.stderr).not.toContain('Plugin did not respond');
    expect(result.stderr).not.toContain('fdk_');
  });
});
