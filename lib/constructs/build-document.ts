import { Token } from 'cdktf';
import { DEFINITION_VERSION, type DefinitionIssue } from '../definition';
import { isPlainObject, renderValue } from './check-document';
import type { DerivedPipelineDefinitionProps, HookProps, PipelineDefinitionProps, TableProps, TransformationProps } from './pipeline-definition-props';

/**
 * A definition document as the constructs hold it: the shape of the definition document, but
 * not yet validated (it may come from a file with mistakes, or hold tokens).
 */
export type DocumentValue = Record<string, unknown>;

/** Copies `{}` objects and lists at every depth; tokens and other class instances are shared. */
export function cloneDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = cloneDocument(item);
    return out as T;
  }
  return value;
}

/** Puts the defined entries of `entries` into a new object, in order. */
function defined(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}

/** Sets `out[key]` to `value` unless it is undefined (a field left out). */
function setDefined(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}

/** The `tables` entry of a table. */
export function tableDocument(table: TableProps): Record<string, unknown> {
  // Fields set one by one (not through `defined`): every pipeline has tables, and synth builds many.
  const out: Record<string, unknown> = {};
  setDefined(out, 'name', table.name);
  setDefined(out, 'append_only', table.appendOnly);
  if (table.includeColumns !== undefined || table.excludeColumns !== undefined) {
    const columns: Record<string, unknown> = {};
    setDefined(columns, 'include', copyList(table.includeColumns));
    setDefined(columns, 'exclude', copyList(table.excludeColumns));
    out.columns = columns;
  }
  return out;
}

/** The `transformations` entry of a transformation. */
export function transformationDocument(transformation: TransformationProps): Record<string, unknown> {
  const config = transformation.config === undefined ? undefined : cloneDocument({ ...transformation.config });
  return defined({ type: transformation.type, table: transformation.table, config: config === undefined ? undefined : defined(config) });
}

/** The `hooks` entry of a hook. */
export function hookDocument(hook: HookProps): Record<string, unknown> {
  return { id: hook.id, events: copyList(hook.events) };
}

function copyList<T>(list: readonly T[] | undefined): T[] | undefined {
  return list === undefined ? undefined : Array.isArray(list) ? [...list] : (list as T[]);
}

/** The document described by construct props. */
export function documentFromProps(props: PipelineDefinitionProps): DocumentValue {
  const sync: Record<string, unknown> = {};
  setDefined(sync, 'frequency', props.frequency);
  setDefined(sync, 'source_frequency', props.sourceFrequency);
  setDefined(sync, 'destination_frequency', props.destinationFrequency);
  setDefined(sync, 'auto_sync_new_tables', props.autoSyncNewTables);
  const out: DocumentValue = { definition_version: props.definitionVersion ?? DEFINITION_VERSION };
  setDefined(out, 'name', props.name);
  out.source = { connection: { id: props.sourceConnectionId } };
  out.destination = { connection: { id: props.destinationConnectionId } };
  out.sync = sync;
  out.tables = (props.tables ?? []).map(tableDocument);
  setDefined(out, 'transformations', props.transformations?.map(transformationDocument));
  setDefined(out, 'hooks', props.hooks?.map(hookDocument));
  return out;
}

/** Appends entries to a list field of a document (creating the list when absent). */
export function appendTo(document: DocumentValue, key: 'tables' | 'transformations' | 'hooks', entries: readonly Record<string, unknown>[]): void {
  if (entries.length === 0) return;
  const current = document[key];
  document[key] = Array.isArray(current) ? [...current, ...entries] : current === undefined ? [...entries] : current;
}

