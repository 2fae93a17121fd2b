import { seededRandom, type Random } from './prng';

/**
 * Fault injection: shares (0 to 1) of /api/public/v1 requests that misbehave the way a real
 * service under load does. Off when every rate is 0 or absent.
 *
 * `rate429`, `rate500`, `rate503` and `rateDrop` exclude each other (their sum is at most 1);
 * `rateSlow` is rolled on its own, so a slow request may also fail.
 */
export interface FaultOptions {
  /** Share of requests answered 429 `rate_limited` with a Retry-After header, before processing. */
  rate429?: number;
  /**
   * The Retry-After of a 429 (and of a 503), in whole seconds.
   * @default 1
   */
  retryAfterSeconds?: number;
  /** Share of requests answered 500 `internal_error`, at random before or after processing. */
  rate500?: number;
  /** Share of requests answered 503 `service_unavailable`, at random before or after processing. */
  rate503?: number;
  /** Share of requests whose connection is dropped with no response, at random before or after processing. */
  rateDrop?: number;
  /** Share of requests delayed by {@link FaultOptions.slowMs} before being processed normally. */
  rateSlow?: number;
  /**
   * The delay of a slow request, in milliseconds.
   * @default 2000
   */
  slowMs?: number;
  /** Seed of the random choices: the same seed gives the same sequence of faults. Random when absent. */
  seed?: number;
}

/** Fault options with every default filled in, as the server uses them. */
export type ResolvedFaults = Required<Omit<FaultOptions, 'seed'>> & { readonly seed?: number };

/** A fault that replaces the answer. */
export type FaultKind = '429' | '500' | '503' | 'drop';

/** What happens to one request. */
export interface FaultDecision {
  /** The fault replacing the answer, or undefined for a normal answer. */
  readonly kind?: FaultKind;
  /** Whether the fault strikes before the request is processed or after it was (and committed). */
  readonly when: 'before' | 'after';
  /** Whether the request is first delayed. */
  readonly slow: boolean;
}

/** A fault option that is out of range or unknown; `field` names it. */
export class FaultOptionsError extends RangeError {
  /** The option at fault, e.g. `rate429`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`faults.${field}: ${message}`);
    this.name = 'FaultOptionsError';
    this.field = field;
  }
}

const RATE_FIELDS = ['rate429', 'rate500', 'rate503', 'rateDrop', 'rateSlow'] as const;
const KNOWN_FIELDS = new Set<string>([...RATE_FIELDS, 'retryAfterSeconds', 'slowMs', 'seed']);

/**
 * Checks fault options and fills in the defaults.
 *
 * @throws FaultOptionsError naming the option when a value is out of range or unknown.
 */
export function resolveFaults(options: FaultOptions = {}): ResolvedFaults {
  for (const key of Object.keys(options)) {
    if (!KNOWN_FIELDS.has(key)) throw new FaultOptionsError(key, `unknown fault option: use one of ${[...KNOWN_FIELDS].join(', ')}`);
  }
  for (const field of RATE_FIELDS) {
    const v = options[field];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)) {
      throw new FaultOptionsError(field, `a rate is a number from 0 to 1, got ${String(v)}`);
    }
  }
  const wholeNumber = (field: 'retryAfterSeconds' | 'slowMs' | 'seed', value: unknown, max: number): void => {
    if (value !== undefined && (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max)) {
      throw new FaultOptionsError(field, `expected a whole number from 0 to ${max}, got ${String(value)}`);
    }
  };
  wholeNumber('retryAfterSeconds', options.retryAfterSeconds, 86400);
  wholeNumber('slowMs', options.slowMs, 600000);
  wholeNumber('seed', options.seed, 4294967295);
  const resolved: ResolvedFaults = {
    rate429: options.rate429 ?? 0,
    rate500: options.rate500 ?? 0,
    rate503: options.rate503 ?? 0,
    rateDrop: options.rateDrop ?? 0,
    rateSlow: options.rateSlow ?? 0,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    slowMs: options.slowMs ?? 2000,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  const exclusive = resolved.rate429 + resolved.rate500 + resolved.rate503 + resolved.rateDrop;
  if (exclusive > 1 + 1e-9) throw new FaultOptionsError('rate429', `rate429 + rate500 + rate503 + rateDrop is at most 1, got ${exclusive}`);
  return resolved;
}

const ENV_KEYS: Readonly<Record<string, keyof FaultOptions>> = {
  '429': 'rate429',
  '500': 'rate500',
  '503': 'rate503',
  drop: 'rateDrop',
  slow: 'rateSlow',
  slow_ms: 'slowMs',
  retry_after: 'retryAfterSeconds',
  seed: 'seed',
};

/**
 * Reads fault options from `INTEGRATEIO_EMULATOR_FAULTS`, a comma-separated list of `key=value`
 * with keys `429`, `500`, `503`, `drop`, `slow` (rates from 0 to 1), `slow_ms`, `retry_after`
 * (seconds) and `seed`. Unset or empty means no faults.
 *
 * @throws RangeError naming the entry when the variable cannot be read.
 * @example
 * faultsFromEnv({ INTEGRATEIO_EMULATOR_FAULTS: '429=0.1,drop=0.05,seed=1' }) // { rate429: 0.1, rateDrop: 0.05, seed: 1 }
 */
export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultOptions {
  const text = env.INTEGRATEIO_EMULATOR_FAULTS;
  if (text === undefined || text.trim() === '') return {};
  const out: FaultOptions = {};
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry.trim() : entry.slice(0, eq).trim();
    const raw = eq < 0 ? '' : entry.slice(eq + 1).trim();
    const field = ENV_KEYS[key];
    if (field === undefined) {
      throw new RangeError(`INTEGRATEIO_EMULATOR_FAULTS: unknown entry "${key}": use ${Object.keys(ENV_KEYS).join(', ')} as key=value`);
    }
    const value = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(value)) throw new RangeError(`INTEGRATEIO_EMULATOR_FAULTS: ${key} needs a number, got "${raw}"`);
    out[field] = value;
  }
  try {
    resolveFaults(out);
  } catch (err) {
    throw new RangeError(`INTEGRATEIO_EMULATOR_FAULTS: ${(err as Error).message}`);
  }
  return out;
}

/** Decides, request by request, which fault strikes. Seeded when the options carry a seed. */
export class FaultPlanner {
  private faults: ResolvedFaults;
  private random: Random;

  constructor(options: FaultOptions = {}) {
    this.faults = resolveFaults(options);
    this.random = this.faults.seed === undefined ? Math.random : seededRandom(this.faults.seed);
  }

  /** The options in force. */
  get current(): ResolvedFaults {
    return this.faults;
  }

  /** Replaces the options (and restarts the random sequence from the new seed). */
  set(options: FaultOptions): void {
    this.faults = resolveFaults(options);
    this.random = this.faults.seed === undefined ? Math.random : seededRandom(this.faults.seed);
  }

  /** Rolls the fault of one request. Always draws three numbers, so a seed replays exactly. */
  decide(): FaultDecision {
    const f = this.faults;
    const [kindRoll, slowRoll, whenRoll] = [this.random(), this.random(), this.random()];
    let kind: FaultKind | undefined;
    let edge = 0;
    for (const [k, rate] of [['429', f.rate429], ['500', f.rate500], ['503', f.rate503], ['drop', f.rateDrop]] as const) {
      edge += rate;
      if (kind === undefined && kindRoll < edge) kind = k;
    }
    const when = kind === '429' || kind === undefined ? 'before' : whenRoll < 0.5 ? 'before' : 'after';
    return { kind, when, slow: slowRoll < f.rateSlow };
  }
}
