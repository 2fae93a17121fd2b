/**
 * A create adopts only the orphan of this configuration's own interrupted create, proven by the
 * journal of pending creates in the working directory (see emulator-kill.test.ts for the lost
 * answer itself). These are the cases where that must not go wrong: another state's identical
 * pipeline is never taken over (nor archived by the other state's destroy), `-replace` gives a
 * fresh pipeline with or without `create_before_destroy`, a renamed resource leaves one live
 * pipeline, and two resources with one pipeline name fail at plan.
 */
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { CreateJournal, keyFingerprint, sha256 } from '../../lib/provider/resources/create-journal';
import { PipelineAdoption } from '../../lib/provider/resources/pipeline-adoption';
import { Diagnostics } from '../../lib/provider/framework';
import { toCanonicalJson } from '../../lib/definition';
import { TerraformWorkspace } from '../support/terraform';
import { ADMIN, checkClient, fleetDefinition, livePipelines, showResult, tempDir } from './support';

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
function resource(address: string, name: string, shape: { destination?: number; frequency?: number; lifecycle?: string } = {}): string {
  return `
resource "integrateio_pipeline" "${address}" {
  ${shape.lifecycle ? `lifecycle {\n    ${shape.lifecycle}\n  }` : ''}
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
  await apply(tf);
  // Without a moved block Terraform destroys the old address and creates the new one.
  const id = Number(tf.attributes('integrateio_pipeline', 'after').id);
  expect(id).not.toBe(first);
  expect(await named('renamed')).toEqual([id]);
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
  // A tainted instance too, and the plan does not take the pipeline it replaces for another state's.
  await tf.ok(['taint', 'integrateio_pipeline.orders']);
  const output = await apply(tf);
  const third = Number(tf.attributes('integrateio_pipeline', 'orders').id);
  expect([first, second]).not.toContain(third);
  expect(await named('replaced')).toEqual([third]);
  expect(output).not.toContain('Pipeline With This Name Already Exists');
});

test('-replace with create_before_destroy creates a new pipeline before archiving the old one', async () => {
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(HEADER + resource('orders', 'replaced-cbd', { lifecycle: 'create_before_destroy = true' }));
  await tf.init();
  await apply(tf);
  const first = Number(tf.attributes('integrateio_pipeline', 'orders').id);
  await apply(tf, '-replace=integrateio_pipeline.orders');
  const second = Number(tf.attributes('integrateio_pipeline', 'orders').id);
  expect(second).not.toBe(first);
  expect(await named('replaced-cbd')).toEqual([second]);
  expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
});

test("a second state declaring another state's identical pipeline never adopts it, and its destroy never archives it", async () => {
  const a = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  a.write(HEADER + resource('orders', 'orders-prod', { lifecycle: 'prevent_destroy = true' }));
  await a.init();
  await apply(a);
  const owned = Number(a.attributes('integrateio_pipeline', 'orders').id);

  const b = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  b.write(config('orders', 'orders-prod'));
  await b.init();
  const result = await b.run(['apply', '-auto-approve', '-no-color']);
  // B either fails or creates a pipeline of its own: never A's.
  const inB = result.code === 0 ? Number(b.attributes('integrateio_pipeline', 'orders').id) : undefined;
  expect(inB).not.toBe(owned);
  // B is told how to manage A's pipeline instead, should that be what it meant.
  expect((result.stdout + result.stderr).replace(/\s+/g, ' ')).toContain(`import { to = integrateio_pipeline.<name> id = "${owned}" }`);
  await b.ok(['destroy', '-auto-approve', '-no-color']);
  expect(await named('orders-prod')).toEqual([owned]);
  expect((await checkClient(emulator.url).getPipeline(owned)).id).toBe(owned);
  expect((await a.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
});

test('fails at plan when two resources of one configuration name their pipeline alike, creating nothing', async () => {
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(HEADER + resource('one', 'twin-name') + resource('two', 'twin-name', { frequency: 6 }));
  await tf.init();
  const plan = await tf.run(['plan', '-no-color']);
  expect(plan.code).not.toBe(0);
  expect(plan.stderr.replace(/\s+/g, ' ')).toContain('"twin-name"');
  const applied = await tf.run(['apply', '-auto-approve', '-no-color']);
  expect(applied.code).not.toBe(0);
  expect(await named('twin-name')).toEqual([]);

  // An existing resource and a new one (a copied block): the same.
  tf.write(HEADER + resource('one', 'twin-name'));
  await apply(tf);
  const existing = await named('twin-name');
  tf.write(HEADER + resource('one', 'twin-name') + resource('two', 'twin-name', { frequency: 6 }));
  expect((await tf.run(['plan', '-no-color'])).code).not.toBe(0);
  expect((await tf.run(['apply', '-auto-approve', '-no-color'])).code).not.toBe(0);
  expect(await named('twin-name')).toEqual(existing);
});

/** A journal in a fresh directory, and an adoption of the emulator's account that uses it. */
function journaled(): { journal: CreateJournal; adoption: () => PipelineAdoption } {
  const journal = new CreateJournal(tempDir());
  const options = { journal, workspace: 'default', keyHash: keyFingerprint(ADMIN), apiUrl: emulator.url };
  return { journal, adoption: () => new PipelineAdoption(checkClient(emulator.url), options) };
}

test('adopts only a live pipeline that a journaled create of this configuration can have made', async () => {
  const client = checkClient(emulator.url);
  const doc = fleetDefinition('journaled', 0);
  const { journal, adoption } = journaled();
  const key = { workspace: 'default', keyHash: keyFingerprint(ADMIN), name: doc.name, definitionHash: sha256(toCanonicalJson(doc)) };
  // Another configuration's identical pipeline, made before the interrupted create below.
  const foreign = await client.createPipeline(doc);
  const live = await client.listPipelinesConsistently();
  const entry = journal.add({ ...key, apiUrl: emulator.url, attemptedAt: Date.now(), afterId: Math.max(...live.map((p) => p.id)) });
  // The interrupted create's pipeline: committed, its answer lost.
  const orphan = await client.createPipeline(doc);
  expect(await adoption().conflicts(doc)).toEqual([foreign.id]);
  const diags = new Diagnostics();
  const first = adoption();
  expect((await first.create(doc, diags)).id).toBe(orphan.id);
  expect(diags.all().map((d) => d.severity)).toEqual(['warning']);
  expect(journal.matching(key)).toEqual([]);
  expect(entry.file).toMatch(/\.json$/);
  // The entry is gone: the next create of the same document makes a new pipeline and adopts nothing.
  const fresh = await adoption().create(doc, new Diagnostics());
  expect([foreign.id, orphan.id]).not.toContain(fresh.id);
  expect(journal.matching(key)).toEqual([]);
});

test('never adopts without a journal entry, nor a pipeline older than the entry, and drops an entry whose create made nothing', async () => {
  const client = checkClient(emulator.url);
  const doc = fleetDefinition('unproven', 0);
  const { journal, adoption } = journaled();
  const key = { workspace: 'default', keyHash: keyFingerprint(ADMIN), name: doc.name, definitionHash: sha256(toCanonicalJson(doc)) };
  const older = await client.createPipeline(doc);
  // No entry: a new pipeline.
  const made = await adoption().create(doc, new Diagnostics());
  expect(made.id).not.toBe(older.id);
  // An entry written after both exist (afterId above them): nothing it can have made, so it is dropped and a new pipeline made.
  journal.add({ ...key, apiUrl: emulator.url, attemptedAt: Date.now(), afterId: made.id });
  const again = await adoption().create(doc, new Diagnostics());
  expect([older.id, made.id]).not.toContain(again.id);
  expect(journal.matching(key)).toEqual([]);
  // Another workspace's or another key's entry proves nothing here.
  journal.add({ ...key, workspace: 'staging', apiUrl: emulator.url, attemptedAt: Date.now() - 1000, afterId: 0 });
  journal.add({ ...key, keyHash: keyFingerprint('fdk_other'), apiUrl: emulator.url, attemptedAt: Date.now() - 1000, afterId: 0 });
  const third = await adoption().create(doc, new Diagnostics());
  expect([older.id, made.id, again.id]).not.toContain(third.id);
});
