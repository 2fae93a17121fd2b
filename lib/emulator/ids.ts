/**
 * Reads a resource id from a path segment: a positive whole number written canonically (no sign,
 * no leading zero, no exponent) that fits in 53 bits. Anything else is no id at all: undefined,
 * which the routes answer as a plain 404.
 */
export function parseId(segment: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(segment)) return undefined;
  const id = Number(segment);
  return Number.isSafeInteger(id) ? id : undefined;
}
