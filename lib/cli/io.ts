/** Where a CLI command writes and what it knows of its terminal; tests pass their own. */
export interface CliIo {
  /** Writes to standard output (results). */
  readonly out: (text: string) => void;
  /** Writes to standard error (progress, logs, errors). */
  readonly err: (text: string) => void;
  /** True when standard error is a terminal: progress may redraw one line. */
  readonly isTTY: boolean;
  /** The environment variables the command reads. */
  readonly env: NodeJS.ProcessEnv;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}

/** Output format chosen with `--output`. */
export type OutputFormat = 'human' | 'json';

/** Reads and checks the `--output` option. */
export function outputFormat(value: unknown): OutputFormat {
  if (value === undefined || value === 'human' || value === 'text') return 'human';
  if (value === 'json') return 'json';
  throw new UsageError(`--output must be human or json, got "${String(value)}"`);
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
