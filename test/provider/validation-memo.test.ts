import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VALIDATION_MEMO_TTL_MS, ValidationMemo } from '../../lib/provider/resources/validation-memo';

const KEY = 'fdk_memo_test_key_0123456789abcdefghij';

describe('ValidationMemo', () => {
  test('remembers an accepted definition per target, for another instance (another provider launch) too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memo-'));
    const first = new ValidationMemo('http://127.0.0.1:1', KEY, dir);
    expect(first.has('new', '{"a":1}')).toBe(false);
    first.remember('new', '{"a":1}');
    const second = new ValidationMemo('http://127.0.0.1:1', KEY, dir);
    expect(second.has('new', '{"a":1}')).toBe(true);
    expect(second.has('pipeline 7', '{"a":1}')).toBe(false);
    expect(second.has('new', '{"a":2}')).toBe(false);
  });

  test('keeps accounts and API URLs apart, and forgets after the TTL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memo-'));
    new ValidationMemo('http://127.0.0.1:1', KEY, dir).remember('new', 'doc');
    expect(new ValidationMemo('http://127.0.0.1:2', KEY, dir).has('new', 'doc')).toBe(false);
    expect(new ValidationMemo('http://127.0.0.1:1', `${KEY}x`, dir).has('new', 'doc')).toBe(false);
    expect(new ValidationMemo('http://127.0.0.1:1', KEY, dir).has('new', 'doc', Date.now() + VALIDATION_MEMO_TTL_MS + 1)).toBe(false);
  });

  test('stores nothing readable: empty files named by a hash, never the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memo-'));
    new ValidationMemo('http://127.0.0.1:1', KEY, dir).remember('new', 'secret-free document');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, files[0]), 'utf8')).toBe('');
  });
});
