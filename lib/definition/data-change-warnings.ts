import type { PipelineDefinition, TableSelection } from './schema';

/** What kind of data change a {@link DataChangeWarning} announces. */
export type DataChangeKind =
  | 'table_removed'
  | 'source_changed'
  | 'destination_changed'
  | 'history_mode_added'
  | 'history_mode_removed'
  | 'columns_excluded'
  | 'auto_sync_off'
  | 'archive';

/**
 * One thing a change does to data, for a reviewer to read next to the diff: the field it is about
 * (a document path such as `tables[1].columns`, empty for the whole pipeline), a short title and
 * one sentence.
 */
export interface DataChangeWarning {
  /** What kind of change this is. */
  readonly kind: DataChangeKind;
  /** The field of the planned document (of the prior one for a removal or a destroy) it is about. */
  readonly path: string;
  /** A short Title-Case summary, e.g. `Table Stops Syncing`. */
  readonly title: string;
  /** One sentence: what changes and what happens to the data. */
  readonly message: string;
}

const TITLES: Record<DataChangeKind, string> = {
  table_removed: 'Table Stops Syncing',
  source_changed: 'Source Connection Changes',
  destination_changed: 'Destination Connection Changes',
  history_mode_added: 'History Mode Turned On',
  history_mode_removed: 'History Mode Turned Off',
  columns_excluded: 'Columns Stop Syncing',
  auto_sync_off: 'New Tables Stop Syncing',
  archive: 'Archiving Cannot Be Undone',
};

function warning(kind: DataChangeKind, path: string, message: string): DataChangeWarning {
  return { kind, path, title: TITLES[kind], message };
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(', ');
}

/** The tables of a document that have a `history_mode` transformation, with its index. */
function historyTables(def: PipelineDefinition): Map<string, number> {
  const out = new Map<string, number>();
  (def.transformations ?? []).forEach((t, i) => {
    if (t.type === 'history_mode' && !out.has(t.table)) out.set(t.table, i);
  });
  return out;
}

/** The fields an `exclude_fields` transformation drops from a table. */
function transformedOut(def: PipelineDefinition, table: string): Set<string> {
  const out = new Set<string>();
  for (const t of def.transformations ?? []) {
    if (t.type !== 'exclude_fields' || t.table !== table) continue;
    const fields = (t.config as { fields?: unknown } | undefined)?.fields;
    if (Array.isArray(fields)) for (const f of fields) if (typeof f === 'string') out.add(f);
  }
  return out;
}

/**
 * The columns a table synced before and does not sync after, as far as the documents tell:
 * `named` lists them; `others` is true when an include list now leaves out columns that the prior
 * selection synced without naming them (every column but the excluded ones).
 */
function columnsDropped(prior: TableSelection, planned: TableSelection): { named: string[]; others: boolean } {
  const before = prior.columns ?? {};
  const after = planned.columns ?? {};
  if (after.include !== undefined) {
    const keep = new Set(after.include);
    if (before.include !== undefined) return { named: before.include.filter((c) => !keep.has(c)), others: false };
    return { named: [], others: true };
  }
  const dropped = new Set(after.exclude ?? []);
  if (before.include !== undefined) return { named: before.include.filter((c) => dropped.has(c)), others: false };
  const excludedBefore = new Set(before.exclude ?? []);
  return { named: [...dropped].filter((c) => !excludedBefore.has(c)), others: false };
}

