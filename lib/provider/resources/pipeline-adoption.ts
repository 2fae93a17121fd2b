import type { IntegrateioClient, PipelineMetadata } from '../../api';
import { isApiError } from '../../api/errors';
import type { PipelineDefinition } from '../../definition';
import { silentLogger, type Diagnostics, type Logger } from '../framework';
import { sha256, type CreateJournal, type PendingCreate } from './create-journal';
import { definitionLibrary } from './lazy-libraries';

/** Where this run's creates are journaled and for which account. */
export interface AdoptionOptions {
  /** The journal of the working directory; undefined disables orphan recovery (creates still work). */
  readonly journal?: CreateJournal;
  /** The Terraform workspace. */
  readonly workspace: string;
  /** The account fingerprint (see `keyFingerprint`). */
  readonly keyHash: string;
  /** The API URL, for the entries (without credentials). */
  readonly apiUrl: string;
  /** How far the server's clock may lag this machine's, in ms. @default 60000 */
  readonly clockSkewMs?: number;
  /**
   * Where adoption decisions are logged (Terraform's log at info/debug).
   * @default silentLogger
   */
  readonly logger?: Logger;
}

/** A live pipeline proven to be the orphan of an interrupted create of this configuration, with the entry that proves it. */
interface Orphan {
  readonly pipeline: PipelineMetadata;
  readonly entry: PendingCreate;
}

/** Whether a failed create certainly made nothing: the API answered with a 4xx rejection. */
function certainlyNotCreated(err: unknown): boolean {
  return isApiError(err) && err.status >= 400 && err.status < 500 && err.status !== 408;
}

/**
 * Creates pipelines so that a create whose answer was lost is never duplicated, and a pipeline of
 * another configuration is never taken over.
 *
 * Before each POST an entry is written to the working directory's journal of pending creates
 * (see `create-journal.ts`): workspace, account fingerprint, name, definition hash, the time, and
 * the highest pipeline id live before it. The entry is removed once the create's outcome is
 * known. An entry left behind marks a create whose answer was lost; the next create of the same
 * name and definition in that working directory and workspace adopts the live pipeline that
 * matches it: same name, equal definition, an id above the entry's `afterId` and created after
 * the entry's time (less the clock-skew allowance). Nothing else is ever adopted.
 *
 * At plan, {@link PipelineAdoption.conflicts} names the live pipelines with the same name and an
 * equal definition that this configuration cannot prove it made: the plan warns, with the
 * `import {}` block to use instead, and the create makes a pipeline of its own.
 *
 * One instance lives per configured provider process (one Terraform plan or apply walk).
 */
export class PipelineAdoption {
  readonly #client: IntegrateioClient;
  readonly #options: AdoptionOptions;
  #snapshot: Promise<PipelineMetadata[]> | undefined;
  readonly #claimed = new Set<number>();
  readonly #ownEntries = new Set<string>();
  readonly #managed = new Set<number>();

  readonly #log: Logger;

  constructor(client: IntegrateioClient, options: AdoptionOptions) {
    this.#client = client;
    this.#options = options;
    this.#log = options.logger ?? silentLogger;
  }

