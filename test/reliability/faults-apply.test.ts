/**
 * An apply through a flaky API: 20% of requests fail (429 with Retry-After, 503 before or after
 * the work, connections dropped before or after the work), with a fixed seed. The apply of 100
 * pipelines succeeds with exactly 100 pipelines, and a plan with the faults still on shows no change.
 */
import { TerraformWorkspace } from '../support/terraform';
import { startEmulator, type FaultOptions, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, checkClient, expectExactlyTheFleet, fleetConfig, fleetNames, showResult, stateIds } from './support';

jest.setTimeout(240_000);

const N = 100;
const FAULTS: FaultOptions = { rate429: 0.07, rate503: 0.07, rateDrop: 0.06, retryAfterSeconds: 1, seed: 20240611 };

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50 });
});

afterAll(async () => {
  await emulator?.close();
});

test(`applies ${N} pipelines through 20% injected 429, 503 and dropped connections with exactly ${N} created`, async () => {
  const names = fleetNames(N, 'flaky');
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  // At a 20% failure rate, 5 attempts leave a call failing for good once in 3125: over ~400 calls
  // that is one apply in eight. max_retries is the provider's setting for a flaky network.
  tf.write(fleetConfig(names, '  max_retries = 9'));
  await tf.init();

  emulator.setFaults(FAULTS);
  emulator.resetStats();
  const apply = await tf.run(['apply', '-auto-approve', '-no-color', '-parallelism=10']);
  const applyStats = emulator.stats();
  if (apply.code !== 0) throw new Error(`the apply failed: ${showResult(apply)}`);
  expect(stateIds(tf).size).toBe(N);
  // The faults did happen, creates included.
  expect(applyStats.faults['429']).toBeGreaterThan(0);
  expect(applyStats.faults['503']).toBeGreaterThan(0);
  expect(applyStats.faults.drop).toBeGreaterThan(0);
  expect(applyStats.byRoute['POST /pipelines']).toBeGreaterThan(N);

  // A plan with the faults still on: no change.
  emulator.resetStats();
  const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-parallelism=10']);
  const planStats = emulator.stats();
  if (plan.code !== 0) throw new Error(`the plan after the apply is not empty: ${showResult(plan)}`);

  emulator.setFaults({});
  const live = await expectExactlyTheFleet(checkClient(emulator.url), names);
  expect(new Set(stateIds(tf).values())).toEqual(new Set(live.map((p) => p.id)));
  process.stdout.write(
    `faults-apply: ${JSON.stringify({ N, apply: { requests: applyStats.total, faults: applyStats.faults, createRequests: applyStats.byRoute['POST /pipelines'], created201: applyStats.byStatus['201'] }, plan: { requests: planStats.total, faults: planStats.faults } })}\n`,
  );
});
