import { isToken } from './is-token';
import { DEFINITION_VERSION, FREQUENCY_RANGE, HOOK_EVENTS, definitionProblems, parsePath, type DefinitionIssue, type PathSegment } from '../definition';

/** Longest rendering of a value quoted in a message, in characters. */
const MAX_VALUE_LENGTH = 120;

/**
 * Replaces unresolved tokens by placeholders the definition rules accept, and records where they
 * were: a number token becomes 1 (a valid id, version and frequency), a string token stays as it
 * is (it is a string, and equal tokens still compare equal, so a transformation can name a table
 * whose name is a token), a list token becomes an empty list and any other token is left out.
 */
function substituteTokens(value: unknown, path: PathSegment[], found: PathSegment[][]): unknown {
  if (isToken(value)) {
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

/**
 * Whether {@link substituteTokens} would change anything in a value: a token, or a `{}` object
 * without a prototype (copied into an ordinary object), somewhere in it. Most documents have
 * neither, and are checked as they are instead of copied.
 */
function needsSubstitution(value: unknown): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'string' && typeof value !== 'number')) return false;
  if (isToken(value)) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (needsSubstitution(item)) return true;
    return false;
  }
  if (!isPlainObject(value)) return false;
  if (Object.getPrototypeOf(value) === null) return true;
  for (const key of Object.keys(value)) if (needsSubstitution(value[key])) return true;
  return false;
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

/** Copies `{}` objects and lists at every depth; anything else is shared. */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyPlain(item)]));
  return value;
}

/** The lists whose entries are replaced one by one when an entry has a shape problem. */
const LISTS = ['tables', 'transformations', 'hooks'];

/** A valid stand-in for a field (or list entry) with a shape problem; undefined to leave the field out. */
function placeholder(unit: readonly PathSegment[]): unknown {
  const [field, index] = unit;
  if (typeof index === 'number') {
    if (field === 'tables') return { name: `\u0000repaired-table-${index}` };
    if (field === 'transformations') return { type: 'history_mode', table: '\u0000repaired-table' };
    return { id: Number.MAX_SAFE_INTEGER - index, events: [HOOK_EVENTS[0]] };
  }
  switch (field) {
    case 'definition_version':
      return DEFINITION_VERSION;
    case 'name':
      return 'repaired';
    case 'source':
    case 'destination':
      return { connection: { id: 1 } };
    case 'sync':
      return { frequency: FREQUENCY_RANGE.min };
    case 'tables':
      return [{ name: '\u0000repaired-table' }];
    default:
      return undefined;
  }
}

/**
 * A copy of a document whose shape problems are set aside, so the rules can be checked too: an
 * unknown key is removed; any other problem replaces the field it is in (or the list entry, for
 * tables, transformations and hooks) by a valid stand-in, whose path is added to `replaced`.
 * Undefined when a problem concerns the whole document.
 */
function setAside(document: unknown, issues: readonly DefinitionIssue[], replaced: PathSegment[][]): Record<string, unknown> | undefined {
  if (!isPlainObject(document)) return undefined;
  const copy = copyPlain(document) as Record<string, unknown>;
  for (const issue of issues) {
    const path = parsePath(issue.path);
    if (path.length === 0) return undefined;
    if (issue.code === 'unknown_key') {
      const parent = valueAt(copy, path.slice(0, -1));
      if (isPlainObject(parent)) delete parent[path[path.length - 1]];
      continue;
    }
    const unit = LISTS.includes(String(path[0])) && typeof path[1] === 'number' ? path.slice(0, 2) : path.slice(0, 1);
    const parent = unit.length === 1 ? copy : valueAt(copy, unit.slice(0, 1));
    const key = unit[unit.length - 1];
    const value = placeholder(unit);
    if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
    else if (isPlainObject(parent)) {
      if (value === undefined) delete parent[key];
      else parent[key] = value;
    }
    replaced.push(unit);
  }
  return copy;
}

/**
 * Every problem of a document at once: its shape problems (the API's 422) and the rules it
 * breaks (the API's 400), which the API and `validateDefinition` only check once the shape is
 * right. The rules are checked on a copy with the shape problems set aside; the rule problems
 * about a field that was set aside are left out (they would be about the stand-in).
 */
function allIssues(value: unknown, tokenPaths: readonly PathSegment[][]): DefinitionIssue[] {
  // Only the verdict matters here: definitionProblems skips the canonical form validateDefinition builds.
  let problems = definitionProblems(value);
  if (!problems) return [];
  if (problems.kind !== 'shape') return [...problems.issues];
  const shapeIssues = [...problems.issues];
  const replaced: PathSegment[][] = [...tokenPaths];
  let current: unknown = value;
  for (let round = 0; round < 3 && problems?.kind === 'shape'; round++) {
    current = setAside(current, problems.issues, replaced);
    if (current === undefined) return shapeIssues;
    problems = definitionProblems(current);
  }
  if (!problems || problems.kind === 'shape') return shapeIssues;
  return [...shapeIssues, ...problems.issues.filter((issue) => issue.kind === 'semantic' && !involvesToken(issue, replaced))];
}

/**
 * Checks a definition document that may hold unresolved tokens (values only known at apply
 * time, e.g. a connection id from a Terraform variable): every problem found by
 * `validateDefinition` (through `definitionProblems`), shape and rules together (see `allIssues`), except those about a token.
 *
 * Each message ends with the offending value, `(got …)`, when the field has one and the
 * message does not already quote it, so the error shows both the value and the fix.
 */
export function checkDocument(document: unknown): DefinitionIssue[] {
  const tokenPaths: PathSegment[][] = [];
  // definitionProblems and setAside copy what they change: the document itself is checked when there is nothing to substitute.
  const substituted = needsSubstitution(document) ? substituteTokens(document, [], tokenPaths) : document;
  return allIssues(substituted, tokenPaths)
    .filter((issue) => !involvesToken(issue, tokenPaths))
    .map((issue) => {
      const value = valueAt(document, parsePath(issue.path));
      if (value === undefined || issue.path === '' || /\bgot\b/.test(issue.message)) return issue;
      const rendered = renderValue(value);
      return issue.message.includes(rendered) ? issue : { ...issue, message: `${issue.message} (got ${rendered})` };
    });
}
