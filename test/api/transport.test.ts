import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { createSelfSignedCertificate } from '../../lib/provider/protocol/certificate';
import { ApiError, isApiError, type ClientEvent } from '../../lib/api';
import { acmeDefinition, closedPortUrl, metadataBody, recordingClient, sendJson, startTinyServer, type TinyServer } from './helpers';

/**
 * Behaviours that need precise control of the server (statuses the emulator never sends on
 * purpose, Retry-After dates, a server that never answers, a connection dropped after the request
 * was read): a tiny real node:http server scripted by each test.
 */

const KEY = 'fdk_tiny_server_test_key_0000000000000007';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The one-item list page with which the client checks the base URL after its first 404. */
function isListProbe(url: string): boolean {
  return url === '/api/public/v1/pipelines?page=1&page_size=1';
}

const EMPTY_LIST = { data: [], pagination: { page: 1, page_size: 1, has_more: false } };

describe('status mapping and the do-not-retry list', () => {
  test.each([
    [400, 'invalid_definition', 'tables[1].columns'],
    [401, 'unauthorized', undefined],
    [403, 'forbidden', undefined],
    [404, 'not_found', undefined],
    [405, 'method_not_allowed', undefined],
    [406, 'not_acceptable', undefined],
    [409, 'conflict', undefined],
    [413, 'payload_too_large', undefined],
    [415, 'unsupported_media_type', undefined],
    [422, 'unprocessable_definition', 'name'],
  ])('fails at once on %i with code %s and is not retried', async (status, code, field) => {
    // The list answers, as the API's does: after a 404 the client checks the base URL with it once.
    server = await startTinyServer((req, res) => (isListProbe(req.url) ? sendJson(res, 200, EMPTY_LIST) : sendJson(res, status, { error: { code, message: 'server says no', ...(field ? { field } : {}) } })));
    const { client, events } = recordingClient(server.url, KEY);
    const err = await caught(client.getPipeline(3));
    expect(err).toMatchObject({ status, code, field, method: 'GET', path: '/api/public/v1/pipelines/3', attempts: 1 });
    expect(server.requests.filter((r) => !isListProbe(r.url))).toHaveLength(1);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(0);
  });

  test('fails with a message naming method, path, status, code and field', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 400, { error: { code: 'invalid_definition', message: 'use columns.include or columns.exclude, not both', field: 'tables[1].columns' } }));
    const { client } = recordingClient(server.url, KEY);
    const err = await caught(client.createPipeline(acmeDefinition('x')));
    expect(err.message).toMatchInlineSnapshot(`"POST /api/public/v1/pipelines failed: 400 invalid_definition at tables[1].columns: use columns.include or columns.exclude, not both"`);
  });

  test('fails with a status-derived code when the error body is not in the API format', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const { client } = recordingClient(server.url, KEY, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const err = await caught(client.getPipeline(1));
    expect(err.status).toBe(502);
    expect(err.code).toBe('bad_gateway');
    expect(err.message).toMatchInlineSnapshot(`"GET /api/public/v1/pipelines/1 failed: 502 bad_gateway: the response had no error body in the API's format: <html>Bad Gateway</html> (after 2 attempts)"`);
  });

  test('retries 500, 502, 503 and 504 on an idempotent call until it succeeds', async () => {
    const statuses = [500, 502, 503, 504];
    server = await startTinyServer((_req, res, i) => (i < statuses.length ? sendJson(res, statuses[i], { error: { code: 'x', message: 'transient' } }) : sendJson(res, 200, metadataBody(5))));
    const { client, events } = recordingClient(server.url, KEY, { retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2 } });
    await expect(client.getPipeline(5)).resolves.toMatchObject({ id: 5 });
    expect(server.requests).toHaveLength(5);
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { status: number }).status)).toEqual(statuses);
  });

  test('fails after maxAttempts of 503 with the attempt count in the message', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 503, { error: { code: 'service_unavailable', message: 'down' } }));
    const { client, events } = recordingClient(server.url, KEY, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const err = await caught(client.startPipeline(5));
    expect(err.message).toBe('POST /api/public/v1/pipelines/5/start failed: 503 service_unavailable: down (after 3 attempts)');
    expect(server.requests).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'failure', code: 'service_unavailable', attempt: 3 });
  });
});

