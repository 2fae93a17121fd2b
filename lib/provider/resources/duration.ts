import type { Validator } from '../framework';

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a duration such as `90s`, `10m` or `1h30m` into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(PART)) total += Number(match[1]) * UNIT_MS[match[2]];
  return total;
}

/** Validator: the string is a duration such as `90s`, `10m` or `1h30m`. */
export function durationString(): Validator {
  return {
    description: 'a duration such as 90s, 10m or 1h30m',
    validate(value, path, diags) {
      if (typeof value === 'string' && parseDuration(value) === undefined) {
        diags.addError('Invalid Duration', `"${value}" is not a duration: write a number and a unit (ms, s, m, h), e.g. 90s, 10m or 1h30m.`, path);
      }
    },
  };
}
