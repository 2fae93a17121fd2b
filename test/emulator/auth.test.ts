import { ACME_ADMIN, ACME_CI, BASE, errorOf, startTest, type TestEmulator } from './support';
import { DEFAULT_SEED } from '../../lib/emulator';

describe('emulator authentication', () => {
  let t: TestEmulator;
  const expiredKey = 'fdk_emulator_expired_key_0000000000000004';
  const futureKey = 'fdk_emulator_future_key_00000000000000005';

  beforeAll(async () => {
    const seed = structuredClone(DEFAULT_SEED);
    seed.accounts[0].keys.push({ name: 'old', value: expiredKey, admin: true, expires_at: '2020-01-01T00:00:00Z' });
    seed.accounts[0].keys.push({ name: 'later', value: futureKey, admin: false, expires_at: '2999-01-01T00:00:00Z' });
    t = await startTest({ seed });
  });
  afterAll(() => t.close());

  it('accepts a seeded admin key, a non-admin key and a key that expires in the future', async () => {
    for (const key of [ACME_ADMIN, ACME_CI, futureKey]) expect((await t.api('/pipelines', { key })).status).toBe(200);
  });

  it('accepts the Bearer scheme in any case', async () => {
    expect((await t.api('/pipelines', { key: null, headers: { authorization: `bearer ${ACME_ADMIN}` } })).status).toBe(200);
  });

  it('lists the usable seeded keys, leaving out expired ones', () => {
    expect(t.emulator.keys.map((k) => k.value)).toEqual([ACME_ADMIN, ACME_CI, futureKey, 'fdk_emulator_globex_admin_key_00000000003']);
    expect(t.emulator.keys[0]).toEqual({ account: 'acme', name: 'admin', value: ACME_ADMIN, admin: true });
  });

  const cases: [string, Record<string, string>, RegExp][] = [
    ['fails with 401 when the Authorization header is missing', {}, /missing API key/],
    ['fails with 401 when the Authorization header is empty', { authorization: '' }, /missing API key/],
    ['fails with 401 for a Basic scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, /malformed/],
    ['fails with 401 for a bearer token without the fdk_ prefix', { authorization: 'Bearer abc123' }, /malformed/],
    ['fails with 401 for a bare key without a scheme', { authorization: ACME_ADMIN }, /malformed/],
    ['fails with 401 for Bearer with no token', { authorization: 'Bearer ' }, /malformed/],
    ['fails with 401 for a key with characters outside the key alphabet', { authorization: 'Bearer fdk_abc$def' }, /malformed/],
    ['fails with 401 for an unknown key', { authorization: 'Bearer fdk_unknownunknownunknownunknown1234' }, /does not exist/],
    ['fails with 401 for an expired key', { authorization: `Bearer ${expiredKey}` }, /expired/],
  ];
  it.each(cases)('%s', async (_name, headers, message) => {
    const res = await t.api('/pipelines', { key: null, headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const error = await errorOf(res);
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(message);
  });

  it('fails with 401 for a revoked key, at once after the revoke', async () => {
    const created = await t.api('/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'temp' }) });
    const { id, value } = (await created.json()) as { id: number; value: string };
    expect((await t.api('/pipelines', { key: value })).status).toBe(200);
    expect((await t.api(`/api-keys/${id}`, { method: 'DELETE' })).status).toBe(204);
    const res = await t.api('/pipelines', { key: value });
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'unauthorized', message: 'this API key was revoked: mint a new one' });
  });

  it('fails with 401 before anything else: unknown routes, wrong methods, bad bodies and bad ids', async () => {
    const probes: [string, RequestInit][] = [
      ['/no-such-route', {}],
      ['', {}],
      ['/pipelines', { method: 'PATCH' }],
      ['/pipelines', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
      ['/pipelines', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: 'x'.repeat(2 * 1024 * 1024) }],
      ['/pipelines/999999', {}],
      ['/pipelines/abc/definition', { headers: { accept: 'text/html' } }],
      ['/pipelines?page=0', {}],
      ['/api-keys', {}],
    ];
    for (const [path, init] of probes) {
      const res = await t.api(path, { ...init, key: null });
      expect([path, res.status]).toEqual([path, 401]);
    }
  });

  it('never writes a key to the log', async () => {
    await t.api('/pipelines', { key: ACME_ADMIN });
    await t.api('/pipelines', { key: 'fdk_not_a_real_key_but_secret_anyway_123' });
    const log = t.lines.join('\n');
    expect(log).not.toContain('fdk_');
    expect(log).toContain(`GET ${BASE}/pipelines 200`);
    expect(log).toContain(`GET ${BASE}/pipelines 401`);
  });

  it('does not ask for a key outside /api/public/v1', async () => {
    const res = await fetch(`${t.url}/somewhere-else`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });
});
