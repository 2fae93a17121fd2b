/** One step of a field path: an object key or a list index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Formats a field path the way the API reports it, e.g. `tables[1].columns`.
 *
 * Keys that are not plain identifiers (a column called `a.b`) are written in brackets and quotes:
 * `transformations[0].config.mapping["a.b"]`.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Parses a field path such as `tables[1].columns` or `config.mapping["a.b"]` back into segments.
 *
 * Returns an empty list for an empty string; text that is not a path yields the segments read
 * before the first character that does not fit.
 */
export function parsePath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const re = /\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let match: RegExpExecArray | null;
  while (re.lastIndex < text.length && (match = re.exec(text)) !== null) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else {
      const key = readQuoted(match[3]);
      if (key === undefined) break;
      segments.push(key);
    }
  }
  return segments;
}

/** Reads a JSON string literal, or returns undefined when it is not one (`"\x"`, a raw newline). */
function readQuoted(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}
