import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GeneratedFile } from './adopted-pipeline';

/** The manifest adopt keeps in its output folder: the files it wrote there, so that a re-run touches only those. */
export const MANIFEST_FILE = '.integrateio-adopt.json';

interface Manifest {
  readonly written_by: 'integrateio adopt';
  readonly files: readonly string[];
}

/** A relative path inside the folder (no `..`, not absolute), as the manifest may hold. */
function isInside(relative: string): boolean {
  return relative !== '' && !path.isAbsolute(relative) && !relative.split(/[\\/]/).includes('..');
}

function readManifest(dir: string): Set<string> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return new Set();
  try {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Manifest>;
    if (!Array.isArray(manifest.files) || !manifest.files.every((f) => typeof f === 'string' && isInside(f))) throw new Error('files is not a list of relative paths');
    return new Set(manifest.files);
  } catch (err) {
    throw new Error(`${file} is not a manifest written by adopt (${(err as Error).message}): remove it or choose another --out`);
  }
}

function writeManifest(dir: string, files: Iterable<string>): void {
  const manifest: Manifest = { written_by: 'integrateio adopt', files: [...new Set(files)].sort() };
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Checks, before anything is read from the API, that adopt may write into `dir`: it does not
 * exist, is empty, or `force` is set.
 *
 * @throws Error naming the folder and `--force` otherwise.
 */
export function checkOutputFolder(dir: string, force: boolean): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new Error(`--out ${dir} is a file, not a folder: choose a folder`);
  if (fs.readdirSync(dir).length > 0 && !force) {
    throw new Error(`--out ${dir} is not empty: adopt into a new or empty folder, or pass --force to rewrite the files an earlier adopt wrote there (other files are never touched)`);
  }
}

/** What {@link writeOutputFolder} did. */
export interface WriteResult {
  /** The files written, relative to the folder. */
  readonly written: readonly string[];
  /** Files an earlier adopt wrote that this one did not (pipelines gone since), now removed. */
  readonly removed: readonly string[];
}

/**
 * Writes the generated files into `dir` (created if needed) and records them in the manifest.
 * Files an earlier adopt recorded and this one does not write are removed; a file that adopt did
 * not write is never overwritten or removed.
 *
 * @throws Error, before writing anything, when a generated file would overwrite a file that is
 * not in the manifest.
 */
export function writeOutputFolder(dir: string, files: readonly GeneratedFile[], force: boolean): WriteResult {
  checkOutputFolder(dir, force);
  fs.mkdirSync(dir, { recursive: true });
  const previous = readManifest(dir);
  const foreign = files.map((f) => f.path).filter((p) => !previous.has(p) && fs.existsSync(path.join(dir, p)));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
    throw new Error(`adopt would overwrite ${foreign.length === 1 ? 'a file' : `${foreign.length} files`} in ${dir} that it did not write (${shown}): move ${foreign.length === 1 ? 'it' : 'them'} away or choose another --out`);
  }
  const current = new Set(files.map((f) => f.path));
  // Recorded first, so that an interrupted run can be repeated with --force.
  writeManifest(dir, [...previous, ...current]);
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  const removed: string[] = [];
  for (const stale of [...previous].filter((p) => !current.has(p)).sort()) {
    const target = path.join(dir, stale);
    if (fs.existsSync(target) && fs.lstatSync(target).isFile()) {
      fs.unlinkSync(target);
      removed.push(stale);
    }
  }
  writeManifest(dir, current);
  return { written: [...current].sort(), removed };
}
