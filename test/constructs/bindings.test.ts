/**
 * The L1 bindings in lib/constructs/generated are generated code: these tests fail when they are
 * stale. Fix: `npm run generate:bindings` (builds, runs the provider under terraform, rewrites the
 * folder), then commit it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface GenerateBindings {
  readonly OUT_DIR: string;
  readProviderSchema(options?: { entry?: string }): unknown;
  normalizeSchema(schema: unknown): unknown;
  readCommittedSchema(): unknown;
  renderBindings(schema: unknown): Promise<Map<string, string>>;
  compareBindings(files: Map<string, string>, dir?: string): { changed: string[]; missing: string[]; extra: string[] };
}

const script = require('../../scripts/generate-bindings.js') as GenerateBindings;
const root = path.resolve(__dirname, '../..');
/** The provider's entry point: until it is written, only the committed files can be compared. */
const providerWritten = fs.existsSync(path.join(root, 'lib/provider/main.ts'));

describe('generated bindings', () => {
  test('are the rendering of the committed provider schema', async () => {
    const files = await script.renderBindings(script.readCommittedSchema());
    expect(script.compareBindings(files)).toEqual({ changed: [], missing: [], extra: [] });
  });

  (providerWritten ? test : test.skip)('were rendered from the schema the built provider reports to terraform', () => {
    const entry = path.join(root, 'dist/lib/provider/main.js');
    if (!fs.existsSync(entry)) throw new Error('dist/lib/provider/main.js is missing: run `npm run build` first (npm test does)');
    const reported = script.normalizeSchema(script.readProviderSchema({ entry }));
    expect(reported).toEqual(script.readCommittedSchema());
  }, 60000);
});
