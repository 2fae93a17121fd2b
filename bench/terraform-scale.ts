/**
 * Terraform at scale: plan (empty state), apply, no-op plan, update-all apply and destroy of N
 * `integrateio_pipeline` resources against a fresh emulator, next to the same commands on N
 * `terraform_data` resources holding the same documents (Terraform's own floor: no provider
 * process, no API). The two sequences alternate within each repetition.
 */
import { startEmulator, type EmulatorStats, type RunningEmulator } from '../lib/emulator';
import { summarisePairs, type PairedSamples, type PairedSummary } from './measure';
import { BenchWorkspace } from './workspace';

/** The commands of one sequence, in order. */
export const OPERATIONS = ['plan', 'apply', 'noop-plan', 'update-apply', 'destroy'] as const;

/** One of {@link OPERATIONS}. */
export type Operation = (typeof OPERATIONS)[number];

/** Human names of the {@link OPERATIONS}. */
export const OPERATION_LABELS: Record<Operation, string> = {
  plan: 'plan (empty state)',
  apply: 'apply (create all)',
  'noop-plan': 'no-op plan',
  'update-apply': 'apply (update all)',
  destroy: 'destroy',
};

/** Options of {@link measureScale}. */
export interface ScaleOptions {
  /** The fleet sizes, each against a fresh emulator. */
  readonly counts: readonly number[];
  /** How many repetitions of the whole sequence for a fleet size. */
  readonly reps: (count: number) => number;
  /** Called with a line of progress. @default no output */
  readonly log?: (line: string) => void;
}

/** One operation at one fleet size. */
export interface OperationResult extends PairedSamples, PairedSummary {
  readonly operation: Operation;
  /** The emulator's request counts for this operation (last repetition; they are deterministic). */
  readonly requests: Pick<EmulatorStats, 'total' | 'reads' | 'writes' | 'validates' | 'byRoute'>;
}

/** Every operation at one fleet size. */
export interface ScaleResult {
  readonly count: number;
  readonly reps: number;
  readonly operations: readonly OperationResult[];
  /** Whether every no-op plan of the provider said "No changes" (exit code 0 of -detailed-exitcode). */
  readonly noopPlansClean: boolean;
}

interface SequenceOutcome {
  readonly ms: Record<Operation, number>;
  readonly requests: Partial<Record<Operation, EmulatorStats>>;
  readonly noopClean: boolean;
}

/**
 * Runs the five commands in a workspace whose state is empty, leaving it empty again. With an
 * emulator, records its request counts per command.
 */
async function runSequence(ws: BenchWorkspace, emulator?: RunningEmulator): Promise<SequenceOutcome> {
  const ms = {} as Record<Operation, number>;
  const requests: Partial<Record<Operation, EmulatorStats>> = {};
  let noopClean = true;
  const step = async (op: Operation, run: () => Promise<{ ms: number; code: number }>): Promise<void> => {
    emulator?.resetStats();
    const result = await run();
    ms[op] = result.ms;
    if (emulator) requests[op] = emulator.stats();
    if (op === 'noop-plan' && result.code !== 0) noopClean = false;
  };
  ws.freshTmpDir();
  ws.writeDefinitions(5);
  await step('plan', () => ws.plan());
  await step('apply', () => ws.apply());
  await step('noop-plan', () => ws.plan(true));
  ws.writeDefinitions(15);
  await step('update-apply', () => ws.apply());
  await step('destroy', () => ws.destroy());
  return { ms, requests, noopClean };
}

/** Measures one fleet size: a fresh emulator, two workspaces, `reps` interleaved sequences. */
export async function measureScaleAt(count: number, reps: number, log: (line: string) => void = () => undefined): Promise<ScaleResult> {
  const emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 0, stopDelayMs: 0 });
  const workspaces: Record<'provider' | 'terraform_data', BenchWorkspace> = {
    provider: new BenchWorkspace('provider', count, emulator.url),
    terraform_data: new BenchWorkspace('terraform_data', count, undefined),
  };
  try {
    await workspaces.provider.init();
    await workspaces.terraform_data.init();
    const outcomes: Record<'provider' | 'terraform_data', SequenceOutcome[]> = { provider: [], terraform_data: [] };
    for (let rep = 0; rep < reps; rep++) {
      const order: ('provider' | 'terraform_data')[] = rep % 2 === 0 ? ['terraform_data', 'provider'] : ['provider', 'terraform_data'];
      for (const kind of order) {
        const outcome = await runSequence(workspaces[kind], kind === 'provider' ? emulator : undefined);
        outcomes[kind].push(outcome);
        log(`  N=${count} rep ${rep + 1}/${reps} ${kind}: ${OPERATIONS.map((op) => `${op} ${(outcome.ms[op] / 1000).toFixed(1)}s`).join(', ')}`);
      }
    }
    const last = outcomes.provider[outcomes.provider.length - 1];
    const operations = OPERATIONS.map((operation): OperationResult => {
      const samples = { baseline: outcomes.terraform_data.map((o) => o.ms[operation]), subject: outcomes.provider.map((o) => o.ms[operation]) };
      const stats = last.requests[operation]!;
      return {
        operation,
        ...samples,
        ...summarisePairs(samples),
        requests: { total: stats.total, reads: stats.reads, writes: stats.writes, validates: stats.validates, byRoute: stats.byRoute },
      };
    });
    return { count, reps, operations, noopPlansClean: outcomes.provider.every((o) => o.noopClean) };
  } finally {
    await emulator.close();
    for (const ws of Object.values(workspaces)) ws.remove();
  }
}

/**
 * Measures every fleet size of `options.counts`, one after the other.
 *
 * @example
 * const results = await measureScale({ counts: [1, 100], reps: () => 3 });
 */
export async function measureScale(options: ScaleOptions): Promise<ScaleResult[]> {
  const results: ScaleResult[] = [];
  for (const count of options.counts) results.push(await measureScaleAt(count, options.reps(count), options.log));
  return results;
}
