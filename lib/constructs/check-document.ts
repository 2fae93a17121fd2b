import { Token } from 'cdktf';
import { parsePath, validateDefinition, type DefinitionIssue, type PathSegment } from '../definition';

/** Longest rendering of a value quoted in a message, in characters. */
const MAX_VALUE_LENGTH = 120;

/**
 * Replaces unresolved tokens by placeholders the definition rules accept, and records where they
 * were: a number token becomes 1 (a valid id, version and frequency), a string token stays as it
 * is (it is a string, and equal tokens still compare equal, so a transformation can name a table
 * whose name is a token), a list token becomes an empty list and any other token is left out.
 */
function substituteTokens(value: unknown, path: PathSegment[], found: PathSegment[][]): unknown {
  if (Token.isUnresolved(value)) {
    found.push(path);
    if (typeof value === 'number') return 1;
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return [];
    return undefined;
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteTokens(item, [...path, i], found));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = substituteTokens(item, [...path, key], found);
    return out;
  }
  return value;
}

/** True for `{}`-style objects (not class instances such as tokens). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/** The value at a field path of a document, or undefined. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Renders a value for a message: JSON, shortened when long. */
export function renderValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/**
 * Decides whether an issue is about a value that is only known at apply time: the failing field
 * is a token or lies inside one, or the issue is a cross-reference to tables (`unknown_table`)
 * while some table name, or the whole list, is a token.
 */
function involvesToken(issue: DefinitionIssue, tokenPaths: readonly PathSegment[][]): boolean {
  const path = parsePath(issue.path);
  if (tokenPaths.some((tokenPath) => startsWith(path, tokenPath))) return true;
  if (issue.code === 'unknown_table') return tokenPaths.some((tokenPath) => tokenPath[0] === 'tables');
  return false;
}

/**
 * Checks a definition document that may hold unresolved tokens (values only known at apply
 * time, e.g. a connection id from a Terraform variable): every problem found by
 * `validateDefinition`, except those about a token.
 *
 * Each message ends with the offending value, `(got …)`, when the field has one and the
 * message does not already quote it, so the error shows both the value and the fix.
 */
export function checkDocument(document: unknown): DefinitionIssue[] {
  const tokenPaths: PathSegment[][] = [];
  const substituted = substituteTokens(document, [], tokenPaths);
  const result = validateDefinition(substituted);
  if (result.ok) return [];
  return result.issues
    .filter((issue) => !involvesToken(issue, tokenPaths))
    .map((issue) => {
      const value = valueAt(document, parsePath(issue.path));
      if (value === undefined || issue.path === '' || /\bgot\b/.test(issue.message)) return issue;
      const rendered = renderValue(value);
      return issue.message.includes(rendered) ? issue : { ...issue, message: `${issue.message} (got ${rendered})` };
    });
}
