import type { FaultKind } from './faults';

/** How a request counts in {@link EmulatorStats}: the kind of the endpoint it reached. */
export type RequestKind = 'read' | 'write' | 'validate';

/**
 * Counts of the requests the emulator received under /api/public/v1 since it started or since
 * the last reset. Operator endpoints (`/_emulator/...`) are not counted.
 *
 * A request counts when it arrives, whatever its outcome (401, 429, dropped...): a test that
 * asserts "plan made no writes" sees every write that was even attempted.
 */
export interface EmulatorStats {
  /** Every request. */
  total: number;
  /**
   * Requests by `METHOD route-pattern`, the pattern relative to /api/public/v1, e.g.
   * `GET /pipelines/{id}` or `POST /pipelines/{id}/start`; `GET (unknown route)` for paths that
   * match no endpoint.
   */
  byRoute: Record<string, number>;
  /** Answered requests by HTTP status, e.g. `{"200": 3, "404": 1}`. Dropped requests have none. */
  byStatus: Record<string, number>;
  /** Requests to endpoints that change something: create, replace, delete, start, stop, key create and revoke. */
  writes: number;
  /** Requests to the two validate endpoints. */
  validates: number;
  /** GET (and HEAD) requests to known endpoints. */
  reads: number;
  /** Faults injected, by kind (`slow` counts delayed requests). */
  faults: Record<FaultKind | 'slow', number>;
}

function emptyStats(): EmulatorStats {
  return { total: 0, byRoute: {}, byStatus: {}, writes: 0, validates: 0, reads: 0, faults: { '429': 0, '500': 0, '503': 0, drop: 0, slow: 0 } };
}

/** Collects {@link EmulatorStats}. */
export class StatsCollector {
  private stats = emptyStats();

  /** Counts an arriving request to `route` (a `METHOD pattern` key) of the given kind. */
  request(route: string, kind: RequestKind | undefined): void {
    this.stats.total += 1;
    this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
    if (kind === 'read') this.stats.reads += 1;
    else if (kind === 'write') this.stats.writes += 1;
    else if (kind === 'validate') this.stats.validates += 1;
  }

  /** Counts an answered status. */
  status(status: number): void {
    const key = String(status);
    this.stats.byStatus[key] = (this.stats.byStatus[key] ?? 0) + 1;
  }

  /** Counts an injected fault. */
  fault(kind: FaultKind | 'slow'): void {
    this.stats.faults[kind] += 1;
  }

  /** A copy of the counts. */
  snapshot(): EmulatorStats {
    return structuredClone(this.stats);
  }

  /** Sets every count back to zero. */
  reset(): void {
    this.stats = emptyStats();
  }
}
