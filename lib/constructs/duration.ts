import { Token } from 'cdktf';

/** Milliseconds per unit, largest first: the units the provider's timeouts take. */
const UNITS = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
] as const;

/** A duration as the provider writes it: numbers with units ms, s, m, h (`90s`, `10m`, `1h30m`). */
const DURATION_TEXT = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

/**
 * A length of time, for the timeouts of a {@link Pipeline} (`startTimeout`, `stopTimeout`):
 * written in code with a unit, so a typo is a compile error rather than a synth error.
 *
 * @example
 * new Pipeline(this, 'Orders', { definition, running: true, startTimeout: Duration.minutes(15) });
 */
export class Duration {
  /** A duration of `amount` milliseconds (a whole number, 0 or more). */
  static millis(amount: number): Duration {
    return new Duration(amount, 1, 'millis');
  }

  /** A duration of `amount` seconds. */
  static seconds(amount: number): Duration {
    return new Duration(amount, 1_000, 'seconds');
  }

  /** A duration of `amount` minutes. */
  static minutes(amount: number): Duration {
    return new Duration(amount, 60_000, 'minutes');
  }

  /** A duration of `amount` hours. */
  static hours(amount: number): Duration {
    return new Duration(amount, 3_600_000, 'hours');
  }

  /**
   * Reads a duration written as the provider takes it: numbers with units ms, s, m, h, e.g.
   * `90s`, `10m` or `1h30m`.
   *
   * @throws Error naming the text and the expected form when it is not such a duration.
   */
  static parse(text: string): Duration {
    if (typeof text !== 'string' || !DURATION_TEXT.test(text)) {
      throw new Error(`Duration.parse: expected a duration such as "90s", "10m" or "1h30m" (units ms, s, m, h), got ${JSON.stringify(text)}`);
    }
    let total = 0;
    for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g)) total += Number(amount) * UNITS.find(([u]) => u === unit)![1];
    return Duration.millis(Math.round(total));
  }

  /** True when `x` is a {@link Duration} (also across copies of this library). */
  static isDuration(x: unknown): x is Duration {
    return x !== null && typeof x === 'object' && typeof (x as Duration).toMilliseconds === 'function' && typeof (x as Duration).toTerraform === 'function';
  }

  readonly #millis: number;

  private constructor(amount: number, unitMillis: number, unitName: string) {
    if (Token.isUnresolved(amount)) {
      throw new Error(`Duration.${unitName}: the amount is a token (known only at apply time): pass the timeout as a string token instead, e.g. startTimeout: variable.stringValue`);
    }
    const millis = amount * unitMillis;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0 || Math.abs(millis - Math.round(millis)) > 1e-6) {
      throw new Error(`Duration.${unitName}: expected a finite amount, 0 or more, that is a whole number of milliseconds, got ${amount}`);
    }
    this.#millis = Math.round(millis);
  }

  /** The duration in milliseconds. */
  toMilliseconds(): number {
    return this.#millis;
  }

  /** The duration as the provider takes it, in the largest exact units: `1h30m`, `90s` becomes `1m30s`, `0s`. */
  toTerraform(): string {
    if (this.#millis === 0) return '0s';
    let rest = this.#millis;
    let text = '';
    for (const [unit, size] of UNITS) {
      const count = Math.floor(rest / size);
      if (count > 0) text += `${count}${unit}`;
      rest -= count * size;
    }
    return text;
  }

  /** Same as {@link Duration.toTerraform}. */
  toString(): string {
    return this.toTerraform();
  }
}

/** True when `text` is a duration as the provider takes it (`90s`, `10m`, `1h30m`). */
export function isDurationText(text: string): boolean {
  return DURATION_TEXT.test(text);
}
