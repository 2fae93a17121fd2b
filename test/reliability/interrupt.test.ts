/**
 * Ctrl-C during an apply: terraform and the provider get SIGINT (the whole process group, as a
 * terminal sends it); terraform waits for the operations in flight and writes its state. The state
 * stays consistent with the API, and the next apply converges with no duplicates.
 */
import { TerraformWorkspace } from '../support/terraform';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, HEAVY, checkClient, expectExactlyTheFleet, fleetConfig, fleetNames, livePipelines, pollUntil, showResult, startTerraform, stateIds } from './support';

jest.setTimeout(240_000);

const N = HEAVY ? 100 : 40;

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50 });
});

afterAll(async () => {
  await emulator?.close();
});

test(`an apply of ${N} pipelines interrupted with SIGINT leaves a consistent state and the next apply converges`, async () => {
  const names = fleetNames(N, 'interrupted');
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(fleetConfig(names));
  await tf.init();
  const client = checkClient(emulator.url);

  // Slow answers keep creates in flight when the interrupt lands.
  emulator.setFaults({ rateSlow: 1, slowMs: 150 });
  emulator.resetStats();
  const apply = startTerraform(tf, ['apply', '-auto-approve', '-no-color', '-parallelism=5']);
  // Interrupt once a quarter is created and some creates are in flight (received, not yet answered).
  let inFlightAtInterrupt = 0;
  await pollUntil(
    async () => {
      const stats = emulator.stats();
      const answered = stats.byStatus['201'] ?? 0;
      inFlightAtInterrupt = (stats.byRoute['POST /pipelines'] ?? 0) - answered;
      return answered >= N / 4 && inFlightAtInterrupt > 0;
    },
    `${N / 4} creates and one in flight`,
    120_000,
    5,
  );
  apply.interrupt();
  const interrupted = await apply.result;
  emulator.setFaults({});
  const createsAtInterrupt = emulator.stats().byStatus['201'] ?? 0;
  const createRequests = emulator.stats().byRoute['POST /pipelines'] ?? 0;

  expect(interrupted.code).not.toBe(0);
  // Every create the API received was answered: terraform waited for those in flight.
  expect(createRequests).toBe(createsAtInterrupt);
  expect(interrupted.stderr).not.toMatch(/at Object\.|\.js:\d+/);

  // `terraform state list` parses and lists only what the state file holds.
  const list = await tf.ok(['state', 'list', '-no-color']);
  const listed = list.stdout.split('\n').filter((l) => l.trim() !== '');
  const ids = stateIds(tf);
  expect(listed).toHaveLength(ids.size);
  expect(ids.size).toBeGreaterThan(0);
  expect(ids.size).toBeLessThan(N);
  for (const line of listed) expect(line).toMatch(/^integrateio_pipeline\.fleet\["interrupted-\d{3}"\]$/);

  // Every resource in state exists in the API, and nothing was created that the state does not hold.
  for (const id of ids.values()) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
  const live = await livePipelines(client);
  expect(live.map((p) => p.id).sort((a, b) => a - b)).toEqual([...ids.values()].sort((a, b) => a - b));

  const again = await tf.run(['apply', '-auto-approve', '-no-color', '-parallelism=10']);
  if (again.code !== 0) throw new Error(`the apply after the interrupt failed: ${showResult(again)}`);
  process.stdout.write(`interrupt: ${JSON.stringify({ N, inFlightAtInterrupt, createRequests, createsAtInterrupt, inStateAfterInterrupt: ids.size, liveAfterInterrupt: live.length })}\n`);
  await expectExactlyTheFleet(client, names);
  const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-parallelism=10']);
  expect(plan.code).toBe(0);
});
