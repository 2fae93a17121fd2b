/**
 * The `definition` attribute through the real terraform binary: unknown keys are errors naming
 * their path (YAML through yamldecode and typed HCL alike), the known parts of a definition with
 * unknown values are still checked, documents that mean the same plan no change, and a state
 * written by the previous schema (version 0) is upgraded without a diff.
 */
import { randomUUID } from 'node:crypto';
import { IntegrateioClient } from '../../lib/api';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { documentToValue } from '../../lib/provider/resources';
import { ADMIN, PROVIDER_HEADER, TerraformWorkspace } from '../support/terraform';

jest.setTimeout(180_000);


const HEADER = PROVIDER_HEADER;

const FROM_FILE = `${HEADER}
resource "integrateio_pipeline" "orders" {
  definition = yamldecode(file("\${path.module}/orders.yaml"))
}
`;

/** The three misspelt keys of the issue, each at its own depth. */
const MISSPELT_YAML = `definition_version: 1
name: strict-misspelt
source:
  connection:
    id: 42
destination:
  connection:
    id: 17
sync:
  frequency: 5
  cron: "*/5 * * * *"
auto_sync_new_table: true
tables:
  - name: public.orders
    apend_only: true
`;

const MISSPELT_PATHS = ['definition.sync.cron', 'definition.auto_sync_new_table', 'definition.tables[0].apend_only'];

function typedResource(body: string, extra = ''): string {
  return `${HEADER}${extra}
resource "integrateio_pipeline" "typed" {
  definition = {
${body}
  }
}
`;
}

let emulator: RunningEmulator;
let client: IntegrateioClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 100, stopDelayMs: 100 });
  client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
});

afterAll(async () => {
  await emulator?.close();
});

function workspace(): TerraformWorkspace {
  return new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
}

/** Terraform wraps long details: compare with whitespace collapsed. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('strict definitions through terraform', () => {
  test('fails validate and plan for unknown keys in a YAML file, naming each path', async () => {
    const tf = workspace();
    tf.write(MISSPELT_YAML, 'orders.yaml');
    tf.write(FROM_FILE);
    await tf.init();
    const writes = emulator.stats().writes;
    for (const command of [['validate', '-no-color'], ['plan', '-no-color']]) {
      const result = await tf.run(command);
      expect(result.code).not.toBe(0);
      for (const path of MISSPELT_PATHS) expect(flat(result.stderr)).toContain(`${path}: unknown key`);
    }
    expect(emulator.stats().writes).toBe(writes);
  });

  test('fails validate and plan for unknown keys in typed HCL, naming each path', async () => {
    const tf = workspace();
    tf.write(
      typedResource(`    definition_version  = 1
    name                = "strict-typed"
    source              = { connection = { id = 42 } }
    destination         = { connection = { id = 17 } }
    sync                = { frequency = 5, cron = "*/5 * * * *" }
    auto_sync_new_table = true
    tables              = [{ name = "public.orders", apend_only = true }]`),
    );
    await tf.init();
    for (const command of [['validate', '-no-color'], ['plan', '-no-color']]) {
      const result = await tf.run(command);
      expect(result.code).not.toBe(0);
      for (const path of MISSPELT_PATHS) expect(flat(result.stderr)).toContain(`${path}: unknown key`);
    }
  });

  test('fails validate and plan for an unknown key and a broken rule while a connection id is unknown', async () => {
    const tf = workspace();
    tf.write(
      typedResource(
        `    definition_version = 1
    name               = "strict-unknown-id"
    source             = { connection = { id = terraform_data.source.output } }
    destination        = { connection = { id = 17 } }
    sync               = { frequency = 5 }
    tables             = [{ name = "public.orders", apend_only = true }]`,
        '\nresource "terraform_data" "source" {\n  input = 42\n}\n',
      ),
    );
    await tf.init();
    for (const command of [['validate', '-no-color'], ['plan', '-no-color']]) {
      const result = await tf.run(command);
      expect(result.code).not.toBe(0);
      expect(flat(result.stderr)).toContain('definition.tables[0].apend_only: unknown key');
      expect(result.stderr).not.toContain('source.connection');
    }

    // Without the unknown key, a rule of the known parts is still checked...
    tf.write(
      typedResource(
        `    definition_version = 1
    name               = "strict-unknown-id"
    source             = { connection = { id = terraform_data.source.output } }
    destination        = { connection = { id = 17 } }
    sync               = { frequency = 5 }
    tables             = [{ name = "public.orders", columns = { include = ["id"], exclude = ["ssn"] } }]`,
        '\nresource "terraform_data" "source" {\n  input = 42\n}\n',
      ),
    );
    const rule = await tf.run(['plan', '-no-color']);
    expect(rule.code).not.toBe(0);
    expect(flat(rule.stderr)).toContain('definition.tables[0].columns: use columns.include or columns.exclude');

    // ...and a valid one with an unknown id plans and applies.
    tf.write(
      typedResource(
        `    definition_version = 1
    name               = "strict-unknown-id"
    source             = { connection = { id = terraform_data.source.output } }
    destination        = { connection = { id = 17 } }
    sync               = { frequency = 5 }
    tables             = [{ name = "public.orders" }]`,
        '\nresource "terraform_data" "source" {\n  input = 42\n}\n',
      ),
    );
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
    await tf.ok(['destroy', '-auto-approve', '-no-color']);
  });

  test('plans no changes for explicit defaults, empty lists and tables in another order', async () => {
    const tf = workspace();
    const name = `strict-meaning-${randomUUID().slice(0, 8)}`;
    const doc = (tables: string, extra = ''): string =>
      `definition_version: 1\nname: ${name}\nsource: {connection: {id: 42}}\ndestination: {connection: {id: 17}}\nsync: {frequency: 5}\ntables:\n${tables}${extra}`;
    tf.write(doc('  - name: public.orders\n  - name: public.customers\n    columns: {exclude: [ssn, email]}\n', 'hooks:\n  - {id: 9, events: [pipeline_failed, pipeline_stopped]}\n'), 'orders.yaml');
    tf.write(FROM_FILE);
    await tf.init();
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const id = Number(tf.attributes('integrateio_pipeline', 'orders').id);
    const updatedAt = (await client.getPipeline(id)).updated_at;

    tf.write(
      doc(
        '  - name: public.customers\n    append_only: false\n    columns: {exclude: [email, ssn]}\n  - name: public.orders\n    append_only: false\n',
        'transformations: []\nhooks:\n  - {id: 9, events: [pipeline_stopped, pipeline_failed]}\n',
      ),
      'orders.yaml',
    );
    const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect((await client.getPipeline(id)).updated_at).toBe(updatedAt);

    // hooks: [] where there were hooks is a real change.
    tf.write(doc('  - name: public.orders\n  - name: public.customers\n    columns: {exclude: [ssn, email]}\n', 'hooks: []\n'), 'orders.yaml');
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(2);
    await tf.ok(['destroy', '-auto-approve', '-no-color']);
  });

  test('fails validate for unknown keys read with provider::integrateio::definition, naming each line, and applies a valid file', async () => {
    const tf = workspace();
    tf.write(MISSPELT_YAML, 'orders.yaml');
    tf.write(`${HEADER}
