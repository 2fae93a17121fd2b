import { jsonStringEnd, jsonStringValue } from './json-string';
import type { PathSegment } from './path';

/** A key written twice in one JSON object. */
export interface DuplicateJsonKey {
  /** The path of the repeated field, e.g. `['tables', 0, 'name']`. */
  readonly path: readonly PathSegment[];
  /** The offset of the second occurrence of the key in the text. */
  readonly offset: number;
  /** The offset of the first occurrence. */
  readonly firstOffset: number;
}

/** An open container while scanning: an object's keys so far, or an array's next index. */
type Frame = { readonly kind: 'object'; readonly keys: Map<string, number>; key?: string } | { readonly kind: 'array'; index: number };

/**
 * Finds the first key written twice in one object of a JSON text (`{"name": "a", "name": "b"}`),
 * comparing keys after unescaping (`"n\u0061me"` is `"name"`). `JSON.parse` silently keeps the
 * last value, so what a reviewer reads would not be what is applied.
 *
 * The text must already be valid JSON (run `JSON.parse` first). The scan is iterative, so any
 * nesting depth is safe, and linear in the text.
 *
 * @returns the first duplicate in document order, or undefined when every key is unique.
 */
export function findDuplicateJsonKey(text: string): DuplicateJsonKey | undefined {
  const stack: Frame[] = [];
  const path = (): PathSegment[] => stack.map((f) => (f.kind === 'object' ? (f.key ?? '') : f.index));
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '{') {
      stack.push({ kind: 'object', keys: new Map() });
      expectKey = true;
    } else if (c === '[') {
      stack.push({ kind: 'array', index: 0 });
      expectKey = false;
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      if (top?.kind === 'array') top.index++;
      expectKey = top?.kind === 'object';
    } else if (c === '"') {
      const start = i;
      i = jsonStringEnd(text, start);
      if (expectKey && top?.kind === 'object') {
        const key = jsonStringValue(text, start, i);
        top.key = key;
        const first = top.keys.get(key);
        if (first !== undefined) return { path: path(), offset: start, firstOffset: first };
        top.keys.set(key, start);
        expectKey = false;
      }
    }
  }
  return undefined;
}
