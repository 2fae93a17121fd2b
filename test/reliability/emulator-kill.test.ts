/**
 * The API dies mid-apply: the emulator, a separate process on a data file, is killed with SIGKILL
 * while terraform creates a fleet; terraform fails; the emulator restarts on the same data and
 * port; the next apply converges to exactly the fleet, nothing lost, nothing duplicated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformWorkspace } from '../support/terraform';
import { ADMIN, EmulatorProcess, LossyProxy, HEAVY, showResult, checkClient, duplicates, errorSummaries, expectExactlyTheFleet, fleetConfig, fleetNames, freePort, livePipelines, pollUntil, stateIds, tempDir } from './support';

jest.setTimeout(300_000);

const N = HEAVY ? 200 : 50;

let emulator: EmulatorProcess | undefined;
let proxy: LossyProxy | undefined;

afterEach(async () => {
  await emulator?.stop('SIGKILL');
  await proxy?.down().catch(() => undefined);
  emulator = undefined;
  proxy = undefined;
});

test(`converges to exactly ${N} pipelines after the emulator is killed with SIGKILL mid-apply`, async () => {
  const dir = tempDir();
  const data = join(dir, 'emulator.db');
  const port = await freePort();
  emulator = await EmulatorProcess.start({ port, data });
  const url = emulator.url;
  const names = fleetNames(N, 'killed');

  const tf = new TerraformWorkspace({ apiUrl: url, apiKey: ADMIN });
  tf.write(fleetConfig(names));
  await tf.init();

  // The first apply; the emulator dies once it has answered a quarter of the creates.
  const started = Date.now();
  const first = tf.run(['apply', '-auto-approve', '-no-color', '-parallelism=20']);
  const target = Math.ceil(N / 4);
  let acknowledged = 0;
  await pollUntil(async () => {
    if (!emulator!.alive) throw new Error('the emulator exited on its own');
    const stats = await emulator!.stats();
    acknowledged = stats.byStatus['201'] ?? 0;
    return acknowledged >= target;
  }, `${target} creates acknowledged`, 120_000, 10);
  await emulator.stop('SIGKILL');
  const killedAt = Date.now();
  const failed = await first;
  const firstMs = Date.now() - started;
  const failAfterKillMs = Date.now() - killedAt;
  expect(failed.code).not.toBe(0);
  const summaries = errorSummaries(failed);
  // Every error names the problem: the API cannot be reached (or the create's outcome is unknown).
  expect(Object.keys(summaries).length).toBeGreaterThan(0);
  for (const summary of Object.keys(summaries)) expect(summary).toMatch(/Cannot Reach the Integrate.io API|Integrate.io API Error|Integrate.io API Timeout/);
  expect(failed.stderr).not.toMatch(/at Object\.|\.js:\d+/);
  const inStateAfterKill = stateIds(tf);
  expect(inStateAfterKill.size).toBeGreaterThanOrEqual(target);
  expect(inStateAfterKill.size).toBeLessThan(N);

  // Restart on the same data and the same port.
  emulator = await EmulatorProcess.start({ port, data });
  expect(emulator.url).toBe(url);
  const client = checkClient(url);
  const afterRestart = await livePipelines(client);
  // Nothing acknowledged was lost: every id in state is live.
  const liveIds = new Set(afterRestart.map((p) => p.id));
  expect([...inStateAfterKill.values()].filter((id) => !liveIds.has(id))).toEqual([]);
  const orphans = afterRestart.filter((p) => ![...inStateAfterKill.values()].includes(p.id));

  const secondStarted = Date.now();
  const second = await tf.run(['apply', '-auto-approve', '-no-color', '-parallelism=20']);
  const secondMs = Date.now() - secondStarted;
  if (second.code !== 0) throw new Error(`the second apply failed: ${showResult(second)}`);

  const live = await livePipelines(client);
  const report = { N, acknowledgedAtKill: acknowledged, inStateAfterKill: inStateAfterKill.size, liveAfterRestart: afterRestart.length, orphans: orphans.map((p) => `${p.name}#${p.id}`), firstApplyMs: firstMs, failAfterKillMs, secondApplyMs: secondMs, liveAfterSecond: live.length, duplicates: duplicates(live) };
  process.stdout.write(`emulator-kill: ${JSON.stringify(report)}\n`);
  await expectExactlyTheFleet(client, names);

  const ids = stateIds(tf);
  expect(ids.size).toBe(N);
  // Every orphan (committed, never acknowledged) was adopted, not duplicated.
  const recorded = new Set(ids.values());
  expect(orphans.filter((p) => !recorded.has(p.id)).map((p) => p.id)).toEqual([]);
  expect(new Set(ids.values())).toEqual(new Set(live.map((p) => p.id)));
  const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-parallelism=20']);
  expect(plan.code).toBe(0);
});

test('does not duplicate a pipeline whose create the API committed but never acknowledged before it died', async () => {
  const n = 12;
  const dir = tempDir();
  const data = join(dir, 'emulator.db');
  const port = await freePort();
  emulator = await EmulatorProcess.start({ port, data });
  const lossy = await LossyProxy.start(emulator.url);
  proxy = lossy;
  const names = fleetNames(n, 'lost-ack');
  const tf = new TerraformWorkspace({ apiUrl: lossy.url, apiKey: ADMIN });
  tf.write(fleetConfig(names));
  await tf.init();

  const first = tf.run(['apply', '-auto-approve', '-no-color', '-parallelism=4']);
  await pollUntil(async () => ((await emulator!.stats()).byStatus['201'] ?? 0) >= n / 3, `${n / 3} creates acknowledged`, 120_000, 10);
  // The next create is committed, its answer lost, and the API dies at once.
  const died = new Promise<void>((resolveDied) =>
    lossy.arm(() => {
      void Promise.all([emulator!.stop('SIGKILL'), lossy.down()]).then(() => resolveDied());
    }),
  );
  await died;
  const failed = await first;
  expect(failed.code).not.toBe(0);
  expect(failed.stderr.replace(/\s+/g, ' ')).toContain('may or may not have been created');
  expect(failed.stderr).not.toMatch(/at Object\.|\.js:\d+/);
  const lost = lossy.lost[0];
  expect([...stateIds(tf).values()]).not.toContain(lost);

  emulator = await EmulatorProcess.start({ port, data });
  const client = checkClient(emulator.url);
  // The pipeline whose answer was lost exists: the API committed it.
  expect((await client.getPipeline(lost)).id).toBe(lost);

  const logPath = join(dir, 'terraform.log');
  const second = await tf.run(['apply', '-auto-approve', '-no-color', '-parallelism=4'], { INTEGRATEIO_API_URL: emulator.url, TF_LOG_PROVIDER: 'info', TF_LOG_PATH: logPath });
  if (second.code !== 0) throw new Error(`the second apply failed: ${showResult(second)}`);
  // The adoption decision is in Terraform's log (the provider's own line, with the id), key-free.
  const log = readFileSync(logPath, 'utf8');
  expect(log.split('\n').some((line) => line.includes('adoption: adopted the pipeline of an interrupted create') && line.includes(String(lost)))).toBe(true);
  expect(log).not.toMatch(/fdk_[A-Za-z0-9]/);
  // The property, not Terraform's rendering of the warning (which it merges with similar ones):
  // the pipeline the first apply could not record is now in state, and nothing is duplicated.
  const live = await livePipelines(client);
  process.stdout.write(`lost-ack: ${JSON.stringify({ n, lost, live: live.length, duplicates: duplicates(live) })}\n`);
  await expectExactlyTheFleet(client, names);
  expect([...stateIds(tf).values()]).toContain(lost);
  expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'], { INTEGRATEIO_API_URL: emulator.url })).code).toBe(0);
});
