import type { AddressInfo } from 'node:net';
import { FaultPlanner, type FaultOptions } from './faults';
import { hashKey } from './key-values';
import { resolveOptions, type EmulatorOptions } from './options';
import { parseSeed, type EmulatorSeed } from './seed';
import { buildServer } from './server';
import { StatsCollector, type EmulatorStats } from './stats';
import { applySeed } from './store/seed-store';
import { EmulatorStore } from './store/store';

/** A seeded API key that works against the running emulator. */
export interface SeededKey {
  /** The account it belongs to. */
  readonly account: string;
  /** The key's name. */
  readonly name: string;
  /** The full secret, to send as `Authorization: Bearer <value>`. */
  readonly value: string;
  /** Whether it may manage keys. */
  readonly admin: boolean;
}

/** A running emulator, as returned by {@link startEmulator}. */
export interface RunningEmulator {
  /** The base URL, e.g. `http://127.0.0.1:8787` (no path: the API is under /api/public/v1). */
  readonly url: string;
  /**
   * The keys of the seed that authenticate now (present in the database, not revoked, not
   * expired). After a restart on an existing database these are the keys of the seed passed
   * this time that the database still knows.
   */
  readonly keys: readonly SeededKey[];
  /** The request counts since start or the last {@link RunningEmulator.resetStats}. */
  stats(): EmulatorStats;
  /** Sets every request count back to zero. */
  resetStats(): void;
  /**
   * Replaces the fault injection options (the random sequence restarts from the new seed).
   * @throws FaultOptionsError naming the option when a value is out of range.
   */
  setFaults(faults: FaultOptions): void;
  /** Stops listening, waits for requests in flight and closes the database. Idempotent. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function usableSeedKeys(seed: EmulatorSeed, store: EmulatorStore, now: number): SeededKey[] {
  const out: SeededKey[] = [];
  for (const account of seed.accounts) {
    for (const key of account.keys) {
      const row = store.keys.findByHash(hashKey(key.value));
      if (row === undefined || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) continue;
      out.push({ account: account.name, name: row.name, value: key.value, admin: row.admin });
    }
  }
  return out;
}

/**
 * Starts the emulator: opens (or creates and seeds) its SQLite database and listens for HTTP.
 *
 * @throws Error naming the option, seed field or database path when one of them is unusable, or
 * the listen error (e.g. EADDRINUSE) when the port is taken.
 * @example
 * const emulator = await startEmulator({ port: 0, dataPath: ':memory:' });
 * const res = await fetch(`${emulator.url}/api/public/v1/pipelines`, {
 *   headers: { authorization: `Bearer ${emulator.keys[0].value}` },
 * });
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const seed = parseSeed(resolved.seed, 'seed');
  const faults = new FaultPlanner(resolved.faults);
  const store = EmulatorStore.open(resolved.dataPath);
  try {
    applySeed(store.db, seed, Date.now());
    const stats = new StatsCollector();
    const app = buildServer({ options: resolved, store, faults, stats, clock: Date.now });
    try {
      await app.listen({ port: resolved.port, host: resolved.host });
    } catch (err) {
      await app.close();
      throw err;
    }
    const address = app.server.address() as AddressInfo;
    const keys = usableSeedKeys(seed, store, Date.now());
    let closing: Promise<void> | undefined;
    return {
      url: `http://${urlHost(resolved.host)}:${address.port}`,
      keys,
      stats: () => stats.snapshot(),
      resetStats: () => stats.reset(),
      setFaults: (f) => faults.set(f),
      close: () => {
        closing ??= app.close().then(() => store.close());
        return closing;
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
