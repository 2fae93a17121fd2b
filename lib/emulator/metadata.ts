import type { PipelineMetadata } from '../api/wire-types';
import type { PipelineDefinition } from '../definition';
import { observedState, syncTimes, type RuntimeTiming, type SyncMinutes } from './runtime-state';
import type { PipelineRow } from './store/pipeline-store';
import { isoTime, isoTimeOrNull } from './time';

/** The sync frequencies of a definition in minutes: `frequency`, or the per-side ones. */
export function syncMinutesOf(def: PipelineDefinition): SyncMinutes {
  return {
    source: def.sync.frequency ?? def.sync.source_frequency ?? 1,
    destination: def.sync.frequency ?? def.sync.destination_frequency ?? 1,
  };
}

/** A stored pipeline as the API shows it at `now`: observed state and sync times derived lazily. */
export function toMetadata(row: PipelineRow, now: number, timing: RuntimeTiming): PipelineMetadata {
  const synced = syncTimes(row, row.minutes, now, timing);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    observed_state: observedState(row, now, timing),
    created_at: isoTime(row.createdAt),
    updated_at: isoTime(row.updatedAt),
    last_source_sync_at: isoTimeOrNull(synced.source),
    last_destination_sync_at: isoTimeOrNull(synced.destination),
  };
}
