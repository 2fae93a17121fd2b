import fc from 'fast-check';
import { backoffDelay, DEFAULT_RETRY_POLICY, nextDelay, parseRetryAfter, resolveRetryPolicy } from '../../lib/api';

describe('retry policy', () => {
  test('has the documented defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 5,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      retryStatuses: [429, 500, 502, 503, 504],
      neverRetryStatuses: [400, 401, 403, 404, 405, 406, 409, 413, 415, 422],
      retryAfterCapMs: 60000,
      maxTimeouts: 2,
    });
  });

  test('backoff doubles from the base delay up to the cap before jitter', () => {
    const almostOne = (): number => 0.999999;
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(DEFAULT_RETRY_POLICY, retry, almostOne));
    expect(ceilings).toEqual([249, 499, 999, 1999, 3999, 7999, 7999, 7999]);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0)).toBe(0);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0.5)).toBe(500);
  });

  test('full jitter keeps every delay between 0 and the capped exponential ceiling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, r) => {
        const delay = backoffDelay(DEFAULT_RETRY_POLICY, retry, () => r);
        const ceiling = Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (retry - 1));
        return delay >= 0 && delay <= ceiling && Number.isInteger(delay);
      }),
    );
  });

  test.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    [' 7 ', 7000],
  ])('reads Retry-After %j as seconds', (header, ms) => {
    expect(parseRetryAfter(header)).toBe(ms);
  });

  test('reads Retry-After as an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2026-06-15T12:00:00Z');
    expect(parseRetryAfter('Mon, 15 Jun 2026 12:00:30 GMT', now)).toBe(30000);
    expect(parseRetryAfter('Mon, 15 Jun 2026 11:59:00 GMT', now)).toBe(0);
  });

  test.each([[undefined], [null], [''], ['soon'], ['-5'], ['3s']])('ignores an unreadable Retry-After %j', (header) => {
    expect(parseRetryAfter(header)).toBeUndefined();
  });

  test('waits the Retry-After when the server gives one, and gives up when it exceeds the cap', () => {
    const policy = resolveRetryPolicy({ retryAfterCapMs: 10000 });
    expect(nextDelay(policy, 1, 3000, () => 0.5)).toBe(3000);
    expect(nextDelay(policy, 1, 0, () => 0.5)).toBe(125);
    expect(nextDelay(policy, 1, undefined, () => 0.5)).toBe(125);
    expect(nextDelay(policy, 1, 10001, () => 0.5)).toBeUndefined();
  });

  test('fills a partial policy with the defaults', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2, baseDelayMs: undefined })).toMatchObject({ maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 8000 });
  });

  test.each([[{ maxAttempts: 0 }], [{ baseDelayMs: -1 }], [{ maxDelayMs: Number.NaN }]])('fails with a RangeError for the policy %j', (partial) => {
    expect(() => resolveRetryPolicy(partial)).toThrow(RangeError);
  });
});
