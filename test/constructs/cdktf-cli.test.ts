/**
 * The real `cdktf synth` on an app with problems in two stacks: one run reports both (cdktf
 * itself stops at the first stack that fails). Runs the compiled constructs (`npm run build`).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CONSTRUCTS = path.join(ROOT, 'dist/lib/constructs/index.js');

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', CDKTF_DISABLE_LOGGING: 'true', CI: '1' };
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

test('fails cdktf synth reporting the problems of every stack in one run', async () => {
  if (!fs.existsSync(CONSTRUCTS)) throw new Error(`${CONSTRUCTS} is missing: run \`npm run build\` before this test (npm test does)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-cdktf-cli-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node app.js', terraformProviders: [], context: {} }));
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    `const { App, TerraformStack } = require('cdktf');
const { IntegrateioProvider, Pipeline, PipelineDefinition } = require(${JSON.stringify(CONSTRUCTS)});
const app = new App();
for (const [env, frequency] of [['dev', 0], ['staging', 5], ['prod', 99999]]) {
  const stack = new TerraformStack(app, env);
  new IntegrateioProvider(stack, 'integrateio');
  const definition = new PipelineDefinition(stack, 'OrdersDefinition', { name: 'orders-' + env, sourceConnectionId: 42, destinationConnectionId: 17, frequency, tables: [{ name: 'public.orders' }] });
  new Pipeline(stack, 'Orders', { definition });
}
app.synth();
`,
  );
  const result = await run(path.join(ROOT, 'node_modules/.bin/cdktf'), ['synth'], dir);
  expect(result.code).not.toBe(0);
  expect(result.output).toContain('[dev/OrdersDefinition] sync.frequency');
  expect(result.output).toContain('[prod/OrdersDefinition] sync.frequency');
  expect(result.output).not.toContain('[staging/');
}, 120000);