describe('Retry-After', () => {
  test('waits the seconds a 429 asks for before retrying', async () => {
    server = await startTinyServer((_req, res, i) => (i === 0 ? sendJson(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '1' }) : sendJson(res, 200, metadataBody(9))));
    const { client, events } = recordingClient(server.url, KEY);
    await client.getPipeline(9);
    expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(990);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ status: 429, code: 'rate_limited', delayMs: 1000 });
  });

  test('waits until the HTTP date a 503 names', async () => {
    server = await startTinyServer((_req, res, i) => {
      const at = new Date(Date.now() + 2000).toUTCString();
      if (i === 0) sendJson(res, 503, { error: { code: 'service_unavailable', message: 'maintenance' } }, { 'retry-after': at });
      else sendJson(res, 200, metadataBody(9));
    });
    const { client, events } = recordingClient(server.url, KEY);
    await client.getPipeline(9);
    const retry = events.find((e) => e.type === 'retry') as Extract<ClientEvent, { type: 'retry' }>;
    expect(retry.delayMs).toBeGreaterThan(500);
    expect(retry.delayMs).toBeLessThanOrEqual(2000);
    expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(retry.delayMs - 10);
  });

  test('fails at once with retryAfterMs when the server asks for longer than the cap', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '120' }));
    const { client } = recordingClient(server.url, KEY);
    const err = await caught(client.listApiKeys());
    expect(server.requests).toHaveLength(1);
    expect(err.retryAfterMs).toBe(120000);
    expect(err.message).toMatchInlineSnapshot(`"GET /api/public/v1/api-keys failed: 429 rate_limited: slow down (the server asked to wait 120 s, longer than the retry policy allows: retry later)"`);
  });
});

