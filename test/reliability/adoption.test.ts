/**
 * A create adopts an existing pipeline with its name and exactly its definition (the orphan of an
 * apply whose answer was lost, see emulator-kill.test.ts) instead of duplicating it. These are the
 * cases where that must not go wrong: a resource renamed without a `moved` block keeps exactly one
 * live pipeline, `-replace` still gives a fresh one, and a pipeline with another definition is
 * never adopted.
 */
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { PipelineAdoption } from '../../lib/provider/resources/pipeline-adoption';
import { TerraformWorkspace } from '../support/terraform';
import { ADMIN, checkClient, fleetDefinition, livePipelines, showResult } from './support';

jest.setTimeout(180_000);

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50 });
});

afterAll(async () => {
  await emulator?.close();
});

const HEADER = `terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}
provider "integrateio" {}
`;

/** One pipeline resource; its definition is fleetDefinition(name, 0) unless told otherwise. */
function resource(address: string, name: string, shape: { destination?: number; frequency?: number } = {}): string {
  return `
resource "integrateio_pipeline" "${address}" {
  definition = {
    definition_version = 1
    name               = "${name}"
    source             = { connection = { id = 43 } }
    destination        = { connection = { id = ${shape.destination ?? 17} } }
    sync               = { frequency = ${shape.frequency ?? 5} }
    tables             = [{ name = "public.orders" }, { name = "public.customers", columns = { exclude = ["ssn"] } }]
  }
}
`;
}

function config(address: string, name: string): string {
  return HEADER + resource(address, name);
}

async function apply(tf: TerraformWorkspace, ...extra: string[]): Promise<string> {
  const result = await tf.run(['apply', '-auto-approve', '-no-color', ...extra]);
  if (result.code !== 0) throw new Error(`apply failed: ${showResult(result)}`);
  return result.stdout + result.stderr;
}

async function named(name: string): Promise<number[]> {
  return (await livePipelines(checkClient(emulator.url))).filter((p) => p.name === name).map((p) => p.id);
}

test('a resource renamed without a moved block leaves exactly one live pipeline, in state', async () => {
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(config('before', 'renamed'));
  await tf.init();
  await apply(tf);
  const first = Number(tf.attributes('integrateio_pipeline', 'before').id);

  tf.write(config('after', 'renamed'));
  const output = await apply(tf);
  // The destroy and the create run in parallel: either the create adopted the pipeline and the
  // destroy kept it, or the destroy archived it first and the create made a new one.
  const id = Number(tf.attributes('integrateio_pipeline', 'after').id);
  expect(await named('renamed')).toEqual([id]);
  if (id === first) expect(output.replace(/\s+/g, ' ')).toContain('Pipeline Kept');
  expect(tf.state().resources.map((r) => r.name)).toEqual(['after']);
  expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
});

test('-replace archives the pipeline and creates a fresh one', async () => {
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(config('orders', 'replaced'));
  await tf.init();
  await apply(tf);
  const first = Number(tf.attributes('integrateio_pipeline', 'orders').id);
  await apply(tf, '-replace=integrateio_pipeline.orders');
  const second = Number(tf.attributes('integrateio_pipeline', 'orders').id);
  expect(second).not.toBe(first);
  expect(await named('replaced')).toEqual([second]);
});

test('adopts a pipeline of the same name and definition, with a warning, but never one whose definition differs', async () => {
  const client = checkClient(emulator.url);
  // fleetDefinition(name, 0): source 43, destination 17, frequency 5, as resource() writes it.
  const same = await client.createPipeline(fleetDefinition('adoptable', 0));
  const other = await client.createPipeline(fleetDefinition('adoptable-other', 0));
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(HEADER + resource('a', 'adoptable') + resource('b', 'adoptable-other', { frequency: 6 }));
  await tf.init();
  const output = (await apply(tf)).replace(/\s+/g, ' ');
  expect(output).toContain(`Warning: Adopted Existing Pipeline`);
  expect(output).toContain(`Pipeline ${same.id} named "adoptable" already existed with exactly this definition`);
  expect(Number(tf.attributes('integrateio_pipeline', 'a').id)).toBe(same.id);
  expect(await named('adoptable')).toEqual([same.id]);
  // Same name, another definition: a new pipeline, the existing one untouched.
  const b = Number(tf.attributes('integrateio_pipeline', 'b').id);
  expect(b).not.toBe(other.id);
  expect((await named('adoptable-other')).sort()).toEqual([other.id, b].sort());
  expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
});

test('within one run, a pipeline is adopted once, never while it is being archived, and an adopted one is never archived', async () => {
  const client = checkClient(emulator.url);
  const kept = await client.createPipeline(fleetDefinition('run-kept', 0));
  const archived = await client.createPipeline(fleetDefinition('run-archived', 0));
  const run = new PipelineAdoption(client);
  expect((await run.adopt(fleetDefinition('run-kept', 0)))?.id).toBe(kept.id);
  // A second create of the same document in the same run does not take it again.
  expect(await run.adopt(fleetDefinition('run-kept', 0))).toBeUndefined();
  // The delete of the renamed resource's old address must leave it alone.
  expect(run.beginArchive(kept.id)).toBe(false);
  // A pipeline being archived by this run is not adopted.
  expect(run.beginArchive(archived.id)).toBe(true);
  expect(await run.adopt(fleetDefinition('run-archived', 0))).toBeUndefined();
  // Another definition under the same name is not adopted.
  expect(await new PipelineAdoption(client).adopt({ ...fleetDefinition('run-kept', 0), sync: { frequency: 60 } })).toBeUndefined();
  // Pipelines created after the run's first listing are not candidates: it lists once.
  const fresh = new PipelineAdoption(client);
  expect(await fresh.adopt(fleetDefinition('run-later', 0))).toBeUndefined();
  await client.createPipeline(fleetDefinition('run-later', 0));
  expect(await fresh.adopt(fleetDefinition('run-later', 0))).toBeUndefined();
});
