import { closeSync, openSync, readSync } from 'node:fs';

/** Why {@link readBoundedTextFile} could not return a file's text. */
export type BoundedReadProblem = 'not_found' | 'is_directory' | 'permission_denied' | 'too_large' | 'unreadable';

/**
 * A file that could not be read: missing, a directory, not allowed, larger than the limit (which
 * includes endless devices such as `/dev/zero`), or otherwise unreadable. The message names the
 * file and, for `too_large`, the limit.
 */
export class BoundedReadError extends Error {
  /** What went wrong. */
  readonly problem: BoundedReadProblem;
  /** The file. */
  readonly path: string;
  /** What went wrong in a few words, without the file name: `no such file`, `it is a directory`, ... */
  readonly reason: string;

  constructor(path: string, problem: BoundedReadProblem, reason: string, message = `cannot read ${path}: ${reason}`) {
    super(message);
    this.name = 'BoundedReadError';
    this.path = path;
    this.problem = problem;
    this.reason = reason;
  }
}

/** Renders a byte count for messages: `1 MiB`, `64 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads a UTF-8 text file of at most `maxBytes` bytes, never holding more than `maxBytes + 64 KiB`
 * in memory: a larger file, a FIFO or a device that never ends (`/dev/zero`) is refused instead
 * of filling the memory.
 *
 * @param what what the file is, for the message: `definition file`, `seed file`. @default 'file'
 * @throws BoundedReadError naming the file (and the limit when it is too large).
 * @example
 * const text = readBoundedTextFile('orders.yaml', MAX_DEFINITION_BYTES);
 */
export function readBoundedTextFile(path: string, maxBytes: number, what = 'file'): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw unreadable(path, err);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw unreadable(path, err);
      }
      if (read === 0) break;
      total += read;
      if (total > maxBytes) {
        const reason = `it is larger than ${formatBytes(maxBytes)}, the limit for a ${what}`;
        throw new BoundedReadError(path, 'too_large', reason, `${path} is larger than ${formatBytes(maxBytes)}, the limit for a ${what}: check that it is the right file`);
      }
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function unreadable(path: string, err: unknown): BoundedReadError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new BoundedReadError(path, 'not_found', 'no such file');
  if (code === 'EISDIR') return new BoundedReadError(path, 'is_directory', 'it is a directory');
  if (code === 'EACCES' || code === 'EPERM') return new BoundedReadError(path, 'permission_denied', 'permission denied');
  return new BoundedReadError(path, 'unreadable', `it cannot be read (${code ?? 'unknown error'})`);
}
