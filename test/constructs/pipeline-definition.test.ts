import * as path from 'node:path';
import { Testing, TerraformVariable, Token } from 'cdktf';
import { generated, Pipeline, PipelineDefinition } from '../../lib/constructs';
import { definitionOf, ORDERS, synthErrors, synthJson, testStack } from './helpers';

Testing.setupJest();

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

describe('PipelineDefinition written in code', () => {
  test('builds the document of the reference example from camelCase props', () => {
    const { stack } = testStack();
    const definition = new PipelineDefinition(stack, 'Orders', { ...ORDERS, autoSyncNewTables: false });
    expect(definition.document).toEqual({
      definition_version: 1,
      name: 'orders-to-snowflake',
      source: { connection: { id: 42 } },
      destination: { connection: { id: 17 } },
      sync: { frequency: 5, auto_sync_new_tables: false },
      tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
    });
    expect(definition.listProblems()).toEqual([]);
  });

  test('maps every optional field to the document', () => {
    const { stack } = testStack();
    const definition = new PipelineDefinition(stack, 'Orders', {
      name: 'orders',
      sourceConnectionId: 42,
      destinationConnectionId: 17,
      sourceFrequency: 5,
      destinationFrequency: 15,
      autoSyncNewTables: true,
      definitionVersion: 1,
      tables: [{ name: 'public.orders', appendOnly: true, includeColumns: ['id', 'total_cents'] }],
      transformations: [{ type: 'find_and_replace', table: 'public.orders', config: { field: 'note', find: 'x', replace: 'y', regex: false } }],
      hooks: [{ id: 9, events: ['pipeline_failed', 'pipeline_stopped'] }],
    });
    expect(definition.document).toEqual({
      definition_version: 1,
      name: 'orders',
      source: { connection: { id: 42 } },
      destination: { connection: { id: 17 } },
      sync: { source_frequency: 5, destination_frequency: 15, auto_sync_new_tables: true },
      tables: [{ name: 'public.orders', append_only: true, columns: { include: ['id', 'total_cents'] } }],
      transformations: [{ type: 'find_and_replace', table: 'public.orders', config: { field: 'note', find: 'x', replace: 'y', regex: false } }],
      hooks: [{ id: 9, events: ['pipeline_failed', 'pipeline_stopped'] }],
    });
  });

  test('add methods append to the document, also after a pipeline uses it', () => {
    const { stack } = testStack();
    const definition = new PipelineDefinition(stack, 'Orders', ORDERS);
    new Pipeline(stack, 'Pipeline', { definition });
    definition.addTable({ name: 'public.refunds', appendOnly: true });
    definition.addTransformation({ type: 'history_mode', table: 'public.refunds' });
    definition.addHook({ id: 9, events: ['pipeline_failed'] });
    const synthesized = definitionOf(synthJson(stack));
    expect(synthesized.tables).toEqual([{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }, { name: 'public.refunds', append_only: true }]);
    expect(synthesized.transformations).toEqual([{ type: 'history_mode', table: 'public.refunds' }]);
    expect(synthesized.hooks).toEqual([{ id: 9, events: ['pipeline_failed'] }]);
  });

  test('the document getter returns a copy', () => {
    const { stack } = testStack();
    const definition = new PipelineDefinition(stack, 'Orders', ORDERS);
    definition.document.tables.push({ name: 'public.sneaky' });
    expect(definition.document.tables).toHaveLength(2);
  });

  test('isPipelineDefinition tells definitions from other constructs', () => {
    const { stack } = testStack();
    expect(PipelineDefinition.isPipelineDefinition(new PipelineDefinition(stack, 'Orders', ORDERS))).toBe(true);
    expect(PipelineDefinition.isPipelineDefinition(stack)).toBe(false);
    expect(PipelineDefinition.isPipelineDefinition(undefined)).toBe(false);
  });

  test('fails with every problem at once, naming the construct path, the field, the value and the fix', () => {
    const { stack } = testStack();
    new PipelineDefinition(stack, 'Orders', {
      name: '',
      sourceConnectionId: 42,
      destinationConnectionId: -3,
      frequency: 0,
      tables: [
        { name: 'public.orders', includeColumns: ['id'], excludeColumns: ['ssn'] },
        { name: 'public.orders' },
      ],
      transformations: [{ type: 'rename_fields', table: 'public.refunds', config: {} }],
      hooks: [{ id: 9, events: ['pipeline_exploded' as never] }],
    });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`
      "[test/Orders] name: name is empty: give the pipeline a name (got "")
      [test/Orders] destination.connection.id: connection ids are positive whole numbers, got -3
      [test/Orders] sync.frequency: frequency is in minutes, from 1 to 10080, got 0
      [test/Orders] tables[0].columns: use columns.include or columns.exclude, not both (got {"include":["id"],"exclude":["ssn"]})
      [test/Orders] tables[1].name: table "public.orders" is listed twice: merge the entries
      [test/Orders] transformations[0].config.mapping: required field is missing: add it (an object) (for a rename_fields transformation)
      [test/Orders] transformations[0].table: table "public.refunds" is not listed in tables: add it there or fix the name
      [test/Orders] hooks[0].events[0]: unknown event "pipeline_exploded": use one of pipeline_started, pipeline_stopped, pipeline_failed, sync_succeeded, sync_failed, schema_changed"
    `);
  });

  test('fails when the schedule is half a pair', () => {
    const { stack } = testStack();
    new PipelineDefinition(stack, 'Orders', { ...ORDERS, frequency: undefined, sourceFrequency: 5 });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`"[test/Orders] sync.destination_frequency: source_frequency and destination_frequency go together: add destination_frequency, or use frequency alone"`);
  });

  test('fails with problems of two definitions in one error', () => {
    const { stack } = testStack();
    new PipelineDefinition(stack, 'Orders', { ...ORDERS, tables: [] });
    new PipelineDefinition(stack, 'Customers', { ...ORDERS, name: 'customers', definitionVersion: 2 });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`
      "[test/Orders] tables: list at least one table to replicate (got [])
      [test/Customers] definition_version: only definition_version 1 is supported, got 2"
    `);
  });

  test('skips values that are unresolved tokens', () => {
    const { stack } = testStack();
    const sourceId = new TerraformVariable(stack, 'source_connection_id', { type: 'number' });
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    const table = new TerraformVariable(stack, 'table', { type: 'string' });
    const excluded = new TerraformVariable(stack, 'excluded', { type: 'list(string)' });
    const definition = new PipelineDefinition(stack, 'Orders', {
      name: `${name.stringValue}-orders`,
      sourceConnectionId: sourceId.numberValue,
      destinationConnectionId: 17,
      frequency: Token.asNumber(new TerraformVariable(stack, 'frequency', { type: 'number' }).value),
      tables: [{ name: table.stringValue, excludeColumns: excluded.listValue }],
      transformations: [{ type: 'exclude_fields', table: table.stringValue, config: { fields: ['card_number'] } }],
    });
    new Pipeline(stack, 'Pipeline', { definition });
    const json = synthJson(stack);
    expect(definitionOf(json)).toMatchObject({
      name: '${var.name}-orders',
      source: { connection: { id: '${var.source_connection_id}' } },
      sync: { frequency: '${var.frequency}' },
      tables: [{ name: '${var.table}', columns: { exclude: '${var.excluded}' } }],
    });
  });

  test('fails on the known values next to tokens', () => {
    const { stack } = testStack();
    const sourceId = new TerraformVariable(stack, 'source_connection_id', { type: 'number' });
    new PipelineDefinition(stack, 'Orders', { ...ORDERS, sourceConnectionId: sourceId.numberValue, destinationConnectionId: 0 });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`"[test/Orders] destination.connection.id: connection ids are positive whole numbers, got 0"`);
  });
});

