import type { ValidationResult } from '../../definition/validate';

/** How many distinct documents {@link memoizedValidation} keeps: far more than a plan's pipelines. */
export const DEFINITION_CHECK_MEMO_SIZE = 2048;

const results = new Map<string, ValidationResult>();

/**
 * The key of a document for the memo: its JSON text, when that text stands for exactly one
 * document. Undefined (not memoised) when JSON would blur it: a number that is not finite (JSON
 * writes it as null) or anything JSON leaves out or rewrites (undefined, functions, symbols,
 * bigints, objects with a `toJSON` or another prototype).
 */
function documentKey(document: unknown): string | undefined {
  return isPlainJson(document, 0) ? JSON.stringify(document) : undefined;
}

function isPlainJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  // Deeper than lib/definition accepts: not worth a key (the check reports it anyway).
  if (depth > 64 || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainJson(item, depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (key === '__proto__' || key === 'toJSON') return false;
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * `validate(document)` (lib/definition's `validateDefinition`, which is pure), remembered per
 * document for the life of the process: Terraform sends the same document several times per
 * command (ValidateResourceConfig, the proposed and the prior state of PlanResourceChange, the
 * planned state of ApplyResourceChange), and each check would otherwise run the whole zod schema
 * and the rules again. Every document is still checked, once; the same document always gets the
 * same answer. Results are deeply frozen, since callers share them. At most
 * {@link DEFINITION_CHECK_MEMO_SIZE} documents are kept (the oldest go first).
 */
export function memoizedValidation(document: unknown, validate: (document: unknown) => ValidationResult): ValidationResult {
  const key = documentKey(document);
  if (key === undefined) return validate(document);
  const known = results.get(key);
  if (known !== undefined) return known;
  const result = deepFreeze(validate(document));
  if (results.size >= DEFINITION_CHECK_MEMO_SIZE) results.delete(results.keys().next().value as string);
  results.set(key, result);
  return result;
}
