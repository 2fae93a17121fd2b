import { MAX_REPORTED_ISSUES } from './constants';

/**
 * The class of a problem with a definition document:
 * - `syntax`: the text is not valid YAML or JSON;
 * - `shape`: unknown keys, wrong types, missing required fields (the API answers 422);
 * - `semantic`: the document parsed but breaks a rule of the reference (the API answers 400).
 */
export type IssueKind = 'syntax' | 'shape' | 'semantic';

/** One problem found in a definition document. Problems are data, rendered by {@link formatIssues}. */
export interface DefinitionIssue {
  /** The class of the problem. */
  readonly kind: IssueKind;
  /** A stable machine-readable code such as `unknown_key` or `include_and_exclude`. */
  readonly code: string;
  /** The failing field, e.g. `tables[1].columns`; empty for the whole document. */
  readonly path: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
  /** 1-based line in the source text, when the problem was found in text. */
  readonly line?: number;
  /** 1-based column in the source text, when the problem was found in text. */
  readonly column?: number;
}

/** The most serious kind among issues: syntax, then shape, then semantic. */
export function worstKind(issues: readonly DefinitionIssue[]): IssueKind {
  if (issues.some((i) => i.kind === 'syntax')) return 'syntax';
  if (issues.some((i) => i.kind === 'shape')) return 'shape';
  return 'semantic';
}

/**
 * Keeps the first `max` issues and replaces the rest with one `too_many_issues` issue saying how
 * many were left out (of the worst kind among them). A list within the limit is returned as is.
 */
export function capIssues(issues: readonly DefinitionIssue[], max: number = MAX_REPORTED_ISSUES): readonly DefinitionIssue[] {
  if (issues.length <= max) return issues;
  const rest = issues.slice(max);
  const more: DefinitionIssue = { kind: worstKind(rest), code: 'too_many_issues', path: '', message: `and ${rest.length} more problems not listed: fix the ones above first` };
  return [...issues.slice(0, max), more];
}

/** Renders one issue as `source:line:column: path: message` (the parts that are known). */
export function formatIssue(issue: DefinitionIssue, source?: string): string {
  const where: string[] = [];
  if (source !== undefined) where.push(source);
  if (issue.line !== undefined) where.push(String(issue.line));
  if (issue.line !== undefined && issue.column !== undefined) where.push(String(issue.column));
  const prefix = where.length > 0 ? `${where.join(':')}: ` : '';
  const field = issue.path === '' ? '' : `${issue.path}: `;
  return `${prefix}${field}${issue.message}`;
}

/** Renders issues one per line, for the CLI, the provider and the constructs alike. */
export function formatIssues(issues: readonly DefinitionIssue[], source?: string): string {
  return issues.map((i) => formatIssue(i, source)).join('\n');
}

/**
 * The one error the definition module throws: it carries every issue found.
 *
 * `kind` is the worst kind among the issues; `source` names the file or text the issues are in.
 */
export class DefinitionError extends Error {
  /** The most serious kind among {@link DefinitionError.issues}. */
  readonly kind: IssueKind;
  /** Every problem found, in document order. */
  readonly issues: readonly DefinitionIssue[];
  /** The file name or label the text came from, when known. */
  readonly source?: string;

  constructor(issues: readonly DefinitionIssue[], source?: string) {
    const head = issues.length === 1 ? 'invalid pipeline definition' : `invalid pipeline definition (${issues.length} problems)`;
    super(`${head}:\n${formatIssues(issues, source)}`);
    this.name = 'DefinitionError';
    this.kind = worstKind(issues);
    this.issues = issues;
    this.source = source;
  }
}

/** True when a value is a {@link DefinitionError} (also across module copies). */
export function isDefinitionError(value: unknown): value is DefinitionError {
  return value instanceof DefinitionError || (value instanceof Error && value.name === 'DefinitionError' && Array.isArray((value as DefinitionError).issues));
}