  /** The live pipelines, read consistently once per process (before this process creates any). A failed read is retried by the next caller. */
  #live(): Promise<PipelineMetadata[]> {
    this.#snapshot ??= this.#client.listPipelinesConsistently().catch((err: unknown) => {
      this.#snapshot = undefined;
      throw err;
    });
    return this.#snapshot;
  }

  #key(doc: PipelineDefinition): { workspace: string; keyHash: string; name: string; definitionHash: string } {
    return { workspace: this.#options.workspace, keyHash: this.#options.keyHash, name: doc.name, definitionHash: sha256(definitionLibrary().toCanonicalJson(doc)) };
  }

  /** Whether pipeline `p` can have been made by the create of `entry`. */
  #madeBy(p: PipelineMetadata, entry: PendingCreate): boolean {
    return p.id > entry.afterId && Date.parse(p.created_at) >= entry.attemptedAt - (this.#options.clockSkewMs ?? 60000);
  }

  /** Whether the live definition of `id` equals `doc`; false when it is gone. */
  async #sameDefinition(id: number, doc: PipelineDefinition): Promise<boolean> {
    try {
      return definitionLibrary().definitionsEqual(await this.#client.getDefinition(id), doc);
    } catch (err) {
      if (isApiError(err) && err.status === 404) return false;
      throw err;
    }
  }

  /** The journal entries of `doc` that no create of this process is still running. */
  #pendingEntries(doc: PipelineDefinition): PendingCreate[] {
    return (this.#options.journal?.matching(this.#key(doc)) ?? []).filter((e) => !this.#ownEntries.has(e.file));
  }

  /** For each of `entries` (oldest first), the oldest unclaimed live pipeline with an equal definition that it can have made. */
  async #orphans(doc: PipelineDefinition, entries: readonly PendingCreate[]): Promise<{ found: Orphan[]; stale: PendingCreate[] }> {
    const found: Orphan[] = [];
    const stale: PendingCreate[] = [];
    if (entries.length === 0) return { found, stale };
    const candidates = (await this.#live()).filter((p) => p.name === doc.name).sort((a, b) => a.id - b.id);
    const taken = new Set<number>();
    for (const entry of entries) {
      let match: PipelineMetadata | undefined;
      for (const p of candidates) {
        if (taken.has(p.id) || this.#claimed.has(p.id) || !this.#madeBy(p, entry)) continue;
        if (await this.#sameDefinition(p.id, doc)) {
          match = p;
          break;
        }
      }
      if (match) {
        taken.add(match.id);
        found.push({ pipeline: match, entry });
      } else stale.push(entry);
    }
    return { found, stale };
  }

  /**
   * Notes that pipeline `id` is in this configuration's state (Terraform read or planned it in
   * this process), so that {@link PipelineAdoption.conflicts} does not report it.
   */
  noteManaged(id: number): void {
    this.#managed.add(id);
  }

  /**
   * The ids of live pipelines named like `doc` with an equal definition that a create of `doc`
   * must not silently duplicate: not the orphan of an interrupted create of this configuration
   * (journal), not `replacing`, the pipeline this create replaces, and none this process saw in
   * this configuration's state (a tainted instance is read before it is replaced).
   *
   * @throws ApiError when the API cannot be listed or read.
   */
  async conflicts(doc: PipelineDefinition, replacing?: number): Promise<number[]> {
    const sameName = (await this.#live()).filter((p) => p.name === doc.name && p.id !== replacing && !this.#managed.has(p.id));
    if (sameName.length === 0) return [];
    const { found } = await this.#orphans(doc, this.#pendingEntries(doc));
    const orphans = new Set(found.map((o) => o.pipeline.id));
    const conflicts: number[] = [];
    for (const p of sameName) if (!orphans.has(p.id) && !this.#claimed.has(p.id) && (await this.#sameDefinition(p.id, doc))) conflicts.push(p.id);
    if (conflicts.length > 0) this.#log.info('adoption: live pipelines with the same name and definition are not this configuration\'s (no pending create explains them): not adopted', { name: doc.name, ids: conflicts });
    return conflicts;
  }

  /**
   * Creates the pipeline of `doc`, or adopts the live orphan of an interrupted create of this
   * configuration (a warning says so). Stale entries (creates that made nothing) are removed.
   *
   * @throws ApiError from the create or the lookups.
   */
  async create(doc: PipelineDefinition, diags: Diagnostics): Promise<PipelineMetadata> {
    const { journal } = this.#options;
    const { found, stale } = await this.#orphans(doc, this.#pendingEntries(doc));
    for (const entry of stale) journal?.remove(entry);
    if (stale.length > 0) this.#log.debug('adoption: pending creates that made no live pipeline removed from the journal', { name: doc.name, count: stale.length });
    const [orphan, ...others] = found;
    if (orphan) {
      this.#log.info('adoption: adopted the pipeline of an interrupted create of this configuration', { name: doc.name, id: orphan.pipeline.id, attempted_at: new Date(orphan.entry.attemptedAt).toISOString() });
      this.#claimed.add(orphan.pipeline.id);
      journal?.remove(orphan.entry);
      const extra = others.length ? ` Pipelines ${others.map((o) => o.pipeline.id).join(', ')} were made by other interrupted creates of it: archive them if they are not needed.` : '';
      diags.addWarning(
        'Adopted Pipeline of an Interrupted Create',
        `Pipeline ${orphan.pipeline.id} named "${doc.name}" was created by an earlier apply of this configuration whose answer never arrived (its pending create of ${new Date(orphan.entry.attemptedAt).toISOString()} is in ${journal?.folder ?? 'the journal'}), so it is now managed here instead of being created twice.${extra}`,
      );
      return this.#client.getPipeline(orphan.pipeline.id);
    }
    const live = await this.#live();
    let entry: PendingCreate | undefined;
    if (journal) {
      try {
        entry = journal.add({ ...this.#key(doc), apiUrl: this.#options.apiUrl, attemptedAt: Date.now(), afterId: live.reduce((max, p) => Math.max(max, p.id), 0) });
        this.#ownEntries.add(entry.file);
      } catch (err) {
        diags.addWarning(
          'Pending Create Not Recorded',
          `The provider could not write ${journal.folder} (${err instanceof Error ? err.message : String(err)}), so if the answer to this create is lost, the next apply cannot recognise the pipeline it made and creates another. Make the Terraform data directory writable.`,
        );
      }
    }
    let created: PipelineMetadata;
    try {
      created = await this.#client.createPipeline(doc);
    } catch (err) {
      if (entry && certainlyNotCreated(err)) journal?.remove(entry);
      throw err;
    } finally {
      if (entry) this.#ownEntries.delete(entry.file);
    }
    if (entry) journal?.remove(entry);
    this.#claimed.add(created.id);
    this.#log.debug('adoption: nothing to adopt, created a new pipeline', { name: doc.name, id: created.id });
    return created;
  }
}
