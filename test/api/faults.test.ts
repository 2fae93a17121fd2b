import type { ClientEvent, PipelineMetadata, RecoveryEvent } from '../../lib/api';
import { useEmulator } from './emulator';
import { ACME_ADMIN_KEY, ACME_CI_KEY, acmeDefinition, mapLimit, recordingClient } from './helpers';

/**
 * Retries and create recovery against the real emulator's fault injection: 429 with Retry-After,
 * 503 and dropped connections before and after the request was processed, slow answers.
 */

const emulator = useEmulator();

afterEach(() => emulator().setFaults({}));

async function namesListed(prefix: string): Promise<PipelineMetadata[]> {
  const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY, { retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 40 } });
  const out: PipelineMetadata[] = [];
  for await (const p of client.listPipelines({ pageSize: 100 })) if (p.name.startsWith(prefix)) out.push(p);
  return out;
}

function recoveries(events: readonly ClientEvent[]): RecoveryEvent[] {
  return events.filter((e): e is RecoveryEvent => e.type === 'recovery');
}

describe('retries', () => {
  test('retries a 429 after the Retry-After the emulator sends', async () => {
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const { id } = await client.createPipeline(acmeDefinition('rate-limited'));
    emulator().setFaults({ rate429: 0.6, retryAfterSeconds: 1, seed: 3 });
    emulator().resetStats();
    const started = Date.now();
    for (let i = 0; i < 2; i++) await expect(client.getPipeline(id)).resolves.toMatchObject({ id });
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries.length).toBeGreaterThan(0);
    for (const r of retries) expect(r).toMatchObject({ status: 429, code: 'rate_limited', delayMs: 1000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000 * retries.length - 20);
    expect(emulator().stats().faults['429']).toBe(retries.length);
  });

  test('does not retry 400, 401, 403, 404 or 422 from the emulator', async () => {
    const admin = recordingClient(emulator().url, ACME_ADMIN_KEY).client;
    const ci = recordingClient(emulator().url, ACME_CI_KEY).client;
    const stranger = recordingClient(emulator().url, 'fdk_unknown_key_value_0000000000000000042').client;
    emulator().resetStats();
    const failures = await Promise.all([
      admin.validateNew(acmeDefinition('x', { tables: [{ name: 't', columns: { include: ['a'], exclude: ['b'] } }] })).catch((e: unknown) => e),
      stranger.getPipeline(1).catch((e: unknown) => e),
      ci.createApiKey({ name: 'nope' }).catch((e: unknown) => e),
      admin.getPipeline(999999).catch((e: unknown) => e),
      admin.validateNew({ ...acmeDefinition('x'), sync: 'hourly' } as never).catch((e: unknown) => e),
    ]);
    expect(failures.map((e) => (e as { status: number }).status)).toEqual([400, 401, 403, 404, 422]);
    // Five calls, plus at most the one list request with which a client checks, after its first
    // 404, that its base URL leads to the API (none of them was retried).
    expect(emulator().stats().total).toBeLessThanOrEqual(6);
  });

  test('fails with code timeout when the emulator answers slower than the request timeout', async () => {
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY, { timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    emulator().setFaults({ rateSlow: 1, slowMs: 600 });
    await expect(client.listApiKeys()).rejects.toMatchObject({ status: 0, code: 'timeout', attempts: 2 });
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
  });
});

describe('create recovery', () => {
  test('creates exactly 100 pipelines through 30% injected 503s and dropped connections', async () => {
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY, { retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 50 } });
    emulator().setFaults({ rate503: 0.15, rateDrop: 0.15, retryAfterSeconds: 0, seed: 20260615 });
    emulator().resetStats();
    const names = Array.from({ length: 100 }, (_, i) => `fleet-${String(i).padStart(3, '0')}`);
    const created = await mapLimit(names, 10, (name) => client.createPipeline(acmeDefinition(name)));
    expect(created.map((p) => p.name)).toEqual(names);
    expect(new Set(created.map((p) => p.id)).size).toBe(100);
    const faults = emulator().stats().faults;
    expect(faults['503']).toBeGreaterThan(0);
    expect(faults.drop).toBeGreaterThan(0);
    expect(recoveries(events).filter((r) => r.outcome === 'adopted').length).toBeGreaterThan(0);
    const listed = await namesListed('fleet-');
    expect(listed).toHaveLength(100);
    expect(listed.map((p) => p.name).sort()).toEqual(names);
    expect(new Set(listed.map((p) => p.id))).toEqual(new Set(created.map((p) => p.id)));
  });

  test('gives two identical concurrent creates two distinct pipelines through dropped connections', async () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY, { retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 50 } });
    emulator().setFaults({ rateDrop: 0.4, seed: 11 });
    const def = acmeDefinition('twin');
    const twins = await Promise.all([client.createPipeline(def), client.createPipeline(def), client.createPipeline(def)]);
    expect(new Set(twins.map((p) => p.id)).size).toBe(3);
    expect(await namesListed('twin')).toHaveLength(3);
  });

  test('retries a create answered 429 directly, without looking for it', async () => {
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY, { retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 50 } });
    emulator().setFaults({ rate429: 0.4, retryAfterSeconds: 0, seed: 5 });
    const names = Array.from({ length: 10 }, (_, i) => `throttled-${i}`);
    await mapLimit(names, 5, (name) => client.createPipeline(acmeDefinition(name)));
    expect(events.some((e) => e.type === 'retry' && e.status === 429)).toBe(true);
    expect(recoveries(events)).toHaveLength(0);
    expect(await namesListed('throttled-')).toHaveLength(10);
  });

  test('fails with create_outcome_unknown, and sends no second create, when looking for an ambiguous create fails too', async () => {
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    emulator().setFaults({ rate503: 1, retryAfterSeconds: 0, seed: 1 });
    emulator().resetStats();
    const err = await client.createPipeline(acmeDefinition('unknowable')).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, code: 'create_outcome_unknown', method: 'POST', path: '/api/public/v1/pipelines' });
    expect((err as Error).message).toContain('list the pipelines named "unknowable" before creating it again');
    expect(emulator().stats().byRoute['POST /pipelines']).toBe(1);
    expect(events.at(-1)).toMatchObject({ type: 'failure', code: 'create_outcome_unknown' });
  });
});
