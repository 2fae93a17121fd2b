/**
 * The benchmark's pieces in a small form (the `BENCH_QUICK=1` sections, smaller still), so that CI
 * notices when `npm run bench` breaks. Times are never asserted (these machines are noisy); the
 * API request counts are deterministic, so their bounds are.
 *
 * Needs the compiled provider and bench workers: `npm test` builds first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureThroughput, type ThroughputResult } from '../../bench/emulator-throughput';
import { measurePlanBreakdown, type PlanBreakdownResult } from '../../bench/plan-breakdown';
import { breakdownSum } from '../../bench/trace-log';
import { renderReport, type BenchResults } from '../../bench/report';
import { measureRequestCounts, type RequestCountResult } from '../../bench/request-counts';
import { measureShortcut, type ShortcutResult } from '../../bench/shortcut';
import { measureStartup, type StartupResult } from '../../bench/startup';
import { measureSchemaLaunch, type SchemaLaunchResult } from '../../bench/schema-launch';
import { measureFileSynth, measureSynth, type FileSynthResult, type SynthResult } from '../../bench/synth';
import { measureScaleAt, OPERATIONS, type ScaleResult } from '../../bench/terraform-scale';
import { PARALLELISM, removeBenchMirror } from '../../bench/workspace';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const COUNT = 2;

interface Pieces {
  startup: StartupResult;
  counts: RequestCountResult;
  scale: ScaleResult;
  shortcut: ShortcutResult;
  synth: SynthResult;
  fileSynth: FileSynthResult;
  schemaLaunch: SchemaLaunchResult;
  throughput: ThroughputResult;
  planBreakdown: PlanBreakdownResult;
}

const settled: Partial<Record<keyof Pieces, PromiseSettledResult<unknown>>> = {};

function piece<K extends keyof Pieces>(name: K): Pieces[K] {
  const outcome = settled[name];
  if (!outcome) throw new Error(`${name} did not run`);
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value as Pieces[K];
}

beforeAll(async () => {
  for (const file of ['dist/lib/provider/main.js', 'dist/bench/synth.js', 'dist/bench/emulator-throughput.js']) {
    if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` before this test (npm test does)`);
  }
  // The pieces run at the same time: most of their time is spent waiting for processes.
  const run = async <K extends keyof Pieces>(name: K, fn: () => Promise<Pieces[K]>): Promise<void> => {
    try {
      settled[name] = { status: 'fulfilled', value: await fn() };
    } catch (reason) {
      settled[name] = { status: 'rejected', reason };
    }
  };
  await Promise.all([
    run('counts', () => measureRequestCounts(COUNT)),
    run('scale', () => measureScaleAt(1, 1)),
    run('shortcut', () => measureShortcut({ count: 1, reps: 1 })),
    run('startup', () => measureStartup({ runs: 2, warmup: 0, breakdown: true })),
    run('synth', () => measureSynth({ count: 10, runs: 1, warmup: 0 })),
    run('fileSynth', () => measureFileSynth({ count: 5, runs: 1, warmup: 0 })),
    run('schemaLaunch', () => measureSchemaLaunch({ runs: 1, warmup: 0 })),
    run('throughput', () => measureThroughput({ runs: 1, durationMs: 200, concurrency: 4, pipelines: 3, warmup: 0 })),
    run('planBreakdown', () => measurePlanBreakdown({ reps: 1, noopCount: COUNT })),
  ]);
}, 180_000);

afterAll(() => removeBenchMirror());

describe('API request counts (the bounds npm run bench reports as PASS/FAIL)', () => {
  test(`a no-op plan of ${COUNT} pipelines makes no writes, no validate calls and at most N reads (one metadata read each)`, () => {
    const { noopPlan, noopPlanClean } = piece('counts');
    expect(noopPlanClean).toBe(true);
    expect(noopPlan.writes).toBe(0);
    expect(noopPlan.validates).toBe(0);
    expect(noopPlan.reads).toBeLessThanOrEqual(COUNT);
    expect(noopPlan.byRoute['GET /pipelines/{id}/definition'] ?? 0).toBe(0);
  });

  test(`an apply of one changed pipeline among ${COUNT} makes exactly one write`, () => {
    const { oneChangedApply } = piece('counts');
    expect(oneChangedApply.writes).toBe(1);
    expect(oneChangedApply.byRoute['PUT /pipelines/{id}/definition']).toBe(1);
  });

  // Terraform plans the change twice in an apply (plan walk and apply walk, in two provider
  // processes); the provider's validation memo (lib/provider/resources/validation-memo.ts) keeps
  // the second plan from calling the validate endpoint again.
  test(`an apply of one changed pipeline among ${COUNT} makes at most one validate call`, () => {
    const { oneChangedApply } = piece('counts');
    expect(oneChangedApply.validates).toBeLessThanOrEqual(1);
  });

  test('the checks the report shows agree with the counts', () => {
    const { checks, noopPlan, oneChangedApply } = piece('counts');
    expect(checks.map((c) => [c.name, c.value])).toEqual([
      ['no-op plan: writes', noopPlan.writes],
      ['no-op plan: validate calls', noopPlan.validates],
      ['no-op plan: reads', noopPlan.reads],
      ['apply of 1 changed: writes', oneChangedApply.writes],
      ['apply of 1 changed: validate calls', oneChangedApply.validates],
    ]);
  });
});

describe('timed pieces produce results (times are not asserted)', () => {
  test('provider start-up is measured against node -e 0', () => {
    const startup = piece('startup');
    expect(startup.subject).toHaveLength(2);
    expect(startup.baseline).toHaveLength(2);
    expect(Number.isFinite(startup.ratio) && startup.ratio > 0).toBe(true);
    expect(startup.breakdown?.map((b) => b.stage)).toContain('Node.js boot, before the entry runs');
    // The release package users install (the single executable here) reaches the handshake too.
    expect(startup.releasedError).toBeUndefined();
    expect(startup.released?.subject).toHaveLength(2);
  });

  test('every terraform operation of N = 1 is measured against terraform_data, with its requests', () => {
    const scale = piece('scale');
    expect(scale.operations.map((o) => o.operation)).toEqual([...OPERATIONS]);
    expect(scale.noopPlansClean).toBe(true);
    for (const o of scale.operations) expect(o.ratio).toBeGreaterThan(0);
    const byOp = Object.fromEntries(scale.operations.map((o) => [o.operation, o.requests]));
    expect(byOp.apply.writes).toBe(1);
    expect(byOp['noop-plan'].writes).toBe(0);
    expect(byOp['update-apply'].writes).toBe(1);
    expect(byOp.destroy.byRoute['DELETE /pipelines/{id}']).toBe(1);
  });

  test('the local-exec shortcut applies and archives through the CLI', () => {
    const shortcut = piece('shortcut');
    expect(shortcut.apply.subject).toHaveLength(1);
    expect(shortcut.destroy.ratio).toBeGreaterThan(0);
  });

  test('synthesis of Pipeline constructs is measured against plain resources', () => {
    const synth = piece('synth');
    expect(synth.bytes.pipeline).toBeGreaterThan(0);
    expect(synth.bytes.resource).toBeGreaterThan(0);
    expect(synth.bytes.l1).toBeGreaterThan(0);
    expect(synth.ratio).toBeGreaterThan(0);
  });

  test('synthesis from distinct YAML files is measured against plain resources', () => {
    const fileSynth = piece('fileSynth');
    expect(fileSynth.count).toBe(5);
    expect(fileSynth.ratio).toBeGreaterThan(0);
  });

  test('a schema-only launch is measured with and without the precomputed schema answer', () => {
    const launch = piece('schemaLaunch');
    expect(launch.ratio).toBeGreaterThan(0);
    expect(launch.withoutPrecomputed.ratio).toBeGreaterThan(0);
    expect(launch.gain.ratio).toBeGreaterThan(0);
  });

  test('emulator throughput is measured for both endpoints without errors', () => {
    const throughput = piece('throughput');
    expect(throughput.endpoints.map((e) => e.endpoint)).toEqual(['GET /pipelines/{id}', 'GET /pipelines']);
    for (const e of throughput.endpoints) {
      expect(e.errors).toBe(0);
      expect(e.subjectMedian).toBeGreaterThan(0);
    }
  });

  // Terraform's trace text is incidental: only the shape of the breakdown is asserted.
  test('a traced plan breaks down into Terraform\'s own work and 3 provider launches that add up to its wall time', () => {
    const breakdown = piece('planBreakdown');
    expect(breakdown.scenarios.map((s) => s.name)).toEqual(['plan1', 'noop1', 'noopN']);
    for (const scenario of breakdown.scenarios) {
      expect(scenario.traces).toHaveLength(1);
      for (const trace of scenario.traces) {
        expect(trace.launches).toHaveLength(3);
        expect(Math.abs(breakdownSum(trace) - trace.totalMs)).toBeLessThanOrEqual(Math.max(20, 0.05 * trace.totalMs));
      }
      expect(scenario.floorRatio).toBeGreaterThan(1);
    }
  });

  test('the report renders every section, the machine and the PASS/FAIL of the counts', () => {
    const results: BenchResults = {
      mode: 'quick',
      date: new Date(0).toISOString(),
      durationMs: 1,
      machine: { cpuModel: 'test cpu', cores: 2, memoryGiB: 4, os: 'test os', loadAverage: [0, 0] },
      versions: { node: process.version, terraform: '1.11.4', package: '0.1.0', cdktf: '0.21.0', commit: 'abc' },
      parallelism: PARALLELISM,
      startup: piece('startup'),
      scale: [piece('scale')],
      shortcut: piece('shortcut'),
      requestCounts: piece('counts'),
      synth: piece('synth'),
      fileSynth: piece('fileSynth'),
      schemaLaunch: piece('schemaLaunch'),
      throughput: piece('throughput'),
      planBreakdown: piece('planBreakdown'),
      problems: [],
    };
    const report = renderReport(results);
    for (const heading of ['## Summary', '## 1. Provider start-up', '## 2. Terraform at scale', '## 3. The `local-exec` shortcut', '## 4. API requests', '## 5. CDKTF synthesis', '## 6. Emulator throughput', '### 2b. ']) {
      expect(report).toContain(heading);
    }
    expect(report).toContain('| CPU | test cpu, 2 cores |');
    expect(report).toMatch(/\| no-op plan: writes \| 0 \| = 0 \| PASS \|/);
    // Every figure of issue 10's table has a row with its target.
    for (const row of ['exec → handshake line', 'Plan (empty state) of N = 1', 'Requests, N = 2: no-op plan: reads', `Synth of 10 \`Pipeline\`s`, 'Synth of 5 `PipelineDefinition.fromFile`', 'Schema-only launch']) {
      expect(report).toContain(row);
    }
    expect(report).toMatch(/no-op plan: reads \| .* \| ≤ N = 2 \|/);
  });
});
