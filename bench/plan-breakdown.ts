/**
 * Where the time of a small `terraform plan` goes, and the floor of any Node.js provider.
 *
 * In rotating rounds, each plan against a fresh emulator of its own: `terraform plan` (empty state, N = 1), the no-op
 * plan of N = 1 and of N = `noopCount`, each once with `TF_LOG=trace` (its log read by
 * bench/trace-log.ts into Terraform's own work and the phases of each provider launch) and once
 * without; the same commands on `terraform_data`; and three `node -e 0` in a row (the three
 * launches a plan makes, at their cheapest). The floor of a Node.js provider for a command is
 * then `terraform_data` + 3 × `node -e 0` (+ for a no-op plan the reads it must make: ⌈N / 10⌉
 * rounds of one `GET /pipelines/{id}` at `-parallelism=10`, timed from the provider's own
 * `API response … in N ms` lines of the traced runs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../lib/emulator';
import { measureRounds, median } from './measure';
import { launchMs } from './startup';
import { parseTrace, type CommandTrace } from './trace-log';
import { BenchWorkspace, PARALLELISM } from './workspace';

/** The plans that are broken down. */
export const BREAKDOWN_SCENARIOS = ['plan1', 'noop1', 'noopN'] as const;

/** One of {@link BREAKDOWN_SCENARIOS}. */
export type BreakdownScenarioName = (typeof BREAKDOWN_SCENARIOS)[number];

/** The routes of a refresh's reads: a lone pipeline's GET, and the list pages overlapping refreshes walk. */
export const READ_ROUTES: readonly string[] = ['GET /pipelines/{id}', 'GET /pipelines'];

/** How many pipelines one read can refresh at most: a list page holds 100. */
export const PIPELINES_PER_READ = 100;

/** Options of {@link measurePlanBreakdown}. */
export interface PlanBreakdownOptions {
  /**
   * How many rounds (each command once per round).
   * @default 3
   */
  readonly reps?: number;
  /**
   * The N of the larger no-op plan.
   * @default 100
   */
  readonly noopCount?: number;
  /** Called with a line of progress. @default no output */
  readonly log?: (line: string) => void;
}

/** One broken-down plan: the provider traced and untraced, `terraform_data`, and the floor, per round. */
export interface BreakdownScenario {
  /** Which plan. */
  readonly name: BreakdownScenarioName;
  /** How many pipelines (and `terraform_data` resources). */
  readonly count: number;
  /** Whether the state holds the N resources already (a no-op plan) or is empty. */
  readonly noop: boolean;
  /** The provider's plan with `TF_LOG=trace`, read from its log, one per round. */
  readonly traces: readonly CommandTrace[];
  /** The provider's plan without a log (ms), one per round. */
  readonly untraced: readonly number[];
  /** The same plan on `terraform_data` without a log (ms), one per round (for N = 1 the median of {@link CHEAP_REPEATS} in the round). */
  readonly terraformData: readonly number[];
  /** The floor of a Node.js provider (ms), one per round: see {@link floorMs}. */
  readonly floor: readonly number[];
  /** The reads a Node.js provider must make in this plan, in ms (0 for an empty state). */
  readonly readsFloorMs: number;
  /** Median of the per-round `untraced / terraformData`. */
  readonly ratio: number;
  /** Median of the per-round `floor / terraformData`: what no Node.js provider can go below. */
  readonly floorRatio: number;
  /**
   * The same without the reads (`terraform_data` + 3 × `node -e 0`): the strict floor. The reads'
   * time is the provider's own measure under load (2 cores shared by Terraform, the provider and
   * the emulator), so it is not a strict bound; this is.
   */
  readonly strictFloorRatio: number;
}

