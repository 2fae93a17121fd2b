/**
 * Statistics and timing helpers shared by every benchmark: medians, paired ratios and a clock.
 *
 * The machines these benchmarks run on are noisy (shared, two cores), so a figure is never an
 * absolute time alone: every subject is measured next to a baseline in the same run, the two
 * interleaved, and reported as the median of the paired ratios.
 */

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` and resolves with its result and how long it took, in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = nowMs();
  const value = await fn();
  return { value, ms: nowMs() - start };
}

/**
 * The median of a list of numbers (the mean of the two middle values for an even count).
 *
 * @throws Error when the list is empty.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A subject measured side by side with its baseline, several times, in one run. */
export interface PairedSamples {
  /** The baseline's samples (ms, or any unit shared with `subject`). */
  readonly baseline: readonly number[];
  /** The subject's samples, `subject[i]` taken next to `baseline[i]`. */
  readonly subject: readonly number[];
}

/** The summary of {@link PairedSamples}. */
export interface PairedSummary {
  /** Median of the baseline samples. */
  readonly baselineMedian: number;
  /** Median of the subject samples. */
  readonly subjectMedian: number;
  /** Median of the per-pair ratios `subject[i] / baseline[i]`: the headline figure. */
  readonly ratio: number;
  /** The smallest and largest per-pair ratio, to show the spread. */
  readonly ratioRange: readonly [number, number];
  /** How many pairs. */
  readonly runs: number;
}

/**
 * Summarises paired samples. The ratio is the median of the per-pair ratios rather than the ratio
 * of the medians: a pair is taken close together in time, so a burst of machine noise hits both
 * of its members and cancels out.
 *
 * @throws Error when there are no pairs or the lists differ in length.
 */
export function summarisePairs(samples: PairedSamples): PairedSummary {
  const { baseline, subject } = samples;
  if (baseline.length === 0 || baseline.length !== subject.length) {
    throw new Error(`paired samples need equal, non-zero counts (baseline ${baseline.length}, subject ${subject.length})`);
  }
  const ratios = subject.map((s, i) => s / baseline[i]);
  return {
    baselineMedian: median(baseline),
    subjectMedian: median(subject),
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    runs: ratios.length,
  };
}

/**
 * Measures `subject` and `baseline` `runs` times each, interleaved (the order alternates from one
 * pair to the next so that neither always runs on a warmer machine), after `warmup` unrecorded
 * pairs.
 *
 * @param baseline resolves with one sample (usually milliseconds).
 * @param subject resolves with one sample in the same unit.
 */
export async function measurePairs(
  runs: number,
  baseline: (index: number) => Promise<number>,
  subject: (index: number) => Promise<number>,
  warmup = 0,
): Promise<PairedSamples & PairedSummary> {
  for (let i = 0; i < warmup; i++) {
    await baseline(-1 - i);
    await subject(-1 - i);
  }
  const b: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      b.push(await baseline(i));
      s.push(await subject(i));
    } else {
      s.push(await subject(i));
      b.push(await baseline(i));
    }
  }
  return { baseline: b, subject: s, ...summarisePairs({ baseline: b, subject: s }) };
}

/**
 * Measures several contenders `runs` times each, after `warmup` unrecorded rounds: in round i
 * every contender runs once, the order rotated by i, so that none always runs first or last.
 *
 * @returns the samples of each contender, by name, in round order (sample i of every contender
 *   comes from the same round, so they pair up).
 */
export async function measureRounds<K extends string>(runs: number, contenders: Record<K, (index: number) => Promise<number>>, warmup = 0): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = -warmup; i < runs; i++) {
    const shift = ((i % names.length) + names.length) % names.length;
    const order = [...names.slice(shift), ...names.slice(0, shift)];
    for (const name of order) {
      const value = await contenders[name](i);
      if (i >= 0) samples[name].push(value);
    }
  }
  return samples;
}

/** A figure with a target, as reported. */
export interface TargetCheck {
  /** The measured ratio (or count). */
  readonly value: number;
  /** The bound. */
  readonly target: number;
  /** `max`: value must be ≤ target; `min`: value must be ≥ target. */
  readonly kind: 'max' | 'min';
}

/** Whether a {@link TargetCheck} holds. */
export function meets(check: TargetCheck): boolean {
  return check.kind === 'max' ? check.value <= check.target : check.value >= check.target;
}

/** Formats milliseconds for a table: `48.2 ms` below 10 s, `12.3 s` above. */
export function formatMs(ms: number): string {
  return ms < 10_000 ? `${ms.toFixed(ms < 100 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Formats a ratio as `1.23×`. */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(ratio < 10 ? 2 : 1)}×`;
}
