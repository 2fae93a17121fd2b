import type { Validator } from './validator';

/**
 * Requires a whole number greater than or equal to `min`.
 *
 * @param min - The smallest accepted value.
 */
export function intAtLeast(min: number): Validator {
  return intBetween(min, Number.POSITIVE_INFINITY);
}

/**
 * Requires a whole number between `min` and `max` (both included).
 *
 * @param min - The smallest accepted value.
 * @param max - The largest accepted value.
 */
export function intBetween(min: number, max: number): Validator {
  const range = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`;
  return {
    description: `value must be a whole number ${range}`,
    validate(value, path, diags) {
      if (typeof value !== 'number') return;
      if (!Number.isInteger(value) || value < min || value > max) {
        diags.addError('Invalid Attribute Value', `The value ${value} is not accepted: use a whole number ${range}.`, path);
      }
    },
  };
}