/** The result of applying overrides: the new document and the problems with the overrides themselves. */
export interface DerivedDocument {
  /** The derived document (the base itself when it is not an object: nothing can be applied). */
  readonly document: unknown;
  readonly issues: DefinitionIssue[];
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(entry: unknown, key: string): unknown {
  return isPlainObject(entry) ? entry[key] : undefined;
}

/**
 * Applies a derived definition's overrides to a copy of its base document. `baseLabel` names
 * the base in messages (its construct path).
 *
 * Removing a table also removes the transformations on it; naming a table or hook the base does
 * not have is reported as an issue at `removeTables[i]` / `removeHooks[i]`.
 */
export function deriveDocument(base: unknown, overrides: DerivedPipelineDefinitionProps, baseLabel: string): DerivedDocument {
  const issues: DefinitionIssue[] = [];
  if (!isPlainObject(base)) return { document: base, issues };
  const document = cloneDocument(base);

  if (overrides.name !== undefined || overrides.namePrefix !== undefined || overrides.nameSuffix !== undefined) {
    const name = overrides.name ?? document.name;
    document.name = typeof name === 'string' ? `${overrides.namePrefix ?? ''}${name}${overrides.nameSuffix ?? ''}` : name;
  }
  if (overrides.sourceConnectionId !== undefined) document.source = { connection: { id: overrides.sourceConnectionId } };
  if (overrides.destinationConnectionId !== undefined) document.destination = { connection: { id: overrides.destinationConnectionId } };

  const sync: Record<string, unknown> = isPlainObject(document.sync) ? document.sync : {};
  if (overrides.frequency !== undefined) {
    delete sync.source_frequency;
    delete sync.destination_frequency;
    sync.frequency = overrides.frequency;
  }
  if (overrides.sourceFrequency !== undefined || overrides.destinationFrequency !== undefined) {
    delete sync.frequency;
    if (overrides.sourceFrequency !== undefined) sync.source_frequency = overrides.sourceFrequency;
    if (overrides.destinationFrequency !== undefined) sync.destination_frequency = overrides.destinationFrequency;
  }
  if (overrides.autoSyncNewTables !== undefined) sync.auto_sync_new_tables = overrides.autoSyncNewTables;
  if (document.sync !== undefined || Object.keys(sync).length > 0) document.sync = sync;

  const removeTables = overrides.removeTables ?? [];
  if (removeTables.length > 0) {
    const tables = listOf(document.tables);
    const names = tables.map((t) => field(t, 'name'));
    const checkable = !names.some((n) => Token.isUnresolved(n));
    removeTables.forEach((name, i) => {
      if (checkable && !Token.isUnresolved(name) && !names.includes(name)) {
        issues.push({
          kind: 'semantic',
          code: 'unknown_table',
          path: `removeTables[${i}]`,
          message: `table ${renderValue(name)} is not in the base definition ${baseLabel}: ${names.length > 0 ? `use one of its tables (${names.map(renderValue).join(', ')})` : 'it has none'}; or drop the entry`,
        });
      }
    });
    const removed = new Set<unknown>(removeTables);
    if (Array.isArray(document.tables)) document.tables = tables.filter((t) => !removed.has(field(t, 'name')));
    if (Array.isArray(document.transformations)) document.transformations = document.transformations.filter((t) => !removed.has(field(t, 'table')));
  }

  const removeHooks = overrides.removeHooks ?? [];
  if (removeHooks.length > 0) {
    const ids = listOf(document.hooks).map((h) => field(h, 'id'));
    const checkable = !ids.some((id) => Token.isUnresolved(id));
    removeHooks.forEach((id, i) => {
      if (checkable && !Token.isUnresolved(id) && !ids.includes(id)) {
        const known = ids.length > 0 ? `use one of its hooks (${ids.map(renderValue).join(', ')})` : 'it has none';
        issues.push({ kind: 'semantic', code: 'unknown_hook', path: `removeHooks[${i}]`, message: `hook ${renderValue(id)} is not in the base definition ${baseLabel}: ${known}; or drop the entry` });
      }
    });
    const removed = new Set<unknown>(removeHooks);
    if (Array.isArray(document.hooks)) document.hooks = document.hooks.filter((h) => !removed.has(field(h, 'id')));
  }

  appendTo(document, 'tables', (overrides.addTables ?? []).map(tableDocument));
  appendTo(document, 'transformations', (overrides.addTransformations ?? []).map(transformationDocument));
  appendTo(document, 'hooks', (overrides.addHooks ?? []).map(hookDocument));
  return { document, issues };
}
