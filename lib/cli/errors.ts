import { isApiError } from '../api';
import { formatIssues, isDefinitionError } from '../definition';
import { redactSecrets } from '../api';
import type { CliIo } from './io';
import { printable, printableLines } from './terminal-text';

/** Exit code of a command that failed for a reason other than its usage. */
export const EXIT_FAILURE = 1;
/** Exit code of a command called the wrong way. */
export const EXIT_USAGE = 2;

/**
 * Prints an error the way the CLI promises: `error: ` and one clear line (a definition with several
 * problems gets one line per problem), never a stack trace, never a key. Returns the exit code.
 */
export function reportError(err: unknown, io: CliIo): number {
  if (isDefinitionError(err)) {
    const count = err.issues.length === 1 ? 'a problem' : `${err.issues.length} problems`;
    io.err(`error: the pipeline definition has ${count}:\n${printableLines(formatIssues(err.issues, err.source)).replace(/^/gm, '  ')}\n`);
    return EXIT_FAILURE;
  }
  if (err instanceof Error && err.name === 'UsageError') {
    io.err(`error: ${printable(redactSecrets(err.message))}\n`);
    return EXIT_USAGE;
  }
  if (isApiError(err)) {
    io.err(`error: ${printable(redactSecrets(err.message))}${hintFor(err.status)}\n`);
    return EXIT_FAILURE;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(`error: ${printable(redactSecrets(message.split('\n')[0]))}\n`);
  return EXIT_FAILURE;
}

function hintFor(status: number): string {
  switch (status) {
    case 401:
      return ' (check INTEGRATEIO_API_KEY: it is missing, unknown, revoked or expired)';
    case 403:
      return ' (this needs an admin key)';
    case 0:
      return ' (check INTEGRATEIO_API_URL and that the service is reachable)';
    default:
      return '';
  }
}
