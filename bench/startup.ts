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
import { installProviderRelease, type InstalledProvider } from '../lib/provider/release';
import { createSelfSignedCertificate } from '../lib/provider/protocol/certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../lib/provider/protocol/handshake';
import { measureRounds, median, nowMs, summarisePairs, type PairedSamples, type PairedSummary } from './measure';
import { BREAKDOWN_MARKER, type StartupBreakdownLine } from './startup-hook';

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
 * Launches `node ARGS…` (or `command ARGS…`) and resolves with the milliseconds from spawn to the
 * first stdout line (then kills the process), or to exit when `untilExit`.
 *
 * @throws Error when the first line is not a go-plugin handshake or the process exits before it.
 */
export function launchMs(args: readonly string[], env: NodeJS.ProcessEnv, untilExit: boolean, command: string = process.execPath): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(command, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
   * Also launch the provider with bench/startup-hook preloaded in every round, to tell where its
   * start-up goes.
   * @default false
   */
  readonly breakdown?: boolean;
  /**
   * Also launch the provider as users install it: this platform's package of the release
   * (`integrateio provider install`; on linux_amd64 the Node single executable).
   * @default true
   */
  readonly released?: boolean;
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
  /**
   * The installed release package of this platform (what users run), measured in the same rounds;
   * absent when it could not be installed here (`releasedError` says why).
   */
  readonly released?: PairedSamples & PairedSummary & { readonly flavor: InstalledProvider['flavor']; readonly platform: string };
  /** Why the release package was not measured. */
  readonly releasedError?: string;
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
    let installed: InstalledProvider | undefined;
    let releasedError: string | undefined;
    if (options.released ?? true) {
      try {
        installed = installProviderRelease({ pluginsDir: path.join(bundleDir, 'plugins') });
        const executable = installed.executable;
        contenders.released = () => launchMs([], env, false, executable);
      } catch (error) {
        releasedError = error instanceof Error ? error.message : String(error);
      }
    }
    const reports: StartupBreakdownLine[] = [];
    if (options.breakdown) {
      contenders.breakdown = async (index: number) => {
        const report = await launchWithBreakdown(entry, env);
        if (index >= 0) reports.push(report);
        return report.handshakeMs;
      };
    }
    const samples: Record<string, number[]> = await measureRounds(options.runs ?? 15, contenders, options.warmup ?? 1);
    const pairs = { baseline: samples.baseline, subject: samples.subject };
    const bundled = samples.bundled ? { baseline: samples.baseline, subject: samples.bundled } : undefined;
    const breakdown = options.breakdown ? summariseBreakdown(reports) : undefined;
    const released = installed && samples.released ? { baseline: samples.baseline, subject: samples.released } : undefined;
    return {
      entry,
      ...pairs,
      ...summarisePairs(pairs),
      bundled: bundled && { ...bundled, ...summarisePairs(bundled) },
      breakdown,
      released: installed && released && { ...released, ...summarisePairs(released), flavor: installed.flavor, platform: installed.platform },
      releasedError,
    };
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

/** One stage of the provider's start-up, as the {@link BREAKDOWN_MARKER} hook measured it. */
export interface StartupStage {
  /** What is loaded or done. */
  readonly stage: string;
  /** Median milliseconds over the rounds. */
  readonly ms: number;
  /** For a group of modules: how many modules it loaded. */
  readonly files?: number;
}

/**
 * Launches the provider with bench/startup-hook preloaded and resolves with what the hook reports
 * at the handshake line (then kills the provider).
 */
export function launchWithBreakdown(entry: string, env: NodeJS.ProcessEnv): Promise<StartupBreakdownLine> {
  const hook = path.join(repoRoot(), 'dist', 'bench', 'startup-hook.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', hook, entry], { env: { ...env, INTEGRATEIO_BENCH_STARTUP_HOOK: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let done = false;
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const line = err.split('\n').find((l) => l.startsWith(`${BREAKDOWN_MARKER} `));
      if (line && !done) {
        done = true;
        child.kill('SIGKILL');
        resolve(JSON.parse(line.slice(BREAKDOWN_MARKER.length + 1)) as StartupBreakdownLine);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!done) reject(new Error(`provider exited with ${code} before the handshake: ${err.trim()}`));
    });
  });
}

/**
 * The median stages of several {@link launchWithBreakdown} reports: Node.js's boot, the modules
 * of each group that takes 1 ms or more (the others together), and the rest up to the handshake
 * line (server certificate, server start).
 */
export function summariseBreakdown(lines: readonly StartupBreakdownLine[]): StartupStage[] {
  const groups = [...new Set(lines.flatMap((l) => Object.keys(l.groups)))];
  const medians = groups
    .map((g) => ({ stage: g, ms: median(lines.map((l) => l.groups[g] ?? 0)), files: Math.max(...lines.map((l) => l.files[g] ?? 0)) }))
    .sort((a, b) => b.ms - a.ms);
  const large = medians.filter((g) => g.ms >= 1);
  const small = medians.filter((g) => g.ms < 1);
  const modules = (l: StartupBreakdownLine): number => Object.values(l.groups).reduce((a, b) => a + b, 0);
  return [
    { stage: 'Node.js boot, before the entry runs', ms: median(lines.map((l) => l.bootMs)) },
    ...large.map((g) => ({ stage: `modules: ${g.stage}${g.stage === 'lib/provider/main' ? ' (the entry, with the synchronous part of starting the server: certificate, http2 server)' : ''}`, ms: g.ms, files: g.files })),
    ...(small.length > 0
      ? [{ stage: `modules: ${small.length} other groups (${small.map((g) => g.stage).join(', ')})`, ms: small.reduce((a, g) => a + g.ms, 0), files: small.reduce((a, g) => a + g.files, 0) }]
      : []),
    { stage: 'the rest: listening, the handshake line', ms: median(lines.map((l) => l.handshakeMs - l.bootMs - modules(l))) },
  ];
}
