import type { z } from 'zod';
import { formatPath, type PathSegment } from './path';
import type { DefinitionIssue, IssueKind } from './issues';

/** Describes a value's type for messages: `a string`, `a list`, `nothing`, ... */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a whole number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/**
 * Turns zod issues into definition issues of the given kind, with field paths and messages that
 * say what to do. `root` is the value that was checked, used to tell a missing field from a wrong one.
 */
export function fromZodIssues(zodIssues: readonly z.core.$ZodIssue[], root: unknown, kind: IssueKind, prefix: readonly PathSegment[] = []): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  for (const issue of zodIssues) {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    const actual = valueAt(root, issue.path as PathSegment[]);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push({ kind, code: 'unknown_key', path: formatPath([...path, key]), message: `unknown key ${JSON.stringify(key)}: remove it or check its spelling` });
        }
        break;
      case 'invalid_type': {
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        if (actual === undefined) {
          out.push({ kind, code: 'missing_field', path: formatPath(path), message: `required field is missing: add it (${expected})` });
        } else if (issue.expected === 'int' || (issue.expected === 'number' && typeof actual === 'number')) {
          out.push({ kind, code: 'wrong_type', path: formatPath(path), message: `expected a whole number, got ${describeValue(actual)}` });
        } else {
          out.push({ kind, code: 'wrong_type', path: formatPath(path), message: `expected ${expected}, got ${describeValue(actual)}` });
        }
        break;
      }
      case 'invalid_value':
        out.push({ kind, code: 'invalid_value', path: formatPath(path), message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${typeof actual === 'string' ? JSON.stringify(actual) : describeValue(actual)}` });
        break;
      case 'too_small':
      case 'custom':
        out.push({ kind, code: 'invalid_value', path: formatPath(path), message: issue.message });
        break;
      case 'too_big':
        out.push({ kind, code: 'wrong_type', path: formatPath(path), message: `expected a whole number that fits in 53 bits, got ${describeValue(actual)}` });
        break;
      default:
        out.push({ kind, code: 'wrong_type', path: formatPath(path), message: issue.message });
    }
  }
  return out;
}
