/**
 * The provider's behaviour when things are slow or misconfigured, with the real terraform binary:
 * a start that outlasts start_timeout, TF_LOG=debug request logs, and api_url mistakes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, minimalDefinitionHcl, REQUIRED_PROVIDERS, TerraformWorkspace } from '../support/terraform';

jest.setTimeout(240_000);


const HEADER = REQUIRED_PROVIDERS;

function pipeline(name: string, extra: string): string {
  return `
resource "integrateio_pipeline" "p" {
${minimalDefinitionHcl(name)}${extra}
}
`;
}

let emulator: RunningEmulator;
let client: IntegrateioClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 6000, stopDelayMs: 100 });
  client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
});

afterAll(async () => {
  await emulator?.close();
});

async function liveNamed(name: string): Promise<number[]> {
  const ids: number[] = [];
  for await (const p of client.listPipelines()) if (p.name === name) ids.push(p.id);
  return ids;
}

/** The raw state instance of the one managed resource (its `status` is "tainted" when tainted). */
function instance(tf: TerraformWorkspace): { status?: string; attributes: Record<string, unknown> } {
  const state = JSON.parse(readFileSync(join(tf.dir, 'terraform.tfstate'), 'utf8')) as { resources: { instances: { status?: string; attributes: Record<string, unknown> }[] }[] };
  return state.resources[0].instances[0];
}

describe('provider robustness', () => {
  test('keeps a created pipeline whose start outlasts start_timeout, untainted, and the next apply waits for it', async () => {
    const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
    tf.write(`${HEADER}provider "integrateio" {}\n${pipeline('slow-start', '  running = true\n  start_timeout = "1s"')}`);
    await tf.init();
    const first = await tf.run(['apply', '-auto-approve', '-no-color']);
    expect(first.code).toBe(0);
    expect(first.stdout + first.stderr).toContain('Pipeline Not Yet Running');
    expect(first.stdout + first.stderr).not.toContain('Unexpected Provider Error');
    const created = instance(tf);
    expect(created.status).toBeUndefined();
    const id = created.attributes.id;
    expect(await liveNamed('slow-start')).toEqual([Number(id)]);

    tf.write(`${HEADER}provider "integrateio" {}\n${pipeline('slow-start', '  running = true\n  start_timeout = "2m"')}`);
    const second = await tf.run(['apply', '-auto-approve', '-no-color']);
    expect(second.code).toBe(0);
    expect(instance(tf).attributes).toMatchObject({ id, observed_state: 'running', running: true });
    expect(await liveNamed('slow-start')).toEqual([Number(id)]);
  });

  test('logs each API request with method, path and status under TF_LOG=debug, never the key', async () => {
    const { id } = await client.createPipeline({ definition_version: 1, name: 'logged', source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency: 5, auto_sync_new_tables: false }, tables: [{ name: 'public.orders' }] });
    const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
    tf.write(`${HEADER}provider "integrateio" {}\ndata "integrateio_pipeline" "one" {\n  id = "${id}"\n}\n`);
    await tf.init();
    const plan = await tf.run(['plan', '-no-color'], { TF_LOG: 'debug' });
    expect(plan.code).toBe(0);
    expect(plan.stderr).toMatch(new RegExp(`API response GET /api/public/v1/pipelines/${id}: 200`));
    expect(plan.stderr).toMatch(/"?status"?[=:]\s*"?200/);
    expect(plan.stderr).not.toContain('fdk_');
  });

  describe('api_url mistakes', () => {
    let tf: TerraformWorkspace;
    beforeAll(async () => {
      tf = new TerraformWorkspace({ apiKey: ADMIN });
      tf.write(`${HEADER}provider "integrateio" {}\n`);
      await tf.init();
    });

    async function planWith(apiUrl: string, body = 'data "integrateio_pipeline" "one" {\n  id = "1"\n}\n'): Promise<string> {
      tf.write(`${HEADER}provider "integrateio" {\n  api_url = "${apiUrl}"\n}\n${body}`);
      const result = await tf.run(['plan', '-no-color']);
      expect(result.code).toBe(1);
      return (result.stdout + result.stderr).replace(/\s+/g, ' ');
    }

    test('fails naming api_url when the URL has no scheme', async () => {
      const out = await planWith(new URL(emulator.url).host);
      expect(out).toContain('api_url has no scheme');
      expect(out).not.toContain('baseUrl');
    });

    test('fails without echoing a password written in api_url', async () => {
      const out = await planWith(`http://ops:S3cretPassw0rd@${new URL(emulator.url).host}`);
      expect(out).toContain('must not contain a user name or password');
      expect(out).not.toContain('S3cretPassw0rd');
    });

    test('fails with "does not point at the Integrate.io public API" for a wrong path, not "Pipeline Not Found"', async () => {
      const out = await planWith(`${emulator.url}/v2`);
      expect(out).toContain('does not point at the Integrate.io public API');
      expect(out).not.toContain('Pipeline Not Found');
    });

    test('fails with one sentence naming the field when the API rejects the definition, without HTTP details', async () => {
      const body = pipeline('remote-reject', '').replace('id = 42', 'id = 4242');
      const out = await planWith(emulator.url, body);
      expect(out).toContain('rejected definition.source.connection.id');
      expect(out).not.toMatch(/\/api\/public\/v1|failed: 400/);
    });
  });
});
