import type { IntegrateioClient } from '../../api';
import type { CliIo } from '../io';
import { createProgress, type Progress } from '../progress';

/** Stops a {@link watchPipelines} loop. */
export type StopWatching = () => Promise<void>;

/**
 * Polls the account's pipelines while something else (a terraform apply) works, and reports each
 * pipeline that is starting or stopping with the progress reporter of the CLI: one line per state
 * change off a terminal, a redrawn line on one.
 */
export function watchPipelines(client: IntegrateioClient, io: CliIo, intervalMs = 400): StopWatching {
  const seen = new Map<number, { state: string; since: number; progress: Progress }>();
  let stopped = false;
  const tick = async () => {
    while (!stopped) {
      try {
        for await (const p of client.listPipelines()) {
          const known = seen.get(p.id);
          const moving = p.observed_state === 'starting' || p.observed_state === 'stopping';
          if (!known && !moving) continue;
          const entry = known ?? { state: '', since: Date.now(), progress: createProgress(io, `    pipeline ${p.id} (${p.name})`) };
          seen.set(p.id, entry);
          if (moving) entry.progress.update(p.observed_state, Date.now() - entry.since);
          else if (entry.state !== p.observed_state) {
            entry.progress.done(`${p.observed_state} after ${((Date.now() - entry.since) / 1000).toFixed(1)}s`);
            seen.delete(p.id);
          }
          if (seen.has(p.id)) entry.state = p.observed_state;
        }
      } catch {
        // The watcher only reports; terraform's own result says whether the apply worked.
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
  const loop = tick();
  return async () => {
    stopped = true;
    await loop;
  };
}
