import type { DefinitionIssue } from '../../definition/issues';
import type { PathSegment } from '../../definition/path';
import type { PipelineDefinition } from '../../definition/schema';
import { isUnknown, type Value } from '../framework';
import { readDefinitionValue } from './definition-input';
import { definitionLibrary } from './lazy-libraries';
import { memoizedValidation } from './definition-check-memo';

/** The outcome of {@link checkDefinitionValue}. */
export interface DefinitionCheck {
  /** The checked canonical document, when the value is fully known and valid. */
  readonly definition?: PipelineDefinition;
  /** The problems found in the known parts (empty when there are none). */
  readonly issues: readonly DefinitionIssue[];
  /** False when some part of the value is unknown (known after apply). */
  readonly known: boolean;
}

/** Rules that look at all of `sync` at once. */
const SYNC_RULES = new Set(['frequency_both_ways', 'frequency_half_pair', 'frequency_missing']);

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/**
 * True when an issue may be about a value that is only known after apply, so that it cannot be
 * decided now: its field is unknown or inside an unknown value (an unknown key is still reported:
 * the key is known even when its value is not), its field contains an unknown value, a `sync` rule
 * while part of `sync` is unknown, a transformation `config` problem while its `type` is unknown,
 * or a reference to `tables` while a table name is unknown.
 */
function dependsOnUnknown(issue: DefinitionIssue, unknownPaths: readonly PathSegment[][]): boolean {
  const path = definitionLibrary().parsePath(issue.path);
  for (const unknown of unknownPaths) {
    if (startsWith(path, unknown) && (path.length > unknown.length || issue.code !== 'unknown_key')) return true;
    if (issue.code !== 'unknown_key' && startsWith(unknown, path)) return true;
    if (SYNC_RULES.has(issue.code) && unknown[0] === 'sync') return true;
    if (issue.code === 'unknown_table' && unknown[0] === 'tables') return true;
    if (unknown[0] === 'transformations' && unknown[2] === 'type' && unknown.length === 3 && startsWith(path, [...unknown.slice(0, 2), 'config'])) return true;
  }
  return false;
}

/**
 * Checks the Terraform value of `definition` strictly with lib/definition: unknown keys, wrong
 * types, missing fields and the reference's rules, each with its field path. Parts that are not
 * known yet (an id from another resource) are skipped, and only they: everything known is
 * checked, including unknown keys next to or around an unknown value.
 */
export function checkDefinitionValue(value: Value): DefinitionCheck {
  if (value === null || isUnknown(value)) return { issues: [], known: !isUnknown(value) };
  const input = readDefinitionValue(value);
  const result = memoizedValidation(input, definitionLibrary().validateDefinition);
  const known = input.unknownPaths.length === 0;
  if (result.ok) return known ? { definition: result.definition, issues: [], known } : { issues: [], known };
  const issues = known ? result.issues : result.issues.filter((issue) => !dependsOnUnknown(issue, input.unknownPaths));
  return { issues, known };
}