function updateWarnings(prior: PipelineDefinition, planned: PipelineDefinition): DataChangeWarning[] {
  const out: DataChangeWarning[] = [];
  if (prior.source.connection.id !== planned.source.connection.id) {
    out.push(
      warning(
        'source_changed',
        'source.connection.id',
        `The source connection changes from ${prior.source.connection.id} to ${planned.source.connection.id}: the pipeline reads from another database from now on and may resync every table from it.`,
      ),
    );
  }
  if (prior.destination.connection.id !== planned.destination.connection.id) {
    out.push(
      warning(
        'destination_changed',
        'destination.connection.id',
        `The destination connection changes from ${prior.destination.connection.id} to ${planned.destination.connection.id}: the pipeline writes elsewhere from now on and may resync every table there, while the old destination keeps what it has.`,
      ),
    );
  }
  const plannedTables = new Map(planned.tables.map((t, i) => [t.name, i] as const));
  for (const table of prior.tables) {
    if (!plannedTables.has(table.name)) {
      out.push(warning('table_removed', 'tables', `Table ${JSON.stringify(table.name)} is removed: its rows stop syncing, and the destination keeps the rows it already has.`));
    }
  }
  for (const table of planned.tables) {
    const before = prior.tables.find((t) => t.name === table.name);
    if (!before) continue;
    const index = plannedTables.get(table.name)!;
    const { named, others } = columnsDropped(before, table);
    const viaTransformation = [...transformedOut(planned, table.name)].filter((c) => !transformedOut(prior, table.name).has(c) && !named.includes(c));
    const all = [...named, ...viaTransformation];
    if (all.length > 0) {
      out.push(
        warning(
          'columns_excluded',
          `tables[${index}].columns`,
          `Table ${JSON.stringify(table.name)} stops syncing column${all.length === 1 ? '' : 's'} ${quoteList(all)}: new rows arrive without ${all.length === 1 ? 'it' : 'them'}, and the destination keeps the values it already has.`,
        ),
      );
    }
    if (others) {
      out.push(
        warning(
          'columns_excluded',
          `tables[${index}].columns.include`,
          `Table ${JSON.stringify(table.name)} now syncs only ${quoteList(table.columns?.include ?? [])}: every other column it synced stops syncing, and the destination keeps the values it already has.`,
        ),
      );
    }
  }
  const historyBefore = historyTables(prior);
  const historyAfter = historyTables(planned);
  for (const [table, index] of historyAfter) {
    if (!historyBefore.has(table) && plannedTables.has(table)) {
      out.push(warning('history_mode_added', `transformations[${index}]`, `History mode is turned on for table ${JSON.stringify(table)}: the destination starts keeping every version of its rows, and the table may be resynced.`));
    }
  }
  for (const table of historyBefore.keys()) {
    if (!historyAfter.has(table) && plannedTables.has(table)) {
      out.push(warning('history_mode_removed', 'transformations', `History mode is turned off for table ${JSON.stringify(table)}: the destination stops keeping new versions of its rows, and the table may be resynced.`));
    }
  }
  if (prior.sync.auto_sync_new_tables === true && planned.sync.auto_sync_new_tables !== true) {
    out.push(warning('auto_sync_off', 'sync.auto_sync_new_tables', 'auto_sync_new_tables is turned off: tables added to the source from now on are not synced until they are listed in tables.'));
  }
  return out;
}

/**
 * What a change of a pipeline does to data, one warning per effect, for plans and for
 * `integrateio pipelines apply`:
 *
 * - an update (both documents) warns when it removes a table, changes the source or destination
 *   connection, turns `history_mode` on or off for a table, stops syncing columns that were synced
 *   (a column selection or an `exclude_fields` transformation), or turns `auto_sync_new_tables` off;
 * - a destroy (`planned` undefined) warns that archiving cannot be undone;
 * - a create (`prior` undefined) and changes that touch no data (frequency, hooks, the name,
 *   `append_only`, other transformations) warn nothing.
 *
 * Where the API reference does not say what the service does (whether a connection change or
 * history mode resyncs), the message says "may" (see docs/data-change-warnings.md).
 *
 * @param prior the document the pipeline has now, or undefined for a create.
 * @param planned the document it will have, or undefined for a destroy.
 * @example
 * for (const w of dataChangeWarnings(live, next)) console.log(`warning: ${w.path}: ${w.message}`);
 */
export function dataChangeWarnings(prior: PipelineDefinition | undefined, planned: PipelineDefinition | undefined): DataChangeWarning[] {
  if (!prior) return [];
  if (!planned) {
    return [
      warning(
        'archive',
        '',
        `Destroying pipeline ${JSON.stringify(prior.name)} archives it, and archiving cannot be undone: it stops syncing for good, and only a new pipeline (with a full resync) can take its place.`,
      ),
    ];
  }
  return updateWarnings(prior, planned);
}
