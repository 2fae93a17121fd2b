import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { IntegrateioProvider, Pipeline, PipelineDefinition, type IPipeline } from '../../lib/constructs';
import { ORDERS, synthErrors, synthJson, testStack } from './helpers';

/** The outputs any pipeline can feed, through the IPipeline interface. */
function outputs(stack: TerraformStack, pipeline: IPipeline): void {
  new TerraformOutput(stack, 'id', { value: pipeline.pipelineId });
  new TerraformOutput(stack, 'name', { value: pipeline.pipelineName });
  new TerraformOutput(stack, 'state', { value: pipeline.pipelineObservedState });
}

describe('Pipeline.fromPipelineId', () => {
  test('refers to an existing pipeline by id; its other attributes come from one data source', () => {
    const { stack } = testStack();
    const legacy = Pipeline.fromPipelineId(stack, 'Legacy', '123');
    outputs(stack, legacy);
    new TerraformOutput(stack, 'status', { value: legacy.pipelineStatus });
    const json = synthJson(stack);
    expect(json.resource).toBeUndefined();
    const lookups = Object.entries<Record<string, unknown>>(json.data.integrateio_pipeline);
    expect(lookups).toHaveLength(1);
    const [name, lookup] = lookups[0];
    expect(lookup.id).toBe('123');
    expect(json.output).toEqual({
      id: { value: '123' },
      name: { value: `\${data.integrateio_pipeline.${name}.name}` },
      state: { value: `\${data.integrateio_pipeline.${name}.observed_state}` },
      status: { value: `\${data.integrateio_pipeline.${name}.status}` },
    });
  });

  test('reads nothing when only the id is used', () => {
    const { stack } = testStack();
    new TerraformOutput(stack, 'id', { value: Pipeline.fromPipelineId(stack, 'Legacy', '123').pipelineId });
    expect(synthJson(stack).data).toBeUndefined();
  });

  test('uses the given provider configuration for its lookup', () => {
    const { stack } = testStack();
    const second = new IntegrateioProvider(stack, 'second', { alias: 'second' });
    new TerraformOutput(stack, 'name', { value: Pipeline.fromPipelineId(stack, 'Legacy', '123', { provider: second }).pipelineName });
    expect(Object.values<Record<string, unknown>>(synthJson(stack).data.integrateio_pipeline)[0].provider).toBe('integrateio.second');
  });

  test('a created pipeline and a referenced one are used the same way, also from another stack', () => {
    const app = Testing.app();
    const producer = new TerraformStack(app, 'producer');
    new IntegrateioProvider(producer, 'integrateio');
    const created = new Pipeline(producer, 'Orders', { definition: new PipelineDefinition(producer, 'OrdersDefinition', ORDERS) });
    const referenced = Pipeline.fromPipelineId(producer, 'Legacy', '123');
    const consumer = new TerraformStack(app, 'consumer');
    new IntegrateioProvider(consumer, 'integrateio');
    for (const [key, pipeline] of [['created', created], ['referenced', referenced]] as const) new TerraformOutput(consumer, key, { value: pipeline.pipelineObservedState });
    app.synth();
    const consumerJson = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'consumer', 'cdk.tf.json'), 'utf8'));
    for (const key of ['created', 'referenced']) expect(consumerJson.output[key].value).toMatch(/^\$\{data\.terraform_remote_state\.[^.]+\.outputs\./);
  });

  test('takes a token id', () => {
    const { stack } = testStack();
    const id = new TerraformVariable(stack, 'pipeline_id', { type: 'string' });
    new TerraformOutput(stack, 'name', { value: Pipeline.fromPipelineId(stack, 'Legacy', id.stringValue).pipelineName });
    expect(Object.values<Record<string, unknown>>(synthJson(stack).data.integrateio_pipeline)[0].id).toBe('${var.pipeline_id}');
  });

  test('fails at synth on an id that is not a pipeline id', () => {
    const { stack } = testStack();
    Pipeline.fromPipelineId(stack, 'Legacy', 'orders-prod');
    expect(synthErrors(stack)).toBe('[test/Legacy] pipelineId: expected the id of an existing pipeline, a positive whole number such as "123" (see integrateio pipelines list), got "orders-prod"');
  });
});
