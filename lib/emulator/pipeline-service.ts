import type { PipelineListResponse, PipelineMetadata } from '../api/wire-types';
import { definitionsEqual, toCanonicalJson, type PipelineDefinition } from '../definition';
import type { Caller } from './auth';
import { checkAccountReferences } from './definition-checks';
import { pipelineNotFound } from './errors';
import { parseId } from './ids';
import { syncMinutesOf, toMetadata } from './metadata';
import { applyReschedule, applyStart, applyStop, NEW_RUNTIME, type RuntimeTiming } from './runtime-state';
import type { EmulatorStore } from './store/store';
import type { PipelineRow } from './store/pipeline-store';
import type { Clock } from './time';

/**
 * The pipeline operations of the API, over the store: every lookup is scoped to the caller's
 * account, every write is one transaction committed before the answer is built.
 */
export class PipelineService {
  constructor(
    private readonly store: EmulatorStore,
    private readonly timing: RuntimeTiming,
    private readonly clock: Clock,
  ) {}

  /** The caller's live pipeline with the id written in the path, or the one 404. */
  private load(caller: Caller, idText: string): PipelineRow {
    const id = parseId(idText);
    const row = id === undefined ? undefined : this.store.pipelines.find(caller.accountId, id);
    if (row === undefined) throw pipelineNotFound();
    return row;
  }

  private metadata(caller: Caller, id: number, now: number): PipelineMetadata {
    const row = this.store.pipelines.find(caller.accountId, id);
    if (row === undefined) throw pipelineNotFound();
    return toMetadata(row, now, this.timing);
  }

  /** One page of the caller's pipelines, newest first. `page` and `pageSize` are already checked. */
  list(caller: Caller, page: number, pageSize: number): PipelineListResponse {
    const now = this.clock();
    const offset = (page - 1) * pageSize;
    const rows = Number.isSafeInteger(offset) ? this.store.pipelines.list(caller.accountId, pageSize + 1, offset) : [];
    return {
      data: rows.slice(0, pageSize).map((row) => toMetadata(row, now, this.timing)),
      pagination: { page, page_size: pageSize, has_more: rows.length > pageSize },
    };
  }

  /** A pipeline's metadata. */
  get(caller: Caller, idText: string): PipelineMetadata {
    return toMetadata(this.load(caller, idText), this.clock(), this.timing);
  }

  /** A pipeline's stored (canonical) definition. */
  definition(caller: Caller, idText: string): PipelineDefinition {
    return JSON.parse(this.load(caller, idText).definition) as PipelineDefinition;
  }

  /** Checks that a pipeline exists (for the dry-run of a replace). */
  exists(caller: Caller, idText: string): void {
    this.load(caller, idText);
  }

  /** Checks a definition against the caller's account (connections, roles, hooks). */
  checkReferences(caller: Caller, def: PipelineDefinition): void {
    checkAccountReferences(def, caller, this.store.directory);
  }

  /** Creates a pipeline (stopped, never run) from a checked definition. */
  create(caller: Caller, def: PipelineDefinition): PipelineMetadata {
    this.checkReferences(caller, def);
    const now = this.clock();
    const id = this.store.pipelines.transaction(() =>
      this.store.pipelines.insert({ accountId: caller.accountId, name: def.name, definition: toCanonicalJson(def), minutes: syncMinutesOf(def), runtime: NEW_RUNTIME, now }),
    );
    return this.metadata(caller, id, now);
  }

  /**
   * Replaces a pipeline's definition. An equal document is a no-op (updated_at unchanged); a
   * changed one updates name and updated_at, and reschedules a running pipeline's syncs.
   */
  replace(caller: Caller, idText: string, def: PipelineDefinition): PipelineMetadata {
    const existing = this.load(caller, idText);
    this.checkReferences(caller, def);
    const now = this.clock();
    this.store.pipelines.transaction(() => {
      const row = this.store.pipelines.find(caller.accountId, existing.id);
      if (row === undefined) throw pipelineNotFound();
      if (definitionsEqual(JSON.parse(row.definition) as PipelineDefinition, def)) return;
      const minutes = syncMinutesOf(def);
      const runtime = applyReschedule(row, row.minutes, minutes, now, this.timing);
      this.store.pipelines.replaceDefinition(row.id, def.name, toCanonicalJson(def), minutes, runtime, now);
    });
    return this.metadata(caller, existing.id, now);
  }

  /** Starts (deploys) a pipeline; a deployed one is left as it is. */
  start(caller: Caller, idText: string): PipelineMetadata {
    const { id } = this.load(caller, idText);
    const now = this.clock();
    this.store.pipelines.transaction(() => {
      const row = this.store.pipelines.find(caller.accountId, id);
      if (row === undefined) throw pipelineNotFound();
      const next = applyStart(row, now, this.timing);
      if (next !== null) this.store.pipelines.setRuntime(id, next);
    });
    return this.metadata(caller, id, now);
  }

  /** Stops a pipeline, gracefully or at once; a stopped one is left as it is. */
  stop(caller: Caller, idText: string, force: boolean): PipelineMetadata {
    const { id } = this.load(caller, idText);
    const now = this.clock();
    this.store.pipelines.transaction(() => {
      const row = this.store.pipelines.find(caller.accountId, id);
      if (row === undefined) throw pipelineNotFound();
      const next = applyStop(row, row.minutes, now, this.timing, force);
      if (next !== null) this.store.pipelines.setRuntime(id, next);
    });
    return this.metadata(caller, id, now);
  }

  /** Archives a pipeline, stopping and tearing it down first when it is deployed. */
  archive(caller: Caller, idText: string): void {
    const { id } = this.load(caller, idText);
    const now = this.clock();
    this.store.pipelines.transaction(() => {
      const row = this.store.pipelines.find(caller.accountId, id);
      if (row === undefined) throw pipelineNotFound();
      const stopped = applyStop(row, row.minutes, now, this.timing, true) ?? row;
      this.store.pipelines.archive(id, stopped, now);
    });
  }
}
