/**
 * Provider start-up: the time from exec to the go-plugin handshake line on stdout, against
 * `node -e 0` (the floor of any Node.js process) launched interleaved in the same run.
 * Terraform pays this 3-5 times per command (see docs on the plugin protocol).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleEntry } from '../lib/provider/install';
import { createSelfSignedCertificate } from '../lib/provider/protocol/certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../lib/provider/protocol/handshake';
import { measureRounds, median, nowMs, summarisePairs, type PairedSamples, type PairedSummary } from './measure';

/** The repository root (two levels above dist/bench, one above bench/). */
export function repoRoot(): string {
  const up = path.resolve(__dirname, '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

/** The compiled provider entry that `npm run build` writes. */
export function providerEntry(): string {
  return path.join(repoRoot(), 'dist', 'lib', 'provider', 'main.js');
}

/**
 * The environment Terraform gives a provider it launches: the magic cookie, protocol 6 and a fresh
 * client CA certificate (AutoMTLS), so the provider does the same TLS work as under Terraform.
 */
export function pluginEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clientCa = createSelfSignedCertificate({ extendedKeyUsage: ['clientAuth'] });
  const env: NodeJS.ProcessEnv = { ...base, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: clientCa.certPem };
  delete env.TF_LOG;
  delete env.TF_DISABLE_PLUGIN_TLS;
  return env;
}

/**
 * Launches `node ARGS…` and resolves with the milliseconds from spawn to the first stdout line
 * (then kills the process), or to exit when `untilExit`.
 *
 * @throws Error when the first line is not a go-plugin handshake or the process exits before it.
 */
export function launchMs(args: readonly string[], env: NodeJS.ProcessEnv, untilExit: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(process.execPath, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let done = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!untilExit && !done && out.includes('\n')) {
        done = true;
        const ms = nowMs() - start;
        child.kill('SIGKILL');
        if (!/^1\|6\|(tcp|unix)\|[^|]+\|grpc\|/.test(out)) reject(new Error(`unexpected handshake line: ${out.trim()}`));
        else resolve(ms);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (untilExit) resolve(nowMs() - start);
      else if (!done) reject(new Error(`provider exited with ${code} before the handshake: ${err.trim()}`));
    });
  });
}

/** Options of {@link measureStartup}. */
export interface StartupOptions {
  /**
   * The provider entry to launch.
   * @default the compiled integrateio provider, dist/lib/provider/main.js
   */
  readonly entry?: string;
  /**
   * How many launch pairs (baseline, provider).
   * @default 15
   */
  readonly runs?: number;
  /**
   * Unrecorded pairs first (they fill the file system cache).
   * @default 1
   */
  readonly warmup?: number;
  /**
   * Also time the {@link STARTUP_STAGES} in a fresh process in every round.
   * @default false
   */
  readonly breakdown?: boolean;
}

/** The result of {@link measureStartup}: `node -e 0` is the baseline, exec → handshake the subject. */
export interface StartupResult extends PairedSamples, PairedSummary {
  /** The entry launched. */
  readonly entry: string;
  /**
   * The same entry bundled into one file by `installProvider({ bundle: true })` (opt-in, needs
   * esbuild), measured in the same rounds; absent when esbuild is not installed.
   */
  readonly bundled?: PairedSamples & PairedSummary;
  /** Where the provider's start-up goes (median of each stage over the rounds), when measured. */
  readonly breakdown?: readonly StartupStage[];
}

/**
 * Measures the provider's start-up against `node -e 0` (and, when esbuild is installed, the
 * opt-in bundled provider; with `breakdown`, the stages), in rotating rounds after one warm-up
 * round that fills the file system cache.
 *
 * @example
 * const { ratio } = await measureStartup({ runs: 15 });
 */
