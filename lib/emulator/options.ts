import { DEFAULT_SEED } from './default-seed';
import type { FaultOptions } from './faults';
import type { EmulatorSeed } from './seed';

/** Options of {@link startEmulator}. Every one has a default. */
export interface EmulatorOptions {
  /**
   * The TCP port to listen on; 0 picks a free one (read it from `url`).
   * @default 8787
   */
  port?: number;
  /**
   * The address to listen on. Operator endpoints (`/_emulator/...`) answer loopback callers only.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * The SQLite file that keeps everything across restarts; parent directories are created.
   * `:memory:` keeps nothing.
   * @default '.integrateio/emulator.db'
   */
  dataPath?: string;
  /**
   * Accounts, keys, connections and hooks to create; applied only when the database is empty.
   * @default DEFAULT_SEED
   */
  seed?: EmulatorSeed;
  /**
   * How long a started pipeline is observed `starting` before `running`, in ms.
   * @default 300
   */
  startDelayMs?: number;
  /**
   * How long a gracefully stopped pipeline is observed `stopping` before `stopped`, in ms.
   * @default 200
   */
  stopDelayMs?: number;
  /**
   * How long an emulated minute of sync frequency lasts, in ms: a pipeline with `frequency: 5`
   * syncs every 5 × minuteMs while running.
   * @default 1000
   */
  minuteMs?: number;
  /**
   * Fault injection on /api/public/v1 (429, 500, 503, dropped and slow responses).
   * @default no faults
   */
  faults?: FaultOptions;
  /**
   * The largest request body accepted, in bytes; larger ones get 413.
   * @default 1048576 (1 MiB)
   */
  bodyLimitBytes?: number;
  /**
   * Receives one line per request (`METHOD path status ms`) and internal errors. Never given a key.
   * @default no logging
   */
  log?: (line: string) => void;
}

/** {@link EmulatorOptions} with every default filled in and every value checked. */
export type ResolvedOptions = { readonly [K in keyof EmulatorOptions]-?: Exclude<EmulatorOptions[K], undefined> };

/** The default database file, relative to the working directory. */
export const DEFAULT_DATA_PATH = '.integrateio/emulator.db';

function wholeNumber(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`emulator option ${name}: expected a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/**
 * Fills in the defaults of the emulator options and checks them.
 *
 * @throws RangeError naming the option when a value is out of range.
 */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  return {
    port: wholeNumber('port', options.port, 8787, 0, 65535),
    host: options.host ?? '127.0.0.1',
    dataPath: options.dataPath ?? DEFAULT_DATA_PATH,
    seed: options.seed ?? DEFAULT_SEED,
    startDelayMs: wholeNumber('startDelayMs', options.startDelayMs, 300, 0, 3_600_000),
    stopDelayMs: wholeNumber('stopDelayMs', options.stopDelayMs, 200, 0, 3_600_000),
    minuteMs: wholeNumber('minuteMs', options.minuteMs, 1000, 1, 3_600_000),
    faults: options.faults ?? {},
    bodyLimitBytes: wholeNumber('bodyLimitBytes', options.bodyLimitBytes, 1024 * 1024, 1, 1024 * 1024 * 1024),
    log: options.log ?? (() => undefined),
  };
}
