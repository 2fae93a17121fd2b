/**
 * API requests per Terraform operation, as counted by the emulator: what a no-op plan of N
 * pipelines costs, and what an apply of one changed pipeline among N costs. Counts are
 * deterministic, so these are pass/fail checks, not timings.
 */
import { startEmulator, type EmulatorStats } from '../lib/emulator';
import { BenchWorkspace } from './workspace';

/** The request counts of one operation. */
export type RequestCounts = Pick<EmulatorStats, 'total' | 'reads' | 'writes' | 'validates' | 'byRoute'>;

/** One bound on a count. */
export interface CountCheck {
  /** What is counted, e.g. `no-op plan: writes`. */
  readonly name: string;
  /** The count. */
  readonly value: number;
  /** The bound, as text (`= 0`, `≤ 200`). */
  readonly bound: string;
  /** Whether the count is within the bound. */
  readonly pass: boolean;
}

/** The result of {@link measureRequestCounts}. */
export interface RequestCountResult {
  /** The fleet size. */
  readonly count: number;
  /** Requests of `terraform plan` with nothing to change. */
  readonly noopPlan: RequestCounts;
  /** Whether that plan said "No changes". */
  readonly noopPlanClean: boolean;
  /** Requests of `terraform apply` after one definition file changed. */
  readonly oneChangedApply: RequestCounts;
  /** The bounds and whether each holds. */
  readonly checks: readonly CountCheck[];
}

function counts(stats: EmulatorStats): RequestCounts {
  return { total: stats.total, reads: stats.reads, writes: stats.writes, validates: stats.validates, byRoute: stats.byRoute };
}

/**
 * The bounds: a no-op plan of N pipelines makes 0 writes, 0 validate calls and at most N reads
 * (at most one metadata read per pipeline, fewer when the list pages answer them, see
 * lib/provider/resources/refresh-reads.ts; the definition is read only when `updated_at` moved,
 * see lib/provider/resources/definition-refresh.ts); an apply of one changed pipeline among N
 * makes exactly 1 write and at most 1 validate call.
 */
export function checkCounts(count: number, noopPlan: RequestCounts, oneChangedApply: RequestCounts): CountCheck[] {
  return [
    { name: 'no-op plan: writes', value: noopPlan.writes, bound: '= 0', pass: noopPlan.writes === 0 },
    { name: 'no-op plan: validate calls', value: noopPlan.validates, bound: '= 0', pass: noopPlan.validates === 0 },
    { name: 'no-op plan: reads', value: noopPlan.reads, bound: `≤ N = ${count}`, pass: noopPlan.reads <= count },
    { name: 'apply of 1 changed: writes', value: oneChangedApply.writes, bound: '= 1', pass: oneChangedApply.writes === 1 },
    { name: 'apply of 1 changed: validate calls', value: oneChangedApply.validates, bound: '≤ 1', pass: oneChangedApply.validates <= 1 },
  ];
}

/**
 * Creates N pipelines with terraform against a fresh emulator, then counts the requests of a
 * no-op plan and of an apply that changes one of them.
 *
 * @example
 * const { checks } = await measureRequestCounts(100);
 */
export async function measureRequestCounts(count: number): Promise<RequestCountResult> {
  const emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 0, stopDelayMs: 0 });
  const ws = new BenchWorkspace('provider', count, emulator.url);
  try {
    await ws.init();
    await ws.apply();

    emulator.resetStats();
    const plan = await ws.plan(true);
    const noopPlan = counts(emulator.stats());

    ws.writeDefinition(Math.floor(count / 2), 15);
    emulator.resetStats();
    await ws.apply();
    const oneChangedApply = counts(emulator.stats());

    return { count, noopPlan, noopPlanClean: plan.code === 0, oneChangedApply, checks: checkCounts(count, noopPlan, oneChangedApply) };
  } finally {
    await emulator.close();
    ws.remove();
  }
}
