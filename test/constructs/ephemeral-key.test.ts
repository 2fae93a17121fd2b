/**
 * The recipe of lib/constructs/README.md "A second account with an ephemeral key": the key comes
 * from a Terraform variable marked ephemeral (Terraform 1.10+), so it is in no plan and no state.
 * Checked with cdktf synth and the real `terraform validate`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { IntegrateioProvider, Pipeline, PipelineDefinition } from '../../lib/constructs';
import { TerraformWorkspace } from '../support/terraform';
import { ORDERS } from './helpers';

/** The recipe, as a user writes it. */
function secondAccountStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'two-accounts');
  new IntegrateioProvider(stack, 'integrateio'); // the first account: INTEGRATEIO_API_URL / INTEGRATEIO_API_KEY
  const key = new TerraformVariable(stack, 'second_account_key', { type: 'string', sensitive: true, description: 'API key of the second account' });
  key.addOverride('ephemeral', true); // cdktf 0.21 has no `ephemeral` prop: set it on the synthesized block
  const second = new IntegrateioProvider(stack, 'second', { alias: 'second', apiKey: key.stringValue });
  const orders = new PipelineDefinition(stack, 'Orders', ORDERS);
  new Pipeline(stack, 'OrdersFirst', { definition: orders });
  new Pipeline(stack, 'OrdersSecond', { definition: orders, provider: second });
  return stack;
}

/** Synthesizes the app and returns the stack's directory. */
function synthesize(app: App): string {
  app.synth();
  return path.join(app.outdir, 'stacks', 'two-accounts');
}

function newApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-ephemeral-')) });
}

describe('a second account with an ephemeral key', () => {
  test('synthesizes an ephemeral, sensitive variable used only by the aliased provider', () => {
    const dir = synthesize((() => { const app = newApp(); secondAccountStack(app); return app; })());
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    expect(json.variable.second_account_key).toMatchObject({ type: 'string', sensitive: true, ephemeral: true });
    expect(json.provider.integrateio).toEqual([{}, { alias: 'second', api_key: '${var.second_account_key}' }]);
    expect(JSON.stringify(json.resource)).not.toContain('var.second_account_key');
  });

  test('terraform validate accepts the synthesized configuration', async () => {
    const app = newApp();
    secondAccountStack(app);
    const workspace = new TerraformWorkspace({ dir: synthesize(app) });
    await workspace.init();
    const result = await workspace.run(['validate', '-json', '-no-color']);
    expect({ code: result.code, diagnostics: JSON.parse(result.stdout).diagnostics }).toEqual({ code: 0, diagnostics: [] });
  }, 120000);

  test('fails terraform validate when an ephemeral variable reaches a resource (why the key goes in the provider only)', async () => {
    const app = newApp();
    const stack = secondAccountStack(app);
    const leak = new TerraformVariable(stack, 'leak', { type: 'string', sensitive: true });
    leak.addOverride('ephemeral', true);
    new Pipeline(stack, 'Leaky', { definition: new PipelineDefinition(stack, 'LeakyDefinition', { ...ORDERS, name: 'leaky' }), startTimeout: leak.stringValue });
    const workspace = new TerraformWorkspace({ dir: synthesize(app) });
    await workspace.init();
    const result = await workspace.run(['validate', '-json', '-no-color']);
    expect(result.code).not.toBe(0);
    expect(JSON.parse(result.stdout).diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);
  }, 120000);
});
