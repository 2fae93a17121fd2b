/** A jest-style asymmetric matcher (`expect.any(Number)`, `expect.stringMatching(…)`), recognised without importing jest. */
interface AsymmetricMatcher {
  asymmetricMatch(actual: unknown): boolean;
}

function isAsymmetric(value: unknown): value is AsymmetricMatcher {
  return value !== null && typeof value === 'object' && typeof (value as AsymmetricMatcher).asymmetricMatch === 'function';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
  if (isAsymmetric(value)) return String(value);
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * Where `actual` does not contain `expected`, as `path: expected …, got …`; undefined when it does.
 *
 * Containment: an object contains the expected keys (others may be there too), a list contains
 * every expected entry (each matched by a different entry, in any order), other values are
 * equal; a jest asymmetric matcher (`expect.any(Number)`) decides for itself.
 */
export function mismatch(actual: unknown, expected: unknown, path: string): string | undefined {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual) ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list containing ${show(expected)}, got ${show(actual)}`;
    const used = new Set<number>();
    for (const [i, entry] of expected.entries()) {
      const found = actual.findIndex((candidate, j) => !used.has(j) && mismatch(candidate, entry, path) === undefined);
      if (found === -1) return `${path}: expected an entry containing ${show(entry)} (expected entry ${i}), got ${show(actual)}`;
      used.add(found);
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: expected an object containing ${show(expected)}, got ${show(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) continue;
      const problem = mismatch(actual[key], value, path === '' ? key : `${path}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}