describe('PipelineDefinition.fromFile', () => {
  test('reads a YAML file', () => {
    const { stack } = testStack();
    const definition = PipelineDefinition.fromFile(stack, 'Orders', fixture('orders.yaml'));
    expect(definition.sourceFile).toBe('test/constructs/fixtures/orders.yaml');
    expect(definition.document).toEqual({
      definition_version: 1,
      name: 'orders-to-snowflake',
      source: { connection: { id: 42 } },
      destination: { connection: { id: 17 } },
      sync: { frequency: 5, auto_sync_new_tables: false },
      tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
    });
    new Pipeline(stack, 'Pipeline', { definition });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(generated.pipeline.Pipeline, {
      definition: expect.objectContaining({ name: 'orders-to-snowflake', tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }] }),
    });
  });

  test('reads a JSON file', () => {
    const { stack } = testStack();
    const definition = PipelineDefinition.fromFile(stack, 'Orders', fixture('orders.json'));
    new Pipeline(stack, 'Pipeline', { definition });
    expect(definitionOf(synthJson(stack))).toEqual({
      definition_version: 1,
      name: 'orders-to-snowflake',
      source: { connection: { id: 42 } },
      destination: { connection: { id: 17 } },
      sync: { source_frequency: 5, destination_frequency: 15 },
      tables: [{ name: 'public.orders', append_only: true }],
      transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: { order_id: 'id' } } }],
      hooks: [{ id: 9, events: ['pipeline_failed'] }],
    });
  });

  test('reads a JSON file with format json, whatever its name', () => {
    const { stack } = testStack();
    const definition = PipelineDefinition.fromFile(stack, 'Orders', fixture('orders.json'), { format: 'json' });
    expect(definition.listProblems()).toEqual([]);
  });

  test('fails with the file, line and column of each problem', () => {
    const { stack } = testStack();
    PipelineDefinition.fromFile(stack, 'Orders', fixture('invalid.yaml'));
    expect(synthErrors(stack)).toMatchInlineSnapshot(`
      "[test/Orders] test/constructs/fixtures/invalid.yaml:14:7: tables[0].columns: use columns.include or columns.exclude, not both (got {"include":["id"],"exclude":["ssn"]})
      [test/Orders] test/constructs/fixtures/invalid.yaml:17:11: transformations[0].type: unknown transformation type "uppercase_everything": use one of exclude_fields, rename_fields, toggle_case, find_and_replace, replace_in_field_name, history_mode"
    `);
  });

  test('fails on an unknown key with its line', () => {
    const { stack } = testStack();
    PipelineDefinition.fromFile(stack, 'Orders', fixture('unknown-key.yaml'));
    expect(synthErrors(stack)).toMatchInlineSnapshot(`"[test/Orders] test/constructs/fixtures/unknown-key.yaml:13:5: tables[0].colums: unknown key "colums": remove it or check its spelling (got {"exclude":["ssn"]})"`);
  });

  test('fails on a YAML syntax error', () => {
    const { stack } = testStack();
    PipelineDefinition.fromFile(stack, 'Orders', fixture('broken.yaml'));
    expect(synthErrors(stack)).toMatchInlineSnapshot(`"[test/Orders] test/constructs/fixtures/broken.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"`);
  });

  test('fails at synth, not at construction, when the file does not exist', () => {
    const { stack } = testStack();
    const definition = PipelineDefinition.fromFile(stack, 'Orders', fixture('missing.yaml'));
    expect(definition.listProblems()).toHaveLength(1);
    const message = synthErrors(stack);
    expect(message).toMatch(/^\[test\/Orders\] test\/constructs\/fixtures\/missing\.yaml: the file does not exist: check the path/);
    // The hint does not recommend __dirname, which points into dist/ once the app is compiled.
    expect(message).not.toMatch(/prefer path\.join\(__dirname/);
    expect(message).toContain('relative to the project root');
  });

  test('fails with a hint naming the working directory when a relative path does not exist', () => {
    const { stack } = testStack();
    PipelineDefinition.fromFile(stack, 'Orders', 'pipelines/missing.yaml');
    const message = synthErrors(stack);
    expect(message).toContain('[test/Orders] pipelines/missing.yaml: the file does not exist');
    expect(message).toContain(`read from the working directory (${process.cwd()})`);
    expect(message).toContain('the project root (the folder of cdktf.json)');
  });

  test('fails when a table added in code duplicates one of the file, without blaming the file', () => {
    const { stack } = testStack();
    const definition = PipelineDefinition.fromFile(stack, 'Orders', fixture('orders.yaml'));
    definition.addTable({ name: 'public.orders' });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`"[test/Orders] tables[2].name: table "public.orders" is listed twice: merge the entries"`);
  });
});

describe('PipelineDefinition.fromDocument', () => {
  test('takes a document in its snake_case form', () => {
    const { stack } = testStack();
    const document = {
      definition_version: 1,
      name: 'orders',
      source: { connection: { id: 42 } },
      destination: { connection: { id: 17 } },
      sync: { frequency: 5 },
      tables: [{ name: 'public.orders' }],
    };
    const definition = PipelineDefinition.fromDocument(stack, 'Orders', document);
    document.tables.push({ name: 'public.later' });
    expect(definition.document.tables).toEqual([{ name: 'public.orders' }]);
    expect(definition.listProblems()).toEqual([]);
  });
});
