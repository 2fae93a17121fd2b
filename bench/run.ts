/**
 * `npm run bench`: runs every benchmark and writes bench/RESULTS.md (and bench/out/results.json).
 *
 * - `BENCH_QUICK=1`: a reduced run for a smoke test (N = 1 and 20, fewer repetitions); its report
 *   goes to bench/out/RESULTS.quick.md so that the committed results stay the full ones.
 * - `BENCH_ONLY=startup,schema,scale,shortcut,counts,synth,filesynth,throughput,breakdown`, or
 *   `npm run bench -- --only breakdown` (the same list): run only these sections. A partial run
 *   writes bench/out/RESULTS.partial.md and bench/out/results.partial.json, so that the committed
 *   full results stay as they are.
 * - `BENCH_OUT=FILE`: write the Markdown report there instead.
 * - `BENCH_RENDER_ONLY=1`: measure nothing; render the report again from the last run's
 *   bench/out/results.json (or results.quick.json with `BENCH_QUICK=1`), e.g. after editing
 *   report.ts.
 *
 * Other sessions may rebuild dist/ while a long run is going, so the run first copies the compiled
 * code (dist/lib, dist/bench, bin) to node_modules/.cache/integrateio-bench/snapshot (inside the
 * project, so that its requires still find node_modules; outside what eslint and git look at) and
 * runs from that copy: the provider Terraform launches, the CLI of the shortcut and the worker
 * processes all come from it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureThroughput } from './emulator-throughput';
import { nowMs } from './measure';
import { measurePlanBreakdown } from './plan-breakdown';
import { renderReport, type BenchResults, type MachineInfo, type VersionInfo } from './report';
import { measureRequestCounts } from './request-counts';
import { measureShortcut } from './shortcut';
import { measureStartup, repoRoot } from './startup';
import { measureSchemaLaunch } from './schema-launch';
import { measureFileSynth, measureSynth } from './synth';
import { measureScale } from './terraform-scale';
import { PARALLELISM, removeBenchMirror } from './workspace';

/** The sizes and repetitions of one mode. */
export interface BenchPlan {
  readonly mode: 'full' | 'quick';
  readonly startupRuns: number;
  readonly scaleCounts: readonly number[];
  readonly scaleReps: (count: number) => number;
  readonly shortcutCount: number;
  readonly shortcutReps: number;
  readonly requestCount: number;
  readonly synthCount: number;
  readonly synthRuns: number;
  readonly fileSynthCount: number;
  readonly schemaLaunchRuns: number;
  readonly throughputRuns: number;
  readonly throughputMs: number;
  /** Rounds of the plan breakdown (bench/plan-breakdown.ts). */
  readonly breakdownReps: number;
  /** The N of the plan breakdown's larger no-op plan. */
  readonly breakdownNoopCount: number;
}

/** The full run: about 20-25 minutes on 2 busy cores. */
export const FULL_PLAN: BenchPlan = {
  mode: 'full',
  startupRuns: 15,
  scaleCounts: [1, 100, 500],
  // N = 500 takes about 6 minutes a repetition on 2 busy cores: 2 keep the run near 25 minutes.
  scaleReps: (count) => (count >= 500 ? 2 : count >= 100 ? 3 : 5),
  shortcutCount: 100,
  shortcutReps: 3,
  requestCount: 100,
  synthCount: 1000,
  synthRuns: 7,
  fileSynthCount: 500,
  schemaLaunchRuns: 15,
  throughputRuns: 5,
  throughputMs: 2000,
  // About 45 s on 2 busy cores: 11 terraform commands a round, after applying N = 100 once.
  breakdownReps: 3,
  breakdownNoopCount: 100,
};

/** `BENCH_QUICK=1`: every piece, small (a few minutes). */
export const QUICK_PLAN: BenchPlan = {
  mode: 'quick',
  startupRuns: 5,
  scaleCounts: [1, 20],
  scaleReps: () => 1,
  shortcutCount: 20,
  shortcutReps: 1,
  requestCount: 20,
  synthCount: 100,
  synthRuns: 3,
  fileSynthCount: 50,
  schemaLaunchRuns: 5,
  throughputRuns: 2,
  throughputMs: 500,
  breakdownReps: 1,
  breakdownNoopCount: 20,
};

/** The sections, in the order they run. */
export const SECTIONS = ['startup', 'schema', 'counts', 'synth', 'filesynth', 'throughput', 'shortcut', 'breakdown', 'scale'] as const;

/**
 * The sections named by `--only A,B` (or `--only=A,B`) in `argv`, else by `BENCH_ONLY`, else
 * undefined (all of them).
 *
 * @throws Error naming a section that does not exist.
 */
