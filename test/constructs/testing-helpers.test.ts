import { Testing } from 'cdktf';
import { assertPipeline, Duration, findPipeline, hasPipeline, l1, Pipeline, PipelineDefinition, pipelineMatchers, synthesizedPipelines, type PipelineExpectation, type PipelineSelector } from '../../lib/constructs';
import { ORDERS, testStack } from './helpers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHavePipeline(pipeline: PipelineSelector, expected?: PipelineExpectation): R;
    }
  }
}

expect.extend(pipelineMatchers);

/** A stack with the reference's pipeline, running, and one made with the L1 directly. */
function ordersStack() {
  const { stack } = testStack();
  new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS), running: true, startTimeout: Duration.minutes(15) });
  new l1.Pipeline(stack, 'Raw', { definition: { definitionVersion: 1, name: 'raw', source: { connection: { id: 1 } }, destination: { connection: { id: 2 } }, sync: { frequency: 60 }, tables: [{ name: 'public.raw' }] } });
  return stack;
}

describe('pipeline testing helpers', () => {
  test('assertPipeline finds a pipeline by name and checks that its definition contains the given fields', () => {
    const stack = ordersStack();
    const pipeline = assertPipeline(stack, 'orders-to-snowflake', { running: true, startTimeout: Duration.minutes(15), definition: { sync: { frequency: 5 }, tables: [{ name: 'public.customers', columns: { exclude: ['ssn'] } }] } });
    expect(pipeline.address).toMatch(/^integrateio_pipeline\./);
    expect(pipeline.definition.name).toBe('orders-to-snowflake');
  });

  test('the helpers read a stack or the JSON of Testing.synth, and see pipelines made with the L1 too', () => {
    const stack = ordersStack();
    const json = Testing.synth(stack, true);
    expect(synthesizedPipelines(json).map((p) => p.name).sort()).toEqual(['orders-to-snowflake', 'raw']);
    expect(findPipeline(stack, 'raw')?.definition.sync).toEqual({ frequency: 60 });
    expect(findPipeline(json, 'missing')).toBeUndefined();
    expect(hasPipeline(json, 'orders-to-snowflake', { definition: { destination: { connection: { id: 17 } } } })).toBe(true);
    expect(hasPipeline(json, 'orders-to-snowflake', { definition: { destination: { connection: { id: 18 } } } })).toBe(false);
  });

  test('the jest matcher takes the same expectations, and jest asymmetric matchers inside them', () => {
    const stack = ordersStack();
    expect(stack).toHavePipeline('orders-to-snowflake', { definition: { sync: { frequency: expect.any(Number) }, tables: [{ name: 'public.orders' }] } });
    expect(stack).not.toHavePipeline('orders-to-snowflake', { running: false });
    expect(stack).not.toHavePipeline('nope');
  });

  test('the helpers take the Pipeline construct itself instead of a name', () => {
    const { stack } = testStack();
    const orders = new Pipeline(stack, 'Orders', { definition: new PipelineDefinition(stack, 'OrdersDefinition', ORDERS), running: true });
    const other = new Pipeline(stack, 'Other', { definition: new PipelineDefinition(stack, 'OtherDefinition', { ...ORDERS, name: 'other' }) });
    expect(assertPipeline(stack, orders, { running: true }).name).toBe('orders-to-snowflake');
    expect(findPipeline(stack, other)?.name).toBe('other');
    expect(stack).toHavePipeline(orders, { definition: { name: 'orders-to-snowflake' } });
    expect(stack).not.toHavePipeline(other, { running: true });
    const elsewhere = testStack().stack;
    const stray = new Pipeline(elsewhere, 'Stray', { definition: new PipelineDefinition(elsewhere, 'StrayDefinition', ORDERS) });
    expect(() => assertPipeline(stack, stray)).toThrow('the stack has no pipeline of the construct test/Stray; its pipelines: "orders-to-snowflake", "other"');
  });

  test('fails naming the first difference', () => {
    const stack = ordersStack();
    expect(() => assertPipeline(stack, 'orders-to-snowflake', { definition: { sync: { frequency: 60 } } })).toThrow(
      'pipeline "orders-to-snowflake" (integrateio_pipeline.Orders_A9B65338) does not match: definition.sync.frequency: expected 60, got 5',
    );
    expect(() => assertPipeline(stack, 'orders-to-snowflake', { definition: { tables: [{ name: 'public.payments' }] } })).toThrow(/definition\.tables: expected an entry containing \{"name":"public\.payments"\}/);
  });

  test('fails naming the pipelines there are when none has the name', () => {
    expect(() => assertPipeline(ordersStack(), 'orders')).toThrow('the stack has no pipeline named "orders"; its pipelines: "orders-to-snowflake", "raw"');
  });
});
