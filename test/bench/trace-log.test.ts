/**
 * The trace reader of the plan breakdown (bench/trace-log.ts) on small hand-written logs in the
 * shape of Terraform's: it attributes the wall time, and copes with missing lines by saying so.
 * (The real logs are exercised by the bench smoke test, which asserts only their shape.)
 */
import { apiRoute, breakdownSum, parseTrace, unionMs } from '../../bench/trace-log';

const SPAWN = Date.parse('2026-01-01T00:00:00.000Z');

/** A log line `ms` after the spawn. */
function at(ms: number, text: string): string {
  return `${new Date(SPAWN + ms).toISOString()} [TRACE] ${text}`;
}

function launch(from: number, pid: number, opts: { handshake?: boolean; exit?: boolean } = {}): string[] {
  return [
    at(from, 'provider: starting plugin: path=p args=[p]'),
    at(from + 1, `provider: plugin started: path=p pid=${pid}`),
    ...(opts.handshake === false ? [] : [at(from + 50, 'provider: using plugin: version=6')]),
    at(from + 60, 'GRPCProvider.v6: ReadResource'),
    at(from + 62, 'provider.terraform-provider-x: grpc: call: path=/tfplugin6.Provider/ReadResource bytes=3'),
    at(from + 63, 'provider.terraform-provider-x: API request GET /api/public/v1/pipelines/7: attempt=1'),
    at(from + 83, 'provider.terraform-provider-x: API response GET /api/public/v1/pipelines/7: 200 in 20 ms: status=200'),
    at(from + 90, 'GRPCProvider.v6: Close'),
    ...(opts.exit === false ? [] : [at(from + 95, `provider: plugin process exited: plugin=p id=${pid}`)]),
  ];
}

describe('parseTrace', () => {
  test('attributes the wall time to Terraform and to each launch\'s phases, adding up to the total', () => {
    const log = [at(0, 'Terraform version: 1.11.4'), at(10, 'providercache.fillMetaCache: including p'), at(40, 'checking for provisioner'), ...launch(100, 11), '  a continuation line without a timestamp', ...launch(300, 12), at(480, 'done')].join('\n');
    const trace = parseTrace(log, SPAWN, 500);
    expect(trace.notes).toEqual([]);
    expect(trace.launches.map((l) => l.pid)).toEqual([11, 12]);
    expect(trace.launches[0].calls).toEqual(['ReadResource']);
    expect(trace.launches[0].phases).toEqual({ execToHandshake: 50, handshakeToFirstCall: 12, calls: 8, apiWait: 20, closeToExit: 5 });
    expect(trace.terraformOwnMs).toBe(500 - 2 * 95);
    expect(trace.packageCheckMs).toBe(30);
    expect(breakdownSum(trace)).toBe(500);
    expect(trace.apiResponses).toEqual([{ route: 'GET /pipelines/{id}', ms: 20 }, { route: 'GET /pipelines/{id}', ms: 20 }]);
  });

  test('folds the phase of a missing line into its neighbour and says so, without failing', () => {
    const log = [...launch(0, 11, { handshake: false }), ...launch(200, 12, { exit: false })].join('\n');
    const trace = parseTrace(log, SPAWN, 400);
    expect(trace.launches).toHaveLength(2);
    expect(trace.launches[0].phases.execToHandshake).toBe(0);
    expect(trace.notes.some((n) => n.includes('launch 1') && n.includes('handshake'))).toBe(true);
    expect(trace.notes.some((n) => n.includes('launch 2') && n.includes('exited'))).toBe(true);
    expect(breakdownSum(trace)).toBe(400);
  });

  test('reads a log without any provider launch as Terraform\'s own work', () => {
    const trace = parseTrace('not a log line\n', SPAWN, 42);
    expect(trace.launches).toEqual([]);
    expect(trace.terraformOwnMs).toBe(42);
    expect(trace.notes.length).toBeGreaterThan(0);
  });
});

describe('helpers', () => {
  test('unionMs counts overlapping intervals once and clips them', () => {
    expect(unionMs([[0, 10], [5, 15], [20, 30]], 0, 100)).toBe(25);
    expect(unionMs([[0, 10]], 5, 8)).toBe(3);
  });

  test('apiRoute replaces ids and drops the query and the API prefix', () => {
    expect(apiRoute('GET', '/api/public/v1/pipelines/12/definition?x=1')).toBe('GET /pipelines/{id}/definition');
  });
});
