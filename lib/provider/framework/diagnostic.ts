import type { AttributePath } from './attribute-path';

/** How serious a {@link Diagnostic} is: an error stops the Terraform operation, a warning does not. */
export type Severity = 'error' | 'warning';

/**
 * A message for the Terraform user, returned across the provider boundary.
 *
 * The summary is a short Title Case phrase (`Invalid Pipeline Name`); the detail says what happened
 * and what to do, and includes the original error text when there is one. With a `path`, Terraform
 * underlines the offending value in the configuration.
 */
export interface Diagnostic {
  /** Error or warning. */
  readonly severity: Severity;
  /** Short Title Case phrase. */
  readonly summary: string;
  /** What happened and what to do about it. */
  readonly detail: string;
  /** The attribute the diagnostic is about, when there is one. */
  readonly path?: AttributePath;
}

/** Builds an error {@link Diagnostic}. */
export function errorDiagnostic(summary: string, detail: string, path?: AttributePath): Diagnostic {
  return path === undefined ? { severity: 'error', summary, detail } : { severity: 'error', summary, detail, path };
}

/** Builds a warning {@link Diagnostic}. */
export function warningDiagnostic(summary: string, detail: string, path?: AttributePath): Diagnostic {
  return path === undefined ? { severity: 'warning', summary, detail } : { severity: 'warning', summary, detail, path };
}
