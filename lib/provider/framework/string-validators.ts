import type { Validator } from './validator';

/** Requires a string value with at least one non-whitespace character. */
export function stringNotEmpty(): Validator {
  return {
    description: 'value must not be empty',
    validate(value, path, diags) {
      if (typeof value === 'string' && value.trim() === '') {
        diags.addError('Invalid Attribute Value', 'The value must not be empty: set a non-empty string.', path);
      }
    },
  };
}

/**
 * Requires a string value that is one of `allowed`.
 *
 * @param allowed - The accepted values.
 */
export function stringOneOf(...allowed: string[]): Validator {
  const list = allowed.map((a) => JSON.stringify(a)).join(', ');
  return {
    description: `value must be one of ${list}`,
    validate(value, path, diags) {
      if (typeof value === 'string' && !allowed.includes(value)) {
        diags.addError('Invalid Attribute Value', `The value ${JSON.stringify(value)} is not accepted: use one of ${list}.`, path);
      }
    },
  };
}

/**
 * Requires a string value that matches `pattern`.
 *
 * @param pattern - The regular expression the whole value must match.
 * @param expectation - What the pattern means, in words (`a lowercase name with dashes`).
 */
export function stringMatches(pattern: RegExp, expectation: string): Validator {
  return {
    description: `value must be ${expectation}`,
    validate(value, path, diags) {
      if (typeof value === 'string' && !pattern.test(value)) {
        diags.addError('Invalid Attribute Value', `The value ${JSON.stringify(value)} is not ${expectation}.`, path);
      }
    },
  };
}
