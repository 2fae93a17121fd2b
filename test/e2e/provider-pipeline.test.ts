/**
 * The provider end to end: the real terraform binary, our provider installed offline, and the
 * emulator on a random port, in this process.
 */
import { IntegrateioClient } from '../../lib/api';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, PROVIDER_HEADER, TerraformWorkspace } from '../support/terraform';

jest.setTimeout(180_000);


const HEADER = PROVIDER_HEADER;

function ordersYaml(frequency = 5, excluded = 'ssn'): string {
  return `definition_version: 1
name: orders-to-snowflake
source:
  connection:
    id: 42
destination:
  connection:
    id: 17
sync:
  frequency: ${frequency}
  auto_sync_new_tables: false
tables:
  - name: public.orders
  - name: public.customers
    columns:
      exclude:
        - ${excluded}
`;
}

function fileResource(running?: boolean): string {
  const run = running === undefined ? '' : `\n  running = ${running}`;
  return `${HEADER}
resource "integrateio_pipeline" "orders" {
  definition = yamldecode(file("\${path.module}/orders.yaml"))${run}
}
output "pipeline_id" { value = integrateio_pipeline.orders.id }
`;
}

let emulator: RunningEmulator;
let client: IntegrateioClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 300, stopDelayMs: 200 });
  client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
});

afterAll(async () => {
  await emulator?.close();
});

async function livePipelines(): Promise<{ id: number; name: string }[]> {
  const all: { id: number; name: string }[] = [];
  for await (const p of client.listPipelines()) all.push(p);
  return all;
}

function workspace(): TerraformWorkspace {
  return new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
}

