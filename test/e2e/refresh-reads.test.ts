/**
 * A refresh of many pipelines with the real terraform: whatever pages of the list answer, a
 * no-op plan stays clean behind newer pipelines of the account, and a definition changed and a
 * pipeline archived out of band are both seen (one update, one create, nothing else).
 */
import { IntegrateioClient } from '../../lib/api';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import type { PipelineDefinition } from '../../lib/definition';
import { minimalWith } from '../definition/documents';
import { ADMIN, minimalDefinitionHcl, PROVIDER_HEADER, TerraformWorkspace } from '../support/terraform';

jest.setTimeout(240_000);

const FLEET = 12;

let emulator: RunningEmulator;
let client: IntegrateioClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 0, stopDelayMs: 0 });
  client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
});

afterAll(async () => {
  await emulator?.close();
});

const FLEET_HCL = `${PROVIDER_HEADER}
resource "integrateio_pipeline" "fleet" {
  count = ${FLEET}
${minimalDefinitionHcl('fleet-${count.index}')}}
`;

interface ResourceChange {
  readonly address: string;
  readonly change: { readonly actions: readonly string[] };
}

test('refreshes a fleet behind newer pipelines: a no-op plan is clean, out-of-band changes are all seen', async () => {
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(FLEET_HCL);
  await tf.init();
  await tf.ok(['apply', '-auto-approve', '-no-color']);
  const ids = Array.from({ length: FLEET }, (_, i) => Number(tf.attributes('integrateio_pipeline', 'fleet', i).id));
  for (let i = 0; i < 120; i++) await client.createPipeline(minimalWith(['name'], `newer-${i}`) as unknown as PipelineDefinition);

  emulator.resetStats();
  expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  const byRoute = emulator.stats().byRoute;
  expect((byRoute['GET /pipelines/{id}'] ?? 0) + (byRoute['GET /pipelines'] ?? 0)).toBeLessThanOrEqual(FLEET + 1);

  const changed = await client.getDefinition(ids[5]);
  await client.replaceDefinition(ids[5], { ...changed, sync: { ...changed.sync, frequency: 60 } });
  await client.archivePipeline(ids[3]);
  await tf.ok(['plan', '-out=drift.tfplan', '-no-color']);
  const plan = JSON.parse((await tf.ok(['show', '-json', 'drift.tfplan'])).stdout) as { resource_changes: ResourceChange[] };
  const acting = plan.resource_changes.filter((c) => !(c.change.actions.length === 1 && c.change.actions[0] === 'no-op'));
  expect(acting.map((c) => [c.address, c.change.actions])).toEqual(
    expect.arrayContaining([
      ['integrateio_pipeline.fleet[3]', ['create']],
      ['integrateio_pipeline.fleet[5]', ['update']],
    ]),
  );
  expect(acting).toHaveLength(2);
});
