import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sendJson, startTinyServer, type TinyServer } from '../api/helpers';
import { ACME_ADMIN_KEY, apiEnv, cli, useEmulator } from './support';

const emulator = useEmulator();
const BIN = resolve(__dirname, '../../bin/integrateio.js');
const dir = mkdtempSync(join(tmpdir(), 'integrateio-cli-robust-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs bin/integrateio.js in a child process, killed (and `killed`) after 20 s. */
function binary(args: readonly string[]): Promise<{ code: number | null; err: string; killed: boolean }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH } });
    let err = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 20_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, err, killed });
    });
  });
}

function definitionJson(name: string): Record<string, unknown> {
  return { definition_version: 1, name, source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency: 5, auto_sync_new_tables: false }, tables: [{ name: 'public.orders' }] };
}

describe('integrateio CLI robustness', () => {
  // In a child process killed after 20 s: before the fix these commands read /dev/zero until the
  // machine ran out of memory, which must not happen inside the test runner.
  test('fails `validate /dev/zero` with an error naming the file and the limit instead of eating memory', async () => {
    const run = await binary(['validate', '/dev/zero']);
    expect(run.killed).toBe(false);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\/dev\/zero is larger than 1 MiB/);
  });

  test('fails `emulator --seed /dev/zero` with an error naming the file and the limit', async () => {
    const run = await binary(['emulator', '--seed', '/dev/zero', '--port', '0', '--data', ':memory:']);
    expect(run.killed).toBe(false);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\/dev\/zero is larger than 16 MiB/);
  });

  test('fails `validate` on a JSON file with "name" twice, naming the field and the line', async () => {
    const text = JSON.stringify(definitionJson('first'), null, 2).replace('"name": "first",', '"name": "first",\n  "name": "second",');
    const run = await cli(['validate', file('twice.json', text)]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/twice\.json:4:3: name: .*appears twice/);
  });

  test('accepts a name of 128 emoji', async () => {
    const run = await cli(['validate', file('emoji.json', JSON.stringify(definitionJson('🚀'.repeat(128))))]);
    expect(run.code).toBe(0);
  });

  test('fails with an error naming --api-url or INTEGRATEIO_API_URL when the URL has no scheme', async () => {
    const flag = await cli(['pipelines', 'list', '--api-url', '127.0.0.1:8787'], { env: { INTEGRATEIO_API_KEY: ACME_ADMIN_KEY } });
    expect(flag.code).toBe(1);
    expect(flag.err).toMatch(/^error: --api-url has no scheme/);
    const env = await cli(['pipelines', 'list'], { env: { INTEGRATEIO_API_KEY: ACME_ADMIN_KEY, INTEGRATEIO_API_URL: 'localhost:8787' } });
    expect(env.err).toMatch(/^error: INTEGRATEIO_API_URL has no scheme/);
  });

  test('fails without echoing a password written in the URL', async () => {
    const run = await cli(['pipelines', 'list'], { env: { INTEGRATEIO_API_KEY: ACME_ADMIN_KEY, INTEGRATEIO_API_URL: `http://ops:S3cretPassw0rd@${new URL(emulator().url).host}` } });
    expect(run.code).toBe(1);
    expect(run.err).toContain('must not contain a user name or password');
    expect(run.err + run.out).not.toContain('S3cretPassw0rd');
  });

  test('fails with "does not point at the Integrate.io public API" for a wrong path, not "pipeline not found"', async () => {
    const wrong = `${emulator().url}/v2`;
    const get = await cli(['pipelines', 'get', '1'], { env: apiEnv(wrong) });
    expect(get.code).toBe(1);
    expect(get.err).toContain('does not point at the Integrate.io public API');
    expect(get.err).toContain('/v2/api/public/v1');
    expect(get.err).not.toMatch(/pipeline not found/i);
    const list = await cli(['pipelines', 'list'], { env: apiEnv(wrong) });
    expect(list.err).toContain('does not point at the Integrate.io public API');
  });

  test('logs each request with method, path, status and duration on stderr under INTEGRATEIO_LOG=debug, never the key', async () => {
    const run = await cli(['pipelines', 'list'], { env: { ...apiEnv(emulator().url), INTEGRATEIO_LOG: 'debug' } });
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^integrateio: GET \/api\/public\/v1\/pipelines\?page=1&page_size=100 200 in \d+ ms$/m);
    expect(run.err).not.toContain('fdk_');
    const quiet = await cli(['pipelines', 'list'], { env: apiEnv(emulator().url) });
    expect(quiet.err).toBe('');
  });

  describe('a server that sends terminal escape sequences', () => {
    let server: TinyServer;
    const evil = 'orders\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e';
    beforeAll(async () => {
      const now = new Date().toISOString();
      const meta = { id: 7, name: evil, status: 'stopped', observed_state: 'stopped', created_at: now, updated_at: now, last_source_sync_at: null, last_destination_sync_at: null };
      server = await startTinyServer((req, res) => {
        if (req.url.startsWith('/api/public/v1/pipelines?')) sendJson(res, 200, { data: [meta], pagination: { page: 1, page_size: 100, has_more: false } });
        else if (req.url === '/api/public/v1/pipelines/7') sendJson(res, 200, meta);
        else sendJson(res, 404, { error: { code: 'not_found', message: `no ${evil}` } });
      });
    });
    afterAll(() => server.close());

    test.each([[['pipelines', 'list']], [['pipelines', 'get', '7']], [['pipelines', 'get', '8']]])('prints no control character for %j', async (args) => {
      const run = await cli(args, { env: apiEnv(server.url) });
      // eslint-disable-next-line no-control-regex -- the point of the test
      expect(run.out + run.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(run.out + run.err).toContain('orders\\u001b[2J');
    });
  });
});
