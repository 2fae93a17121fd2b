/**
 * The shared metadata reads of refreshes (lib/provider/resources/refresh-reads.ts) against the
 * real client and emulator: overlapping reads walk the list, a lone read is a GET, nothing is
 * decided by absence, and the reads never exceed the pipelines by more than one.
 */
import { IntegrateioClient, isApiError, type PipelineMetadata } from '../../lib/api';
import type { PipelineDefinition } from '../../lib/definition';
import { startEmulator, type RunningEmulator } from '../../lib/emulator';
import { RefreshReads } from '../../lib/provider/resources/refresh-reads';
import { minimalWith } from '../definition/documents';

const ADMIN = 'fdk_emulator_acme_admin_key_000000000001';

let emulator: RunningEmulator;
let client: IntegrateioClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataPath: ':memory:' });
  client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN, env: {} });
});

afterAll(async () => {
  await emulator?.close();
});

/** The reference's minimal document under another name. */
function named(name: string): PipelineDefinition {
  return minimalWith(['name'], name) as unknown as PipelineDefinition;
}

async function createFleet(prefix: string, count: number): Promise<PipelineMetadata[]> {
  const created: PipelineMetadata[] = [];
  for (let i = 0; i < count; i++) created.push(await client.createPipeline(named(`${prefix}-${i}`)));
  return created;
}

/** The reads the emulator counted since the last reset: single GETs and list pages. */
function reads(): { gets: number; pages: number } {
  const byRoute = emulator.stats().byRoute;
  return { gets: byRoute['GET /pipelines/{id}'] ?? 0, pages: byRoute['GET /pipelines'] ?? 0 };
}

async function settle<T>(promise: Promise<T>): Promise<T | { status: number }> {
  try {
    return await promise;
  } catch (err) {
    if (isApiError(err)) return { status: err.status };
    throw err;
  }
}

describe('RefreshReads', () => {
  test('answers overlapping reads from the list pages, with what each GET answers', async () => {
    const fleet = await createFleet('overlap', 30);
    const reader = new RefreshReads(client);
    emulator.resetStats();
    const answers = await Promise.all(fleet.map((p) => reader.metadata(p.id)));
    const { gets, pages } = reads();
    expect(gets + pages).toBeLessThan(fleet.length);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (const [i, p] of fleet.entries()) expect(answers[i]).toEqual(await client.getPipeline(p.id));
  });

  test('reads a lone pipeline with one GET', async () => {
    const [one] = await createFleet('lone', 1);
    const reader = new RefreshReads(client);
    emulator.resetStats();
    await expect(reader.metadata(one.id)).resolves.toEqual(await client.getPipeline(one.id));
    emulator.resetStats();
    await reader.metadata(one.id);
    expect(reads()).toEqual({ gets: 1, pages: 0 });
  });

  test('fails with the GET 404 for an archived pipeline, never from its absence in the list alone', async () => {
    const fleet = await createFleet('archived', 12);
    await client.archivePipeline(fleet[4].id);
    const reader = new RefreshReads(client);
    emulator.resetStats();
    const answers = await Promise.all(fleet.map((p) => settle(reader.metadata(p.id))));
    expect(answers[4]).toEqual({ status: 404 });
    expect(answers.filter((a) => 'id' in a)).toHaveLength(11);
    expect(reads().gets).toBeGreaterThanOrEqual(1);
  });

  test('finds older pipelines behind 150 newer ones with at most one read more than the pipelines', async () => {
    const fleet = await createFleet('older', 20);
    await createFleet('newer', 150);
    const reader = new RefreshReads(client);
    emulator.resetStats();
    const answers = await Promise.all(fleet.map((p) => reader.metadata(p.id)));
    expect(answers.map((a) => a.id)).toEqual(fleet.map((p) => p.id));
    const { gets, pages } = reads();
    expect(gets + pages).toBeLessThanOrEqual(fleet.length + 1);
  });

  test('drops a page that was in flight during forget(), and every call still gets its pipeline', async () => {
    const fleet = await createFleet('inflight', 12);
    const reader = new RefreshReads(client);
    emulator.resetStats();
    const pending = fleet.map((p) => reader.metadata(p.id));
    reader.forget();
    const answers = await Promise.all(pending);
    for (const [i, p] of fleet.entries()) expect(answers[i]).toEqual(await client.getPipeline(p.id));
    // The dropped page, then at most the pipelines plus one (the reads of the checks above excluded).
    const { gets, pages } = reads();
    expect(gets - fleet.length + pages).toBeLessThanOrEqual(fleet.length + 2);
  });

  test('reads again after forget(), without the pages read before it', async () => {
    const fleet = await createFleet('forget', 5);
    const reader = new RefreshReads(client);
    await Promise.all(fleet.map((p) => reader.metadata(p.id)));
    await client.replaceDefinition(fleet[2].id, named('forget-2-renamed'));
    reader.forget();
    const again = await Promise.all(fleet.map((p) => reader.metadata(p.id)));
    expect(again[2].name).toBe('forget-2-renamed');
  });
});
