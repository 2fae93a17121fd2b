import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp as buildAppExample } from '../../examples/app/main';
import { buildApp as buildBasic } from '../../examples/basic/main';
import { buildApp as buildFleet } from '../../examples/fleet/main';
import { buildApp as buildMultiEnv } from '../../examples/multi-env/main';
import type { TfJson } from './helpers';

/** The provider is written (its tests install the compiled one from dist/ into a mirror). */
const providerWritten = fs.existsSync(path.resolve(__dirname, '../../lib/provider/main.ts'));

/** A fresh cdktf.out directory under a temporary folder. */
function outdir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-examples-')), 'cdktf.out');
}

/** The synthesized Terraform JSON of one stack. */
function stackJson(out: string, stack: string): TfJson {
  return JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

/** The definitions of a stack's pipelines, by name. */
function definitionsByName(json: TfJson): Record<string, TfJson> {
  const out: Record<string, TfJson> = {};
  for (const resource of Object.values<TfJson>(json.resource?.integrateio_pipeline ?? {})) out[resource.definition.name] = resource.definition;
  return out;
}

describe('examples', () => {
  test('basic synthesizes the reference example as one pipeline', () => {
    const out = outdir();
    buildBasic(out).synth();
    const json = stackJson(out, 'basic');
    expect(json.provider).toEqual({ integrateio: [{}] });
    expect(json.terraform.required_providers.integrateio.source).toBe('registry.terraform.io/integrateio/integrateio');
    const pipelines = Object.values<TfJson>(json.resource.integrateio_pipeline);
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0].definition).toEqual({
      definition_version: 1,
      name: 'orders-to-snowflake',
      source: { connection: { id: 42 } },
      destination: { connection: { id: 17 } },
      sync: { frequency: 5, auto_sync_new_tables: false },
      tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
    });
    expect(Object.keys(json.output).sort()).toEqual(['pipeline_id', 'pipeline_status']);
  });

  test('multi-env promotes one definition to dev, staging and prod', () => {
    const out = outdir();
    buildMultiEnv(out).synth();
    const [dev, staging, prod] = ['dev', 'staging', 'prod'].map((stack) => {
      const json = stackJson(out, stack);
      const resources = Object.values<TfJson>(json.resource.integrateio_pipeline);
      expect(resources).toHaveLength(1);
      return resources[0];
    });
    const summary = (r: TfJson) => [r.definition.name, r.definition.source.connection.id, r.definition.destination.connection.id, r.definition.sync.frequency, r.running];
    expect([dev, staging, prod].map(summary)).toEqual([
      ['orders-dev', 43, 18, 60, undefined],
      ['orders-staging', 42, 18, 15, undefined],
      ['orders-prod', 42, 17, 5, true],
    ]);
    expect(dev.definition.tables.map((t: { name: string }) => t.name)).toEqual(['public.orders', 'public.customers']);
    expect(dev.definition.transformations.map((t: { table: string }) => t.table)).toEqual(['public.orders']);
    expect(staging.definition.tables).toEqual(prod.definition.tables);
    expect(staging.definition.hooks).toBeUndefined();
    expect(prod.definition.hooks).toEqual([{ id: 9, events: ['pipeline_failed', 'pipeline_stopped'] }]);
  });

  test('fleet makes one pipeline per definition file', () => {
    const out = outdir();
    buildFleet(out).synth();
    const json = stackJson(out, 'fleet');
    const definitions = definitionsByName(json);
    expect(Object.keys(definitions).sort()).toEqual(['fleet-inventory-cdc', 'fleet-orders-to-snowflake', 'fleet-payments-history']);
    expect(definitions['fleet-inventory-cdc'].sync).toEqual({ source_frequency: 5, destination_frequency: 15, auto_sync_new_tables: true });
    expect(definitions['fleet-payments-history'].transformations).toEqual([
      { type: 'exclude_fields', table: 'public.payments', config: { fields: ['card_number'] } },
      { type: 'history_mode', table: 'public.payments' },
    ]);
    expect(Object.keys(json.output.pipeline_ids.value).sort()).toEqual(['inventory-cdc', 'orders', 'payments-history']);
  });

  test('fails to synthesize a fleet with a broken file, naming the file, line and field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-fleet-'));
    fs.copyFileSync(path.join(__dirname, '../../examples/fleet/pipelines/orders.yaml'), path.join(dir, 'orders.yaml'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), fs.readFileSync(path.join(__dirname, 'fixtures/invalid.yaml'), 'utf8').replace('orders-to-snowflake', 'bad'));
    const app = buildFleet(outdir(), { definitionsDir: dir });
    let message = '';
    try {
      app.synth();
    } catch (err) {
      message = (err as Error).message.split(dir).join('<dir>');
    }
    expect(message).toContain('[fleet/bad-definition] <dir>/bad.yaml:14:7: tables[0].columns: use columns.include or columns.exclude, not both');
    expect(message).toContain('[fleet/bad-definition] <dir>/bad.yaml:17:11: transformations[0].type: unknown transformation type "uppercase_everything"');
  });

  test('the cdktf.json app synthesizes every example stack', () => {
    const out = outdir();
    buildAppExample(out).synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['basic', 'dev', 'fleet', 'prod', 'staging']);
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cdktf.json'), 'utf8'));
    expect(cdktfJson.app).toBe('node dist/examples/app/main.js');
  });

  (providerWritten ? test : test.skip)('every synthesized stack is a configuration terraform init and validate accept', async () => {
    // Loaded here: it needs the provider's installation helper and dist/lib/provider/main.js.
    const { TerraformWorkspace } = require('../support/terraform') as typeof import('../support/terraform');
    const out = outdir();
    buildAppExample(out).synth();
    const stacks = ['basic', 'dev', 'staging', 'prod', 'fleet'];
    const results = await Promise.all(
      stacks.map(async (stack) => {
        const workspace = new TerraformWorkspace({ dir: path.join(out, 'stacks', stack) });
        await workspace.init();
        const result = await workspace.run(['validate', '-json', '-no-color']);
        return { stack, code: result.code, diagnostics: JSON.parse(result.stdout).diagnostics };
      }),
    );
    expect(results).toEqual(stacks.map((stack) => ({ stack, code: 0, diagnostics: [] })));
  }, 120000);
});
