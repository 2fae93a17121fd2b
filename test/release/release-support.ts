/**
 * Helpers of the release tests: copies of the built package at other paths, and the `integrateio`
 * CLI of such a copy run under a HOME (and time zone, temporary folder) of its own.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');

/**
 * Copies the built package (package.json, bin/, dist/) to `dir`, with node_modules linked to this
 * checkout's: another checkout path of the same build.
 */
export function copyCheckout(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of ['package.json', 'bin', 'dist']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** A user of the package: a checkout copy, a HOME, a time zone. */
export interface User {
  readonly checkout: string;
  readonly home: string;
  readonly tz: string;
}

/** The environment of `user`: nothing of this process but PATH (no cache or config variables). */
export function userEnv(user: User): NodeJS.ProcessEnv {
  const tmp = join(user.home, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return { PATH: process.env.PATH, HOME: user.home, TMPDIR: tmp, TZ: user.tz, LANG: 'C' };
}

/** Runs `integrateio ARGS…` from `user`'s checkout copy; rejects with the output on a non-zero exit. */
export function integrateio(user: User, args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(user.checkout, 'bin', 'integrateio.js'), ...args], { cwd: user.checkout, env: userEnv(user), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`integrateio ${args.join(' ')} exited ${code}\n${out}`))));
  });
}

/** Every file under `dir` (symbolic links followed) with its sha256, by path relative to `dir`. */
export function fileHashes(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else result[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return result;
}

/** The `hashes` of the provider's block in a `.terraform.lock.hcl`, sorted. */
export function lockHashes(text: string): string[] {
  return [...text.matchAll(/"((?:h1|zh):[^"]+)"/g)].map((m) => m[1]).sort();
}
