/**
 * The per-process memo of definition checks: the same document gets the same (shared, frozen)
 * answer without a second check, and a document JSON cannot stand for exactly is checked every time.
 */
import type { ObjectValue, Value } from '../../lib/provider/framework';
import { checkDefinitionValue } from '../../lib/provider/resources/check-definition';
import { memoizedValidation } from '../../lib/provider/resources/definition-check-memo';
import { readDefinitionValue } from '../../lib/provider/resources/definition-input';
import { validateDefinition, type ValidationResult } from '../../lib/definition/validate';
import { minimalWith } from '../definition/documents';

/** The reference's minimal document under another name, with top-level overrides. */
function doc(name: string, overrides: Record<string, Value> = {}): ObjectValue {
  return { ...(minimalWith(['name'], name) as ObjectValue), ...overrides };
}

function counting(): { calls: () => number; validate: (document: unknown) => ValidationResult } {
  let calls = 0;
  return { calls: () => calls, validate: (document) => (calls++, validateDefinition(document)) };
}

describe('memoizedValidation', () => {
  test('checks a document once and answers the same document (another copy) from the memo', () => {
    const { calls, validate } = counting();
    const first = memoizedValidation(readDefinitionValue(doc('memo-once')), validate);
    const second = memoizedValidation(readDefinitionValue(structuredClone(doc('memo-once'))), validate);
    expect(calls()).toBe(1);
    expect(second).toBe(first);
    expect(first.ok).toBe(true);
  });

  test('checks documents that differ in any value separately', () => {
    const { calls, validate } = counting();
    memoizedValidation(readDefinitionValue(doc('memo-differ')), validate);
    const other = memoizedValidation(readDefinitionValue(doc('memo-differ', { sync: { frequency: 0 } })), validate);
    expect(calls()).toBe(2);
    expect(other.ok).toBe(false);
  });

  test('shares frozen answers, so that no caller can change what the next one gets', () => {
    const result = memoizedValidation(readDefinitionValue(doc('memo-frozen')), validateDefinition);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.isFrozen(result.definition)).toBe(true);
    expect(Object.isFrozen(result.definition.tables[0])).toBe(true);
    expect(() => {
      (result.definition as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  test('checks every time a document JSON would blur (a number that is not finite, a __proto__ key)', () => {
    const { calls, validate } = counting();
    const infinite = readDefinitionValue(doc('memo-infinite', { sync: { frequency: Infinity } }));
    expect(infinite.plainJson).toBe(false);
    memoizedValidation(infinite, validate);
    memoizedValidation(infinite, validate);
    const proto = readDefinitionValue(JSON.parse('{"__proto__": {"name": "x"}, "definition_version": 1}') as Value);
    expect(proto.plainJson).toBe(false);
    memoizedValidation(proto, validate);
    expect(calls()).toBe(3);
  });

  test('keeps an infinite number apart from null (both written "null" in JSON)', () => {
    const withNull = checkDefinitionValue(doc('memo-null', { sync: { frequency: null } }));
    const withInfinity = checkDefinitionValue(doc('memo-null', { sync: { frequency: Infinity } }));
    expect(withNull.issues.map((i) => `${i.path}: ${i.code}`)).not.toEqual(withInfinity.issues.map((i) => `${i.path}: ${i.code}`));
  });

  test('gives the document checked twice (config and prior state) the very same canonical object', () => {
    const config = checkDefinitionValue(doc('memo-same'));
    const prior = checkDefinitionValue(structuredClone(doc('memo-same')));
    expect(prior.definition).toBe(config.definition);
  });
});
