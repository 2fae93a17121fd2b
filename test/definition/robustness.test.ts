import { MAX_NAME_LENGTH, MAX_REPORTED_ISSUES, characterCount, findDuplicateJsonKey, tryParseDefinition, validateDefinition, type DefinitionIssue } from '../../lib/definition';
import { minimalDoc } from './documents';

function issuesOf(text: string, format: 'json' | 'yaml' | 'auto' = 'auto'): readonly DefinitionIssue[] {
  const result = tryParseDefinition(text, { format });
  if (result.ok) throw new Error('expected an invalid document');
  return result.issues;
}

describe('duplicate keys in JSON', () => {
  test('fails on a JSON document with "name" twice, naming the field and its line, like YAML does', () => {
    const text = JSON.stringify(minimalDoc(), null, 2).replace('"name": "orders-to-snowflake",', '"name": "orders-to-snowflake",\n  "name": "something-else",');
    const issues = issuesOf(text, 'json');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'syntax', code: 'duplicate_key', path: 'name', line: 4, column: 3 });
    expect(issues[0].message).toContain('"name" appears twice');
    const yaml = issuesOf('definition_version: 1\nname: a\nname: b\n', 'yaml');
    expect(yaml[0].kind).toBe('syntax');
  });

  test('fails on a duplicate written with an escape, deep in a list', () => {
    const doc = minimalDoc();
    const text = JSON.stringify(doc).replace('{"name":"public.orders"}', '{"name":"public.orders","n\\u0061me":"public.other"}');
    expect(issuesOf(text, 'json')[0]).toMatchObject({ code: 'duplicate_key', path: 'tables[0].name' });
  });

  test('accepts the same key in different objects and keys that only look alike', () => {
    expect(findDuplicateJsonKey('{"a":{"b":1},"c":{"b":2},"d":[{"b":1},{"b":2}],"e":"\\"b\\"","B":1,"b":3}')).toBeUndefined();
    expect(tryParseDefinition(JSON.stringify(minimalDoc()), { format: 'json' }).ok).toBe(true);
  });
});

describe('names are measured in Unicode characters', () => {
  test('accepts a name of 128 emoji (256 UTF-16 units) and counts it as 128 characters', () => {
    const name = '🚀'.repeat(128);
    expect(characterCount(name)).toBe(128);
    expect(validateDefinition({ ...minimalDoc(), name }).ok).toBe(true);
  });

  test('fails on a name one character too long, counting emoji as one character each', () => {
    const name = '🚀'.repeat(MAX_NAME_LENGTH + 1);
    const result = validateDefinition({ ...minimalDoc(), name });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toContain(`name is ${MAX_NAME_LENGTH + 1} characters long`);
  });
});

describe('long problem lists', () => {
  test('fails with the first 100 problems and one that counts the rest', () => {
    const tables = Array.from({ length: 5000 }, () => ({ name: '' }));
    const text = JSON.stringify({ ...minimalDoc(), tables });
    const issues = issuesOf(text, 'json');
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    const last = issues[issues.length - 1];
    expect(last.code).toBe('too_many_issues');
    expect(last.message).toMatch(/^and \d+ more problems/);
    expect(issues[1]).toMatchObject({ path: 'tables[1].name', line: 1 });
  });
});
