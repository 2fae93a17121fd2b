import { WaitTimeoutError } from './errors';
import { sleep } from './call';
import type { ObservedState, PipelineMetadata } from './wire-types';

/** Options of `waitForObservedState`. */
export interface WaitOptions {
  /**
   * How long to wait in all, polls included, in milliseconds.
   * @default 300000
   */
  readonly timeoutMs?: number;
  /**
   * The first interval between polls, in milliseconds; it grows by half each poll up to 5000 (or
   * `pollMs` when that is larger).
   * @default 500
   */
  readonly pollMs?: number;
  /** Called after each poll with the metadata read and the time waited so far. */
  readonly onProgress?: (m: PipelineMetadata, elapsedMs: number) => void;
  /** Stops the wait: it then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** The overall wait used when none is given. */
export const DEFAULT_WAIT_TIMEOUT_MS = 300000;
/** The first poll interval used when none is given. */
export const DEFAULT_POLL_MS = 500;
/** The longest poll interval the backoff reaches. */
export const MAX_POLL_MS = 5000;

/**
 * Polls a pipeline until its observed state is `target`, backing off between polls.
 *
 * @param read reads the pipeline's metadata; it must give up when the signal aborts.
 * @throws WaitTimeoutError naming the pipeline, the target and the last observed state when the
 * overall timeout passes; the signal's reason when the caller aborts; any ApiError of a poll.
 */
export async function waitForObservedState(read: (id: number, signal: AbortSignal) => Promise<PipelineMetadata>, id: number, target: ObservedState, options: WaitOptions = {}): Promise<PipelineMetadata> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const firstPoll = options.pollMs ?? DEFAULT_POLL_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new RangeError(`timeoutMs must be a number of milliseconds ≥ 0, got ${String(timeoutMs)}`);
  if (!Number.isFinite(firstPoll) || firstPoll <= 0) throw new RangeError(`pollMs must be a positive number of milliseconds, got ${String(firstPoll)}`);
  const maxPoll = Math.max(MAX_POLL_MS, firstPoll);
  const started = Date.now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('wait timeout')), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  let last: PipelineMetadata | undefined;
  let interval = firstPoll;
  const timedOut = (): WaitTimeoutError => new WaitTimeoutError(id, target, last?.observed_state, Date.now() - started);
  try {
    for (;;) {
      try {
        last = await read(id, signal);
      } catch (err) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (deadline.signal.aborted) throw timedOut();
        throw err;
      }
      options.onProgress?.(last, Date.now() - started);
      if (last.observed_state === target) return last;
      try {
        await sleep(interval, signal);
      } catch {
        if (options.signal?.aborted) throw options.signal.reason;
        throw timedOut();
      }
      interval = Math.min(maxPoll, Math.round(interval * 1.5));
    }
  } finally {
    clearTimeout(timer);
  }
}
