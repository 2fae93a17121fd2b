/**
 * A schema-only launch, as the first launch of each terraform command makes it: exec → handshake
 * line → mutual-TLS gRPC `GetProviderSchema` → `Shutdown` → exit, against `node -e 0`, in the
 * same rounds as the same provider without its precomputed schema answer (the "before", a copy of
 * dist/lib without dist/lib/provider/provider-schema.json), so the gain is a same-run ratio.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import * as path from 'node:path';
import { createSelfSignedCertificate } from '../lib/provider/protocol/certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../lib/provider/protocol/handshake';
import { measureRounds, nowMs, summarisePairs, type PairedSamples, type PairedSummary } from './measure';
import { launchMs, providerEntry, repoRoot } from './startup';

/** Calls one unary gRPC method with an empty request and resolves when the call ended. */
function emptyCall(session: http2.ClientHttp2Session, method: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': 'POST', ':path': method, 'content-type': 'application/grpc', te: 'trailers' });
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('error', reject);
    stream.on('close', () => resolve(bytes));
    stream.end(Buffer.alloc(5));
  });
}

/**
 * Launches the provider `entry` with Terraform's environment, asks for its schema over mutual TLS,
 * shuts it down, and resolves with the milliseconds from spawn to its exit.
 *
 * @throws Error when the provider exits before its handshake or answers an empty schema.
 */
export function schemaLaunchMs(entry: string): Promise<number> {
  const client = createSelfSignedCertificate({ extendedKeyUsage: ['clientAuth'] });
  const env: NodeJS.ProcessEnv = { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: client.certPem };
  delete env.TF_LOG;
  delete env.TF_DISABLE_PLUGIN_TLS;
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let called = false;
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (called || !out.includes('\n')) return;
      called = true;
      const [, , , address, , cert] = out.split('\n')[0].split('|');
      const ca = `-----BEGIN CERTIFICATE-----\n${Buffer.from(cert, 'base64').toString('base64')}\n-----END CERTIFICATE-----\n`;
      const session = http2.connect(`https://${address}`, { ca, key: client.keyPem, cert: client.certPem, servername: 'localhost', checkServerIdentity: () => undefined });
      session.on('error', reject);
      void (async () => {
        const size = await emptyCall(session, '/tfplugin6.Provider/GetProviderSchema');
        if (size < 100) throw new Error(`GetProviderSchema answered ${size} bytes`);
        await emptyCall(session, '/plugin.GRPCController/Shutdown');
        session.close();
        await exited;
        resolve(nowMs() - start);
      })().catch((error: unknown) => {
        child.kill('SIGKILL');
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
    void exited.then(() => {
      if (!called) reject(new Error(`provider ${entry} exited before its handshake`));
    });
  });
}

/** The result of {@link measureSchemaLaunch}. */
export interface SchemaLaunchResult extends PairedSamples, PairedSummary {
  /** The same launch without the precomputed answer, vs `node -e 0`. */
  readonly withoutPrecomputed: PairedSamples & PairedSummary;
  /** Without the precomputed answer (baseline) vs with it (subject): below 1 means faster with it. */
  readonly gain: PairedSamples & PairedSummary;
}

/**
 * Measures schema-only launches of the compiled provider against `node -e 0` and against the same
 * provider without its precomputed schema answer, in rotating rounds.
 *
 * @example
 * const { ratio, gain } = await measureSchemaLaunch({ runs: 15 });
 */
export async function measureSchemaLaunch(options: { runs: number; warmup?: number }): Promise<SchemaLaunchResult> {
  const entry = providerEntry();
  // The copy lives inside the project so that its requires still find node_modules.
  const copy = path.join(repoRoot(), 'node_modules', '.cache', 'integrateio-bench', 'no-precomputed-schema');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot(), 'dist', 'lib'), path.join(copy, 'dist', 'lib'), { recursive: true });
  fs.rmSync(path.join(copy, 'dist', 'lib', 'provider', 'provider-schema.json'), { force: true });
  try {
    const samples = await measureRounds(
      options.runs,
      {
        baseline: () => launchMs(['-e', '0'], process.env, true),
        subject: () => schemaLaunchMs(entry),
        before: () => schemaLaunchMs(path.join(copy, 'dist', 'lib', 'provider', 'main.js')),
      },
      options.warmup ?? 1,
    );
    const pairs = { baseline: samples.baseline, subject: samples.subject };
    const without = { baseline: samples.baseline, subject: samples.before };
    const gain = { baseline: samples.before, subject: samples.subject };
    return { ...pairs, ...summarisePairs(pairs), withoutPrecomputed: { ...without, ...summarisePairs(without) }, gain: { ...gain, ...summarisePairs(gain) } };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}
