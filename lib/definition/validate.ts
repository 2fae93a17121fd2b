import { canonicalize } from './canonical';
import { MAX_NESTING_DEPTH } from './constants';
import { capIssues, worstKind, type DefinitionIssue, type IssueKind } from './issues';
import { formatPath, type PathSegment } from './path';
import { checkRules } from './rules';
import { pipelineDefinitionSchema, type PipelineDefinition } from './schema';
import { describeValue, fromZodIssues } from './shape';

/** The outcome of checking a value: the canonical definition, or every problem found. */
export type ValidationResult =
  | { readonly ok: true; readonly definition: PipelineDefinition }
  | { readonly ok: false; readonly kind: IssueKind; readonly issues: readonly DefinitionIssue[] };

/** What {@link dropNullKeys} found on its way: `__proto__` keys, and a value nested too deeply. */
interface Findings {
  readonly protoKeys: PathSegment[][];
  tooDeep?: PathSegment[];
}

/**
 * Removes object keys whose value is null, at every depth: null means "absent" in a document.
 *
 * A `__proto__` key is left out of the copy and its path recorded: assigning it would replace the
 * copy's prototype, so zod would neither report it as unknown nor stop reading fields through it.
 * Stops at the first value nested more than {@link MAX_NESTING_DEPTH} levels (or a cycle) and
 * records its path, rather than overflowing the stack.
 */
function dropNullKeys(value: unknown, path: PathSegment[], found: Findings): unknown {
  if (found.tooDeep) return value;
  const nested = Array.isArray(value) || (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype);
  if (nested && path.length >= MAX_NESTING_DEPTH) {
    found.tooDeep = path;
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => dropNullKeys(v, [...path, i], found));
  if (nested) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as object)) {
      if (key === '__proto__') found.protoKeys.push([...path, key]);
      // A null key stays, as undefined: absent for a known optional field, still reported when unknown.
      else out[key] = v === null ? undefined : dropNullKeys(v, [...path, key], found);
    }
    return out;
  }
  return value;
}

/** The problems of a value that is not a valid definition: their worst kind, and the list. */
export interface DefinitionProblems {
  /** `shape` when the shape is wrong (the rules were not checked), else the worst rule problem's kind. */
  readonly kind: IssueKind;
  /** The problems, at most `MAX_REPORTED_ISSUES` then one that counts the rest. */
  readonly issues: readonly DefinitionIssue[];
}

/** What {@link checkValue} found: the shape-checked definition (not yet canonical), or the problems. */
type CheckOutcome = { readonly ok: true; readonly data: PipelineDefinition } | (ValidationResult & { readonly ok: false });

/** The shape check, then the rules; the definition as the schema read it when both pass. */
function checkValue(value: unknown): CheckOutcome {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, kind: 'shape', issues: [{ kind: 'shape', code: 'wrong_type', path: '', message: `a pipeline definition is an object (a mapping of keys), got ${describeValue(value)}` }] };
  }
  const found: Findings = { protoKeys: [] };
  const cleaned = dropNullKeys(value, [], found);
  if (found.tooDeep) {
    return { ok: false, kind: 'shape', issues: [{ kind: 'shape', code: 'too_deep', path: formatPath(found.tooDeep), message: `the value is nested more than ${MAX_NESTING_DEPTH} levels deep (or contains itself): simplify it` }] };
  }
  const protoKeys = found.protoKeys;
  const shape = pipelineDefinitionSchema.safeParse(cleaned);
  if (!shape.success || protoKeys.length > 0) {
    const unknown = protoKeys.map((p): DefinitionIssue => ({ kind: 'shape', code: 'unknown_key', path: formatPath(p), message: 'unknown key "__proto__": remove it or check its spelling' }));
    const issues = [...unknown, ...(shape.success ? [] : fromZodIssues(shape.error.issues, cleaned, 'shape'))];
    return { ok: false, kind: 'shape', issues: capIssues(issues) };
  }
  const issues = checkRules(shape.data);
  if (issues.length > 0) return { ok: false, kind: worstKind(issues), issues: capIssues(issues) };
  return { ok: true, data: shape.data };
}

/**
 * Checks an already-parsed value (from YAML, JSON, HCL or code) against the definition schema
 * (shape) and then the reference's rules (semantic). Never throws.
 *
 * A key set to null counts as absent. On success the definition is returned in canonical form.
 * At most `MAX_REPORTED_ISSUES` (100) problems are listed, then one that counts the rest.
 */
export function validateDefinition(value: unknown): ValidationResult {
  const outcome = checkValue(value);
  return outcome.ok ? { ok: true, definition: canonicalize(outcome.data) } : outcome;
}

/**
 * The same check as {@link validateDefinition} when only its verdict matters: the problems
 * (undefined when the value is a valid definition), without building the canonical form. Never
 * throws.
 *
 * @example
 * const problems = definitionProblems(doc);
 * if (problems) for (const issue of problems.issues) console.error(issue.path, issue.message);
 */
export function definitionProblems(value: unknown): DefinitionProblems | undefined {
  const outcome = checkValue(value);
  return outcome.ok ? undefined : { kind: outcome.kind, issues: outcome.issues };
}