export async function measureStartup(options: StartupOptions = {}): Promise<StartupResult> {
  const entry = options.entry ?? providerEntry();
  const env = pluginEnvironment();
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-bench-bundle-'));
  try {
    const bundle = tryBundle(entry, path.join(bundleDir, 'provider.bundle.js'));
    const contenders: Record<string, (index: number) => Promise<number>> = {
      baseline: () => launchMs(['-e', '0'], process.env, true),
      subject: () => launchMs([entry], env, false),
    };
    if (bundle) contenders.bundled = () => launchMs([bundle], env, false);
    const stageSamples: number[][] = STARTUP_STAGES.map(() => []);
    if (options.breakdown) {
      contenders.breakdown = async (index: number) => {
        const times = await timeStagesOnce();
        if (index >= 0) times.forEach((ms, i) => stageSamples[i].push(ms));
        return times.reduce((a, b) => a + b, 0);
      };
    }
    const samples: Record<string, number[]> = await measureRounds(options.runs ?? 15, contenders, options.warmup ?? 1);
    const pairs = { baseline: samples.baseline, subject: samples.subject };
    const bundled = samples.bundled ? { baseline: samples.baseline, subject: samples.bundled } : undefined;
    const breakdown = options.breakdown ? STARTUP_STAGES.map((stage, i) => ({ stage: stage.stage, ms: median(stageSamples[i]) })) : undefined;
    return { entry, ...pairs, ...summarisePairs(pairs), bundled: bundled && { ...bundled, ...summarisePairs(bundled) }, breakdown };
  } finally {
    fs.rmSync(bundleDir, { recursive: true, force: true });
  }
}

/** Bundles the entry with the installer's esbuild bundling, or returns undefined when esbuild is not installed. */
function tryBundle(entry: string, outfile: string): string | undefined {
  try {
    require.resolve('esbuild/bin/esbuild');
  } catch {
    return undefined;
  }
  return bundleEntry(entry, outfile);
}

/** One stage of the provider's start-up, as measured with {@link timeStagesOnce}. */
export interface StartupStage {
  /** What is loaded or done. */
  readonly stage: string;
  /** Median milliseconds of the stage alone (what it adds on top of the stages before it). */
  readonly ms: number;
}

/**
 * The stages of the provider's start-up, in the order they can be isolated: the two heavy
 * packages first, then each layer of lib/ (each counted without what it shares with the earlier
 * ones), then the server certificate. The sum is the provider's own work before the handshake,
 * on top of Node.js booting (which `node -e 0` measures).
 */
export const STARTUP_STAGES: readonly { readonly stage: string; readonly code: (root: string) => string }[] = [
  { stage: '`yaml` package', code: (root) => `require(require.resolve('yaml', { paths: [${JSON.stringify(root)}] }))` },
  { stage: '`zod` package', code: (root) => `require(require.resolve('zod', { paths: [${JSON.stringify(root)}] }))` },
  { stage: 'lib/definition (own code)', code: (root) => `require(${JSON.stringify(path.join(root, 'dist/lib/definition'))})` },
  { stage: 'lib/api (own code)', code: (root) => `require(${JSON.stringify(path.join(root, 'dist/lib/api'))})` },
  { stage: 'lib/provider/framework', code: (root) => `require(${JSON.stringify(path.join(root, 'dist/lib/provider/framework'))})` },
  { stage: 'lib/provider/protocol (with node:http2, node:tls)', code: (root) => `require(${JSON.stringify(path.join(root, 'dist/lib/provider/protocol'))})` },
  { stage: 'lib/provider/resources (own code)', code: (root) => `require(${JSON.stringify(path.join(root, 'dist/lib/provider/resources'))})` },
  {
    stage: 'server certificate (ECDSA P-256)',
    code: (root) => `require(${JSON.stringify(path.join(root, 'dist/lib/provider/protocol/certificate'))}).createSelfSignedCertificate()`,
  },
];

/** Times each of {@link STARTUP_STAGES} once, in a fresh Node.js process. */
export function timeStagesOnce(): Promise<number[]> {
  const root = repoRoot();
  const script = [
    'const t = () => Number(process.hrtime.bigint()) / 1e6; const out = [];',
    ...STARTUP_STAGES.map((s) => `{ const a = t(); ${s.code(root)}; out.push(t() - a); }`),
    'process.stdout.write(JSON.stringify(out));',
  ].join('\n');
  return new Promise<number[]>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`start-up breakdown exited ${code}: ${err.trim()}`))));
  });
}
