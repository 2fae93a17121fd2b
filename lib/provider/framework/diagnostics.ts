import type { AttributePath } from './attribute-path';
import { errorDiagnostic, warningDiagnostic, type Diagnostic } from './diagnostic';

/**
 * Collects diagnostics during one provider operation.
 *
 * Resource code receives one and adds errors or warnings to it instead of throwing; the framework
 * returns everything collected to Terraform.
 *
 * @example
 * if (config.name === '') diags.addError('Invalid Name', 'Set name to a non-empty string.', ['name']);
 * if (diags.hasErrors()) return;
 */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  /** Adds an error. */
  addError(summary: string, detail: string, path?: AttributePath): void {
    this.items.push(errorDiagnostic(summary, detail, path));
  }

  /** Adds a warning. */
  addWarning(summary: string, detail: string, path?: AttributePath): void {
    this.items.push(warningDiagnostic(summary, detail, path));
  }

  /** Adds ready-made diagnostics. */
  add(...diagnostics: Diagnostic[]): void {
    this.items.push(...diagnostics);
  }

  /** True when at least one error was added. */
  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  /** Everything collected so far, in order. */
  all(): readonly Diagnostic[] {
    return this.items.slice();
  }

  /** The errors collected so far. */
  errors(): readonly Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }
}
