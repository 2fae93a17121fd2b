import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { DataIntegrateioPipeline, DataIntegrateioPipelines, generated, IntegrateioProvider, Pipeline, PipelineDefinition } from '../../lib/constructs';
import { ORDERS, synthErrors, synthJson, testStack } from './helpers';

Testing.setupJest();

const PipelineResource = generated.pipeline.Pipeline;

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

  test('two pipelines can share one definition', () => {
    const { stack } = testStack();
    const definition = new PipelineDefinition(stack, 'OrdersDefinition', ORDERS);
    new Pipeline(stack, 'A', { definition });
    new Pipeline(stack, 'B', { definition, running: false });
    expect(Object.keys(synthJson(stack).resource.integrateio_pipeline)).toHaveLength(2);
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

  test('fails on timeouts that are not durations', () => {
    const { stack } = testStack();
    new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS), startTimeout: '5 minutes', stopTimeout: '300' });
    expect(synthErrors(stack)).toMatchInlineSnapshot(`
      "[test/Orders] startTimeout: expected a duration such as "90s", "10m" or "1h30m" (units ms, s, m, h), got "5 minutes"
      [test/Orders] stopTimeout: expected a duration such as "90s", "10m" or "1h30m" (units ms, s, m, h), got "300""
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
