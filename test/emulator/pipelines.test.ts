import { ACME_CI, BASE, GLOBEX_ADMIN, definitionYaml, errorOf, startTest, type TestEmulator } from './support';

const YAML = { 'content-type': 'application/yaml' };

describe('emulator pipelines: create, get, list, archive', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTest({ bodyLimitBytes: 64 * 1024 });
  });
  afterAll(() => t.close());

  describe('POST /pipelines', () => {
    it('creates a pipeline: 201, metadata, Location header, stopped and never synced', async () => {
      const res = await t.api('/pipelines', { method: 'POST', headers: YAML, body: definitionYaml({ name: 'created' }) });
      expect(res.status).toBe(201);
      const body = (await res.json()) as Record<string, unknown>;
      expect(res.headers.get('location')).toBe(`${BASE}/pipelines/${body.id as number}`);
      expect(body).toEqual({
        id: expect.any(Number),
        name: 'created',
        status: 'stopped',
        observed_state: 'stopped',
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        updated_at: body.created_at,
        last_source_sync_at: null,
        last_destination_sync_at: null,
      });
    });

    it.each([
      ['application/yaml'],
      ['text/yaml'],
      ['application/x-yaml'],
      ['application/yaml; charset=utf-8'],
      ['Application/YAML; charset="UTF-8"'],
    ])('accepts a YAML body sent as %s', async (contentType) => {
      const res = await t.api('/pipelines', { method: 'POST', headers: { 'content-type': contentType }, body: definitionYaml() });
      expect(res.status).toBe(201);
    });

    it('accepts a JSON body sent as application/json and stores it canonically', async () => {
      const doc = { tables: [{ name: 'public.orders' }], sync: { frequency: 5 }, destination: { connection: { id: 17 } }, source: { connection: { id: 42 } }, name: 'json-made', definition_version: 1 };
      const res = await t.api('/pipelines', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(doc) });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: number };
      const def = await t.api(`/pipelines/${id}/definition`, { headers: { accept: 'application/yaml' } });
      expect(await def.text()).toBe(
        ['definition_version: 1', 'name: json-made', 'source:', '  connection:', '    id: 42', 'destination:', '  connection:', '    id: 17', 'sync:', '  frequency: 5', 'tables:', '  - name: public.orders', ''].join('\n'),
      );
    });

    it.each([
      ['text/plain', /text\/plain is not supported/],
      ['application/xml', /application\/xml is not supported/],
      ['application/json; charset=latin1', /charset "latin1"/],
      ['not a media type', /missing or not supported/],
    ])('fails with 415 for Content-Type %s', async (contentType, message) => {
      const res = await t.api('/pipelines', { method: 'POST', headers: { 'content-type': contentType }, body: definitionYaml() });
      expect(res.status).toBe(415);
      const error = await errorOf(res);
      expect(error.code).toBe('unsupported_media_type');
      expect(error.message).toMatch(message);
    });

    it('fails with 415 when the Content-Type is missing, with or without a body', async () => {
      const withBody = await t.api('/pipelines', { method: 'POST', body: new Blob([definitionYaml()]) });
      expect(withBody.status).toBe(415);
      expect((await errorOf(withBody)).code).toBe('unsupported_media_type');
      const empty = await t.api('/pipelines', { method: 'POST' });
      expect(empty.status).toBe(415);
    });

    it('fails with 413 for a body over the limit', async () => {
      const res = await t.api('/pipelines', { method: 'POST', headers: YAML, body: definitionYaml({ extra: `# ${'x'.repeat(70 * 1024)}` }) });
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toEqual({ code: 'payload_too_large', message: 'the request body is larger than 65536 bytes: send a smaller document' });
      expect((await t.api('/pipelines')).status).toBe(200);
    });

    it.each([
      ['invalid YAML', 'name: [unclosed\n', ''],
      ['an empty body', '', ''],
      ['a YAML list instead of a document', '- a\n- b\n', ''],
      ['an unknown key', definitionYaml({ extra: 'owner: me' }), 'owner'],
      ['a wrong type', definitionYaml().replace('frequency: 5', 'frequency: often'), 'sync.frequency'],
      ['a missing field', definitionYaml().replace('name: orders-to-snowflake\n', ''), 'name'],
    ])('fails with 422 unprocessable_definition for %s', async (_name, body, field) => {
      const res = await t.api('/pipelines', { method: 'POST', headers: YAML, body });
      expect(res.status).toBe(422);
      const error = await errorOf(res);
      expect(error.code).toBe('unprocessable_definition');
      expect(error.field ?? '').toBe(field);
    });

    it('fails with 422 for invalid JSON sent as application/json', async () => {
      const res = await t.api('/pipelines', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": ' });
      expect(res.status).toBe(422);
      expect((await errorOf(res)).message).toMatch(/invalid JSON/);
    });

    it('fails with 422 for a body that is not UTF-8', async () => {
      const res = await t.api('/pipelines', { method: 'POST', headers: YAML, body: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) });
      expect(res.status).toBe(422);
      expect(await errorOf(res)).toEqual({ code: 'unprocessable_definition', message: 'the body is not valid UTF-8: send the document encoded as UTF-8' });
    });

    it('lists every problem in the message and names the first in field', async () => {
      const body = definitionYaml({ extra: 'owner: me\nteam: data' });
      const error = await errorOf(await t.api('/pipelines', { method: 'POST', headers: YAML, body }));
      expect(error.code).toBe('unprocessable_definition');
      expect(error.field).toBe('owner');
      expect(error.message).toMatch(/^the definition has 2 problems: owner: unknown key "owner": remove it or check its spelling \(line 18, column \d+\); team: unknown key "team": remove it or check its spelling \(line 19, column \d+\)$/);
    });

    it('fails with 400 invalid_definition and the field for a semantic problem', async () => {
      const body = definitionYaml().replace('      exclude:\n        - ssn', '      include:\n        - id\n      exclude:\n        - ssn');
      const res = await t.api('/pipelines', { method: 'POST', headers: YAML, body });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'invalid_definition', field: 'tables[1].columns' });
    });

    const accountChecks: [string, Parameters<typeof definitionYaml>[0], string, string][] = [
      ['fails with 400 when the source connection does not exist', { source: 4242 }, 'source.connection.id', 'connection 4242 does not exist in your account: use the id of an existing source connection'],
      ['fails with 400 when the source connection belongs to another account', { source: 52 }, 'source.connection.id', 'connection 52 does not exist in your account: use the id of an existing source connection'],
      ['fails with 400 when a destination connection is used as source', { source: 17 }, 'source.connection.id', 'connection 17 is a destination connection, not a source: source.connection.id needs a source connection'],
      ['fails with 400 when the destination connection does not exist', { destination: 1717 }, 'destination.connection.id', 'connection 1717 does not exist in your account: use the id of an existing destination connection'],
      ['fails with 400 when the destination connection belongs to another account', { destination: 27 }, 'destination.connection.id', 'connection 27 does not exist in your account: use the id of an existing destination connection'],
      ['fails with 400 when a source connection is used as destination', { destination: 43 }, 'destination.connection.id', 'connection 43 is a source connection, not a destination: destination.connection.id needs a destination connection'],
      ['fails with 400 when a hook does not exist', { hooks: [9, 999] }, 'hooks[1].id', 'hook 999 does not exist in your account: create it in Settings > Hooks or fix the id'],
      ['fails with 400 when a hook belongs to another account', { hooks: [19] }, 'hooks[0].id', 'hook 19 does not exist in your account: create it in Settings > Hooks or fix the id'],
    ];
    it.each(accountChecks)('%s', async (_name, overrides, field, detail) => {
      const res = await t.api('/pipelines', { method: 'POST', headers: YAML, body: definitionYaml(overrides) });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({ code: 'invalid_definition', field, message: `the definition is invalid: ${field}: ${detail}` });
    });

    it('reports every account problem at once', async () => {
      const error = await errorOf(await t.api('/pipelines', { method: 'POST', headers: YAML, body: definitionYaml({ source: 17, destination: 42, hooks: [1] }) }));
      expect(error.field).toBe('source.connection.id');
      expect(error.message).toMatch(/^the definition has 3 problems: source\.connection\.id: .*; destination\.connection\.id: .*; hooks\[0\]\.id: /);
    });

    it('accepts hooks and connections of the caller account', async () => {
      expect((await t.api('/pipelines', { method: 'POST', headers: YAML, body: definitionYaml({ source: 43, destination: 18, hooks: [9, 10] }) })).status).toBe(201);
      expect((await t.api('/pipelines', { method: 'POST', key: GLOBEX_ADMIN, headers: YAML, body: definitionYaml({ source: 52, destination: 27, hooks: [19] }) })).status).toBe(201);
    });

    it('stores names with quotes and SQL metacharacters as they are', async () => {
      const name = `x'; DROP TABLE pipelines; -- "quoted" %_ \\`;
      const res = await t.api('/pipelines', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ definition_version: 1, name, source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency: 5 }, tables: [{ name: 'public.orders' }] }) });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: number };
      expect(((await (await t.api(`/pipelines/${id}`)).json()) as { name: string }).name).toBe(name);
    });

    it('lets a non-admin key create pipelines', async () => {
      expect((await t.api('/pipelines', { method: 'POST', key: ACME_CI, headers: YAML, body: definitionYaml() })).status).toBe(201);
    });
  });

  describe('GET /pipelines/{id} and the one 404', () => {
    it('returns the metadata of a pipeline of the caller', async () => {
      const created = await t.create(definitionYaml({ name: 'fetch-me' }));
      const res = await t.api(`/pipelines/${created.id}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(created);
    });

    it('fails with the same 404 body for unknown, non-numeric, enormous, other-account and archived ids', async () => {
      const other = await t.create(definitionYaml({ source: 52, destination: 27 }), GLOBEX_ADMIN);
      const archived = await t.create();
      expect((await t.api(`/pipelines/${archived.id}`, { method: 'DELETE' })).status).toBe(204);
      const ids = ['987654', 'abc', '0', '-1', '1.5', '042', '1e3', '9'.repeat(40), '9'.repeat(5000), String(other.id), String(archived.id), '%20', 'pipelines'];
      const bodies = new Set<string>();
      for (const id of ids) {
        const res = await t.api(`/pipelines/${id}`);
        expect([id.slice(0, 20), res.status]).toEqual([id.slice(0, 20), 404]);
        bodies.add(await res.text());
      }
      expect([...bodies]).toEqual(['{"error":{"code":"not_found","message":"pipeline not found: no pipeline with this id exists in your account"}}']);
      for (const path of [`/pipelines/${other.id}/definition`, `/pipelines/${archived.id}/definition`]) {
        expect(await (await t.api(path)).text()).toBe([...bodies][0]);
      }
    });
  });

  describe('DELETE /pipelines/{id}', () => {
    it('archives a pipeline: 204, then get, definition, start, stop, replace and list treat it as gone', async () => {
      const p = await t.create(definitionYaml({ name: 'doomed' }));
      const res = await t.api(`/pipelines/${p.id}`, { method: 'DELETE' });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      for (const [path, init] of [
        [`/pipelines/${p.id}`, {}],
        [`/pipelines/${p.id}/definition`, {}],
        [`/pipelines/${p.id}/start`, { method: 'POST' }],
        [`/pipelines/${p.id}/stop`, { method: 'POST' }],
        [`/pipelines/${p.id}`, { method: 'DELETE' }],
        [`/pipelines/${p.id}/definition`, { method: 'PUT', headers: YAML, body: definitionYaml() }],
      ] as [string, RequestInit][]) {
        expect((await t.api(path, init)).status).toBe(404);
      }
      const list = (await (await t.api('/pipelines?page_size=100')).json()) as { data: { id: number }[] };
      expect(list.data.map((d) => d.id)).not.toContain(p.id);
    });

    it('fails with 404 when another account deletes a pipeline, which stays', async () => {
      const p = await t.create();
      expect((await t.api(`/pipelines/${p.id}`, { method: 'DELETE', key: GLOBEX_ADMIN })).status).toBe(404);
      expect((await t.api(`/pipelines/${p.id}`)).status).toBe(200);
    });
  });
});

describe('emulator pipelines: list and pagination', () => {
  let t: TestEmulator;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await startTest();
    for (let i = 0; i < 105; i++) ids.push((await t.create(definitionYaml({ name: `p${i}` }))).id);
    await t.create(definitionYaml({ source: 52, destination: 27 }), GLOBEX_ADMIN);
  });
  afterAll(() => t.close());

  it('lists newest first with page 1 and page_size 50 by default', async () => {
    const res = await t.api('/pipelines');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: number }[]; pagination: unknown };
    expect(body.pagination).toEqual({ page: 1, page_size: 50, has_more: true });
    expect(body.data.map((d) => d.id)).toEqual([...ids].reverse().slice(0, 50));
  });

  it('caps page_size at 100 rather than failing', async () => {
    for (const size of ['101', '1000', '99999999999999999999999']) {
      const body = (await (await t.api(`/pipelines?page_size=${size}`)).json()) as { data: unknown[]; pagination: unknown };
      expect(body.pagination).toEqual({ page: 1, page_size: 100, has_more: true });
      expect(body.data).toHaveLength(100);
    }
  });

  it('pages until has_more is false, seeing every pipeline of the caller once', async () => {
    const seen: number[] = [];
    let page = 1;
    for (;;) {
      const body = (await (await t.api(`/pipelines?page=${page}&page_size=40`)).json()) as { data: { id: number }[]; pagination: { has_more: boolean } };
      seen.push(...body.data.map((d) => d.id));
      if (!body.pagination.has_more) break;
      page += 1;
    }
    expect(page).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('answers an empty page past the end', async () => {
    const body = await (await t.api('/pipelines?page=999999999999')).json();
    expect(body).toEqual({ data: [], pagination: { page: 999999999999, page_size: 50, has_more: false } });
  });

  it('shows has_more false when the last page is exactly full', async () => {
    const body = (await (await t.api('/pipelines?page=3&page_size=35')).json()) as { data: unknown[]; pagination: unknown };
    expect(body.data).toHaveLength(35);
    expect(body.pagination).toEqual({ page: 3, page_size: 35, has_more: false });
  });

  it("shows only the caller's pipelines", async () => {
    const body = (await (await t.api('/pipelines', { key: GLOBEX_ADMIN })).json()) as { data: { name: string }[] };
    expect(body.data).toHaveLength(1);
  });

  it.each([
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['page=abc', 'page'],
    ['page=1.5', 'page'],
    ['page=', 'page'],
    ['page=1&page=2', 'page'],
    ['page=99999999999999999999', 'page'],
    ['page_size=0', 'page_size'],
    ['page_size=ten', 'page_size'],
    ['page_size=%2B5', 'page_size'],
  ])('fails with 400 bad_request for %s, naming the field', async (query, field) => {
    const res = await t.api(`/pipelines?${query}`);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('bad_request');
    expect(error.field).toBe(field);
  });
});
