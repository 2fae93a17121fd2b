import type { AttributePath } from './attribute-path';
import { errorDiagnostic, type Diagnostic } from './diagnostic';

/**
 * An exception that carries the exact diagnostic to show.
 *
 * Resource code may throw it instead of adding to the collector; the framework turns it into its
 * diagnostic unchanged. Any other exception becomes a generic error diagnostic (see
 * {@link diagnosticFromException}).
 *
 * @example
 * throw new DiagnosticError('Pipeline Not Found', `No pipeline has id ${id}. Check the id and retry.`, ['id']);
 */
export class DiagnosticError extends Error {
  /** The diagnostic this exception stands for. */
  readonly diagnostic: Diagnostic;

  /**
   * @param summary - Title Case summary.
   * @param detail - What happened and what to do.
   * @param path - The attribute concerned, if any.
   * @param options - `cause`: the original error.
   */
  constructor(summary: string, detail: string, path?: AttributePath, options?: { cause?: unknown }) {
    super(`${summary}: ${detail}`, options);
    this.name = 'DiagnosticError';
    this.diagnostic = errorDiagnostic(summary, detail, path);
  }
}

/**
 * Converts anything thrown by resource code into an error diagnostic.
 *
 * The summary names the operation; the detail carries the error's message (never its stack) and
 * says what to do. A {@link DiagnosticError} keeps its own diagnostic.
 *
 * @param error - What was thrown.
 * @param operation - What the provider was doing, e.g. `creating integrateio_pipeline`.
 */
export function diagnosticFromException(error: unknown, operation: string): Diagnostic {
  if (error instanceof DiagnosticError) return error.diagnostic;
  const message = error instanceof Error ? error.message : String(error);
  return errorDiagnostic(
    'Unexpected Provider Error',
    `The provider failed while ${operation}: ${message}\n\n` +
      'Retry the command; if the error persists, run it with TF_LOG=debug and report the log to the provider maintainers.',
  );
}
