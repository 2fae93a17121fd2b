/**
 * The schema answer encoded at build time (dist/lib/provider/provider-schema.json, written by
 * `npm run build`): the compiled provider serves exactly the bytes a fresh encoding of the current
 * schema gives, and a stale file is never served.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { FrameworkServer, type Logger } from '../../lib/provider/framework';
import { createProviderMethods, MAGIC_COOKIE_VALUE, precomputeSchema, readPrecomputedSchema } from '../../lib/provider/protocol';
import { integrateioProvider } from '../../lib/provider/resources';
import { requireCompiledProvider, ROOT } from './compiled-provider';

const quiet: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const fresh = (): ReturnType<typeof precomputeSchema> => precomputeSchema(new FrameworkServer(integrateioProvider, { logger: quiet }));
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Launches the compiled provider (plain HTTP/2) and returns its address. */
function launchProvider(): Promise<string> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/lib/provider/main.js')], {
    env: { PATH: process.env.PATH, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', TF_DISABLE_PLUGIN_TLS: '1' },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('|')[3]);
    });
    child.on('exit', (code) => reject(new Error(`provider exited ${code}`)));
  });
}

/** Calls GetProviderSchema and resolves with the raw response bytes. */
function rawSchemaCall(address: string): Promise<Buffer> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(
      '/tfplugin6.Provider/GetProviderSchema',
      (b: Buffer) => b,
      (b: Buffer) => b,
      Buffer.alloc(0),
      (err, res) => {
        client.close();
        if (err || !res) reject(err ?? new Error('no response'));
        else resolve(res);
      },
    ),
  );
}

describe('the precomputed schema answer', () => {
  beforeAll(requireCompiledProvider);

  test('the build wrote the encoding of the current schema', () => {
    const built = readPrecomputedSchema(path.join(ROOT, 'dist/lib/provider/provider-schema.json'));
    const now = fresh();
    expect(built?.fingerprint).toBe(now.fingerprint);
    expect(built?.bytes.equals(now.bytes)).toBe(true);
  });

  test('the compiled provider answers GetProviderSchema with the bytes of a fresh encoding', async () => {
    const address = await launchProvider();
    expect((await rawSchemaCall(address)).equals(fresh().bytes)).toBe(true);
  });

  test('a stale precomputed answer is ignored: the schema is encoded afresh', async () => {
    const methods = createProviderMethods(new FrameworkServer(integrateioProvider, { logger: quiet }), {
      logger: quiet,
      onShutdown: () => undefined,
      precomputedSchema: () => ({ fingerprint: 'of another schema', bytes: Buffer.from('stale') }),
    });
    const method = methods.get('/tfplugin6.Provider/GetProviderSchema');
    if (method?.kind !== 'unary') throw new Error('GetProviderSchema is not a unary method');
    expect(Buffer.from(await method.handle(Buffer.alloc(0))).equals(fresh().bytes)).toBe(true);
  });
});
