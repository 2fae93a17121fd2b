/**
 * A separate CDK Terrain app consuming the packed package: `cdktn` 0.24 from npm with the constructs
 * it accepts (>=10.6 <10.8), no npm overrides, compiled with its own tsc, synthesized with node (the
 * cdktn-cli 0.24 needs Node.js >= 22.19), applied and destroyed by the real terraform against the
 * emulator.
 */
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { appSource, copiesOf, createConsumer, installedVersion, packPackage, synthApplyDestroy, tsconfigNode16, type Consumer } from './consumer';

jest.setTimeout(300_000);

const ENTRY = 'integrateio-pipelines-as-code/cdktn';
/** The CDK Terrain release this test holds the package to, and the constructs range it accepts. */
const CDKTN = '0.24.0';
const CONSTRUCTS = '~10.7.0';

let consumer: Consumer;
let emulator: RunningEmulator;

beforeAll(async () => {
  const tarball = await packPackage();
  consumer = await createConsumer(tarball, [`cdktn@${CDKTN}`, `constructs@${CONSTRUCTS}`, ...['typescript', '@types/node'].map((name) => `${name}@${installedVersion(name)}`)]);
  emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 100, stopDelayMs: 100 });
});

afterAll(async () => {
  await emulator?.close();
  consumer?.remove();
});

test('a cdktn app importing the constructs from the cdktn entry compiles, synthesizes with node, and terraform applies and destroys it against the emulator', async () => {
  consumer.write('main.ts', appSource('cdktn', ENTRY, 'consumer-cdktn-orders'));
  consumer.write('tsconfig.json', tsconfigNode16());
  await consumer.ok('npx', ['tsc', '-p', '.']);
  await synthApplyDestroy(consumer, 'cdktn', emulator.url, 'consumer-cdktn-orders', async (tf) => {
    expect((await tf.ok(['output', '-raw', 'referenced_name'])).stdout).toBe('consumer-cdktn-orders');
  });
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
