/**
 * The data sources through real terraform: `integrateio_pipeline` by exact name, and
 * `integrateio_pipelines` filtered by exact name and status.
 */
import { IntegrateioClient } from '../../lib/api';
import type { PipelineDefinition } from '../../lib/definition';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, PROVIDER_HEADER, TerraformWorkspace } from '../support/terraform';

jest.setTimeout(180_000);

const HEADER = PROVIDER_HEADER;

let emulator: RunningEmulator;
let client: IntegrateioClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50 });
  client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
});
afterAll(async () => {
  await emulator?.close();
});

function definition(name: string, frequency = 5): PipelineDefinition {
  return { definition_version: 1, name, source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency }, tables: [{ name: 'public.orders' }] } as PipelineDefinition;
}

test('looks a pipeline up by exact name, and lists by exact name and by status', async () => {
  const one = await client.createPipeline(definition('ds-one'));
  await client.createPipeline(definition('ds-one-more'));
  const twinA = await client.createPipeline(definition('ds-twin'));
  const twinB = await client.createPipeline(definition('ds-twin', 6));
  await client.startPipeline(twinB.id);
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(`${HEADER}
data "integrateio_pipeline" "one" {
  name = "ds-one"
}
data "integrateio_pipelines" "twins" {
  name = "ds-twin"
}
data "integrateio_pipelines" "deployed_twins" {
  name   = "ds-twin"
  status = "deployed"
}
output "one_id" { value = data.integrateio_pipeline.one.id }
output "one_frequency" { value = data.integrateio_pipeline.one.definition.sync.frequency }
output "twins" { value = data.integrateio_pipelines.twins.ids }
output "deployed_twins" { value = data.integrateio_pipelines.deployed_twins.ids }
`);
  await tf.init();
  await tf.ok(['apply', '-auto-approve', '-no-color']);
  const outputs = JSON.parse((await tf.ok(['output', '-json'])).stdout) as Record<string, { value: unknown }>;
  expect(outputs.one_id.value).toBe(String(one.id));
  expect(outputs.one_frequency.value).toBe(5);
  expect(outputs.twins.value).toEqual([String(twinB.id), String(twinA.id)]);
  expect(outputs.deployed_twins.value).toEqual([String(twinB.id)]);
});

test('fails at plan for a name no live pipeline has, a name several have, both id and name, or neither', async () => {
  const a = await client.createPipeline(definition('ds-dup'));
  const b = await client.createPipeline(definition('ds-dup', 7));
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(`${HEADER}
data "integrateio_pipeline" "both" {
  id   = "${a.id}"
  name = "ds-dup"
}
data "integrateio_pipeline" "neither" {
}
`);
  await tf.init();
  const invalid = await tf.run(['plan', '-no-color']);
  expect(invalid.code).not.toBe(0);
  // One error per data source, each pointing at its block.
  for (const name of ['both', 'neither']) expect(invalid.stderr.replace(/\s+/g, ' ')).toContain(`data "integrateio_pipeline" "${name}"`);

  tf.write(`${HEADER}
data "integrateio_pipeline" "missing" {
  name = "ds-missing"
}
data "integrateio_pipeline" "several" {
  name = "ds-dup"
}
`);
  const plan = await tf.run(['plan', '-no-color']);
  expect(plan.code).not.toBe(0);
  const errors = plan.stderr.replace(/\s+/g, ' ');
  for (const name of ['missing', 'several']) expect(errors).toContain(`data "integrateio_pipeline" "${name}"`);
  expect(errors).toContain('"ds-missing"');
  expect(errors).toContain(`${b.id}, ${a.id}`);
  expect(plan.stderr).not.toMatch(/\.js:\d+/);
});
