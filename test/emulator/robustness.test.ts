import fc from 'fast-check';
import { ACME_ADMIN, ACME_CI, BASE, definitionYaml, rawRequest, rawStatus, startTest, type TestEmulator } from './support';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
const CONTENT_TYPES = ['application/yaml', 'application/json', 'text/yaml', 'application/x-yaml', 'text/plain', 'application/json; charset=utf-8', 'application/yaml; charset=latin1', 'multipart/form-data; boundary=x', '*/*', ';;', 'application/'];
const ACCEPTS = ['application/yaml', 'application/json', '*/*', 'text/html', 'application/json;q=0', 'garbage;;q=x', ''];
const SAFE_TEXT = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-.~!*()\'; ='.split('')), maxLength: 40 });

/** Paths under the API: endpoint templates with hostile ids and extra segments. */
const pathArb = fc
  .tuple(
    fc.constantFrom('/pipelines', '/pipelines/{id}', '/pipelines/{id}/definition', '/pipelines/{id}/definition/validate', '/pipelines/{id}/start', '/pipelines/{id}/stop', '/pipelines/validate', '/api-keys', '/api-keys/{id}', '/{id}', ''),
    fc.oneof(
      fc.integer({ min: -5, max: 5 }).map(String),
      fc.bigInt({ min: 0n, max: 10n ** 60n }).map(String),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
      fc.constantFrom("1' OR '1'='1", '1;DROP TABLE pipelines', '%00', '%2e%2e%2f', '..%2f..%2fetc%2fpasswd', '1%0d%0aX-Injected: 1', '%F0%9F%92%A9', 'NaN', '1e309', '0x10', ' 1'.replace(' ', '%20')),
    ),
    fc.constantFrom('', '?page=1', '?page=0&page_size=1000', '?force=true', '?force=maybe', '?page=%ZZ', '?page[]=1', '?page=1&page=2', '?__proto__=1'),
  )
  .map(([template, id, query]) => `${template.replace('{id}', id)}${query}`);

/** Bodies: definitions, JSON values, random text and bytes, deep nesting. */
const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.constant(definitionYaml()),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.record({ definition_version: fc.jsonValue({ maxDepth: 1 }), name: fc.string(), source: fc.jsonValue({ maxDepth: 2 }), tables: fc.jsonValue({ maxDepth: 2 }), __proto__: fc.jsonValue({ maxDepth: 1 }) }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.integer({ min: 1, max: 20000 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 5000 }).map((n) => `${'a:\n'.repeat(1)}${Array.from({ length: n }, (_, i) => `${' '.repeat(i % 200)}- `).join('')}x`),
  fc.constant('a: &a [*a]\n'),
  fc.constant(`a: &a ["x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`),
  fc.constant(definitionYaml().replace('orders-to-snowflake', '"\\ud800"')),
);

const authArb = fc.oneof(fc.constant(`Bearer ${ACME_ADMIN}`), fc.constant(`Bearer ${ACME_CI}`), fc.constant(undefined), SAFE_TEXT.map((s) => `Bearer fdk_${s}`), SAFE_TEXT);

describe('emulator robustness', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTest({ bodyLimitBytes: 64 * 1024 });
  });
  afterAll(() => t.close());

  it('never answers 500 to random methods, paths, headers and bodies, always in the error format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), pathArb, authArb, fc.option(fc.constantFrom(...CONTENT_TYPES)), fc.option(fc.constantFrom(...ACCEPTS)), bodyArb, async (method, path, auth, contentType, accept, body) => {
        const headers: Record<string, string> = {};
        if (auth !== undefined) headers.authorization = auth;
        if (contentType !== null) headers['content-type'] = contentType;
        if (accept !== null) headers.accept = accept;
        const sendsBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
        const res = await fetch(`${t.url}${BASE}${path}`, { method, headers, body: sendsBody ? body : undefined });
        const text = await res.text();
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400 && method !== 'HEAD') {
          expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
          const parsed = JSON.parse(text) as { error: { code: unknown; message: unknown } };
          expect(typeof parsed.error.code).toBe('string');
          expect(typeof parsed.error.message).toBe('string');
        }
      }),
      { numRuns: 150 },
    );
    expect((await t.api('/pipelines')).status).toBe(200);
    expect(t.lines.some((l) => / 500 /.test(l))).toBe(false);
  });

  it('never answers 500 to raw request lines with hostile paths and bytes, and keeps answering', async () => {
    const lineArb = fc.oneof(
      fc.constantFrom(`${BASE}/pipelines/../../etc/passwd`, `${BASE}/./pipelines`, `${BASE}/pipelines/%`, `${BASE}/pipelines/%G1`, `${BASE}/pipelines/1%2F2`, `${BASE}/pipelines\\1`, '*', `http://evil.example${BASE}/pipelines`, `${BASE}/pipelines/${'9'.repeat(9000)}`),
      fc.uint8Array({ minLength: 1, maxLength: 30 }).map((b) => `${BASE}/pipelines/${Buffer.from(b).toString('latin1').replace(/[\s]/g, '_')}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'DELETE', 'BREW'), lineArb, async (method, target) => {
        const response = await rawRequest(t.url, Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ACME_ADMIN}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, 'latin1'));
        const status = rawStatus(response);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    expect((await t.api('/pipelines')).status).toBe(200);
  });

  it('answers deeply nested JSON and YAML bodies with 422', async () => {
    for (const [type, body] of [
      ['application/json', `${'['.repeat(30000)}${']'.repeat(30000)}`],
      ['application/json', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
      ['application/yaml', `${'['.repeat(10000)}${']'.repeat(10000)}`],
      ['application/yaml', `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`],
      ['application/yaml', Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}a${i}:`).join('\n')],
    ]) {
      const res = await t.api('/pipelines', { method: 'POST', headers: { 'content-type': type }, body });
      expect([type, res.status]).toEqual([type, 422]);
    }
    expect((await t.api('/pipelines')).status).toBe(200);
  });
});
