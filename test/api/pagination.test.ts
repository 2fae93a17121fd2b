import type { ClientEvent, PipelineMetadata } from '../../lib/api';
import { useEmulator } from './emulator';
import { ACME_ADMIN_KEY, acmeDefinition, mapLimit, recordingClient } from './helpers';
import { startListHookProxy, type ListHookProxy } from '../support/list-hook-proxy';

/** Paging through more than one page of pipelines on the real emulator. */

const emulator = useEmulator();

function pageRequests(events: readonly ClientEvent[]): string[] {
  return events.filter((e) => e.type === 'request' && e.path.startsWith('/api/public/v1/pipelines?')).map((e) => e.path);
}

async function collect(iterable: AsyncIterable<PipelineMetadata>): Promise<PipelineMetadata[]> {
  const out: PipelineMetadata[] = [];
  for await (const p of iterable) out.push(p);
  return out;
}

describe('listPipelines', () => {
  let created: PipelineMetadata[] = [];

  beforeAll(async () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    created = await mapLimit(
      Array.from({ length: 230 }, (_, i) => i),
      16,
      (i) => client.createPipeline(acmeDefinition(`page-${String(i).padStart(3, '0')}`)),
    );
  });

  test('pages through 230 pipelines with page size 100 and stops at the short last page', async () => {
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const all = await collect(client.listPipelines({ pageSize: 100 }));
    expect(all).toHaveLength(230);
    expect(new Set(all.map((p) => p.id)).size).toBe(230);
    expect(new Set(all.map((p) => p.id))).toEqual(new Set(created.map((p) => p.id)));
    expect(pageRequests(events)).toEqual(['/api/public/v1/pipelines?page=1&page_size=100', '/api/public/v1/pipelines?page=2&page_size=100', '/api/public/v1/pipelines?page=3&page_size=100']);
    const times = all.map((p) => Date.parse(p.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  test('reads the short last page with has_more false', async () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const last = await client.listPipelinesPage(3, 100);
    expect(last.data).toHaveLength(30);
    expect(last.pagination).toEqual({ page: 3, page_size: 100, has_more: false });
    const middle = await client.listPipelinesPage(2, 100);
    expect(middle.pagination.has_more).toBe(true);
  });

  test('uses page size 100 by default and walks small pages too', async () => {
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    expect(await collect(client.listPipelines())).toHaveLength(230);
    expect(pageRequests(events)).toHaveLength(3);
    const small = recordingClient(emulator().url, ACME_ADMIN_KEY);
    expect(await collect(small.client.listPipelines({ pageSize: 23 }))).toHaveLength(230);
    expect(pageRequests(small.events)).toHaveLength(11);
  });

  test('ends at an empty page when the count is an exact multiple of the page size', async () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    await mapLimit(created.slice(0, 30), 10, (p) => client.archivePipeline(p.id));
    const walker = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const all = await collect(walker.client.listPipelines({ pageSize: 100 }));
    expect(all).toHaveLength(200);
    expect(pageRequests(walker.events)).toHaveLength(3);
    expect((await client.listPipelinesPage(3, 100)).data).toHaveLength(0);
  });

  test('fails with a RangeError for a page size above 100', () => {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    expect(() => client.listPipelines({ pageSize: 101 })).toThrow(RangeError);
  });
});

describe('listPipelinesConsistently', () => {
  let proxy: ListHookProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  async function liveIds(): Promise<number[]> {
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    return (await collect(client.listPipelines())).map((p) => p.id);
  }

  test('walks a quiet list of several pages twice and returns every pipeline once, newest first', async () => {
    const expected = await liveIds();
    expect(expected.length).toBeGreaterThan(100);
    const { client, events } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    expect((await client.listPipelinesConsistently()).map((p) => p.id)).toEqual(expected);
    expect(pageRequests(events)).toHaveLength(2 * Math.ceil((expected.length + 1) / 100));
  });

  test('misses no pipeline that stayed live when another client archives one during a walk (a plain walk does)', async () => {
    const before = await liveIds();
    const victims = before.slice(0, 3);
    let strikes = 0;
    proxy = await startListHookProxy(emulator().url, async (page) => {
      if (page !== 1 || strikes >= 2) return;
      const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
      await client.archivePipeline(victims[strikes++]);
    });
    const { client } = recordingClient(proxy.url, ACME_ADMIN_KEY);
    // The plain walk skips the pipeline that moved from page 2 onto page 1 behind it.
    const plain = (await collect(client.listPipelines())).map((p) => p.id);
    expect(before.filter((id) => id !== victims[0] && !plain.includes(id))).toHaveLength(1);
    const consistent = (await client.listPipelinesConsistently()).map((p) => p.id);
    expect(consistent).toEqual(before.filter((id) => !victims.slice(0, 2).includes(id)));
  });

  test('stops before the first pipeline stopAt matches', async () => {
    const all = await liveIds();
    const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
    const threshold = all[150];
    expect((await client.listPipelinesConsistently({ stopAt: (p) => p.id <= threshold })).map((p) => p.id)).toEqual(all.slice(0, 150));
  });

  test('fails with list_unstable, naming the retry, when the list changes during every walk', async () => {
    const victims = (await liveIds()).slice(0, 10);
    let strikes = 0;
    proxy = await startListHookProxy(emulator().url, async (page) => {
      if (page !== 1) return;
      const { client } = recordingClient(emulator().url, ACME_ADMIN_KEY);
      await client.archivePipeline(victims[strikes++]);
    });
    const { client } = recordingClient(proxy.url, ACME_ADMIN_KEY);
    await expect(client.listPipelinesConsistently({ maxWalks: 3 })).rejects.toMatchObject({ code: 'list_unstable', message: expect.stringMatching(/kept changing.*retry/) });
    expect(strikes).toBe(3);
  });
});
