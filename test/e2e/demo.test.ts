/**
 * The product's main job, `integrateio demo` (what `npm run demo` runs after the build), from a
 * clean state and then again on the same data: the second run changes nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { startEmulator } from '../../lib/emulator';
import { TerraformWorkspace } from '../support/terraform';

jest.setTimeout(300_000);

const BIN = resolve(__dirname, '../../bin/integrateio.js');

function demo(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const env = { ...process.env };
    delete env.INTEGRATEIO_API_KEY;
    delete env.INTEGRATEIO_API_URL;
    const child = spawn(process.execPath, [BIN, 'demo', '--data-dir', dataDir, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

function pipelineRows(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^\d+\s/.test(line));
}

test('the demo applies the example app on the emulator from a clean state, and a second run changes nothing', async () => {
  if (!existsSync(resolve(__dirname, '../../dist/examples/app/main.js'))) throw new Error('run `npm run build` first (npm test does)');
  const dataDir = mkdtempSync(join(tmpdir(), 'integrateio-demo-'));

  const first = await demo(dataDir);
  expect(first.stderr).not.toMatch(/^error:/m);
  expect(first.code).toBe(0);
  expect(first.stderr).toContain('==> Applying stack prod');
  expect(first.stderr).toMatch(/pipeline \d+ \(orders-prod\): running after/);
  const rows = pipelineRows(first.stdout);
  expect(rows).toHaveLength(7);
  expect(rows.find((r) => r.includes('orders-prod'))).toMatch(/deployed\s+running/);
  expect(rows.filter((r) => /stopped\s+stopped/.test(r))).toHaveLength(6);
  expect(existsSync(join(dataDir, 'emulator.db'))).toBe(true);
  expect(existsSync(join(dataDir, 'terraform.prod.tfstate'))).toBe(true);

  const second = await demo(dataDir);
  expect(second.code).toBe(0);
  expect(second.stderr.match(/No changes\./g)).toHaveLength(5);
  expect(second.stderr).not.toContain('Creating...');
  expect(pipelineRows(second.stdout).map((r) => r.split(/\s+/).slice(0, 2).join(' '))).toEqual(rows.map((r) => r.split(/\s+/).slice(0, 2).join(' ')));

  // Every synthesized stack also destroys cleanly with plain terraform, on the demo's own data.
  const emulator = await startEmulator({ port: 0, dataPath: join(dataDir, 'emulator.db'), startDelayMs: 100, stopDelayMs: 100 });
  try {
    const key = emulator.keys.find((k) => k.admin && k.account === 'acme')!.value;
    const stacksDir = join(dataDir, 'cdktf.out', 'stacks');
    for (const stack of readdirSync(stacksDir)) {
      const tf = new TerraformWorkspace({ apiUrl: emulator.url, apiKey: key, dir: join(stacksDir, stack) });
      await tf.ok(['destroy', '-auto-approve', '-no-color']);
    }
    const client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: key, env: {} });
    const left: number[] = [];
    for await (const p of client.listPipelines()) left.push(p.id);
    expect(left).toEqual([]);
  } finally {
    await emulator.close();
  }
});
