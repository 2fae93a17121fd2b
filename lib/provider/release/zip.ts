import { unzipSync, zipSync, type ZipOptions } from 'fflate';

/** One file of a provider package. */
export interface PackageFile {
  /** The path inside the package, with `/` separators. */
  readonly path: string;
  /** The file's bytes. */
  readonly data: Uint8Array;
  /** The file's Unix permission bits (0o755 for the executable). */
  readonly mode: number;
}

/**
 * The modification time written for every entry: 2000-01-01 00:00:00 in the zip's (zone-less) DOS
 * time. fflate reads the local fields of the Date, and this Date has the same local fields in every
 * time zone, so the bytes do not depend on `TZ`.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/** Deflate level: measured on the ~100 MB single executable, level 3 took 7 s for 35.6 MB, level 6 13 s for 35.1 MB. */
const LEVEL = 3;

/** `S_IFREG`: the external attributes say "regular file" besides the permission bits. */
const REGULAR_FILE = 0o100000;

/**
 * Writes a zip whose bytes depend only on the files: entries sorted by path, fixed modification
 * time, Unix permission bits as given, deflated by fflate (pure JavaScript, so the same output on
 * every machine, unlike Node's zlib, whose output may change with the zlib build and the CPU).
 */
export function writeZip(files: readonly PackageFile[]): Uint8Array {
  const entries: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    entries[file.path] = [file.data, { level: LEVEL, mtime: FIXED_MTIME, os: 3, attrs: ((REGULAR_FILE | file.mode) << 16) >>> 0 }];
  }
  return zipSync(entries);
}

/**
 * Reads the files of a provider package. fflate does not report the permission bits, so files named
 * `terraform-provider-*` (the executable) get 0o755 and every other file 0o644; the hashes Terraform
 * records (`h1:`) cover only paths and contents.
 */
export function readZip(zip: Uint8Array): PackageFile[] {
  const files = unzipSync(zip);
  return Object.keys(files)
    .filter((name) => !name.endsWith('/'))
    .sort()
    .map((name) => ({ path: name, data: files[name], mode: /(^|\/)terraform-provider-[^/]*$/.test(name) ? 0o755 : 0o644 }));
}
