import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { parsePath, type DefinitionIssue } from '../definition';

/** Finds the line and column of a problem's field in the text it was read from. */
export type Locator = (issue: DefinitionIssue) => { line: number; column: number } | undefined;

/**
 * A {@link Locator} for a YAML or JSON text that has already been read without syntax errors: an
 * unknown key is located at the key, any other problem at its field's value, or at the nearest
 * enclosing field that is in the text.
 */
export function locatorFor(text: string): Locator {
  const lineCounter = new LineCounter();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let doc: ReturnType<typeof parseDocument> | undefined;
  try {
    doc = parseDocument(source, { lineCounter });
  } catch {
    doc = undefined;
  }
  if (!doc || doc.errors.length > 0) return () => undefined;
  const document = doc;
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return (issue) => {
    const path = parsePath(issue.path);
    if (issue.code === 'unknown_key' && path.length > 0) {
      const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
      const name = String(path[path.length - 1]);
      const key = isMap(parent) ? parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === name)?.key : undefined;
      if (isNode(key) && key.range) return at(key.range[0]);
    }
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? document.contents : document.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return undefined;
  };
}
