/**
 * Every HCL example under examples/terraform applies, re-plans with no changes and destroys
 * against the emulator, with the real terraform binary, and its committed .terraform.lock.hcl
 * accepts the provider as released (installed from this machine's release package, read-only lock).
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, TerraformWorkspace } from '../support/terraform';

jest.setTimeout(180_000);

let emulator: RunningEmulator;
let copy: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 200, stopDelayMs: 100 });
  copy = mkdtempSync(join(tmpdir(), 'integrateio-examples-'));
  cpSync(resolve(__dirname, '../../examples/terraform'), copy, { recursive: true });
});

afterAll(async () => {
  await emulator?.close();
});

describe.each(['from-yaml', 'typed-hcl', 'data-sources'])('examples/terraform/%s', (example) => {
  test('applies, re-plans with no changes and destroys', async () => {
    const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: ADMIN, dir: join(copy, example), provider: 'release' });
    expect(existsSync(join(tf.dir, '.terraform.lock.hcl'))).toBe(true);
    const init = await tf.run(['init', '-no-color', '-lockfile=readonly']);
    if (init.code !== 0) {
      throw new Error(`terraform init with the committed lock file of examples/terraform/${example} failed; when the provider changed, run \`npm run lock:examples\` and commit the lock files\n${init.stderr}`);
    }
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(plan.code).toBe(0);
    await tf.ok(['destroy', '-auto-approve', '-no-color']);
    expect(tf.state().resources.filter((r) => r.mode === 'managed')).toHaveLength(0);
  });
});
