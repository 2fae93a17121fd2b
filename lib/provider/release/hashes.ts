import { createHash } from 'node:crypto';
import type { PackageFile } from './zip';

/** The lower-case hex SHA-256 of `data`. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Terraform's `h1:` hash of a provider package (Go's dirhash "Hash1"): the base64 SHA-256 of the
 * lines `<sha256 hex of the file>  <path in the package>\n`, one per file in the order of the paths. It depends only on paths and
 * contents, so a zip and its unpacked folder have the same `h1:`.
 */
export function h1Hash(files: readonly PackageFile[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const lines = sorted.map((file) => `${sha256Hex(file.data)}  ${file.path}\n`);
  return `h1:${createHash('sha256').update(lines.join('')).digest('base64')}`;
}

/** Terraform's `zh:` hash of a packed provider package: the hex SHA-256 of the zip file. */
export function zhHash(zip: Uint8Array): string {
  return `zh:${sha256Hex(zip)}`;
}
