/**
 * What `npm pack` puts in the published tarball: the built library with its typings, the bin,
 * README, LICENSE and docs; nothing of the tests, benchmarks or examples; every entry of the
 * `exports` map and of `typesVersions` present.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, ok, ROOT, run } from './consumer';

jest.setTimeout(60_000);

interface Manifest {
  readonly private?: boolean;
  readonly bin: Record<string, string>;
  readonly exports: Record<string, string | { types: string; default: string }>;
  readonly typesVersions: Record<string, Record<string, string[]>>;
  readonly dependencies: Record<string, string>;
  readonly optionalDependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly peerDependenciesMeta: Record<string, { optional?: boolean }>;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
let files: string[];

beforeAll(async () => {
  const result = await ok('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, env: cleanEnv() });
  files = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0].files.map((file) => file.path);
});

test('the tarball holds the built library with typings, the bin, README, LICENSE and docs', () => {
  for (const file of ['package.json', 'README.md', 'LICENSE', 'docs/index.md', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/constructs/index.d.ts', 'dist/lib/constructs-cdktn/index.d.ts', 'dist/lib/provider/main.js', 'dist/lib/cli/main.js']) {
    expect(files).toContain(file);
  }
  expect(files).toContain(manifest.bin.integrateio.replace(/^\.\//, ''));
});

test('the tarball holds nothing of the tests, benchmarks, examples or sources', () => {
  const unwanted = files.filter((file) => /^(test|bench|examples|scripts|lib|node_modules|dist\/(test|bench|examples))\//.test(file) || /\/node_modules\//.test(file) || /(^|\/)cdktf\.out\//.test(file));
  expect(unwanted).toEqual([]);
});

test('every target of the exports map and of typesVersions is in the tarball', () => {
  const targets: string[] = [];
  for (const target of Object.values(manifest.exports)) targets.push(...(typeof target === 'string' ? [target] : [target.types, target.default]));
  for (const paths of Object.values(manifest.typesVersions['*'])) targets.push(...paths);
  expect(Object.keys(manifest.exports).sort()).toEqual(['.', './api', './cdktn', './constructs', './definition', './package.json']);
  for (const target of targets) expect(files).toContain(target.replace(/^\.\//, ''));
});

test('the cdktn build names the module cdktn wherever the cdktf build names cdktf', () => {
  const cdktf = /(require\(|from |import\()['"]cdktf['"]/;
  const cdktn = /(require\(|from |import\()['"]cdktn['"]/;
  const built = files.filter((file) => file.startsWith('dist/lib/constructs-cdktn/'));
  expect(built.length).toBeGreaterThan(0);
  for (const file of built) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const original = readFileSync(join(ROOT, file.replace('constructs-cdktn', 'constructs')), 'utf8');
    expect({ file, cdktf: cdktf.test(text), cdktn: cdktn.test(text) }).toEqual({ file, cdktf: false, cdktn: cdktf.test(original) });
  }
});

test('cdktf and constructs are peer dependencies (cdktf and cdktn optional), and the emulator\'s native store an optional dependency', () => {
  expect(manifest.private).toBeUndefined();
  expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['cdktf', 'cdktn', 'constructs']);
  expect(manifest.peerDependenciesMeta).toEqual({ cdktf: { optional: true }, cdktn: { optional: true } });
  for (const name of ['cdktf', 'cdktn', 'constructs', 'better-sqlite3']) expect(manifest.dependencies[name]).toBeUndefined();
  expect(manifest.optionalDependencies['better-sqlite3']).toBeDefined();
});

test('fails to build the cdktn entry from constructs that import a deep cdktf path, naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'integrateio-cdktn-build-'));
  mkdirSync(join(dir, 'constructs'));
  writeFileSync(join(dir, 'constructs', 'index.js'), 'module.exports = require("./deep");\n');
  writeFileSync(join(dir, 'constructs', 'deep.js'), 'const t = require("cdktf/lib/tokens");\n');
  const result = await run(process.execPath, [join(ROOT, 'scripts', 'build-cdktn.js'), join(dir, 'constructs'), join(dir, 'constructs-cdktn')], { cwd: dir });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: .*deep\.js imports cdktf\/lib\/tokens/m);
});
