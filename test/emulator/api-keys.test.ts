import { ACME_ADMIN, ACME_CI, GLOBEX_ADMIN, errorOf, startTest, type TestEmulator } from './support';

const JSON_TYPE = { 'content-type': 'application/json' };

describe('emulator API key management', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTest();
  });
  afterAll(() => t.close());

  const createKey = (body: unknown, key: string = ACME_ADMIN): Promise<Response> => t.api('/api-keys', { method: 'POST', key, headers: JSON_TYPE, body: JSON.stringify(body) });

  it("lists the account's keys newest first, without secrets", async () => {
    const res = await t.api('/api-keys');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown>[] };
    expect(body.data.map((k) => k.name)).toEqual(['ci', 'admin']);
    expect(body.data[1]).toEqual({ id: expect.any(Number), name: 'admin', admin: true, prefix: 'fdk_emul', created_at: expect.any(String), expires_at: null, revoked_at: null });
    expect(JSON.stringify(body)).not.toContain(ACME_ADMIN);
  });

  it('creates a key shown once: 201, fdk_ and 32 base62 characters, usable at once', async () => {
    const res = await createKey({ name: 'terraform-prod', admin: false, expires_at: '2999-12-31T23:59:59Z' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: number; value: string; prefix: string; expires_at: string; admin: boolean };
    expect(created.value).toMatch(/^fdk_[A-Za-z0-9]{32}$/);
    expect(created.prefix).toBe(created.value.slice(0, 8));
    expect(created).toMatchObject({ name: 'terraform-prod', admin: false, expires_at: '2999-12-31T23:59:59.000Z', revoked_at: null });
    expect((await t.api('/pipelines', { key: created.value })).status).toBe(200);
    const list = await (await t.api('/api-keys')).text();
    expect(list).toContain('terraform-prod');
    expect(list).not.toContain(created.value);
  });

  it('creates distinct values every time', async () => {
    const a = (await (await createKey({ name: 'a' })).json()) as { value: string };
    const b = (await (await createKey({ name: 'b', expires_at: null })).json()) as { value: string };
    expect(a.value).not.toBe(b.value);
  });

  it('revokes a key: 204, listed with revoked_at, rejected at once, revoking again is a no-op', async () => {
    const created = (await (await createKey({ name: 'short-lived', admin: true })).json()) as { id: number; value: string };
    expect((await t.api(`/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api('/pipelines', { key: created.value })).status).toBe(401);
    const listed = ((await (await t.api('/api-keys')).json()) as { data: { id: number; revoked_at: string | null }[] }).data.find((k) => k.id === created.id);
    expect(listed?.revoked_at).toMatch(/Z$/);
    expect((await t.api(`/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it.each([
    ['an unknown key', { name: 'x', owner: 'me' }, 'owner'],
    ['a name that is not text', { name: 7 }, 'name'],
    ['a missing name', { admin: true }, 'name'],
    ['admin that is not a boolean', { name: 'x', admin: 'yes' }, 'admin'],
    ['expires_at that is not a date', { name: 'x', expires_at: 'tomorrow' }, 'expires_at'],
    ['expires_at without an offset', { name: 'x', expires_at: '2999-01-01T00:00:00' }, 'expires_at'],
  ])('fails with 422 for %s', async (_name, body, field) => {
    const res = await createKey(body);
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ code: 'unprocessable_entity', field });
  });

  it.each([
    ['a body that is not JSON', '{"name":'],
    ['a JSON list', '[]'],
    ['a JSON string', '"name"'],
  ])('fails with 422 for %s', async (_name, body) => {
    const res = await t.api('/api-keys', { method: 'POST', headers: JSON_TYPE, body });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('unprocessable_entity');
  });

  it.each([
    ['an empty name', { name: '  ' }, 'name'],
    ['a name with control characters', { name: 'a\u0007b' }, 'name'],
    ['a name over 255 characters', { name: 'n'.repeat(256) }, 'name'],
    ['an expiry in the past', { name: 'x', expires_at: '2001-01-01T00:00:00Z' }, 'expires_at'],
  ])('fails with 400 bad_request for %s', async (_name, body, field) => {
    const res = await createKey(body);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'bad_request', field });
  });

  it('fails with 415 for a body that is not JSON typed', async () => {
    const res = await t.api('/api-keys', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: 'name: x' });
    expect(res.status).toBe(415);
  });

  it('fails with 403 forbidden for a non-admin key on every key endpoint, before reading the body', async () => {
    const probes: [string, RequestInit][] = [
      ['/api-keys', {}],
      ['/api-keys', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ name: 'sneaky' }) }],
      ['/api-keys', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'garbage' }],
      ['/api-keys/1', { method: 'DELETE' }],
      ['/api-keys/999999', { method: 'DELETE' }],
    ];
    for (const [path, init] of probes) {
      const res = await t.api(path, { ...init, key: ACME_CI });
      expect([path, res.status]).toEqual([path, 403]);
      expect(await errorOf(res)).toEqual({ code: 'forbidden', message: 'managing API keys needs an admin key: ask an account admin' });
    }
    expect((await t.api('/pipelines', { key: ACME_ADMIN })).status).toBe(200);
  });

  it("fails with the same 404 for unknown, malformed and other-account key ids, and leaves the other account's key working", async () => {
    const globexKeys = (await (await t.api('/api-keys', { key: GLOBEX_ADMIN })).json()) as { data: { id: number }[] };
    const bodies = new Set<string>();
    for (const id of ['999999', 'abc', '0', String(globexKeys.data[0].id), '9'.repeat(30)]) {
      const res = await t.api(`/api-keys/${id}`, { method: 'DELETE' });
      expect(res.status).toBe(404);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    expect((await t.api('/pipelines', { key: GLOBEX_ADMIN })).status).toBe(200);
  });

  it("lists only the caller's account keys", async () => {
    const body = (await (await t.api('/api-keys', { key: GLOBEX_ADMIN })).json()) as { data: { name: string }[] };
    expect(body.data.map((k) => k.name)).toEqual(['admin']);
  });
});
