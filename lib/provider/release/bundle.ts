import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where `npm run build` writes the bundled provider, relative to the package root. */
export const PROVIDER_BUNDLE_PATH = 'dist/provider/terraform-provider-integrateio.js';

/** The compiled provider entry the bundle is made from, relative to the package root. */
const PROVIDER_ENTRY_PATH = 'dist/lib/provider/main.js';

/**
 * Bundles the compiled provider (dist/lib/provider/main.js and everything it requires) into one
 * JavaScript file with esbuild, for the release. Run by `npm run build` (esbuild is a development
 * dependency; the published package holds the bundle, so consumers need no esbuild).
 *
 * @returns The absolute path of the bundle.
 */
export function bundleProvider(root: string): string {
  const entry = path.join(root, PROVIDER_ENTRY_PATH);
  if (!fs.existsSync(entry)) throw new Error(`${entry} does not exist: compile the project first (npm run build)`);
  return bundleFile(entry, path.join(root, PROVIDER_BUNDLE_PATH), root);
}

/**
 * Bundles `entry` and everything it requires into `outfile` with esbuild (a development
 * dependency, loaded only here).
 *
 * Every option that could make the bytes depend on the machine is fixed: the module paths written
 * into the bundle are relative to `workingDir` (for the release, the package root), the target is `node20` (not the running Node.js), no comments with paths, no
 * source map. The file starts with `#!/usr/bin/env node`, so the same bytes are the portable
 * provider and the main script of the single executable (Node.js skips the line there).
 *
 * @returns `outfile`.
 */
export function bundleFile(entry: string, outfile: string, workingDir: string = path.dirname(entry)): string {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = require('esbuild');
  } catch {
    throw new Error('bundling the provider needs esbuild, a development dependency: run `npm install` in the package first');
  }
  const result = esbuild.buildSync({
    absWorkingDir: workingDir,
    entryPoints: [path.relative(workingDir, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    charset: 'ascii',
    sourcemap: false,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
  });
  if (result.errors.length > 0) throw new Error(`bundling ${entry} failed: ${result.errors[0].text}`);
  return outfile;
}

/**
 * The bundled provider of the package at `root`, as written by `npm run build`.
 *
 * @throws Error with the command to run when the bundle is missing.
 */
export function readProviderBundle(root: string): Uint8Array {
  const file = path.join(root, PROVIDER_BUNDLE_PATH);
  if (!fs.existsSync(file)) throw new Error(`the bundled provider ${file} is missing: build the package first (npm run build)`);
  return fs.readFileSync(file);
}
