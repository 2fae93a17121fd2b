import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '../..');

/** The test-only provider (serves integrateio_testthing), plain JS over dist/. */
export const TESTTHING_ENTRY = path.join(ROOT, 'test/fixtures/testthing/provider.js');

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, ext));
    else if (entry.name.endsWith(ext)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Throws a clear message unless dist/ holds an up-to-date build of lib/provider (the processes
 * these tests start run the compiled JavaScript; `npm test` builds first).
 */
export function requireCompiledProvider(): void {
  const dist = path.join(ROOT, 'dist/lib/provider');
  if (!fs.existsSync(path.join(dist, 'protocol/index.js'))) {
    throw new Error(`${dist} is missing: run \`npm run build\` before these tests (npm test does).`);
  }
  if (newestMtime(path.join(ROOT, 'lib/provider'), '.ts') > newestMtime(dist, '.js')) {
    throw new Error(`${dist} is older than lib/provider: run \`npm run build\` before these tests (npm test does).`);
  }
}