/** The result of {@link measurePlanBreakdown}. */
export interface PlanBreakdownResult {
  /** How many rounds. */
  readonly reps: number;
  /** The `-parallelism` of every plan. */
  readonly parallelism: number;
  /** The plans of {@link BREAKDOWN_SCENARIOS}, in that order. */
  readonly scenarios: readonly BreakdownScenario[];
  /** Three `node -e 0` in a row (ms), one per round (the median of {@link CHEAP_REPEATS} in the round). */
  readonly threeNodeLaunches: readonly number[];
  /** Median duration of one read ({@link READ_ROUTES}) in the traced no-op plans of the largest N (ms). */
  readonly readMs: number;
  /** `terraform_data` plan (empty state, N = 1) with `TF_LOG=trace` (ms), one per round. */
  readonly terraformDataTraced: readonly number[];
  /** The size of the provider package `terraform init` installed (bytes), when found. */
  readonly packageBytes?: number;
}

/** The bytes of every file under `dir` (symbolic links followed), or undefined when it does not exist. */
export function treeBytes(dir: string): number | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(dir).reduce((sum, name) => sum + (treeBytes(path.join(dir, name)) ?? 0), 0);
}

/**
 * The floor of a Node.js provider for one plan: `terraform_data`'s time, plus three launches of
 * `node -e 0`, plus the reads ({@link readsFloor}).
 */
export function floorMs(terraformDataMs: number, threeNodeMs: number, readsMs: number): number {
  return terraformDataMs + threeNodeMs + readsMs;
}

/**
 * What the reads of a refresh of N pipelines cost at least when one takes `readMs`: ⌈N / 100⌉
 * reads one after the other (a list page answers 100 pipelines, and pages are read in turn).
 */
export function readsFloor(count: number, readMs: number): number {
  return Math.ceil(count / PIPELINES_PER_READ) * readMs;
}

/**
 * How many times a cheap command (`node -e 0`, a `terraform_data` plan of N = 1) runs in a round;
 * the round's sample is their median. They are short and noisy, and the floor adds up to little
 * more than them.
 */
export const CHEAP_REPEATS = 5;

async function medianOf(times: number, run: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push(await run());
  return median(samples);
}

function medianOfRatios(subject: readonly number[], baseline: readonly number[]): number {
  return median(subject.map((s, i) => s / baseline[i]));
}

/**
 * Measures the breakdown (see the module comment).
 *
 * @example
 * const result = await measurePlanBreakdown({ reps: 3, noopCount: 100 });
 */
