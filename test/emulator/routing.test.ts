import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { DEFAULT_SEED } from '../../lib/emulator';
import { FaultPlanner } from '../../lib/emulator/faults';
import { resolveOptions } from '../../lib/emulator/options';
import { buildServer } from '../../lib/emulator/server';
import { StatsCollector } from '../../lib/emulator/stats';
import { applySeed } from '../../lib/emulator/store/seed-store';
import { EmulatorStore } from '../../lib/emulator/store/store';
import { ACME_ADMIN, ACME_CI, BASE, definitionYaml, errorOf, rawRequest, rawStatus, startTest, type TestEmulator } from './support';

describe('emulator routing, errors and operator endpoints', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTest();
  });
  afterAll(() => t.close());

  it.each([
    ['PATCH', '/pipelines', 'GET, HEAD, POST'],
    ['DELETE', '/pipelines', 'GET, HEAD, POST'],
    ['PUT', '/pipelines/1', 'DELETE, GET, HEAD'],
    ['POST', '/pipelines/1', 'DELETE, GET, HEAD'],
    ['POST', '/pipelines/1/definition', 'GET, HEAD, PUT'],
    ['GET', '/pipelines/1/definition/validate', 'POST'],
    ['GET', '/pipelines/1/start', 'POST'],
    ['DELETE', '/pipelines/1/stop', 'POST'],
    ['PUT', '/pipelines/validate', 'DELETE, GET, HEAD, POST'],
    ['PUT', '/api-keys', 'GET, HEAD, POST'],
    ['GET', '/api-keys/3', 'DELETE'],
    ['OPTIONS', '/pipelines', 'GET, HEAD, POST'],
  ])('fails with 405 for %s %s, with Allow: %s', async (method, path, allow) => {
    const res = await t.api(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await errorOf(res)).code).toBe('method_not_allowed');
  });

  it('fails with 404 not_found for a trailing slash after /pipelines (an empty id)', async () => {
    const res = await t.api('/pipelines/');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it.each([['/nothing-here'], [''], ['/'], ['/pipelines/1/unknown'], ['/pipelines/1/definition/validate/more'], ['//pipelines'], ['/PIPELINES']])(
    'fails with 404 not_found for the unknown route %j once authenticated',
    async (path) => {
      const res = await t.api(path);
      expect(res.status).toBe(404);
      const error = await errorOf(res);
      expect(error.code).toBe('not_found');
      expect(error.message).toMatch(/^no endpoint matches GET /);
    },
  );

  it('answers HEAD on GET endpoints without a body', async () => {
    const res = await t.api('/pipelines', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('fails with 400 bad_request, in JSON, for a path with broken percent-encoding', async () => {
    const res = await t.api('/pipelines/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: 'bad_request', message: 'the URL is not valid: check its percent-encoding' });
    expect((await t.api('/pipelines/%ff', { key: null })).status).toBe(401);
  });

  it('answers malformed HTTP with a JSON 400 and keeps serving', async () => {
    const bad = await rawRequest(t.url, 'GARBAGE\r\n\r\n');
    expect(rawStatus(bad)).toBe(400);
    expect(bad).toContain('{"error":{"code":"bad_request"');
    const badHeader = await rawRequest(t.url, `GET ${BASE}/pipelines HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n`);
    expect(rawStatus(badHeader)).toBe(400);
    expect((await t.api('/pipelines')).status).toBe(200);
  });

  it('answers oversized headers with a JSON 431', async () => {
    const res = await rawRequest(t.url, `GET ${BASE}/pipelines HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer fdk_${'a'.repeat(20000)}\r\n\r\n`);
    expect(rawStatus(res)).toBe(431);
    expect(res).toContain('"code":"bad_request"');
  });

  it('answers a request over a raw socket with a path outside the API and invalid UTF-8 bytes', async () => {
    const res = await rawRequest(t.url, Buffer.concat([Buffer.from(`GET ${BASE}/pipelines/`), Buffer.from([0xc3, 0x28]), Buffer.from(` HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ACME_ADMIN}\r\nConnection: close\r\n\r\n`)]));
    expect([400, 404]).toContain(rawStatus(res));
  });

  describe('operator endpoints', () => {
    it('reports stats by route, status and kind, without auth, and resets them', async () => {
      expect((await fetch(`${t.url}/_emulator/stats/reset`, { method: 'POST' })).status).toBe(204);
      const p = await t.create();
      await t.api(`/pipelines/${p.id}`);
      await t.api('/pipelines');
      await t.api('/pipelines/validate', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: definitionYaml() });
      await t.api(`/pipelines/${p.id}/definition/validate`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: definitionYaml() });
      await t.api(`/pipelines/${p.id}/definition`, { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: definitionYaml() });
      await t.api(`/pipelines/${p.id}/start`, { method: 'POST' });
      await t.api(`/pipelines/${p.id}/stop`, { method: 'POST' });
      await t.api(`/pipelines/${p.id}`, { method: 'DELETE' });
      await t.api('/pipelines', { key: null });
      await t.api('/nope');
      await t.api('/pipelines', { method: 'PATCH' });
      const res = await fetch(`${t.url}/_emulator/stats`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        total: 12,
        byRoute: {
          'POST /pipelines': 1,
          'GET /pipelines/{id}': 1,
          'GET /pipelines': 2,
          'POST /pipelines/validate': 1,
          'POST /pipelines/{id}/definition/validate': 1,
          'PUT /pipelines/{id}/definition': 1,
          'POST /pipelines/{id}/start': 1,
          'POST /pipelines/{id}/stop': 1,
          'DELETE /pipelines/{id}': 1,
          'GET (unknown route)': 1,
          'PATCH /pipelines': 1,
        },
        byStatus: { '200': 7, '201': 1, '204': 1, '401': 1, '404': 1, '405': 1 },
        writes: 5,
        validates: 2,
        reads: 3,
        faults: { '429': 0, '500': 0, '503': 0, drop: 0, slow: 0 },
      });
      expect(t.emulator.stats().total).toBe(12);
      t.emulator.resetStats();
      expect(t.emulator.stats()).toMatchObject({ total: 0, byRoute: {}, writes: 0 });
    });

    it('reads and replaces the fault options; fails with 400 or 422 for bad ones', async () => {
      expect(await (await fetch(`${t.url}/_emulator/faults`)).json()).toEqual({ rate429: 0, rate500: 0, rate503: 0, rateDrop: 0, rateSlow: 0, retryAfterSeconds: 1, slowMs: 2000 });
      const put = await fetch(`${t.url}/_emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate503: 0.25, seed: 7 }) });
      expect(put.status).toBe(200);
      expect(await put.json()).toMatchObject({ rate503: 0.25, seed: 7 });
      const tooHigh = await fetch(`${t.url}/_emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate429: 2 }) });
      expect(tooHigh.status).toBe(400);
      expect(await errorOf(tooHigh)).toMatchObject({ code: 'bad_request', field: 'rate429' });
      const unknown = await fetch(`${t.url}/_emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate418: 1 }) });
      expect(unknown.status).toBe(422);
      const reset = await fetch(`${t.url}/_emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(((await reset.json()) as { rate503: number }).rate503).toBe(0);
    });

    it('answers operator routes with 405 and 404 in the same error format, and never counts them', async () => {
      t.emulator.resetStats();
      const wrong = await fetch(`${t.url}/_emulator/stats`, { method: 'DELETE' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET, HEAD');
      expect((await fetch(`${t.url}/_emulator/nothing`)).status).toBe(404);
      expect(t.emulator.stats().total).toBe(0);
    });
  });

  it('fails with 500 internal_error, without a stack, when the code throws, and keeps serving', async () => {
    const options = resolveOptions({ port: 0, dataPath: ':memory:', log: (line) => lines.push(line) });
    const lines: string[] = [];
    const store = EmulatorStore.open(':memory:');
    applySeed(store.db, DEFAULT_SEED, Date.now());
    const app = buildServer({ options: { ...options, log: (line) => lines.push(line) }, store, faults: new FaultPlanner(), stats: new StatsCollector(), clock: Date.now });
    store.pipelines.list = () => {
      throw new TypeError('boom: a bug');
    };
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${BASE}`;
      const res = await fetch(`${url}/pipelines`, { headers: { authorization: `Bearer ${ACME_CI}` } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'the emulator hit an internal error; the request may or may not have been applied; see the emulator log' } });
      expect(text).not.toMatch(/boom|at |\.ts/);
      expect(lines.some((l) => l.includes('boom: a bug'))).toBe(true);
      expect((await fetch(`${url}/api-keys`, { headers: { authorization: `Bearer ${ACME_ADMIN}` } })).status).toBe(200);
    } finally {
      await app.close();
      store.close();
    }
  });
});

describe('emulator operator endpoints from another host', () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;
  const maybe = external === undefined ? it.skip : it;

  maybe('fails with 403 forbidden for a caller that is not on loopback', async () => {
    const t = await startTest({ host: '0.0.0.0' });
    try {
      expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const port = new URL(t.url).port;
      const res = await fetch(`http://${external}:${port}/_emulator/stats`);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
      expect((await fetch(`http://${external}:${port}${BASE}/pipelines`, { headers: { authorization: `Bearer ${ACME_ADMIN}` } })).status).toBe(200);
      expect((await fetch(`${t.url}/_emulator/stats`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