describe('integrateio_pipeline with terraform', () => {
  test('creates from a YAML file, plans no changes, updates in place, converges running, and archives on destroy', async () => {
    const tf = workspace();
    tf.write(ordersYaml(), 'orders.yaml');
    tf.write(fileResource(false));
    await tf.init();

    const plan = await tf.ok(['plan', '-no-color']);
    expect(plan.stdout).toContain('integrateio_pipeline.orders will be created');
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');

    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const created = tf.attributes('integrateio_pipeline', 'orders');
    const id = Number(created.id);
    expect(id).toBeGreaterThan(0);
    expect(created.status).toBe('stopped');
    expect(await client.getDefinition(id)).toMatchObject({ name: 'orders-to-snowflake', sync: { frequency: 5 } });

    const again = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');

    // The same document, reformatted and reordered, is still no change.
    tf.write(`name: orders-to-snowflake\ndefinition_version: 1\ntables: [{name: public.orders}, {columns: {exclude: [ssn]}, name: public.customers}]\nsync: {auto_sync_new_tables: false, frequency: 5}\ndestination: {connection: {id: 17}}\nsource: {connection: {id: 42}}\n`, 'orders.yaml');
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);

    // A changed definition is an in-place update, field by field, with the same id.
    tf.write(ordersYaml(15, 'email'), 'orders.yaml');
    const updatePlan = await tf.ok(['plan', '-no-color']);
    expect(updatePlan.stdout).toContain('integrateio_pipeline.orders will be updated in-place');
    expect(updatePlan.stdout).toMatch(/frequency\s+= 5 -> 15/);
    expect(updatePlan.stdout).not.toContain('forces replacement');
    expect(updatePlan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(tf.attributes('integrateio_pipeline', 'orders').id).toBe(String(id));
    expect((await client.getDefinition(id)).sync.frequency).toBe(15);

    // running false -> true -> false, waiting for the observed state, without touching the definition.
    const updatedAt = (await client.getPipeline(id)).updated_at;
    tf.write(fileResource(true));
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(tf.attributes('integrateio_pipeline', 'orders')).toMatchObject({ running: true, status: 'deployed', observed_state: 'running' });
    expect((await client.getPipeline(id)).observed_state).toBe('running');
    tf.write(fileResource(false));
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(tf.attributes('integrateio_pipeline', 'orders')).toMatchObject({ running: false, status: 'stopped', observed_state: 'stopped' });
    tf.write(fileResource(true));
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect((await client.getPipeline(id)).observed_state).toBe('running');
    expect((await client.getPipeline(id)).updated_at).toBe(updatedAt);
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);

    // Destroy archives (stopping the running pipeline first).
    await tf.ok(['destroy', '-auto-approve', '-no-color']);
    await expect(client.getPipeline(id)).rejects.toMatchObject({ status: 404 });
  });

  test('shows drift made through the API and restores the code on apply', async () => {
    const tf = workspace();
    tf.write(ordersYaml(), 'orders.yaml');
    tf.write(fileResource(false));
    await tf.init();
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const id = Number(tf.attributes('integrateio_pipeline', 'orders').id);

    // Unchanged updated_at: the refresh reads the metadata only, not the definition.
    emulator.resetStats();
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
    expect(emulator.stats().byRoute['GET /pipelines/{id}/definition'] ?? 0).toBe(0);
    expect(emulator.stats().byRoute['GET /pipelines/{id}']).toBeGreaterThanOrEqual(1);
    // INTEGRATEIO_REFRESH_DEFINITIONS=always reads it anyway (for an API that would not move updated_at).
    emulator.resetStats();
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'], { INTEGRATEIO_REFRESH_DEFINITIONS: 'always' })).code).toBe(0);
    expect(emulator.stats().byRoute['GET /pipelines/{id}/definition']).toBeGreaterThanOrEqual(1);

    const drifted = await client.getDefinition(id);
    await client.replaceDefinition(id, { ...drifted, sync: { ...drifted.sync, frequency: 60 } });
    await client.startPipeline(id);

    const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/frequency\s+= 60 -> 5/);
    expect(plan.stdout).toMatch(/running\s+= true -> false/);
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect((await client.getDefinition(id)).sync.frequency).toBe(5);
    expect((await client.getPipeline(id)).status).toBe('stopped');
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
    await tf.ok(['destroy', '-auto-approve', '-no-color']);
  });

  test('plans the re-creation of a pipeline archived out of band', async () => {
    const tf = workspace();
    tf.write(ordersYaml(), 'orders.yaml');
    tf.write(fileResource());
    await tf.init();
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const id = Number(tf.attributes('integrateio_pipeline', 'orders').id);
    await client.archivePipeline(id);

    const plan = await tf.ok(['plan', '-no-color']);
    expect(plan.stdout).toContain('integrateio_pipeline.orders will be created');
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const newId = Number(tf.attributes('integrateio_pipeline', 'orders').id);
    expect(newId).not.toBe(id);
    expect((await livePipelines()).filter((p) => p.id === newId)).toHaveLength(1);
    await tf.ok(['destroy', '-auto-approve', '-no-color']);
  });

  test('imports a pipeline by id and generates config that plans with no changes', async () => {
    const created = await client.createPipeline({
      definition_version: 1,
      name: 'imported-orders',
      source: { connection: { id: 43 } },
      destination: { connection: { id: 18 } },
      sync: { source_frequency: 5, destination_frequency: 30 },
      tables: [{ name: 'public.orders', columns: { include: ['id', 'total_cents'] } }],
      transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: { total_cents: 'total' } } }],
      hooks: [{ id: 9, events: ['pipeline_failed'] }],
    });

    const gen = workspace();
    gen.write(`${HEADER}\nimport {\n  to = integrateio_pipeline.imported\n  id = "${created.id}"\n}\n`);
    await gen.init();
    const generated = await gen.run(['plan', '-generate-config-out=generated.tf', '-no-color']);
    expect(generated.stdout).toContain('1 to import');
    await gen.ok(['apply', '-auto-approve', '-no-color']);
    expect((await gen.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);

    const cli = workspace();
    cli.write(`${HEADER}\nresource "integrateio_pipeline" "imported" {\n  definition = yamldecode(file("\${path.module}/def.yaml"))\n}\n`);
    cli.write(await client.getDefinitionText(created.id, 'yaml'), 'def.yaml');
    await cli.init();
    await cli.ok(['import', '-no-color', 'integrateio_pipeline.imported', String(created.id)]);
    expect((await cli.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  });

  test('fails a plan with a definition that breaks a local rule, naming the attribute', async () => {
    const tf = workspace();
    tf.write(ordersYaml().replace('      exclude:\n        - ssn', '      exclude: [ssn]\n      include: [id]'), 'orders.yaml');
    tf.write(fileResource());
    await tf.init();
    const plan = await tf.run(['plan', '-no-color']);
    expect(plan.code).toBe(1);
    const stderr = plan.stderr.replace(/\s+/g, ' ');
    expect(stderr).toContain('Error: Invalid Pipeline Definition');
    expect(stderr).toContain('At definition.tables[1].columns: use columns.include or columns.exclude, not both');
    expect(stderr).toContain('on main.tf line 10');
  });

  test('fails a plan whose definition the API rejects (unknown connection), pointing at the field', async () => {
    const tf = workspace();
    tf.write(`${HEADER}
resource "integrateio_pipeline" "typed" {
  definition = {
    definition_version = 1
    name               = "typed-in-hcl"
    source             = { connection = { id = 52 } }
    destination        = { connection = { id = 17 } }
    sync               = { frequency = 5 }
    tables             = [{ name = "public.orders" }]
  }
}
`);
    await tf.init();
    const before = emulator.stats().writes;
    const plan = await tf.run(['plan', '-no-color']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Invalid Pipeline Definition');
    expect(plan.stderr).toContain('source.connection.id');
    expect(plan.stderr).toContain('id = 52');
    expect(emulator.stats().writes).toBe(before);
  });

  test('fails a plan with a clear error when no API key is configured', async () => {
    const tf = new TerraformWorkspace({ apiUrl: emulator.url });
    tf.write(ordersYaml(), 'orders.yaml');
    tf.write(fileResource());
    await tf.init();
    const plan = await tf.run(['plan', '-no-color']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Missing API Key');
    expect(plan.stderr).toContain('INTEGRATEIO_API_KEY');
  });
});
