import type { AttributePath } from './attribute-path';
import type { Diagnostics } from './diagnostics';
import type { Value } from './value';

/**
 * A named, reusable check of a configured attribute value, declared in the schema.
 *
 * The framework calls it only for known, non-null values; the validator adds error diagnostics
 * at `path` when the value is not acceptable.
 */
export interface Validator {
  /** What the validator requires, for documentation (`string length at least 1`). */
  readonly description: string;
  /** Checks `value` (known and not null) and reports problems at `path`. */
  validate(value: Value, path: AttributePath, diags: Diagnostics): void;
}