export function selectedSections(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  const raw = at < 0 ? env.BENCH_ONLY : argv[at].startsWith('--only=') ? argv[at].slice('--only='.length) : argv[at + 1];
  if (raw === undefined || raw.trim() === '') {
    if (at >= 0) throw new Error(`--only needs a list of sections: ${SECTIONS.join(', ')}`);
    return undefined;
  }
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown bench section(s) ${unknown.join(', ')}: the sections are ${SECTIONS.join(', ')}`);
  return names;
}

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

function commandOutput(command: string, args: string[], cwd?: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function machineInfo(loadAtStart: number): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: [loadAtStart, os.loadavg()[0]],
  };
}

function versionInfo(root: string): VersionInfo {
  const tf = commandOutput('terraform', ['version', '-json']);
  let terraform = 'unknown';
  try {
    terraform = (JSON.parse(tf) as { terraform_version: string }).terraform_version;
  } catch {
    /* not JSON: unknown */
  }
  const readVersion = (file: string): string => {
    try {
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const commit = commandOutput('git', ['rev-parse', '--short', 'HEAD'], root);
  const dirty = commandOutput('git', ['status', '--porcelain', '--untracked-files=no'], root);
  return {
    node: process.version,
    terraform,
    package: readVersion(path.join(root, 'package.json')),
    cdktf: readVersion(path.join(root, 'node_modules', 'cdktf', 'package.json')),
    commit: `${commit}${dirty !== '' && dirty !== 'unknown' ? '+dirty' : ''}`,
  };
}

/**
 * Runs the selected sections of a plan and returns their results; a section that throws is
 * recorded as a problem and the others still run.
 */
export async function runBench(plan: BenchPlan, only: ReadonlySet<string>, root: string): Promise<BenchResults> {
  const started = nowMs();
  const loadAtStart = os.loadavg()[0];
  const date = new Date().toISOString();
  const problems: { section: string; message: string }[] = [];
  const results: { -readonly [K in keyof BenchResults]?: BenchResults[K] } = {};
  const section = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
    if (!only.has(name)) return undefined;
    log(`${name}: start`);
    const t = nowMs();
    try {
      const value = await run();
      log(`${name}: done in ${((nowMs() - t) / 1000).toFixed(0)} s`);
      return value;
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${name}: FAILED ${message}`);
      problems.push({ section: name, message });
      return undefined;
    }
  };
  results.startup = await section('startup', () => measureStartup({ runs: plan.startupRuns, breakdown: true }));
  results.schemaLaunch = await section('schema', () => measureSchemaLaunch({ runs: plan.schemaLaunchRuns }));
  results.requestCounts = await section('counts', () => measureRequestCounts(plan.requestCount));
  results.synth = await section('synth', () => measureSynth({ count: plan.synthCount, runs: plan.synthRuns }));
  results.fileSynth = await section('filesynth', () => measureFileSynth({ count: plan.fileSynthCount, runs: plan.synthRuns }));
  results.throughput = await section('throughput', () => measureThroughput({ runs: plan.throughputRuns, durationMs: plan.throughputMs }));
  results.shortcut = await section('shortcut', () => measureShortcut({ count: plan.shortcutCount, reps: plan.shortcutReps, log }));
  results.planBreakdown = await section('breakdown', () => measurePlanBreakdown({ reps: plan.breakdownReps, noopCount: plan.breakdownNoopCount, log }));
  results.scale = await section('scale', () => measureScale({ counts: plan.scaleCounts, reps: plan.scaleReps, log }));
  removeBenchMirror();
  return {
    mode: plan.mode,
    date,
    durationMs: nowMs() - started,
    machine: machineInfo(loadAtStart),
    versions: versionInfo(root),
    parallelism: PARALLELISM,
    problems,
    ...results,
  };
}

/** Copies the compiled code to the snapshot directory and returns the snapshot's run.js. */
function snapshot(root: string): string {
  const dir = path.join(root, 'node_modules', '.cache', 'integrateio-bench', 'snapshot');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const part of ['dist/lib', 'dist/bench', 'dist/provider', 'bin', 'package.json']) fs.cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  return path.join(dir, 'dist', 'bench', 'run.js');
}

async function main(): Promise<number> {
  const realRoot = process.env.BENCH_SNAPSHOT_OF;
  if (realRoot === undefined) {
    const root = repoRoot();
    const selected = selectedSections(process.argv.slice(2));
    const entry = snapshot(root);
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_SNAPSHOT_OF: root };
    if (selected) env.BENCH_ONLY = selected.join(',');
    const child = spawnSync(process.execPath, [entry], { stdio: 'inherit', env });
    fs.rmSync(path.dirname(path.dirname(path.dirname(entry))), { recursive: true, force: true });
    return child.status ?? 1;
  }
  const plan = process.env.BENCH_QUICK === '1' ? QUICK_PLAN : FULL_PLAN;
  const selected = selectedSections([]);
  const only = new Set<string>(selected ?? SECTIONS);
  const partial = selected !== undefined && SECTIONS.some((s) => !only.has(s));
  const outDir = path.join(realRoot, 'bench', 'out');
  const json = path.join(outDir, plan.mode === 'quick' ? 'results.quick.json' : partial ? 'results.partial.json' : 'results.json');
  let results: BenchResults;
  if (process.env.BENCH_RENDER_ONLY === '1') {
    results = JSON.parse(fs.readFileSync(json, 'utf8')) as BenchResults;
  } else {
    results = await runBench(plan, only, realRoot);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  }
  const report = process.env.BENCH_OUT ?? path.join(realRoot, 'bench', plan.mode === 'quick' ? 'out/RESULTS.quick.md' : partial ? 'out/RESULTS.partial.md' : 'RESULTS.md');
  fs.writeFileSync(report, renderReport(results));
  log(`wrote ${path.relative(realRoot, report)}`);
  return results.problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
