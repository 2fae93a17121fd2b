/**
 * The shortcut people take before there is a provider: `terraform_data` resources whose
 * `local-exec` provisioners run `integrateio pipelines apply -f FILE` (and `pipelines archive ID`
 * on destroy), one Node.js process per pipeline. Measured against our provider applying the same
 * N definition files, against one fresh emulator, interleaved.
 */
import { IntegrateioClient } from '../lib/api';
import { startEmulator } from '../lib/emulator';
import { summarisePairs, type PairedSamples, type PairedSummary } from './measure';
import { ADMIN_KEY, BenchWorkspace } from './workspace';

/** The result of {@link measureShortcut}: the provider is the baseline, the shortcut the subject. */
export interface ShortcutResult {
  /** Pipelines per apply. */
  readonly count: number;
  /** `apply` (create all): ratio = shortcut / provider, how many times faster the provider is. */
  readonly apply: PairedSamples & PairedSummary;
  /**
   * `destroy` (archive all), same orientation: measured once, in the last repetition (the
   * shortcut's destroy is slow, and the other repetitions reset through the API instead).
   */
  readonly destroy: PairedSamples & PairedSummary;
}

/** Archives every live pipeline through the API (a fast reset between repetitions). */
async function archiveAll(client: IntegrateioClient): Promise<void> {
  const ids: number[] = [];
  for await (const p of client.listPipelines({ pageSize: 100 })) ids.push(p.id);
  for (const id of ids) await client.archivePipeline(id);
}

/**
 * Applies `count` pipelines `reps` times each way, with our provider and with the `local-exec`
 * shortcut, alternating which goes first; the last repetition also times both destroys.
 *
 * @example
 * const { apply } = await measureShortcut({ count: 100, reps: 3 });
 */
export async function measureShortcut(options: { count: number; reps: number; log?: (line: string) => void }): Promise<ShortcutResult> {
  const log = options.log ?? (() => undefined);
  const emulator = await startEmulator({ port: 0, dataPath: ':memory:', startDelayMs: 0, stopDelayMs: 0 });
  const client = new IntegrateioClient({ baseUrl: emulator.url, apiKey: ADMIN_KEY, env: {} });
  const provider = new BenchWorkspace('provider', options.count, emulator.url);
  const shortcut = new BenchWorkspace('shortcut', options.count, emulator.url);
  try {
    await provider.init();
    await shortcut.init();
    const apply = { baseline: [] as number[], subject: [] as number[] };
    const destroy = { baseline: [] as number[], subject: [] as number[] };
    for (let rep = 0; rep < options.reps; rep++) {
      const last = rep === options.reps - 1;
      const order = rep % 2 === 0 ? [provider, shortcut] : [shortcut, provider];
      for (const ws of order) {
        const side = ws === provider ? 'baseline' : 'subject';
        ws.freshTmpDir();
        const created = await ws.apply();
        apply[side].push(created.ms);
        const live = await countLive(client);
        if (live !== options.count) throw new Error(`${ws.kind} apply left ${live} live pipelines, expected ${options.count}`);
        let removal = '';
        if (ws === provider || last) {
          const removed = await ws.destroy();
          if (last) destroy[side].push(removed.ms);
          removal = `, destroy ${(removed.ms / 1000).toFixed(1)}s`;
        } else {
          await archiveAll(client);
          ws.forgetState();
        }
        const left = await countLive(client);
        if (left !== 0) throw new Error(`${left} pipelines are still live after the ${ws.kind} destroy: a destroy-time provisioner did not archive`);
        log(`  shortcut N=${options.count} rep ${rep + 1}/${options.reps} ${ws.kind}: apply ${(created.ms / 1000).toFixed(1)}s${removal}`);
      }
    }
    return { count: options.count, apply: { ...apply, ...summarisePairs(apply) }, destroy: { ...destroy, ...summarisePairs(destroy) } };
  } finally {
    await emulator.close();
    provider.remove();
    shortcut.remove();
  }
}

async function countLive(client: IntegrateioClient): Promise<number> {
  let n = 0;
  for await (const _ of client.listPipelines({ pageSize: 100 })) n += 1;
  return n;
}
