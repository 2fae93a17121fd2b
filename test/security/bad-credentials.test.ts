/**
 * Bad credentials and bad inputs, through the provider (terraform plan) and the CLI: a missing,
 * malformed, unknown, revoked or expired key, an unreachable API, a definition file that does not
 * exist or does not parse. Each gives one clear error naming the problem, a non-zero exit code,
 * and no stack trace.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { DEFAULT_SEED, startEmulator, type EmulatorSeed, type RunningEmulator } from '../../lib/emulator';
import { TerraformWorkspace, type TerraformResult } from '../support/terraform';
import { ADMIN, freePort } from '../reliability/support';
import { runCli, STACK_TRACE, type CliResult } from './support';

jest.setTimeout(180_000);

const EXPIRED = 'fdk_acme_expired_key_0000000000000001';
const UNKNOWN = 'fdk_unknownkey000000000000000000';

/** The default seed plus an acme key that expired in 2020. */
const SEED: EmulatorSeed = {
  accounts: DEFAULT_SEED.accounts.map((account) =>
    account.name === 'acme' ? { ...account, keys: [...account.keys, { name: 'expired', value: EXPIRED, admin: false, expires_at: '2020-01-01T00:00:00Z' }] } : account,
  ),
};

const ORDERS_YAML = `definition_version: 1
name: orders-to-snowflake
source:
  connection:
    id: 42
destination:
  connection:
    id: 17
sync:
  frequency: 5
tables:
  - name: public.orders
`;

const MAIN_TF = `terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}
provider "integrateio" {}
resource "integrateio_pipeline" "orders" {
  definition = yamldecode(file("\${path.module}/orders.yaml"))
}
`;

let emulator: RunningEmulator;
let revoked: string;
let closedUrl: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', seed: SEED });
  const admin = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
  const minted = await admin.createApiKey({ name: 'to-revoke', admin: false });
  revoked = minted.value;
  await admin.revokeApiKey(minted.id);
  closedUrl = `http://127.0.0.1:${await freePort()}`;
});

afterAll(async () => {
  await emulator?.close();
});

interface Case {
  readonly name: string;
  /** The key, or undefined for none; a function when it is known only once the emulator runs. */
  readonly key: () => string | undefined;
  readonly url?: () => string;
  /** The definition file's content; undefined: no file at all. */
  readonly yaml?: string | null;
  /** The terraform error summary, and words its detail must hold. */
  readonly summary: string;
  readonly detail: RegExp;
  /** The CLI command, and the error it must print: one line (a definition problem: a heading and the problem with its file, line and column). */
  readonly cli: (dir: string) => string[];
  readonly cliError: RegExp;
}

const list = (): string[] => ['pipelines', 'list'];
const apply = (dir: string): string[] => ['pipelines', 'apply', '-f', join(dir, 'orders.yaml')];

const CASES: readonly Case[] = [
  { name: 'a missing key', key: () => undefined, summary: 'Missing API Key', detail: /INTEGRATEIO_API_KEY/, cli: list, cliError: /^error: no API key: set INTEGRATEIO_API_KEY/ },
  { name: 'a malformed key', key: () => 'not-a-key', summary: 'Malformed API Key', detail: /start with fdk_/, cli: list, cliError: /^error: INTEGRATEIO_API_KEY does not look like an Integrate\.io API key/ },
  { name: 'an unknown key', key: () => UNKNOWN, summary: 'Invalid API Key', detail: /401 unauthorized: invalid API key: it does not exist/, cli: list, cliError: /^error: GET \/api\/public\/v1\/pipelines\?\S+ failed: 401 unauthorized: invalid API key: it does not exist.*check INTEGRATEIO_API_KEY/ },
  { name: 'a revoked key', key: () => revoked, summary: 'Invalid API Key', detail: /401 unauthorized: this API key was revoked/, cli: list, cliError: /^error: GET \S+ failed: 401 unauthorized: this API key was revoked.*check INTEGRATEIO_API_KEY/ },
  { name: 'an expired key', key: () => EXPIRED, summary: 'Invalid API Key', detail: /401 unauthorized: this API key has expired/, cli: list, cliError: /^error: GET \S+ failed: 401 unauthorized: this API key has expired.*check INTEGRATEIO_API_KEY/ },
  { name: 'an unreachable API', key: () => ADMIN, url: () => closedUrl, summary: 'Cannot Reach the Integrate.io API', detail: /ECONNREFUSED/, cli: list, cliError: /^error: GET \S+ failed: network_error: could not connect \(ECONNREFUSED\).*check INTEGRATEIO_API_URL/ },
  { name: 'a definition file that does not exist', key: () => ADMIN, yaml: null, summary: 'Invalid function argument', detail: /no file exists at .*orders\.yaml/, cli: apply, cliError: /^error: cannot read \S*orders\.yaml: no such file$/ },
  {
    name: 'a definition file that does not parse',
    key: () => ADMIN,
    yaml: 'definition_version: 1\nname: [unclosed\nsource: {}\n',
    summary: 'Error in function call',
    detail: /yamldecode/,
    cli: apply,
    cliError: /^error: the pipeline definition has a problem:\n {2}\S*orders\.yaml:3:1: invalid YAML: Flow sequence/,
  },
];

/** The `Error: …` summaries of a terraform run. */
function summaries(result: TerraformResult): string[] {
  return [...result.stderr.matchAll(/^Error: (.+)$/gm)].map((m) => m[1].trim());
}

function expectNoStackTrace(result: { stdout: string; stderr: string }): void {
  expect(result.stdout).not.toMatch(STACK_TRACE);
  expect(result.stderr).not.toMatch(STACK_TRACE);
}

describe.each(CASES)('with $name', (c) => {
  let tf: TerraformWorkspace;

  beforeAll(async () => {
    tf = new TerraformWorkspace({ apiUrl: c.url?.() ?? emulator.url, apiKey: c.key() });
    tf.write(MAIN_TF);
    if (c.yaml !== null) writeFileSync(join(tf.dir, 'orders.yaml'), c.yaml ?? ORDERS_YAML);
    await tf.init();
  });

  test(`fails terraform plan with one "${c.summary}" error`, async () => {
    const plan = await tf.run(['plan', '-no-color']);
    expect(plan.code).not.toBe(0);
    expect(summaries(plan)).toEqual([c.summary]);
    expect(plan.stderr.replace(/\s+/g, ' ')).toMatch(c.detail);
    expectNoStackTrace(plan);
  });

  test('fails the CLI with one error line', async () => {
    const env: NodeJS.ProcessEnv = { INTEGRATEIO_API_URL: c.url?.() ?? emulator.url };
    const key = c.key();
    if (key !== undefined) env.INTEGRATEIO_API_KEY = key;
    const result: CliResult = await runCli(c.cli(tf.dir), env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd()).toMatch(c.cliError);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(c.yaml === undefined || c.yaml === null ? 1 : 2);
    expectNoStackTrace(result);
  });
});
