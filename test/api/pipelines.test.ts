import { inspect } from 'node:util';
import { isApiError, type ApiError, type ClientEvent } from '../../lib/api';
import { definitionsEqual, parseDefinition, toCanonicalJson, type PipelineDefinition } from '../../lib/definition';
import { useEmulator } from './emulator';
import { ACME_ADMIN_KEY, ACME_CI_KEY, GLOBEX_ADMIN_KEY, acmeDefinition, closedPortUrl, recordingClient } from './helpers';

/** Every method of the client against the real emulator: happy paths and each error status. */

const emulator = useEmulator();

function acme(key = ACME_ADMIN_KEY): ReturnType<typeof recordingClient> {
  return recordingClient(emulator().url, key);
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('pipelines', () => {
  test('creates a pipeline and reads back its metadata and definition', async () => {
    const { client } = acme();
    const def = acmeDefinition('orders-to-snowflake');
    const created = await client.createPipeline(def);
    expect(created).toMatchObject({ name: 'orders-to-snowflake', status: 'stopped', observed_state: 'stopped', last_source_sync_at: null });
    expect(created.id).toBeGreaterThan(0);
    await expect(client.getPipeline(created.id)).resolves.toEqual(created);
    const read = await client.getDefinition(created.id);
    expect(definitionsEqual(read, def)).toBe(true);
  });

  test('exports the definition as canonical YAML and JSON text', async () => {
    const { client } = acme();
    const def = acmeDefinition('export-me', { hooks: [{ id: 9, events: ['pipeline_failed'] }] } as Partial<PipelineDefinition>);
    const { id } = await client.createPipeline(def);
    const yaml = await client.getDefinitionText(id, 'yaml');
    const json = await client.getDefinitionText(id, 'json');
    expect(yaml.startsWith('definition_version: 1\nname: export-me\n')).toBe(true);
    expect(json.trimStart().startsWith('{')).toBe(true);
    expect(definitionsEqual(parseDefinition(yaml, { format: 'yaml' }), def)).toBe(true);
    expect(definitionsEqual(parseDefinition(json, { format: 'json' }), def)).toBe(true);
  });

  test('replaces a definition, and replacing it with an equal document is a no-op', async () => {
    const { client } = acme();
    const { id } = await client.createPipeline(acmeDefinition('replace-me'));
    const changed = acmeDefinition('replace-me', { sync: { frequency: 15, auto_sync_new_tables: true } } as Partial<PipelineDefinition>);
    const first = await client.replaceDefinition(id, changed);
    expect(first.id).toBe(id);
    expect((await client.getDefinition(id)).sync).toEqual({ frequency: 15, auto_sync_new_tables: true });
    const again = await client.replaceDefinition(id, JSON.parse(toCanonicalJson(changed)) as PipelineDefinition);
    expect(again.updated_at).toBe(first.updated_at);
  });

  test('validates a new definition and a change to an existing pipeline', async () => {
    const { client } = acme();
    await expect(client.validateNew(acmeDefinition('valid-new'))).resolves.toBeUndefined();
    const { id } = await client.createPipeline(acmeDefinition('valid-existing'));
    await expect(client.validateExisting(id, acmeDefinition('valid-existing', { tables: [{ name: 'public.refunds' }] }))).resolves.toBeUndefined();
  });

  test('starts, stops, force-stops and archives a pipeline', async () => {
    const { client } = acme();
    const { id } = await client.createPipeline(acmeDefinition('lifecycle'));
    const started = await client.startPipeline(id);
    expect(started).toMatchObject({ id, status: 'deployed' });
    expect(['starting', 'running']).toContain(started.observed_state);
    const stopped = await client.stopPipeline(id);
    expect(stopped.status).toBe('stopped');
    await client.startPipeline(id);
    expect((await client.stopPipeline(id, { force: true })).status).toBe('stopped');
    await expect(client.archivePipeline(id)).resolves.toBeUndefined();
    await expect(client.getPipeline(id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  test('fails with 400 invalid_definition naming the field when a table both includes and excludes columns', async () => {
    const { client } = acme();
    const def = acmeDefinition('bad-columns', { tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { include: ['id'], exclude: ['ssn'] } }] });
    const err = await caught(client.createPipeline(def));
    expect(err).toMatchObject({ status: 400, code: 'invalid_definition', field: 'tables[1].columns', method: 'POST', path: '/api/public/v1/pipelines', attempts: 1 });
    expect(err.message.startsWith('POST /api/public/v1/pipelines failed: 400 invalid_definition at tables[1].columns: ')).toBe(true);
    await expect(client.validateNew(def)).rejects.toMatchObject({ status: 400, code: 'invalid_definition', field: 'tables[1].columns' });
  });

  test('fails with 400 naming the field for a connection that is not in the account', async () => {
    const { client } = acme();
    const err = await caught(client.createPipeline(acmeDefinition('foreign-source', { source: { connection: { id: 52 } } })));
    expect(err).toMatchObject({ status: 400, code: 'invalid_definition', field: 'source.connection.id' });
  });

  test('fails with 422 unprocessable_definition naming the field for a wrong type', async () => {
    const { client } = acme();
    const def = { ...acmeDefinition('wrong-type'), name: 12 } as unknown as PipelineDefinition;
    await expect(client.validateNew(def)).rejects.toMatchObject({ status: 422, code: 'unprocessable_definition', field: 'name' });
    await expect(client.createPipeline(def)).rejects.toMatchObject({ status: 422, code: 'unprocessable_definition', field: 'name' });
    const { id } = await client.createPipeline(acmeDefinition('wrong-type-existing'));
    await expect(client.validateExisting(id, def)).rejects.toMatchObject({ status: 422, field: 'name' });
    await expect(client.replaceDefinition(id, def)).rejects.toMatchObject({ status: 422, field: 'name' });
  });

  test('fails with 422 naming an unknown key, which the client sends rather than drops', async () => {
    const { client } = acme();
    const def = { ...acmeDefinition('unknown-key'), tables: [{ name: 'public.orders', colums: { include: ['id'] } }] } as unknown as PipelineDefinition;
    const err = await caught(client.createPipeline(def));
    expect(err).toMatchObject({ status: 422, code: 'unprocessable_definition', field: 'tables[0].colums' });
  });

  test('fails with 404 not_found for an unknown id and for another account\u2019s pipeline', async () => {
    const globex = recordingClient(emulator().url, GLOBEX_ADMIN_KEY).client;
    const theirs = await globex.createPipeline({ ...acmeDefinition('globex-only'), source: { connection: { id: 52 } }, destination: { connection: { id: 27 } } });
    const { client } = acme();
    for (const id of [theirs.id, 987654]) {
      await expect(client.getPipeline(id)).rejects.toMatchObject({ status: 404, code: 'not_found', path: `/api/public/v1/pipelines/${id}` });
      await expect(client.getDefinition(id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
      await expect(client.getDefinitionText(id, 'yaml')).rejects.toMatchObject({ status: 404 });
      await expect(client.replaceDefinition(id, acmeDefinition('x'))).rejects.toMatchObject({ status: 404 });
      await expect(client.validateExisting(id, acmeDefinition('x'))).rejects.toMatchObject({ status: 404 });
      await expect(client.startPipeline(id)).rejects.toMatchObject({ status: 404 });
      await expect(client.stopPipeline(id, { force: true })).rejects.toMatchObject({ status: 404, path: `/api/public/v1/pipelines/${id}/stop?force=true` });
      await expect(client.archivePipeline(id)).rejects.toMatchObject({ status: 404 });
    }
    await expect(globex.getPipeline(theirs.id)).resolves.toMatchObject({ name: 'globex-only' });
  });

  test('fails with 413 payload_too_large for a definition over 1 MiB, without retrying', async () => {
    const { client, events } = acme();
    const tables = Array.from({ length: 25000 }, (_, i) => ({ name: `public.a_rather_long_table_name_number_${i}` }));
    const err = await caught(client.createPipeline(acmeDefinition('huge', { tables })));
    expect(err).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(events.filter((e) => e.type === 'request')).toHaveLength(1);
  });

  test('fails with 401 unauthorized for an unknown key', async () => {
    const { client } = acme('fdk_not_a_real_key_000000000000000000099');
    const err = await caught(client.getPipeline(1));
    expect(err).toMatchObject({ status: 401, code: 'unauthorized' });
    await expect(client.listApiKeys()).rejects.toMatchObject({ status: 401 });
    await expect(client.listPipelinesPage(1)).rejects.toMatchObject({ status: 401 });
  });
});

describe('pagination (single page)', () => {
  test('lists pipelines newest first with a pagination block', async () => {
    const { client } = acme();
    const a = await client.createPipeline(acmeDefinition('list-a'));
    const b = await client.createPipeline(acmeDefinition('list-b'));
    const page = await client.listPipelinesPage(1, 2);
    expect(page.pagination).toMatchObject({ page: 1, page_size: 2 });
    expect(page.data.map((p) => p.id)).toEqual([b.id, a.id]);
  });
});

describe('api keys', () => {
  test('lists, creates, uses and revokes a key', async () => {
    const { client } = acme();
    const before = await client.listApiKeys();
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(before)).not.toContain(ACME_ADMIN_KEY);
    const created = await client.createApiKey({ name: 'terraform-prod', admin: false });
    expect(created).toMatchObject({ name: 'terraform-prod', admin: false, revoked_at: null, expires_at: null });
    expect(created.value.startsWith('fdk_')).toBe(true);
    const withNewKey = recordingClient(emulator().url, created.value).client;
    await expect(withNewKey.listPipelinesPage(1, 1)).resolves.toMatchObject({ pagination: { page: 1 } });
    await client.revokeApiKey(created.id);
    const after = await client.listApiKeys();
    expect(after.find((k) => k.id === created.id)?.revoked_at).not.toBeNull();
    const err = await caught(withNewKey.getPipeline(1));
    expect(err).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(err.message).not.toContain(created.value);
  });

  test('creates a key with an expiry', async () => {
    const { client } = acme();
    const expires = new Date(Date.now() + 86400000).toISOString();
    const created = await client.createApiKey({ name: 'short-lived', expires_at: expires });
    expect(Date.parse(created.expires_at ?? '')).toBe(Date.parse(expires));
  });

  test('fails with 403 forbidden when a non-admin key creates or revokes a key', async () => {
    const admin = acme().client;
    const victim = await admin.createApiKey({ name: 'victim' });
    const { client, events } = acme(ACME_CI_KEY);
    await expect(client.createApiKey({ name: 'nope' })).rejects.toMatchObject({ status: 403, code: 'forbidden', method: 'POST', path: '/api/public/v1/api-keys' });
    await expect(client.revokeApiKey(victim.id)).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(events.filter((e) => e.type === 'request')).toHaveLength(2);
  });

  test('fails with 404 when revoking a key of another account', async () => {
    const globexKeys = await recordingClient(emulator().url, GLOBEX_ADMIN_KEY).client.listApiKeys();
    await expect(acme().client.revokeApiKey(globexKeys[0].id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('secrets', () => {
  test('no error, event or inspected value ever contains the key', async () => {
    const events: ClientEvent[] = [];
    const errors: unknown[] = [];
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY, { onEvent: (e) => events.push(e) });
    const ci = recordingClient(emulator().url, ACME_CI_KEY, { onEvent: (e) => events.push(e) }).client;
    const unknownKey = 'fdk_unknown_key_value_0000000000000000042';
    const stranger = recordingClient(emulator().url, unknownKey, { onEvent: (e) => events.push(e) }).client;
    const nowhere = await closedPortUrl();
    const attempts: (() => Promise<unknown>)[] = [
      () => client.getPipeline(424242),
      () => client.createPipeline(acmeDefinition('bad', { tables: [{ name: 't', columns: { include: ['a'], exclude: ['b'] } }] })),
      () => ci.createApiKey({ name: 'x' }),
      () => stranger.getPipeline(1),
      () => recordingClient(nowhere, ACME_ADMIN_KEY, { onEvent: (e) => events.push(e), retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).client.getPipeline(1),
    ];
    for (const attempt of attempts) await attempt().catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(attempts.length);
    expect(events.length).toBeGreaterThan(attempts.length);
    const surfaced = [JSON.stringify(events), ...errors.map((e) => `${String(e)} ${inspect(e, { depth: 10, showHidden: true })} ${JSON.stringify(e)}`), inspect(client, { depth: 10, showHidden: true })].join('\n');
    for (const key of [ACME_ADMIN_KEY, ACME_CI_KEY, unknownKey]) expect(surfaced).not.toContain(key);
  });
});
