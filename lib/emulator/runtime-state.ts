import type { ObservedState, PipelineStatus } from '../api/wire-types';

/*
 * The runtime of a pipeline, derived lazily from stored timestamps: nothing runs in the
 * background. A start records when it happened; the pipeline is `starting` for startDelayMs and
 * then `running`, syncing every frequency × minuteMs from the moment it began running. A stop
 * freezes the last sync times.
 */

/** The last lifecycle request a pipeline received. */
export type Transition = 'start' | 'stop' | 'force_stop';

/** The stored runtime fields of a pipeline (timestamps in ms since the epoch). */
export interface RuntimeRecord {
  /** The desired state. */
  readonly status: PipelineStatus;
  /** The last start or stop, or null when the pipeline was never started or stopped. */
  readonly transition: Transition | null;
  /** When {@link RuntimeRecord.transition} happened. */
  readonly transitionAt: number | null;
  /** While deployed: the time the source side syncs count from (its first sync); else null. */
  readonly sourceAnchorAt: number | null;
  /** While deployed: the time the destination side syncs count from; else null. */
  readonly destinationAnchorAt: number | null;
  /** The source sync time frozen at the last stop, or null if it never synced. */
  readonly lastSourceSyncAt: number | null;
  /** The destination sync time frozen at the last stop, or null if it never synced. */
  readonly lastDestinationSyncAt: number | null;
}

/** The timing knobs of the emulated runtime. */
export interface RuntimeTiming {
  /** How long a started pipeline is observed `starting`. */
  readonly startDelayMs: number;
  /** How long a gracefully stopped pipeline is observed `stopping`. */
  readonly stopDelayMs: number;
  /** How long an emulated minute of sync frequency lasts. */
  readonly minuteMs: number;
}

/** The sync frequencies of a pipeline, in minutes, per side. */
export interface SyncMinutes {
  /** `frequency` or `source_frequency`. */
  readonly source: number;
  /** `frequency` or `destination_frequency`. */
  readonly destination: number;
}

/** The runtime of a pipeline that was never started. */
export const NEW_RUNTIME: RuntimeRecord = {
  status: 'stopped',
  transition: null,
  transitionAt: null,
  sourceAnchorAt: null,
  destinationAnchorAt: null,
  lastSourceSyncAt: null,
  lastDestinationSyncAt: null,
};

/** What a pipeline is doing at `now`. */
export function observedState(r: RuntimeRecord, now: number, timing: RuntimeTiming): ObservedState {
  if (r.transitionAt === null) return 'stopped';
  const elapsed = now - r.transitionAt;
  switch (r.transition) {
    case 'start':
      return elapsed < timing.startDelayMs ? 'starting' : 'running';
    case 'stop':
      return elapsed < timing.stopDelayMs ? 'stopping' : 'stopped';
    default:
      return 'stopped';
  }
}

/**
 * The most recent sync of one side at `now`: the anchor plus the largest whole number of periods
 * that fits, while the side runs; the frozen value otherwise.
 */
export function lastSyncAt(anchor: number | null, frozen: number | null, minutes: number, now: number, timing: RuntimeTiming): number | null {
  if (anchor === null || now < anchor) return frozen;
  const period = minutes * timing.minuteMs;
  return anchor + Math.floor((now - anchor) / period) * period;
}

/** Both sides' last sync times at `now`. */
export function syncTimes(r: RuntimeRecord, minutes: SyncMinutes, now: number, timing: RuntimeTiming): { source: number | null; destination: number | null } {
  return {
    source: lastSyncAt(r.sourceAnchorAt, r.lastSourceSyncAt, minutes.source, now, timing),
    destination: lastSyncAt(r.destinationAnchorAt, r.lastDestinationSyncAt, minutes.destination, now, timing),
  };
}

/** The runtime after a start at `now`, or null when the pipeline is already deployed (a no-op). */
export function applyStart(r: RuntimeRecord, now: number, timing: RuntimeTiming): RuntimeRecord | null {
  if (r.status === 'deployed') return null;
  const runsFrom = now + timing.startDelayMs;
  return { ...r, status: 'deployed', transition: 'start', transitionAt: now, sourceAnchorAt: runsFrom, destinationAnchorAt: runsFrom };
}

/**
 * The runtime after a stop at `now`, or null for a no-op: the pipeline is stopped already (a
 * forced stop still cuts short a graceful stop in progress). Sync times are frozen as of `now`.
 */
export function applyStop(r: RuntimeRecord, minutes: SyncMinutes, now: number, timing: RuntimeTiming, force: boolean): RuntimeRecord | null {
  if (r.status === 'stopped') {
    if (force && observedState(r, now, timing) === 'stopping') return { ...r, transition: 'force_stop', transitionAt: now };
    return null;
  }
  const synced = syncTimes(r, minutes, now, timing);
  return {
    status: 'stopped',
    transition: force ? 'force_stop' : 'stop',
    transitionAt: now,
    sourceAnchorAt: null,
    destinationAnchorAt: null,
    lastSourceSyncAt: synced.source,
    lastDestinationSyncAt: synced.destination,
  };
}

/**
 * The runtime after a definition change at `now`. When a running side's frequency changes, its
 * schedule continues from its last sync at the new frequency rather than being recomputed from
 * the start, so sync times never jump backwards.
 */
export function applyReschedule(r: RuntimeRecord, before: SyncMinutes, after: SyncMinutes, now: number, timing: RuntimeTiming): RuntimeRecord {
  const move = (anchor: number | null, frozen: number | null, old: number, next: number): number | null => {
    if (anchor === null || now < anchor || old === next) return anchor;
    return lastSyncAt(anchor, frozen, old, now, timing);
  };
  return {
    ...r,
    sourceAnchorAt: move(r.sourceAnchorAt, r.lastSourceSyncAt, before.source, after.source),
    destinationAnchorAt: move(r.destinationAnchorAt, r.lastDestinationSyncAt, before.destination, after.destination),
  };
}
