import type Database from 'better-sqlite3';
import type { RuntimeRecord, SyncMinutes, Transition } from '../runtime-state';

/** A stored pipeline. Timestamps in ms since the epoch. */
export interface PipelineRow extends RuntimeRecord {
  /** The pipeline id (global across accounts). */
  readonly id: number;
  /** The owning account. */
  readonly accountId: number;
  /** The name from the definition. */
  readonly name: string;
  /** The canonical JSON of the definition. */
  readonly definition: string;
  /** The sync frequencies in minutes, copied out of the definition. */
  readonly minutes: SyncMinutes;
  /** When it was created. */
  readonly createdAt: number;
  /** When its definition last changed. */
  readonly updatedAt: number;
}

/** What is needed to store a new pipeline. */
export interface NewPipeline {
  /** The owning account. */
  readonly accountId: number;
  /** The name from the definition. */
  readonly name: string;
  /** The canonical JSON of the definition. */
  readonly definition: string;
  /** The sync frequencies in minutes. */
  readonly minutes: SyncMinutes;
  /** The initial runtime (never started). */
  readonly runtime: RuntimeRecord;
  /** The creation time, also the first updated_at. */
  readonly now: number;
}

interface RawPipelineRow {
  id: number;
  account_id: number;
  name: string;
  definition: string;
  source_minutes: number;
  destination_minutes: number;
  status: 'stopped' | 'deployed';
  transition: Transition | null;
  transition_at: number | null;
  source_anchor_at: number | null;
  destination_anchor_at: number | null;
  last_source_sync_at: number | null;
  last_destination_sync_at: number | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS =
  'id, account_id, name, definition, source_minutes, destination_minutes, status, transition, transition_at, source_anchor_at, destination_anchor_at, last_source_sync_at, last_destination_sync_at, created_at, updated_at';

function toPipelineRow(raw: RawPipelineRow): PipelineRow {
  return {
    id: raw.id,
    accountId: raw.account_id,
    name: raw.name,
    definition: raw.definition,
    minutes: { source: raw.source_minutes, destination: raw.destination_minutes },
    status: raw.status,
    transition: raw.transition,
    transitionAt: raw.transition_at,
    sourceAnchorAt: raw.source_anchor_at,
    destinationAnchorAt: raw.destination_anchor_at,
    lastSourceSyncAt: raw.last_source_sync_at,
    lastDestinationSyncAt: raw.last_destination_sync_at,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

function runtimeParams(r: RuntimeRecord): Record<string, unknown> {
  return {
    status: r.status,
    transition: r.transition,
    transition_at: r.transitionAt,
    source_anchor_at: r.sourceAnchorAt,
    destination_anchor_at: r.destinationAnchorAt,
    last_source_sync_at: r.lastSourceSyncAt,
    last_destination_sync_at: r.lastDestinationSyncAt,
  };
}

/**
 * Pipelines. Every lookup is scoped to an account and skips archived pipelines, so another
 * account's pipeline and an archived one are simply absent. Each write is one transaction.
 */
export class PipelineStore {
  private readonly byId: Database.Statement<[number, number], RawPipelineRow>;
  private readonly page: Database.Statement<[number, number, number], RawPipelineRow>;
  private readonly insertRow: Database.Statement<[Record<string, unknown>]>;
  private readonly updateDefinition: Database.Statement<[Record<string, unknown>]>;
  private readonly updateRuntime: Database.Statement<[Record<string, unknown>]>;
  private readonly archiveRow: Database.Statement<[Record<string, unknown>]>;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM pipelines WHERE id = ? AND account_id = ? AND archived_at IS NULL`);
    this.page = db.prepare(`SELECT ${COLUMNS} FROM pipelines WHERE account_id = ? AND archived_at IS NULL ORDER BY id DESC LIMIT ? OFFSET ?`);
    this.insertRow = db.prepare(
      `INSERT INTO pipelines (account_id, name, definition, source_minutes, destination_minutes, status, transition, transition_at, source_anchor_at, destination_anchor_at, last_source_sync_at, last_destination_sync_at, created_at, updated_at)
       VALUES (@account_id, @name, @definition, @source_minutes, @destination_minutes, @status, @transition, @transition_at, @source_anchor_at, @destination_anchor_at, @last_source_sync_at, @last_destination_sync_at, @now, @now)`,
    );
    this.updateDefinition = db.prepare(
      `UPDATE pipelines SET name = @name, definition = @definition, source_minutes = @source_minutes, destination_minutes = @destination_minutes, updated_at = @now,
       status = @status, transition = @transition, transition_at = @transition_at, source_anchor_at = @source_anchor_at, destination_anchor_at = @destination_anchor_at,
       last_source_sync_at = @last_source_sync_at, last_destination_sync_at = @last_destination_sync_at WHERE id = @id`,
    );
    this.updateRuntime = db.prepare(
      `UPDATE pipelines SET status = @status, transition = @transition, transition_at = @transition_at, source_anchor_at = @source_anchor_at, destination_anchor_at = @destination_anchor_at,
       last_source_sync_at = @last_source_sync_at, last_destination_sync_at = @last_destination_sync_at WHERE id = @id`,
    );
    this.archiveRow = db.prepare(
      `UPDATE pipelines SET archived_at = @now, status = @status, transition = @transition, transition_at = @transition_at, source_anchor_at = @source_anchor_at,
       destination_anchor_at = @destination_anchor_at, last_source_sync_at = @last_source_sync_at, last_destination_sync_at = @last_destination_sync_at WHERE id = @id`,
    );
  }

  /** Runs `fn` in one transaction (reads and writes together). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** The account's live (not archived) pipeline with this id, if any. */
  find(accountId: number, id: number): PipelineRow | undefined {
    const raw = this.byId.get(id, accountId);
    return raw && toPipelineRow(raw);
  }

  /** Up to `limit` live pipelines of the account, newest (highest id) first, skipping `offset`. */
  list(accountId: number, limit: number, offset: number): PipelineRow[] {
    return this.page.all(accountId, limit, offset).map(toPipelineRow);
  }

  /** Stores a new pipeline and returns its id. */
  insert(p: NewPipeline): number {
    const info = this.insertRow.run({
      account_id: p.accountId,
      name: p.name,
      definition: p.definition,
      source_minutes: p.minutes.source,
      destination_minutes: p.minutes.destination,
      now: p.now,
      ...runtimeParams(p.runtime),
    });
    return Number(info.lastInsertRowid);
  }

  /** Replaces the definition (and the runtime, rescheduled for new frequencies); sets updated_at. */
  replaceDefinition(id: number, name: string, definition: string, minutes: SyncMinutes, runtime: RuntimeRecord, now: number): void {
    this.updateDefinition.run({ id, name, definition, source_minutes: minutes.source, destination_minutes: minutes.destination, now, ...runtimeParams(runtime) });
  }

  /** Stores a new runtime state (start, stop); updated_at is left alone. */
  setRuntime(id: number, runtime: RuntimeRecord): void {
    this.updateRuntime.run({ id, ...runtimeParams(runtime) });
  }

  /** Archives a pipeline at `now` with its final (stopped) runtime. */
  archive(id: number, runtime: RuntimeRecord, now: number): void {
    this.archiveRow.run({ id, now, ...runtimeParams(runtime) });
  }
}
