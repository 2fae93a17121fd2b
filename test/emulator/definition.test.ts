import { parse as parseYaml } from 'yaml';
import { GLOBEX_ADMIN, definitionYaml, errorOf, sleep, startTest, type TestEmulator } from './support';

const YAML = { 'content-type': 'application/yaml' };

describe('emulator definitions: get, replace, validate', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTest();
  });
  afterAll(() => t.close());

  describe('GET /pipelines/{id}/definition', () => {
    let id: number;
    beforeAll(async () => {
      id = (await t.create(definitionYaml({ name: 'negotiated', hooks: [9] }))).id;
    });

    it.each([
      [undefined, 'yaml', 'application/yaml; charset=utf-8'],
      ['', 'yaml', 'application/yaml; charset=utf-8'],
      ['*/*', 'yaml', 'application/yaml; charset=utf-8'],
      ['application/yaml', 'yaml', 'application/yaml; charset=utf-8'],
      ['text/yaml', 'yaml', 'text/yaml; charset=utf-8'],
      ['application/x-yaml', 'yaml', 'application/x-yaml; charset=utf-8'],
      ['application/json', 'json', 'application/json; charset=utf-8'],
      ['application/*', 'yaml', 'application/yaml; charset=utf-8'],
      ['application/yaml;q=0.5, application/json', 'json', 'application/json; charset=utf-8'],
      ['text/html, application/json;q=0.1', 'json', 'application/json; charset=utf-8'],
      ['application/json, application/yaml', 'yaml', 'application/yaml; charset=utf-8'],
    ])('answers Accept %j with %s as %s', async (accept, format, contentType) => {
      const res = await t.api(`/pipelines/${id}/definition`, { headers: accept === undefined ? {} : { accept } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(contentType);
      const text = await res.text();
      const value = format === 'json' ? JSON.parse(text) : parseYaml(text);
      expect(value).toMatchObject({ definition_version: 1, name: 'negotiated', hooks: [{ id: 9, events: ['pipeline_failed'] }] });
      if (format === 'json') expect(text.startsWith('{\n  "definition_version": 1,')).toBe(true);
      else expect(text.startsWith('definition_version: 1\nname: negotiated\n')).toBe(true);
    });

    it.each([['text/html'], ['application/xml, text/plain'], ['application/json;q=0, application/yaml;q=0']])('fails with 406 not_acceptable for Accept %s', async (accept) => {
      const res = await t.api(`/pipelines/${id}/definition`, { headers: { accept } });
      expect(res.status).toBe(406);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect((await errorOf(res)).code).toBe('not_acceptable');
    });

    it('returns the canonical form, whatever key order and formatting the document came in', async () => {
      const messy = '{"tables":[{"columns":{"exclude":["ssn"]},"name":"public.customers"}],"sync":{"auto_sync_new_tables":false,"frequency":5},"name":"messy","destination":{"connection":{"id":17}},"source":{"connection":{"id":42}},"definition_version":1}';
      const res = await t.api('/pipelines', { method: 'POST', headers: { 'content-type': 'application/json' }, body: messy });
      const { id: messyId } = (await res.json()) as { id: number };
      const yaml = await (await t.api(`/pipelines/${messyId}/definition`)).text();
      expect(yaml).toBe(
        [
          'definition_version: 1',
          'name: messy',
          'source:',
          '  connection:',
          '    id: 42',
          'destination:',
          '  connection:',
          '    id: 17',
          'sync:',
          '  frequency: 5',
          '  auto_sync_new_tables: false',
          'tables:',
          '  - name: public.customers',
          '    columns:',
          '      exclude:',
          '        - ssn',
          '',
        ].join('\n'),
      );
    });
  });

  describe('PUT /pipelines/{id}/definition', () => {
    it('replaces the definition: 200 metadata, new name, later updated_at', async () => {
      const p = await t.create(definitionYaml({ name: 'before' }));
      await sleep(5);
      const res = await t.api(`/pipelines/${p.id}/definition`, { method: 'PUT', headers: YAML, body: definitionYaml({ name: 'after', frequency: 15 }) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { name: string; updated_at: string; created_at: string };
      expect(body.name).toBe('after');
      expect(body.created_at).toBe(p.created_at);
      expect(Date.parse(body.updated_at)).toBeGreaterThan(Date.parse(p.updated_at));
      const def = parseYaml(await (await t.api(`/pipelines/${p.id}/definition`)).text()) as { sync: { frequency: number } };
      expect(def.sync.frequency).toBe(15);
    });

    it('is a no-op for an equal document, even written differently: updated_at unchanged', async () => {
      const p = await t.create(definitionYaml({ name: 'stable' }));
      await sleep(5);
      const same = { definition_version: 1, sync: { auto_sync_new_tables: false, frequency: 5 }, tables: [{ name: 'public.orders' }, { columns: { exclude: ['ssn'] }, name: 'public.customers' }], destination: { connection: { id: 17 } }, source: { connection: { id: 42 } }, name: 'stable' };
      const res = await t.api(`/pipelines/${p.id}/definition`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(same) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(p);
      const again = await t.api(`/pipelines/${p.id}/definition`, { method: 'PUT', headers: YAML, body: definitionYaml({ name: 'stable' }) });
      expect(((await again.json()) as { updated_at: string }).updated_at).toBe(p.updated_at);
    });

    it('is a no-op for tables in another order and an explicit append_only: false (the same pipeline)', async () => {
      const p = await t.create(definitionYaml({ name: 'same-meaning' }));
      await sleep(5);
      const reordered = {
        definition_version: 1,
        name: 'same-meaning',
        source: { connection: { id: 42 } },
        destination: { connection: { id: 17 } },
        sync: { frequency: 5, auto_sync_new_tables: false },
        tables: [{ name: 'public.customers', columns: { exclude: ['ssn'] } }, { name: 'public.orders', append_only: false }],
        hooks: [],
      };
      const res = await t.api(`/pipelines/${p.id}/definition`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reordered) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { updated_at: string }).updated_at).toBe(p.updated_at);
    });

    it('fails with 404 for an unknown or other-account id', async () => {
      const p = await t.create();
      for (const [path, key] of [['/pipelines/123456/definition', undefined], [`/pipelines/${p.id}/definition`, GLOBEX_ADMIN]] as const) {
        const res = await t.api(path, { method: 'PUT', key, headers: YAML, body: definitionYaml() });
        expect(res.status).toBe(404);
      }
    });

    it('fails with 415, 422 and 400 like create, and leaves the pipeline unchanged', async () => {
      const p = await t.create(definitionYaml({ name: 'guarded' }));
      const path = `/pipelines/${p.id}/definition`;
      expect((await t.api(path, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: definitionYaml() })).status).toBe(415);
      expect((await t.api(path, { method: 'PUT', headers: YAML, body: definitionYaml({ extra: 'x: 1' }) })).status).toBe(422);
      const wrongRole = await t.api(path, { method: 'PUT', headers: YAML, body: definitionYaml({ destination: 42 }) });
      expect(wrongRole.status).toBe(400);
      expect((await errorOf(wrongRole)).field).toBe('destination.connection.id');
      const missingHook = await t.api(path, { method: 'PUT', headers: YAML, body: definitionYaml({ hooks: [77] }) });
      expect(await errorOf(missingHook)).toMatchObject({ code: 'invalid_definition', field: 'hooks[0].id' });
      expect(await (await t.api(`/pipelines/${p.id}`)).json()).toEqual(p);
    });
  });

  describe('validate endpoints', () => {
    it('answers {"valid":true} for a valid new definition and persists nothing', async () => {
      const before = (await (await t.api('/pipelines?page_size=100')).json()) as { data: unknown[] };
      const res = await t.api('/pipelines/validate', { method: 'POST', headers: YAML, body: definitionYaml({ name: 'dry-run' }) });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"valid":true}');
      const after = (await (await t.api('/pipelines?page_size=100')).json()) as { data: unknown[] };
      expect(after.data).toEqual(before.data);
    });

    it('fails validation of a new definition with the same errors as create', async () => {
      const cases: [string, RequestInit, number, string][] = [
        ['415', { headers: { 'content-type': 'text/csv' }, body: 'a,b' }, 415, 'unsupported_media_type'],
        ['422', { headers: YAML, body: 'name: [' }, 422, 'unprocessable_definition'],
        ['400 rule', { headers: YAML, body: definitionYaml({ frequency: 0 }) }, 400, 'invalid_definition'],
        ['400 account', { headers: YAML, body: definitionYaml({ source: 52 }) }, 400, 'invalid_definition'],
      ];
      for (const [name, init, status, code] of cases) {
        const res = await t.api('/pipelines/validate', { method: 'POST', ...init });
        expect([name, res.status, (await errorOf(res)).code]).toEqual([name, status, code]);
      }
    });

    it('dry-runs a change to an existing pipeline without applying it', async () => {
      const p = await t.create(definitionYaml({ name: 'original' }));
      const res = await t.api(`/pipelines/${p.id}/definition/validate`, { method: 'POST', headers: YAML, body: definitionYaml({ name: 'renamed', frequency: 60 }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ valid: true });
      expect(await (await t.api(`/pipelines/${p.id}`)).json()).toEqual(p);
      expect(await (await t.api(`/pipelines/${p.id}/definition`)).text()).toBe(definitionYaml({ name: 'original' }));
    });

    it('fails a dry-run with 404 for an unknown or other-account pipeline and 400 for a bad reference', async () => {
      const p = await t.create();
      expect((await t.api('/pipelines/55555/definition/validate', { method: 'POST', headers: YAML, body: definitionYaml() })).status).toBe(404);
      expect((await t.api(`/pipelines/${p.id}/definition/validate`, { method: 'POST', key: GLOBEX_ADMIN, headers: YAML, body: definitionYaml() })).status).toBe(404);
      const bad = await t.api(`/pipelines/${p.id}/definition/validate`, { method: 'POST', headers: YAML, body: definitionYaml({ source: 18 }) });
      expect(bad.status).toBe(400);
      expect((await errorOf(bad)).field).toBe('source.connection.id');
    });
  });
});
