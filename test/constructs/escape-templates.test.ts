import { TerraformVariable } from 'cdktf';
import { Pipeline, PipelineDefinition } from '../../lib/constructs';
import { ORDERS, synthJson, testStack } from './helpers';

test('literal ${ and %{ in a definition reach Terraform JSON escaped, tokens are kept', () => {
  const { stack } = testStack();
  const table = new TerraformVariable(stack, 'table', { type: 'string' });
  const definition = new PipelineDefinition(stack, 'Def', {
    ...ORDERS,
    name: 'backfill ${x} %{ if y }',
    tables: [{ name: table.stringValue }, { name: 'public.orders' }],
    transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: { '${a}': 'b' } } }],
  });
  new Pipeline(stack, 'P', { definition });
  const json = synthJson(stack);
  const rendered = Object.values<{ definition: { name: string; tables: { name: string }[]; transformations: { config: { mapping: Record<string, string> } }[] } }>(json.resource.integrateio_pipeline)[0].definition;
  expect(rendered.name).toBe('backfill $${x} %%{ if y }');
  expect(rendered.tables[0].name).toBe('${var.table}');
  expect(Object.keys(rendered.transformations[0].config.mapping)).toEqual(['$${a}']);
});
