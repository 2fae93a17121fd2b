import { jsonStringEnd, jsonStringValue } from './json-string';
import { formatPath, type PathSegment } from './path';

/** Where one field of a JSON text is: the offsets of its key (object members only) and its value. */
export interface JsonPosition {
  /** The offset of the member's key (the opening quote), for object members. */
  readonly key?: number;
  /** The offset of the first character of the value. */
  readonly value: number;
}

type Frame = { readonly kind: 'object'; key?: string; keyAt?: number } | { readonly kind: 'array'; index: number };

/**
 * Finds where the given fields (formatted paths such as `tables[1].name`) are in a valid JSON
 * text, in one linear scan: cheap even for a megabyte of JSON, unlike building a YAML document
 * of it. Fields not in the text are missing from the result.
 */
export function locateJsonPaths(text: string, wanted: ReadonlySet<string>): Map<string, JsonPosition> {
  const found = new Map<string, JsonPosition>();
  const stack: Frame[] = [];
  const pathOf = (): PathSegment[] => stack.map((f) => (f.kind === 'object' ? (f.key ?? '') : f.index));
  let expect: 'value' | 'key' | 'other' = 'value';
  const record = (at: number): void => {
    const top = stack[stack.length - 1];
    const path = formatPath(pathOf());
    if (wanted.has(path) && !found.has(path)) found.set(path, { key: top?.kind === 'object' ? top.keyAt : undefined, value: at });
  };
  for (let i = 0; i < text.length && found.size < wanted.size; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    const top = stack[stack.length - 1];
    if (c === '"') {
      const start = i;
      i = jsonStringEnd(text, start);
      if (expect === 'key' && top?.kind === 'object') {
        top.key = jsonStringValue(text, start, i);
        top.keyAt = start;
      } else if (expect === 'value') record(start);
      expect = 'other';
    } else if (c === ':') {
      expect = 'value';
    } else if (c === ',') {
      if (top?.kind === 'array') top.index++;
      expect = top?.kind === 'object' ? 'key' : 'value';
    } else if (c === '{' || c === '[') {
      if (expect === 'value') record(i);
      stack.push(c === '{' ? { kind: 'object' } : { kind: 'array', index: 0 });
      expect = c === '{' ? 'key' : 'value';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expect = 'other';
    } else if (expect === 'value') {
      record(i);
      while (i + 1 < text.length && !/[\s,\]}]/.test(text[i + 1])) i++;
      expect = 'other';
    }
  }
  return found;
}

/** Turns offsets into 1-based line and column numbers, with a line index built once. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}
