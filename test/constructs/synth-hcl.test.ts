/**
 * `cdktf synth --hcl` output is HCL that Terraform accepts: the `definition` attribute (dynamic in
 * the provider schema) is written as an object expression with its lists as lists, and the provider
 * checks it as strictly as any other configuration.
 */
import { Testing, TerraformStack } from 'cdktf';
import { IntegrateioProvider, Pipeline, PipelineDefinition, generated } from '../../lib/constructs';
import { TerraformWorkspace } from '../support/terraform';

jest.setTimeout(120_000);

const DOCUMENT = {
  definition_version: 1,
  name: 'orders-hcl',
  source: { connection: { id: 42 } },
  destination: { connection: { id: 17 } },
  sync: { source_frequency: 5, destination_frequency: 15, auto_sync_new_tables: true },
  tables: [{ name: 'public.orders', append_only: true }, { name: 'public.customers', columns: { exclude: ['ssn', 'email'] } }],
  transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: { total_cents: 'total', 'a.b': 'c' } } }],
  hooks: [{ id: 9, events: ['pipeline_failed', 'pipeline_stopped'] }],
};

function hclOf(build: (stack: TerraformStack) => void): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'hcl');
  new IntegrateioProvider(stack, 'integrateio');
  build(stack);
  return Testing.synthHcl(stack, true);
}

describe('cdktf synth --hcl', () => {
  test('writes a definition that terraform validates', async () => {
    const hcl = hclOf((stack) => new Pipeline(stack, 'Orders', { definition: PipelineDefinition.fromDocument(stack, 'OrdersDefinition', DOCUMENT) }));
    expect(hcl).toMatch(/definition = \{/);
    const tf = new TerraformWorkspace();
    tf.write(hcl);
    await tf.init();
    const result = await tf.run(['validate', '-no-color']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('fails terraform validate for an unknown key written through the generated L1 resource, naming its path', async () => {
    const hcl = hclOf((stack) => new generated.pipeline.Pipeline(stack, 'Raw', { definition: { ...DOCUMENT, tables: [{ name: 'public.orders', apend_only: true }] } }));
    const tf = new TerraformWorkspace();
    tf.write(hcl);
    await tf.init();
    const result = await tf.run(['validate', '-no-color']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.replace(/\s+/g, ' ')).toContain('definition.tables[0].apend_only: unknown key');
  });
});
