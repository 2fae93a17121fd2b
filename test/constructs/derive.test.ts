import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { IntegrateioProvider, Pipeline, PipelineDefinition, type PipelineDefinitionProps } from '../../lib/constructs';
import { definitionOf, ORDERS, synthErrors, synthJson, testStack } from './helpers';

Testing.setupJest();

/** ORDERS with a third table that has a transformation, and a hook. */
const FULL: PipelineDefinitionProps = {
  ...ORDERS,
  tables: [...ORDERS.tables, { name: 'public.payments', appendOnly: true }],
  transformations: [
    { type: 'rename_fields', table: 'public.orders', config: { mapping: { order_id: 'id' } } },
    { type: 'exclude_fields', table: 'public.payments', config: { fields: ['card_number'] } },
  ],
  hooks: [{ id: 9, events: ['pipeline_failed'] }],
};

describe('PipelineDefinition.derive', () => {
  test('promotes one definition to dev, staging and prod with their own connections, schedules and names', () => {
    const app = Testing.app();
    const base = new PipelineDefinition(app, 'Orders', FULL);
    const envs = [
      { name: 'dev', props: { sourceConnectionId: 43, destinationConnectionId: 18, frequency: 60, nameSuffix: '-dev' } },
      { name: 'staging', props: { sourceConnectionId: 42, destinationConnectionId: 18, frequency: 15, nameSuffix: '-staging' } },
      { name: 'prod', props: { namePrefix: 'prod-' } },
    ];
    const synthesized = envs.map(({ name, props }) => {
      const stack = new TerraformStack(app, name);
      new IntegrateioProvider(stack, 'integrateio');
      new Pipeline(stack, 'Orders', { definition: base.derive(stack, 'OrdersDefinition', props) });
      return definitionOf(synthJson(stack));
    });
    expect(synthesized.map((d) => [d.name, d.source.connection.id, d.destination.connection.id, d.sync.frequency])).toEqual([
      ['orders-to-snowflake-dev', 43, 18, 60],
      ['orders-to-snowflake-staging', 42, 18, 15],
      ['prod-orders-to-snowflake', 42, 17, 5],
    ]);
    // Everything else is the base's, unchanged.
    for (const d of synthesized) {
      expect(d.tables).toEqual([{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }, { name: 'public.payments', append_only: true }]);
      expect(d.transformations).toHaveLength(2);
      expect(d.hooks).toEqual([{ id: 9, events: ['pipeline_failed'] }]);
    }
  });

  test('does not copy the base: later changes to the base are seen by derived definitions', () => {
    const { app, stack } = testStack();
    const base = new PipelineDefinition(app, 'Orders', ORDERS);
    const dev = base.derive(stack, 'Dev', { nameSuffix: '-dev' });
    base.addTable({ name: 'public.refunds' });
    expect(dev.document.tables.map((t) => t.name)).toEqual(['public.orders', 'public.customers', 'public.refunds']);
    expect(dev.base).toBe(base);
  });

  test('derives from a derived definition', () => {
    const { app, stack } = testStack();
    const base = new PipelineDefinition(app, 'Orders', ORDERS);
    const eu = base.derive(app, 'OrdersEu', { namePrefix: 'eu-', destinationConnectionId: 18 });
    const euDev = eu.derive(stack, 'OrdersEuDev', { nameSuffix: '-dev', frequency: 60 });
    expect(euDev.document).toMatchObject({ name: 'eu-orders-to-snowflake-dev', destination: { connection: { id: 18 } }, sync: { frequency: 60 } });
  });

  test('replaces name, then adds prefix and suffix', () => {
    const { stack } = testStack();
    const base = new PipelineDefinition(stack, 'Orders', ORDERS);
    expect(base.derive(stack, 'D', { name: 'sales', namePrefix: 'eu-', nameSuffix: '-dev' }).document.name).toBe('eu-sales-dev');
  });

  test('a single frequency replaces a pair, and a pair replaces a single frequency', () => {
    const { stack } = testStack();
    const single = new PipelineDefinition(stack, 'Single', { ...ORDERS, autoSyncNewTables: true });
    const pair = new PipelineDefinition(stack, 'Pair', { ...ORDERS, frequency: undefined, sourceFrequency: 5, destinationFrequency: 15 });
    expect(single.derive(stack, 'ToPair', { sourceFrequency: 1, destinationFrequency: 30 }).document.sync).toEqual({ source_frequency: 1, destination_frequency: 30, auto_sync_new_tables: true });
    expect(pair.derive(stack, 'ToSingle', { frequency: 60 }).document.sync).toEqual({ frequency: 60 });
    expect(pair.derive(stack, 'HalfPair', { destinationFrequency: 60, autoSyncNewTables: false }).document.sync).toEqual({ source_frequency: 5, destination_frequency: 60, auto_sync_new_tables: false });
  });

  test('removing a table also removes the transformations on it', () => {
    const { stack } = testStack();
    const base = new PipelineDefinition(stack, 'Orders', FULL);
    const dev = base.derive(stack, 'Dev', { removeTables: ['public.payments'] });
    expect(dev.document.tables.map((t) => t.name)).toEqual(['public.orders', 'public.customers']);
    expect(dev.document.transformations).toEqual([{ type: 'rename_fields', table: 'public.orders', config: { mapping: { order_id: 'id' } } }]);
    expect(dev.listProblems()).toEqual([]);
  });

  test('adds tables, transformations and hooks, and removes hooks', () => {
    const { stack } = testStack();
    const base = new PipelineDefinition(stack, 'Orders', FULL);
    const prod = base.derive(stack, 'Prod', {
      addTables: [{ name: 'public.refunds', includeColumns: ['id', 'amount_cents'] }],
      addTransformations: [{ type: 'history_mode', table: 'public.refunds' }],
      removeHooks: [9],
      addHooks: [{ id: 10, events: ['sync_failed'] }],
    });
    expect(prod.document.tables.at(-1)).toEqual({ name: 'public.refunds', columns: { include: ['id', 'amount_cents'] } });
    expect(prod.document.transformations?.at(-1)).toEqual({ type: 'history_mode', table: 'public.refunds' });
    expect(prod.document.hooks).toEqual([{ id: 10, events: ['sync_failed'] }]);
    expect(prod.listProblems()).toEqual([]);
  });

  test('derives from a file definition', () => {
    const { stack } = testStack();
    const base = PipelineDefinition.fromFile(stack, 'Orders', `${__dirname}/fixtures/orders.yaml`);
    const dev = base.derive(stack, 'Dev', { sourceConnectionId: 43, nameSuffix: '-dev' });
    new Pipeline(stack, 'Pipeline', { definition: dev });
    expect(definitionOf(synthJson(stack))).toMatchObject({ name: 'orders-to-snowflake-dev', source: { connection: { id: 43 } } });
  });

  test('takes tokens as overrides', () => {
    const { app, stack } = testStack();
    const base = new PipelineDefinition(app, 'Orders', ORDERS);
    const source = new TerraformVariable(stack, 'source_connection_id', { type: 'number' });
    new Pipeline(stack, 'Pipeline', { definition: base.derive(stack, 'Dev', { sourceConnectionId: source.numberValue }) });
    expect(definitionOf(synthJson(stack)).source).toEqual({ connection: { id: '${var.source_connection_id}' } });
  });

  test('fails when a removed table or hook is not in the base', () => {
    const { stack } = testStack();
    const base = new PipelineDefinition(stack, 'Orders', FULL);
    base.derive(stack, 'Dev', { removeTables: ['public.payment', 'public.orders'], removeHooks: [10] });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`
      "[test/Dev] removeTables[0]: table "public.payment" is not in the base definition test/Orders: use one of its tables ("public.orders", "public.customers", "public.payments"); or drop the entry
      [test/Dev] removeHooks[0]: hook 10 is not in the base definition test/Orders: use one of its hooks (9); or drop the entry"
    `);
  });

  test('fails when the overrides break a rule, naming the derived construct', () => {
    const { app, stack } = testStack();
    const base = new PipelineDefinition(app, 'Orders', ORDERS);
    base.derive(stack, 'Dev', { sourceFrequency: 5, sourceConnectionId: 0, removeTables: ['public.orders', 'public.customers'] });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`
      "[test/Dev] source.connection.id: connection ids are positive whole numbers, got 0
      [test/Dev] sync.destination_frequency: source_frequency and destination_frequency go together: add destination_frequency, or use frequency alone
      [test/Dev] tables: list at least one table to replicate (got [])"
    `);
  });

  test('fails once per problem when base and derived definition are in the same stack', () => {
    const { stack } = testStack();
    const base = new PipelineDefinition(stack, 'Orders', { ...ORDERS, destinationConnectionId: -1 });
    base.derive(stack, 'Dev', { nameSuffix: '-dev', frequency: 0 });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`
      "[test/Orders] destination.connection.id: connection ids are positive whole numbers, got -1
      [test/Dev] sync.frequency: frequency is in minutes, from 1 to 10080, got 0"
    `);
  });

  test('fails in every stack whose derived definition inherits a problem of a base under the app, with its file and line', () => {
    const app = Testing.app();
    const base = PipelineDefinition.fromFile(app, 'Orders', `${__dirname}/fixtures/invalid.yaml`);
    const errors = ['dev', 'prod'].map((name) => {
      const stack = new TerraformStack(app, name);
      new IntegrateioProvider(stack, 'integrateio');
      base.derive(stack, 'Orders', { nameSuffix: `-${name}` });
      return synthErrors(stack);
    });
    expect(errors[0]).toMatchInlineSnapshot(`
      "[dev/Orders] test/constructs/fixtures/invalid.yaml:14:7: tables[0].columns: use columns.include or columns.exclude, not both (got {"include":["id"],"exclude":["ssn"]})
      [dev/Orders] test/constructs/fixtures/invalid.yaml:17:11: transformations[0].type: unknown transformation type "uppercase_everything": use one of exclude_fields, rename_fields, toggle_case, find_and_replace, replace_in_field_name, history_mode"
    `);
    expect(errors[1]).toContain('[prod/Orders] test/constructs/fixtures/invalid.yaml:14:7: tables[0].columns');
  });

  test('fails when deriving from a file that cannot be read', () => {
    const { app, stack } = testStack();
    const base = PipelineDefinition.fromFile(app, 'Orders', `${__dirname}/fixtures/broken.yaml`);
    base.derive(stack, 'Dev', { nameSuffix: '-dev' });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`"[test/Dev] test/constructs/fixtures/broken.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"`);
  });
});
