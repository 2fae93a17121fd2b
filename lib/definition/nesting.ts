import { Parser, type CST } from 'yaml';
import { jsonStringEnd } from './json-string';

/**
 * Finds a collection nested more than `limit` levels deep in YAML or JSON text, without recursion.
 *
 * Returns the offset of the first such collection in the text, or `undefined` when there is none.
 *
 * The yaml composer, `toJS` and the checks that follow recurse once per level: on text nested
 * thousands of levels deep they overflow the stack, and when that happens while V8 compiles a
 * regular expression the whole process aborts. The CST parser keeps its own stack, so measuring
 * the depth on its tokens is safe whatever the input.
 */
export function findTooDeep(text: string, limit: number): number | undefined {
  return findTooDeepInTokens(Array.from(new Parser().parse(text)), limit);
}

/** {@link findTooDeep} on the CST tokens of a text, so that a caller can compose the same tokens next. */
export function findTooDeepInTokens(tokens: readonly CST.Token[], limit: number): number | undefined {
  let found: number | undefined;
  const pending: Array<[CST.Token, number]> = [];
  for (const token of tokens) pending.push([token, 0]);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [token, depth] = next;
    const children: Array<CST.Token | null | undefined> = [];
    if (token.type === 'document') children.push(token.value);
    if (token.type === 'block-scalar') children.push(...token.props);
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= limit) {
        found = found === undefined ? token.offset : Math.min(found, token.offset);
        continue;
      }
      for (const item of token.items) children.push(...item.start, item.key, ...(item.sep ?? []), item.value);
    }
    for (const child of children) {
      if (child) pending.push([child, token.type === 'document' ? depth : depth + 1]);
    }
  }
  return found;
}

/**
 * {@link findTooDeep} for JSON text: counts brackets outside strings in one linear scan, much
 * cheaper than the YAML CST on a large JSON document. Exact for valid JSON; for invalid JSON the
 * parse reports the syntax error anyway.
 */
export function findTooDeepJson(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = jsonStringEnd(text, i);
    } else if (c === '{' || c === '[') {
      if (depth >= limit) return i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
    }
  }
  return undefined;
}
