/**
 * A separate CDK Terrain app consuming the packed package: `cdktn` 0.24 from npm with the constructs
 * it accepts (>=10.6 <10.8), no npm overrides, compiled with its own tsc, synthesized with node (the
 * cdktn-cli 0.24 needs Node.js >= 22.19), applied and destroyed by the real terraform against the
 * emulator.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IntegrateioClient } from '../../lib/api';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { ADMIN, TerraformWorkspace } from '../support/terraform';
import { appSource, copiesOf, createConsumer, installedVersion, packPackage, tsconfigNode16, type Consumer } from './consumer';

jest.setTimeout(300_000);

const ENTRY = 'integrateio-pipelines-as-code/cdktn';
/** The CDK Terrain release this test holds the package to, and the constructs range it accepts. */
const CDKTN = '0.24.0';
const CONSTRUCTS = '~10.7.0';

let consumer: Consumer;
let emulator: RunningEmulator;
let client: IntegrateioClient;

beforeAll(async () => {
  const tarball = await packPackage();
  consumer = await createConsumer(tarball, [`cdktn@${CDKTN}`, `constructs@${CONSTRUCTS}`, ...['typescript', '@types/node'].map((name) => `${name}@${installedVersion(name)}`)]);
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 100, stopDelayMs: 100 });
  client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
});

afterAll(async () => {
  await emulator?.close();
  consumer?.remove();
});

test('a cdktn app importing the constructs from the cdktn entry compiles, synthesizes with node, and terraform applies and destroys it against the emulator', async () => {
  consumer.write('main.ts', appSource('cdktn', ENTRY, 'consumer-cdktn-orders'));
  consumer.write('tsconfig.json', tsconfigNode16());
  await consumer.ok('npx', ['tsc', '-p', '.']);
  const outdir = join(consumer.dir, 'cdktn.out');
  await consumer.ok('node', ['out/main.js', outdir]);
  const stackDir = join(outdir, 'stacks', 'orders');
  expect(existsSync(join(stackDir, 'cdk.tf.json'))).toBe(true);

  const tf = new TerraformWorkspace({ dir: stackDir, apiUrl: emulator.url, apiKey: ADMIN });
  await tf.init();
  await tf.ok(['apply', '-auto-approve', '-no-color']);
  const id = Number((await tf.ok(['output', '-raw', 'pipeline_id'])).stdout);
  expect((await client.getPipeline(id)).name).toBe('consumer-cdktn-orders');

  await tf.ok(['destroy', '-auto-approve', '-no-color']);
  await expect(client.getPipeline(id)).rejects.toMatchObject({ status: 404 });
});

test("the cdktn app has a single copy of constructs, cdktn's, and no cdktf", async () => {
  expect(copiesOf(consumer.dir, 'constructs')).toHaveLength(1);
  expect(copiesOf(consumer.dir, 'cdktn')).toHaveLength(1);
  expect(copiesOf(consumer.dir, 'cdktf')).toEqual([]);
  const script = `
const from = require('node:path').dirname(require.resolve('${ENTRY}'));
process.stdout.write(JSON.stringify({
  constructs: require.resolve('constructs', { paths: [from] }) === require.resolve('constructs'),
  cdktn: require.resolve('cdktn', { paths: [from] }) === require.resolve('cdktn'),
}));`;
  const result = await consumer.ok('node', ['-e', script]);
  expect(JSON.parse(result.stdout)).toEqual({ constructs: true, cdktn: true });
});
