import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lazy, Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { DataIntegrateioPipeline, DataIntegrateioPipelines, Duration, IntegrateioProvider, l1, Pipeline, PipelineDefinition, type PipelineDocument } from '../../lib/constructs';
import { definitionOf, ORDERS, synthErrors, synthJson, testStack, type TfJson } from './helpers';

Testing.setupJest();

const PipelineResource = l1.Pipeline;

/** The reference's minimal document. */
function definitionDocument(): PipelineDocument {
  return { definition_version: 1, name: 'orders', source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency: 5 }, tables: [{ name: 'public.orders' }] };
}

describe('Pipeline', () => {
  test('synthesizes an integrateio_pipeline with the definition and the run settings', () => {
    const { stack } = testStack();
    const definition = new PipelineDefinition(stack, 'OrdersDefinition', ORDERS);
    new Pipeline(stack, 'Orders', { definition, running: true, forceStop: true, startTimeout: '10m', stopTimeout: '1h30m' });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(PipelineResource, {
      definition: {
        definition_version: 1,
        name: 'orders-to-snowflake',
        source: { connection: { id: 42 } },
        destination: { connection: { id: 17 } },
        sync: { frequency: 5 },
        tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
      },
      running: true,
      force_stop: true,
      start_timeout: '10m',
      stop_timeout: '1h30m',
    });
  });

  test('leaves out the run settings that are not given', () => {
    const { stack } = testStack();
    new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS) });
    const resource = Object.values(synthJson(stack).resource.integrateio_pipeline)[0] as Record<string, unknown>;
    for (const key of ['running', 'force_stop', 'start_timeout', 'stop_timeout', 'provider']) expect(resource).not.toHaveProperty(key);
    expect(resource).toHaveProperty('definition');
  });

  test('exposes pipelineId, pipelineStatus and pipelineObservedState as references for outputs and other resources', () => {
    const { stack } = testStack();
    const pipeline = new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS) });
    new TerraformOutput(stack, 'id', { value: pipeline.pipelineId });
    new TerraformOutput(stack, 'status', { value: pipeline.pipelineStatus });
    new TerraformOutput(stack, 'observed_state', { value: pipeline.pipelineObservedState });
    const json = synthJson(stack);
    const name = Object.keys(json.resource.integrateio_pipeline)[0];
    expect(json.output).toEqual({
      id: { value: `\${integrateio_pipeline.${name}.id}` },
      status: { value: `\${integrateio_pipeline.${name}.status}` },
      observed_state: { value: `\${integrateio_pipeline.${name}.observed_state}` },
    });
  });

  test('the L1 resource is the default child, for escape hatches', () => {
    const { stack } = testStack();
    const pipeline = new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS) });
    expect(pipeline.node.defaultChild).toBe(pipeline.resource);
    pipeline.resource.addOverride('lifecycle.prevent_destroy', true);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PipelineResource, { lifecycle: { prevent_destroy: true } });
  });

  test('uses the given provider configuration', () => {
    const { stack } = testStack();
    const eu = new IntegrateioProvider(stack, 'eu', { alias: 'eu', apiUrl: 'https://eu.example.test', maxRetries: 2 });
    new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS), provider: eu });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(PipelineResource, { provider: 'integrateio.eu' });
    expect(synthesized).toHaveProviderWithProperties(IntegrateioProvider, { alias: 'eu', api_url: 'https://eu.example.test', max_retries: 2 });
    expect(JSON.parse(synthesized).terraform.required_providers.integrateio).toEqual({ source: 'registry.terraform.io/integrateio/integrateio', version: require('../../package.json').version });
  });

  test('two pipelines of one stack can share a definition through derive, each with its own name', () => {
    const { stack } = testStack();
    const definition = new PipelineDefinition(stack, 'OrdersDefinition', ORDERS);
    new Pipeline(stack, 'A', { definition: definition.derive(stack, 'ADefinition', { nameSuffix: '-a' }) });
    new Pipeline(stack, 'B', { definition: definition.derive(stack, 'BDefinition', { nameSuffix: '-b' }), running: false });
    expect(Object.values<TfJson>(synthJson(stack).resource.integrateio_pipeline).map((r) => r.definition.name).sort()).toEqual(['orders-to-snowflake-a', 'orders-to-snowflake-b']);
  });

  test('fails when two pipelines of one stack have the same name, naming both', () => {
    const { stack } = testStack();
    const definition = new PipelineDefinition(stack, 'OrdersDefinition', ORDERS);
    new Pipeline(stack, 'A', { definition });
    new Pipeline(stack, 'B', { definition: PipelineDefinition.fromDocument(stack, 'Copy', definition.document), running: false });
    expect(synthErrors(stack).split('\n')).toEqual([
      '[test/A] definition.name: "orders-to-snowflake" is also the name of test/B in this stack: both would manage the same pipeline of the account; give each pipeline its own name (e.g. derive the definition with a nameSuffix)',
      '[test/B] definition.name: "orders-to-snowflake" is also the name of test/A in this stack: both would manage the same pipeline of the account; give each pipeline its own name (e.g. derive the definition with a nameSuffix)',
    ]);
  });

  test('pipelines with the same name through different provider configurations (accounts) are allowed', () => {
    const { stack } = testStack();
    const second = new IntegrateioProvider(stack, 'second', { alias: 'second' });
    const definition = new PipelineDefinition(stack, 'OrdersDefinition', ORDERS);
    new Pipeline(stack, 'A', { definition });
    new Pipeline(stack, 'B', { definition, provider: second });
    expect(Object.keys(synthJson(stack).resource.integrateio_pipeline)).toHaveLength(2);
  });

  test('resource.addOverride changes one field of the definition', () => {
    const { stack } = testStack();
    const pipeline = new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS) });
    pipeline.resource.addOverride('definition.sync.frequency', 30);
    pipeline.resource.addOverride('definition.tables.0.append_only', true);
    const definition = definitionOf(synthJson(stack));
    expect(definition.sync).toEqual({ frequency: 30 });
    expect(definition.tables[0]).toEqual({ name: 'public.orders', append_only: true });
    expect(definition.name).toBe('orders-to-snowflake');
  });

  test('fails with the construct path and the fix when an override goes into a token', () => {
    const { stack } = testStack();
    const sync = Lazy.anyValue({ produce: () => ({ frequency: 5 }) });
    const definition = PipelineDefinition.fromDocument(stack, 'OrdersDefinition', { ...definitionDocument(), sync: sync as never });
    const pipeline = new Pipeline(stack, 'Orders', { definition });
    pipeline.resource.addOverride('definition.sync.frequency', 30);
    expect(() => Testing.synth(stack)).toThrow(/^test\/Orders\/Resource: an override \(addOverride\) changes a field inside definition\.sync, which is a token .*: override definition\.sync as a whole/);
  });

  test('cdktf matchers take the Pipeline construct class itself', () => {
    const { stack } = testStack();
    new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS), running: true });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveResourceWithProperties(Pipeline, { running: true, definition: expect.objectContaining({ name: 'orders-to-snowflake' }) });
    expect(synthesized).toHaveResource(Pipeline);
  });

  test('timeouts are Durations, rendered in the units the provider takes', () => {
    const { stack } = testStack();
    new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS), startTimeout: Duration.minutes(90), stopTimeout: Duration.seconds(45) });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Pipeline, { start_timeout: '1h30m', stop_timeout: '45s' });
  });

  test('pipelineName refers to the name in the definition, for outputs and other stacks', () => {
    const app = Testing.app();
    const producer = new TerraformStack(app, 'producer');
    new IntegrateioProvider(producer, 'integrateio');
    const pipeline = new Pipeline(producer, 'Orders', { definition: new PipelineDefinition(producer, 'OrdersDefinition', ORDERS) });
    new TerraformOutput(producer, 'name', { value: pipeline.pipelineName });
    const consumer = new TerraformStack(app, 'consumer');
    new TerraformOutput(consumer, 'upstream', { value: pipeline.pipelineName });
    app.synth();
    const stackJson = (name: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
    const address = Object.keys(stackJson('producer').resource.integrateio_pipeline)[0];
    expect(stackJson('producer').output.name).toEqual({ value: `\${integrateio_pipeline.${address}.definition.name}` });
    // Used in another stack, it becomes a cross-stack reference (through a remote state).
    expect(stackJson('consumer').output.upstream.value).toMatch(/^\$\{data\.terraform_remote_state\.[^.]+\.outputs\./);
  });

  test('skips timeouts that are tokens', () => {
    const { stack } = testStack();
    const timeout = new TerraformVariable(stack, 'timeout', { type: 'string' });
    new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS), startTimeout: timeout.stringValue });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(PipelineResource, { start_timeout: '${var.timeout}' });
  });

  test('passes lists of objects that are tokens through to Terraform', () => {
    const { stack } = testStack();
    const tables = new TerraformVariable(stack, 'tables', { type: 'list(object({ name = string }))' });
    const hooks = new TerraformVariable(stack, 'hooks', { type: 'list(any)' });
    const definition = PipelineDefinition.fromDocument(stack, 'OrdersDefinition', {
      definition_version: 1,
      name: 'orders',
      source: { connection: { id: 42 } },
      destination: { connection: { id: 17 } },
      sync: { frequency: 5 },
      tables: tables.listValue as never,
      hooks: hooks.listValue as never,
    });
    new Pipeline(stack, 'Orders', { definition });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(PipelineResource, { definition: expect.objectContaining({ tables: '${var.tables}', hooks: '${var.hooks}' }) });
  });

  test('fails on timeout strings that are not durations', () => {
    const { stack } = testStack();
    new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS), startTimeout: '5 minutes', stopTimeout: '300' });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`
      "[test/Orders] startTimeout: expected a duration such as Duration.minutes(10), or a string such as "90s", "10m" or "1h30m" (units ms, s, m, h), got "5 minutes"
      [test/Orders] stopTimeout: expected a duration such as Duration.minutes(10), or a string such as "90s", "10m" or "1h30m" (units ms, s, m, h), got "300""
    `);
  });

  test('fails when a definition shared under the app is invalid, naming the pipeline and the definition', () => {
    const app = Testing.app();
    const shared = new PipelineDefinition(app, 'Orders', { ...ORDERS, tables: [{ name: 'public.orders', includeColumns: [] }] });
    const stack = new TerraformStack(app, 'dev');
    new IntegrateioProvider(stack, 'integrateio');
    new Pipeline(stack, 'Orders', { definition: shared });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`"[dev/Orders] definition Orders: tables[0].columns.include: list at least one column, or leave the list out (got [])"`);
  });

  test('the data sources are re-exported for reading pipelines made elsewhere', () => {
    const { stack } = testStack();
    const existing = new DataIntegrateioPipeline(stack, 'existing', { id: '123' });
    const all = new DataIntegrateioPipelines(stack, 'all', { namePrefix: 'orders-' });
    new TerraformOutput(stack, 'existing_state', { value: existing.observedState });
    new TerraformOutput(stack, 'ids', { value: all.ids });
    const synthesized = Testing.synth(stack, true);
    expect(synthesized).toHaveDataSourceWithProperties(DataIntegrateioPipeline, { id: '123' });
    expect(synthesized).toHaveDataSourceWithProperties(DataIntegrateioPipelines, { name_prefix: 'orders-' });
  });

  test('fails when the stack has no IntegrateioProvider (a cdktf rule)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS) });
    expect(synthErrors(stack)).toContain("to your stack 'test' for the following providers: integrateio");
  });
});
