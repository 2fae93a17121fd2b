import type { DataChangeWarning } from '../definition';
import type { CliIo } from './io';

/**
 * Prints the data-change warnings of a definition change on standard error, one line each:
 * `warning: <field>: <sentence>` (`warning: <sentence>` when it is about the whole pipeline), the
 * same sentences a Terraform plan shows.
 */
export function printDataChangeWarnings(io: CliIo, warnings: readonly DataChangeWarning[]): void {
  for (const w of warnings) io.err(`warning: ${w.path ? `${w.path}: ` : ''}${w.message}\n`);
}
