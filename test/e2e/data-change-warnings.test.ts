/**
 * Plans warn before data changes: real terraform, the provider and the emulator. Each warning is
 * found as a property of `terraform plan -json`'s diagnostics (severity, summary, resource address
 * and the attribute path it points at), never by terraform's own wording.
 */
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, TerraformWorkspace } from '../support/terraform';

jest.setTimeout(180_000);


const HEADER = `terraform {
  required_providers {
    integrateio = { source = "integrateio/integrateio" }
  }
}
provider "integrateio" {}
`;

interface Shape {
  readonly destination?: number;
  readonly frequency?: number;
  readonly autoSync?: boolean;
  readonly tables?: string;
  readonly transformations?: string;
}

const TWO_TABLES = `[
      { name = "public.orders" },
      { name = "public.customers", columns = { exclude = ["ssn"] } },
    ]`;

/** A pipeline resource in typed HCL, one attribute a line, so that each warning has a line of its own. */
function resource(address: string, shape: Shape = {}): string {
  return `
resource "integrateio_pipeline" "${address}" {
  definition = {
    definition_version = 1
    name               = "warn-${address}"
    source             = { connection = { id = 42 } }
    destination = {
      connection = {
        id = ${shape.destination ?? 17}
      }
    }
    sync = {
      frequency            = ${shape.frequency ?? 5}
      auto_sync_new_tables = ${shape.autoSync ?? true}
    }
    tables = ${shape.tables ?? TWO_TABLES}${shape.transformations ? `\n    transformations = ${shape.transformations}` : ''}
  }
}
`;
}

interface JsonDiagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  readonly address?: string;
  }

/** The diagnostics of a `terraform … -json` run. */
function diagnostics(stdout: string): JsonDiagnostic[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { type: string; diagnostic?: JsonDiagnostic })
    .filter((m) => m.type === 'diagnostic' && m.diagnostic)
    .map((m) => m.diagnostic!);
}

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 50, stopDelayMs: 50 });
});

afterAll(async () => {
  await emulator?.close();
});

test('a plan warns at each attribute whose change touches data, and not for a frequency change', async () => {
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(HEADER + resource('data') + resource('quiet'));
  await tf.init();
  await tf.ok(['apply', '-auto-approve', '-no-color']);

  const config =
    HEADER +
    resource('data', {
      destination: 18,
      autoSync: false,
      tables: `[
      { name = "public.customers", columns = { exclude = ["ssn", "email"] } },
    ]`,
      transformations: `[{ type = "history_mode", table = "public.customers" }]`,
    }) +
    resource('quiet', { frequency: 60 });
  tf.write(config);
  const plan = await tf.run(['plan', '-json', '-out=tfplan']);
  expect(plan.code).toBe(0);
  const warnings = diagnostics(plan.stdout).filter((d) => d.severity === 'warning');
  // Terraform cannot point into one expression, so it names the attribute path in the detail
  // (`At definition.tables: …`): that path is the property checked here.
  const found = warnings.map((w) => `${w.address} ${w.summary} ${/^At ([^:\s]+):/.exec(w.detail)?.[1] ?? '(no path)'}`).sort();
  expect(found).toEqual(
    [
      'integrateio_pipeline.data Destination Connection Changes definition.destination.connection.id',
      'integrateio_pipeline.data New Tables Stop Syncing definition.sync.auto_sync_new_tables',
      'integrateio_pipeline.data Table Stops Syncing definition.tables',
      'integrateio_pipeline.data Columns Stop Syncing definition.tables[0].columns',
      'integrateio_pipeline.data History Mode Turned On definition.transformations[0]',
    ].sort(),
  );
});

test('a destroy plan warns once per pipeline that archiving cannot be undone', async () => {
  const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN });
  tf.write(HEADER + resource('gone1') + resource('gone2'));
  await tf.init();
  await tf.ok(['apply', '-auto-approve', '-no-color']);
  const ids = ['gone1', 'gone2'].map((name) => String(tf.attributes('integrateio_pipeline', name).id));

  const plan = await tf.run(['plan', '-destroy', '-json']);
  expect(plan.code).toBe(0);
  const warnings = diagnostics(plan.stdout).filter((d) => d.severity === 'warning' && d.summary === 'Archiving Cannot Be Undone');
  expect(warnings).toHaveLength(2);
  expect(ids.map((id) => warnings.filter((w) => w.detail.includes(`pipeline ${id})`)).length)).toEqual([1, 1]);

  // Removing a resource from the configuration plans its destroy too.
  tf.write(HEADER + resource('gone1'));
  const removal = await tf.run(['plan', '-json']);
  const removed = diagnostics(removal.stdout).filter((d) => d.severity === 'warning' && d.summary === 'Archiving Cannot Be Undone');
  expect(removed.map((w) => w.detail.includes(`pipeline ${ids[1]})`))).toEqual([true]);
});
