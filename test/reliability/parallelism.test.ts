/**
 * A wide apply: `-parallelism=50` over 100 pipelines against the emulator. No failure, no create
 * sent twice, exactly 100 live pipelines; destroy leaves none.
 */
import { TerraformWorkspace } from '../support/terraform';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, checkClient, expectExactlyTheFleet, fleetConfig, fleetNames, livePipelines, showResult, stateIds } from './support';

jest.setTimeout(240_000);

const N = 100;

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50 });
});

afterAll(async () => {
  await emulator?.close();
});

test(`applies ${N} pipelines with -parallelism=50 with no failure and no duplicate, and destroys them all`, async () => {
  const names = fleetNames(N, 'wide');
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(fleetConfig(names));
  await tf.init();
  const client = checkClient(emulator.url);

  emulator.resetStats();
  const apply = await tf.run(['apply', '-auto-approve', '-no-color', '-parallelism=50']);
  if (apply.code !== 0) throw new Error(`the apply failed: ${showResult(apply)}`);
  expect(apply.stderr).toBe('');
  expect(stateIds(tf).size).toBe(N);
  const stats = emulator.stats();
  // Each pipeline was created by exactly one request, answered 201; nothing failed.
  expect(stats.byRoute['POST /pipelines']).toBe(N);
  expect(stats.byStatus['201']).toBe(N);
  expect(Object.keys(stats.byStatus).filter((s) => Number(s) >= 400)).toEqual([]);
  await expectExactlyTheFleet(client, names);

  const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-parallelism=50']);
  expect(plan.code).toBe(0);

  const destroy = await tf.run(['destroy', '-auto-approve', '-no-color', '-parallelism=50']);
  if (destroy.code !== 0) throw new Error(`the destroy failed: ${showResult(destroy)}`);
  expect(await livePipelines(client)).toEqual([]);
  expect(tf.state().resources).toEqual([]);
});
