import { faultsFromEnv, startEmulator } from '../../lib/emulator';
import { FaultPlanner } from '../../lib/emulator/faults';
import { definitionYaml, errorOf, startTest, type TestEmulator } from './support';

const YAML = { 'content-type': 'application/yaml' };

async function statusOrDrop(p: Promise<Response>): Promise<number | 'dropped'> {
  try {
    const res = await p;
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'dropped';
  }
}

describe('emulator fault injection', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTest();
  });
  afterEach(() => t.emulator.setFaults({}));
  afterAll(() => t.close());

  const countPipelines = async (): Promise<number> => ((await (await t.api('/pipelines?page_size=100')).json()) as { data: unknown[] }).data.length;

  it('is off by default', async () => {
    for (let i = 0; i < 20; i++) expect((await t.api('/pipelines')).status).toBe(200);
    expect(t.emulator.stats().faults).toEqual({ '429': 0, '500': 0, '503': 0, drop: 0, slow: 0 });
  });

  it('answers 429 rate_limited with Retry-After, before processing', async () => {
    t.emulator.setFaults({ rate429: 1, retryAfterSeconds: 7, seed: 1 });
    const before = t.emulator.stats().faults['429'];
    const res = await t.api('/pipelines', { method: 'POST', headers: YAML, body: definitionYaml() });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await errorOf(res)).toEqual({ code: 'rate_limited', message: 'too many requests: wait 7 s (Retry-After) and retry' });
    t.emulator.setFaults({});
    expect(await countPipelines()).toBe(0);
    expect(t.emulator.stats().faults['429']).toBe(before + 1);
  });

  it('answers 500 internal_error sometimes before and sometimes after the create was applied', async () => {
    const start = await countPipelines();
    t.emulator.setFaults({ rate500: 1, seed: 42 });
    const statuses = new Set<number | 'dropped'>();
    for (let i = 0; i < 12; i++) statuses.add(await statusOrDrop(t.api('/pipelines', { method: 'POST', headers: YAML, body: definitionYaml() })));
    const res = await t.api('/pipelines');
    expect(await errorOf(res)).toEqual({ code: 'internal_error', message: 'internal error (emulated fault); the request may or may not have been applied' });
    t.emulator.setFaults({});
    expect([...statuses]).toEqual([500]);
    const created = (await countPipelines()) - start;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(12);
    expect(t.lines.some((l) => l.endsWith('[fault 500 before processing]'))).toBe(true);
    expect(t.lines.some((l) => l.endsWith('[fault 500 after processing]'))).toBe(true);
  });

  it('answers 503 service_unavailable with Retry-After, before or after processing', async () => {
    t.emulator.setFaults({ rate503: 1, retryAfterSeconds: 2, seed: 3 });
    for (let i = 0; i < 6; i++) {
      const res = await t.api(`/pipelines/${i + 1}`, { method: 'DELETE' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.headers.get('location')).toBeNull();
      expect((await errorOf(res)).code).toBe('service_unavailable');
    }
  });

  it('drops connections with no response, sometimes after the create was applied', async () => {
    t.emulator.setFaults({ rateDrop: 1, seed: 5 });
    const start = await countPipelines().catch(() => NaN);
    expect(start).toBeNaN();
    t.emulator.setFaults({});
    const before = await countPipelines();
    t.emulator.setFaults({ rateDrop: 1, seed: 5 });
    const outcomes: (number | 'dropped')[] = [];
    for (let i = 0; i < 12; i++) outcomes.push(await statusOrDrop(t.api('/pipelines', { method: 'POST', headers: YAML, body: definitionYaml() })));
    t.emulator.setFaults({});
    expect(new Set(outcomes)).toEqual(new Set(['dropped']));
    const created = (await countPipelines()) - before;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(12);
    expect(t.lines.some((l) => / dropped \d+ms \[fault drop before processing\]$/.test(l))).toBe(true);
    expect(t.lines.some((l) => / dropped \d+ms \[fault drop after processing\]$/.test(l))).toBe(true);
    expect((await t.api('/pipelines')).status).toBe(200);
  });

  it('delays slow requests by slowMs, then answers normally', async () => {
    t.emulator.setFaults({ rateSlow: 1, slowMs: 150 });
    const started = Date.now();
    const res = await t.api('/pipelines');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(t.emulator.stats().faults.slow).toBeGreaterThan(0);
  });

  it('mixes fault kinds in the given shares, the same way for the same seed', async () => {
    const run = async (): Promise<(number | 'dropped')[]> => {
      const e = await startEmulator({ port: 0, dataPath: ':memory:', faults: { rate429: 0.2, rate500: 0.2, rate503: 0.2, rateDrop: 0.2, retryAfterSeconds: 0, seed: 99 } });
      try {
        const out: (number | 'dropped')[] = [];
        for (let i = 0; i < 40; i++) out.push(await statusOrDrop(fetch(`${e.url}/api/public/v1/pipelines`, { headers: { authorization: `Bearer ${e.keys[0].value}` } })));
        return out;
      } finally {
        await e.close();
      }
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 500, 503, 'dropped']));
  });

  it('never faults operator endpoints or requests outside the API', async () => {
    t.emulator.setFaults({ rate503: 1 });
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${t.url}/_emulator/stats`)).status).toBe(200);
      expect((await fetch(`${t.url}/elsewhere`)).status).toBe(404);
    }
  });

  it('fails to set out-of-range fault options, naming the option', () => {
    expect(() => t.emulator.setFaults({ rate429: 1.5 })).toThrow('faults.rate429: a rate is a number from 0 to 1, got 1.5');
    expect(() => t.emulator.setFaults({ rate500: 0.6, rate503: 0.6 })).toThrow(/at most 1/);
    expect(() => t.emulator.setFaults({ slowMs: -1 })).toThrow(/faults\.slowMs/);
    expect(() => t.emulator.setFaults({ bogus: 1 } as never)).toThrow(/faults\.bogus: unknown fault option/);
  });

  it('fails to start with invalid fault options', async () => {
    await expect(startEmulator({ port: 0, dataPath: ':memory:', faults: { rateDrop: -0.1 } })).rejects.toThrow(/faults\.rateDrop/);
  });
});

describe('faultsFromEnv', () => {
  it('reads every key of INTEGRATEIO_EMULATOR_FAULTS', () => {
    expect(faultsFromEnv({ INTEGRATEIO_EMULATOR_FAULTS: '429=0.1,500=0.05,503=0.2,drop=0.1,slow=0.1,slow_ms=2000,seed=1,retry_after=3' })).toEqual({
      rate429: 0.1,
      rate500: 0.05,
      rate503: 0.2,
      rateDrop: 0.1,
      rateSlow: 0.1,
      slowMs: 2000,
      seed: 1,
      retryAfterSeconds: 3,
    });
  });

  it('reads nothing from an unset or empty variable', () => {
    expect(faultsFromEnv({})).toEqual({});
    expect(faultsFromEnv({ INTEGRATEIO_EMULATOR_FAULTS: ' ' })).toEqual({});
  });

  it('tolerates spaces and a trailing comma', () => {
    expect(faultsFromEnv({ INTEGRATEIO_EMULATOR_FAULTS: ' 429 = 0.5 , ' })).toEqual({ rate429: 0.5 });
  });

  it.each([
    ['429=lots', /429 needs a number, got "lots"/],
    ['418=0.1', /unknown entry "418"/],
    ['drop', /drop needs a number/],
    ['500=2', /faults\.rate500: a rate is a number from 0 to 1/],
    ['500=0.7,503=0.7', /at most 1/],
  ])('fails for %s', (value, message) => {
    expect(() => faultsFromEnv({ INTEGRATEIO_EMULATOR_FAULTS: value })).toThrow(message);
  });
});

describe('FaultPlanner', () => {
  it('replays the same decisions for the same seed and strikes 429 only before processing', () => {
    const a = new FaultPlanner({ rate429: 0.3, rate500: 0.3, rateDrop: 0.3, rateSlow: 0.5, seed: 11 });
    const b = new FaultPlanner({ rate429: 0.3, rate500: 0.3, rateDrop: 0.3, rateSlow: 0.5, seed: 11 });
    const decisions = Array.from({ length: 200 }, () => a.decide());
    expect(Array.from({ length: 200 }, () => b.decide())).toEqual(decisions);
    expect(decisions.filter((d) => d.kind === '429').every((d) => d.when === 'before')).toBe(true);
    expect(new Set(decisions.filter((d) => d.kind === 'drop').map((d) => d.when))).toEqual(new Set(['before', 'after']));
    const share = decisions.filter((d) => d.kind === undefined).length / decisions.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.25);
  });
});
