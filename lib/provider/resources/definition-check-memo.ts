import type { ValidationResult } from '../../definition/validate';
import type { DefinitionInput } from './definition-input';

/** How many distinct documents {@link memoizedValidation} keeps: far more than a plan's pipelines. */
export const DEFINITION_CHECK_MEMO_SIZE = 2048;

const results = new Map<string, ValidationResult>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * `validate(input.document)` (lib/definition's `validateDefinition`, which is pure), remembered per
 * document for the life of the process: Terraform sends the same document several times per
 * command (ValidateResourceConfig, the proposed and the prior state of PlanResourceChange, the
 * planned state of ApplyResourceChange), and each check would otherwise run the whole zod schema
 * and the rules again. Every document is still checked, once; the same document always gets the
 * same answer. The key is the document's JSON text, used only when that text stands for exactly
 * this document (`input.plainJson`; otherwise the document is checked every time). Results are
 * deeply frozen, since callers share them. At most {@link DEFINITION_CHECK_MEMO_SIZE} documents
 * are kept (the oldest go first).
 */
export function memoizedValidation(input: DefinitionInput, validate: (document: unknown) => ValidationResult): ValidationResult {
  if (!input.plainJson) return validate(input.document);
  const key = JSON.stringify(input.document);
  const known = results.get(key);
  if (known !== undefined) return known;
  const result = deepFreeze(validate(input.document));
  if (results.size >= DEFINITION_CHECK_MEMO_SIZE) results.delete(results.keys().next().value as string);
  results.set(key, result);
  return result;
}