resource "integrateio_pipeline" "orders" {
  definition = provider::integrateio::definition(file("\${path.module}/orders.yaml"))
}
`);
    await tf.init();
    const result = await tf.run(['validate', '-no-color']);
    expect(result.code).not.toBe(0);
    const stderr = flat(result.stderr);
    expect(stderr).toContain('line 11, column 3: sync.cron: unknown key');
    expect(stderr).toContain('line 12, column 1: auto_sync_new_table: unknown key');
    expect(stderr).toContain('line 15, column 5: tables[0].apend_only: unknown key');

    tf.write(MISSPELT_YAML.replace('  cron: "*/5 * * * *"\n', '').replace('auto_sync_new_table: true\n', '').replace('apend_only', 'append_only'), 'orders.yaml');
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const id = Number(tf.attributes('integrateio_pipeline', 'orders').id);
    expect((await client.getDefinition(id)).tables[0]).toEqual({ name: 'public.orders', append_only: true });
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
    await tf.ok(['destroy', '-auto-approve', '-no-color']);
  });

  test('upgrades a state written by schema version 0 and plans no changes', async () => {
    const definition = {
      definition_version: 1,
      name: `strict-upgrade-${randomUUID().slice(0, 8)}`,
      source: { connection: { id: 42 } },
      destination: { connection: { id: 17 } },
      sync: { frequency: 5, auto_sync_new_tables: false },
      tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
      transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: { total_cents: 'total' } } }],
    };
    const meta = await client.createPipeline(definition);
    const tf = workspace();
    const yaml = `definition_version: 1
name: ${definition.name}
source: {connection: {id: 42}}
destination: {connection: {id: 17}}
sync: {frequency: 5, auto_sync_new_tables: false}
tables:
  - name: public.orders
  - name: public.customers
    columns: {exclude: [ssn]}
transformations:
  - {type: rename_fields, table: public.orders, config: {mapping: {total_cents: total}}}
`;
    tf.write(yaml, 'orders.yaml');
    tf.write(FROM_FILE);
    // The state an apply with the version 0 schema wrote: the nested definition with every
    // attribute present (null when absent), schema_version 0.
    const attributes = {
      id: String(meta.id),
      definition: documentToValue(definition),
      running: false,
      force_stop: null,
      start_timeout: null,
      stop_timeout: null,
      status: meta.status,
      observed_state: meta.observed_state,
      created_at: meta.created_at,
      updated_at: meta.updated_at,
      last_source_sync_at: meta.last_source_sync_at,
      last_destination_sync_at: meta.last_destination_sync_at,
    };
    tf.write(
      JSON.stringify({
        version: 4,
        terraform_version: '1.11.4',
        serial: 1,
        lineage: randomUUID(),
        outputs: {},
        resources: [
          {
            mode: 'managed',
            type: 'integrateio_pipeline',
            name: 'orders',
            provider: 'provider["registry.terraform.io/integrateio/integrateio"]',
            instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
          },
        ],
        check_results: null,
      }),
      'terraform.tfstate',
    );
    await tf.init();
    const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);

    // A real change after the upgrade still shows field by field and applies.
    tf.write(yaml.replace('frequency: 5', 'frequency: 30'), 'orders.yaml');
    const change = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(change.code).toBe(2);
    expect(change.stdout).toMatch(/frequency\s+= 5 -> 30/);
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(tf.state().resources[0]).toMatchObject({ instances: [{ schema_version: 1 }] });
    expect((await client.getDefinition(meta.id)).sync.frequency).toBe(30);
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
    await tf.ok(['destroy', '-auto-approve', '-no-color']);
  });
});