describe('timeouts and dropped connections', () => {
  test('fails with code timeout and status 0 when the server never answers', async () => {
    server = await startTinyServer(() => undefined);
    const { client, events } = recordingClient(server.url, KEY, { timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const started = Date.now();
    const err = await caught(client.getPipeline(1));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err).toMatchObject({ status: 0, code: 'timeout', attempts: 2 });
    expect(err.message).toBe('GET /api/public/v1/pipelines/1 failed: timeout: no response within 150 ms (after 2 attempts)');
    expect(server.requests).toHaveLength(2);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
  });

  test('retries a GET whose connection was dropped after the request was read', async () => {
    server = await startTinyServer((_req, res, i) => (i === 0 ? res.socket?.destroy() : sendJson(res, 200, metadataBody(4))));
    const { client, events } = recordingClient(server.url, KEY);
    await expect(client.getPipeline(4)).resolves.toMatchObject({ id: 4 });
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ status: 0, code: 'network_error' });
  });

  test('fails without retrying a key creation whose connection dropped after the request was read', async () => {
    server = await startTinyServer((_req, res) => res.socket?.destroy());
    const { client } = recordingClient(server.url, KEY);
    const err = await caught(client.createApiKey({ name: 'ci' }));
    expect(err).toMatchObject({ status: 0, code: 'network_error', method: 'POST', path: '/api/public/v1/api-keys' });
    expect(server.requests).toHaveLength(1);
  });

  test('retries a key creation answered 429, which the server did not process', async () => {
    const created = { id: 12, name: 'ci', admin: false, prefix: 'fdk_abcd', created_at: new Date().toISOString(), expires_at: null, revoked_at: null, value: 'fdk_abcdefghijklmnop' };
    server = await startTinyServer((_req, res, i) => (i === 0 ? sendJson(res, 429, { error: { code: 'rate_limited', message: 'later' } }, { 'retry-after': '0' }) : sendJson(res, 201, created)));
    const { client } = recordingClient(server.url, KEY);
    await expect(client.createApiKey({ name: 'ci' })).resolves.toMatchObject({ id: 12, value: created.value });
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(server.requests[1].body)).toEqual({ name: 'ci' });
  });

  test('counts a DELETE answered 404 after a dropped attempt as archived', async () => {
    server = await startTinyServer((_req, res, i) => (i === 0 ? res.socket?.destroy() : sendJson(res, 404, { error: { code: 'not_found', message: 'pipeline not found' } })));
    const { client } = recordingClient(server.url, KEY);
    await expect(client.archivePipeline(8)).resolves.toBeUndefined();
    expect(server.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  test('fails with not_found for a DELETE answered 404 at the first attempt', async () => {
    server = await startTinyServer((req, res) => (isListProbe(req.url) ? sendJson(res, 200, EMPTY_LIST) : sendJson(res, 404, { error: { code: 'not_found', message: 'pipeline not found' } })));
    const { client } = recordingClient(server.url, KEY);
    await expect(client.archivePipeline(8)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  test('fails with network_error after retrying a refused connection', async () => {
    const { client, events } = recordingClient(await closedPortUrl(), KEY, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const err = await caught(client.listPipelinesPage(1));
    expect(err).toMatchObject({ status: 0, code: 'network_error', attempts: 3 });
    expect(err.message).toMatch(/^GET \/api\/public\/v1\/pipelines\?page=1 failed: network_error: could not connect \(ECONNREFUSED\): .* \(after 3 attempts\)$/);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(3);
  });
});

describe('connections', () => {
  test('reuses one kept-alive connection for consecutive requests', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 200, metadataBody(2)));
    const { client } = recordingClient(server.url, KEY);
    for (let i = 0; i < 3; i++) await client.getPipeline(2);
    expect(new Set(server.requests.map((r) => r.clientPort)).size).toBe(1);
  });

  test('fails without following a redirect, and without sending the key to its target', async () => {
    const target = await startTinyServer((_req, res) => sendJson(res, 200, metadataBody(5)));
    try {
      server = await startTinyServer((_req, res) => {
        res.writeHead(307, { location: `${target.url}/api/public/v1/pipelines/5` });
        res.end();
      });
      const { client } = recordingClient(server.url, KEY);
      const err = await caught(client.getPipeline(5));
      expect(err).toMatchObject({ status: 0, code: 'network_error', attempts: 1 });
      expect(err.message).toMatch(/redirect \(HTTP 307\).*INTEGRATEIO_API_URL/);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  test('retries a GET whose connection closed in the middle of the body', async () => {
    server = await startTinyServer((_req, res, i) => {
      if (i > 0) return sendJson(res, 200, metadataBody(6));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"id": 6, ');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const { client, events } = recordingClient(server.url, KEY);
    await expect(client.getPipeline(6)).resolves.toMatchObject({ id: 6 });
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ status: 0, code: 'network_error' });
  });

  test('fails at once with a TLS failure when the certificate of the server is not trusted', async () => {
    const { certPem, keyPem } = createSelfSignedCertificate({ dnsNames: ['localhost'] });
    let requests = 0;
    const tls = createHttpsServer({ cert: certPem, key: keyPem }, (_req, res) => {
      requests += 1;
      sendJson(res, 200, metadataBody(3));
    });
    await new Promise<void>((done) => tls.listen(0, '127.0.0.1', done));
    try {
      const { client } = recordingClient(`https://localhost:${(tls.address() as AddressInfo).port}`, KEY);
      const err = await caught(client.getPipeline(3));
      expect(err).toMatchObject({ status: 0, code: 'network_error', attempts: 1 });
      expect(err.message).toMatch(/TLS failure/);
      expect(requests).toBe(0);
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((done) => tls.close(() => done()));
    }
  });

  test('fails with invalid_response, without retrying, when a body is larger than 32 MiB', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = (): void => {
        while (sent < 40 && !res.destroyed) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('error', () => undefined);
      more();
    });
    const { client } = recordingClient(server.url, KEY);
    const err = await caught(client.getPipeline(9));
    expect(err).toMatchObject({ status: 200, code: 'invalid_response', attempts: 1 });
    expect(err.message).toMatch(/larger than 32 MiB/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('defensive parsing', () => {
  test.each([
    ['an HTML page', 'text/html', '<html>ok</html>', 'unexpected response: body is not JSON: <html>ok</html>'],
    ['an empty body', 'application/json', '', 'unexpected response: body is empty, expected JSON'],
    ['a wrong shape', 'application/json', JSON.stringify({ id: 'seven' }), 'unexpected response: body.id is not a positive whole number'],
    ['an unknown state', 'application/json', JSON.stringify({ ...metadataBody(7), observed_state: 'flying' }), 'unexpected response: body.observed_state is not one of stopped, starting, running, stopping'],
  ])('fails with invalid_response, without retrying, for %s', async (_what, type, body, detail) => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
    const { client } = recordingClient(server.url, KEY);
    const err = await caught(client.getPipeline(7));
    expect(err).toMatchObject({ status: 200, code: 'invalid_response', detail });
    expect(server.requests).toHaveLength(1);
  });

  test('fails with invalid_response when a list page lacks its pagination block', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 200, { data: [] }));
    const { client } = recordingClient(server.url, KEY);
    await expect(client.listPipelinesPage(1, 10)).rejects.toMatchObject({ code: 'invalid_response', detail: 'unexpected response: body.pagination is not an object' });
  });

  test('fails with invalid_response when the server returns a definition that breaks the schema', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 200, { definition_version: 1, name: 'x', surprise: true }));
    const { client } = recordingClient(server.url, KEY);
    const err = await caught(client.getDefinition(7));
    expect(err.code).toBe('invalid_response');
    expect((err.cause as Error).name).toBe('DefinitionError');
    expect(err.message).toContain('unknown key "surprise"');
  });
});

describe('requests', () => {
  test('sends the bearer key, the Accept and Content-Type headers and canonical JSON', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 201, metadataBody(1, 'orders')));
    const { client } = recordingClient(server.url, KEY, { userAgent: 'bench/1' });
    await client.createPipeline(acmeDefinition('orders'));
    const req = server.requests[0];
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers['user-agent']).toBe('bench/1');
    expect(req.body).toBe(`${JSON.stringify({ definition_version: 1, name: 'orders', source: { connection: { id: 42 } }, destination: { connection: { id: 17 } }, sync: { frequency: 5, auto_sync_new_tables: false }, tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }] }, null, 2)}\n`);
  });

  test('fails with a RangeError for an id that is not a positive whole number, before any request', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 200, metadataBody(1)));
    const { client } = recordingClient(server.url, KEY);
    await expect(client.getPipeline(0)).rejects.toThrow(RangeError);
    await expect(client.getPipeline(1.5)).rejects.toThrow(RangeError);
    await expect(client.listPipelinesPage(1, 101)).rejects.toThrow('pageSize must be a whole number from 1 to 100, got 101');
    expect(server.requests).toHaveLength(0);
  });
});

describe('redaction', () => {
  test('redacts a key the server echoes in its error message, field and body', async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 401, { error: { code: 'unauthorized', message: `the key ${KEY} is unknown`, field: KEY } }));
    const events: ClientEvent[] = [];
    const { client } = recordingClient(server.url, KEY, { onEvent: (e) => events.push(e) });
    const err = await caught(client.getPipeline(1));
    expect(err.message).toBe('GET /api/public/v1/pipelines/1 failed: 401 unauthorized at fdk_***: the key fdk_*** is unknown');
    for (const text of [err.message, err.detail, err.field ?? '', inspect(err, { depth: 10 }), JSON.stringify(err), JSON.stringify(events)]) expect(text).not.toContain(KEY);
  });

  test('redacts a key in a network error cause', async () => {
    const err = new ApiError({ status: 0, code: 'network_error', method: 'GET', path: '/x', detail: 'boom', cause: new Error(`socket to ${KEY} closed`, { cause: new Error(`inner ${KEY}`) }) });
    expect(inspect(err, { depth: 10 })).not.toContain(KEY);
    expect(String((err.cause as Error).message)).toBe('socket to fdk_*** closed');
  });
});
