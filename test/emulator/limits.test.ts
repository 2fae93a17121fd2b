import { definitionYaml, errorOf, startTest, type TestEmulator } from './support';

const JSON_HEADERS = { 'content-type': 'application/json' };

function definitionJson(name: string, tables: unknown[] = [{ name: 'public.orders' }]): Record<string, unknown> {
  return { definition_version: 1, name, source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency: 5 }, tables };
}

describe('emulator limits', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTest();
  });
  afterAll(() => t.close());

  test('fails with 422 naming the field on a JSON definition with "name" twice, as for YAML', async () => {
    const body = JSON.stringify(definitionJson('first')).replace('"name":"first"', '"name":"first","name":"second"');
    const res = await t.api('/pipelines', { method: 'POST', headers: JSON_HEADERS, body });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.field).toBe('name');
    expect(error.message).toMatch(/appears twice.*line 1/);
    const yaml = await t.api('/pipelines', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: `${definitionYaml({ name: 'first' })}name: second\n` });
    expect(yaml.status).toBe(422);
  });

  test('fails with 422 on a JSON body of another endpoint with a key twice', async () => {
    const res = await t.api('/api-keys', { method: 'POST', headers: JSON_HEADERS, body: '{"name":"ci","name":"admin-looking"}' });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).field).toBe('name');
  });

  test('accepts a pipeline name of 128 emoji and a key name of 200 emoji (Unicode characters, not UTF-16 units)', async () => {
    const created = await t.api('/pipelines', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(definitionJson('🚀'.repeat(128))) });
    expect(created.status).toBe(201);
    const key = await t.api('/api-keys', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ name: '🔑'.repeat(200) }) });
    expect(key.status).toBe(201);
    const long = await t.api('/api-keys', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ name: '🔑'.repeat(256) }) });
    expect(long.status).toBe(400);
    expect((await errorOf(long)).message).toContain('256 characters');
  });

  test('fails with a short error listing at most 100 problems for 80,000 empty table names', async () => {
    const body = JSON.stringify(definitionJson('many', Array.from({ length: 80_000 }, () => ({ name: '' }))));
    const [res, other] = await Promise.all([t.api('/pipelines/validate', { method: 'POST', headers: JSON_HEADERS, body }), t.api('/pipelines')]);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(64 * 1024);
    expect(text).toMatch(/and \d+ more problems/);
    expect(other.status).toBe(200);
  });
});