export async function measurePlanBreakdown(options: PlanBreakdownOptions = {}): Promise<PlanBreakdownResult> {
  const reps = options.reps ?? 3;
  const noopCount = options.noopCount ?? 100;
  const log = options.log ?? (() => undefined);
  // One emulator per plan: the workspaces' pipelines share names (bench-pipeline-0, …), and the plan
  // of a new pipeline must not find a live one of its name.
  const emulators: RunningEmulator[] = [];
  const counts: Record<BreakdownScenarioName, number> = { plan1: 1, noop1: 1, noopN: noopCount };
  const provider = {} as Record<BreakdownScenarioName, BenchWorkspace>;
  const data = {} as Record<BreakdownScenarioName, BenchWorkspace>;
  try {
    for (const name of BREAKDOWN_SCENARIOS) {
      const emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 0, stopDelayMs: 0 });
      emulators.push(emulator);
      provider[name] = new BenchWorkspace('provider', counts[name], emulator.url);
      data[name] = new BenchWorkspace('terraform_data', counts[name], undefined);
      for (const ws of [provider[name], data[name]]) {
        await ws.init();
        if (name !== 'plan1') await ws.apply();
      }
    }
    // One unrecorded plan: the executable and terraform are in the file system cache afterwards.
    await provider.plan1.plan();
    const traces: Record<BreakdownScenarioName, CommandTrace[]> = { plan1: [], noop1: [], noopN: [] };
    let traceCount = 0;
    const planMs = async (ws: BenchWorkspace, name: BreakdownScenarioName, traced: boolean): Promise<{ ms: number; trace?: CommandTrace }> => {
      if (name === 'plan1') ws.freshTmpDir();
      const file = path.join(ws.dir, `trace-${++traceCount}.log`);
      const spawnEpochMs = Date.now();
      const run = await ws.plan(name !== 'plan1', traced ? { TF_LOG: 'trace', TF_LOG_PATH: file } : {});
      if (name !== 'plan1' && run.code !== 0) throw new Error(`the no-op plan of ${ws.kind} N = ${ws.count} was not clean (exit code ${run.code})`);
      if (!traced) return { ms: run.ms };
      const trace = ws.kind === 'provider' ? parseTrace(fs.readFileSync(file, 'utf8'), spawnEpochMs, run.ms) : undefined;
      fs.rmSync(file, { force: true });
      return { ms: run.ms, trace };
    };
    const contenders: Record<string, (index: number) => Promise<number>> = {
      threeNode: () =>
        medianOf(CHEAP_REPEATS, async () => {
          let sum = 0;
          for (let i = 0; i < 3; i++) sum += await launchMs(['-e', '0'], process.env, true);
          return sum;
        }),
      terraformDataTraced: () => medianOf(CHEAP_REPEATS, async () => (await planMs(data.plan1, 'plan1', true)).ms),
    };
    for (const name of BREAKDOWN_SCENARIOS) {
      contenders[`${name}:data`] = () => medianOf(counts[name] === 1 ? CHEAP_REPEATS : 1, async () => (await planMs(data[name], name, false)).ms);
      contenders[`${name}:untraced`] = async () => (await planMs(provider[name], name, false)).ms;
      contenders[`${name}:traced`] = async (index) => {
        const { ms, trace } = await planMs(provider[name], name, true);
        if (index >= 0 && trace) traces[name].push(trace);
        return ms;
      };
    }
    log(`  breakdown: ${reps} rounds of ${Object.keys(contenders).length} commands (no-op N = ${noopCount})`);
    const samples: Record<string, number[]> = await measureRounds(reps, contenders);
    // No read line at all (the provider logs them differently): 0, which still gives a lower bound.
    const reads = traces.noopN.flatMap((t) => t.apiResponses.filter((r) => READ_ROUTES.includes(r.route)).map((r) => r.ms));
    const readMs = reads.length > 0 ? median(reads) : 0;
    const scenarios = BREAKDOWN_SCENARIOS.map((name): BreakdownScenario => {
      const noop = name !== 'plan1';
      const readsFloorMs = noop ? readsFloor(counts[name], readMs) : 0;
      const terraformData = samples[`${name}:data`];
      const untraced = samples[`${name}:untraced`];
      const floor = terraformData.map((d, i) => floorMs(d, samples.threeNode[i], readsFloorMs));
      log(`  breakdown ${name}: provider ${median(untraced).toFixed(0)} ms, terraform_data ${median(terraformData).toFixed(0)} ms, floor ${median(floor).toFixed(0)} ms`);
      return {
        name,
        count: counts[name],
        noop,
        traces: traces[name],
        untraced,
        terraformData,
        floor,
        readsFloorMs,
        ratio: medianOfRatios(untraced, terraformData),
        floorRatio: medianOfRatios(floor, terraformData),
        strictFloorRatio: medianOfRatios(terraformData.map((d, i) => floorMs(d, samples.threeNode[i], 0)), terraformData),
      };
    });
    const packageBytes = treeBytes(path.join(provider.plan1.dir, '.terraform', 'providers', 'registry.terraform.io', 'integrateio'));
    return { reps, parallelism: PARALLELISM, scenarios, threeNodeLaunches: samples.threeNode, readMs, terraformDataTraced: samples.terraformDataTraced, packageBytes };
  } finally {
    for (const emulator of emulators) await emulator.close();
    for (const ws of [...Object.values(provider), ...Object.values(data)]) ws.remove();
  }
}
