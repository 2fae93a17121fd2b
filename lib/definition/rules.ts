import { characterCount } from './character-count';
import { DEFINITION_VERSION, FREQUENCY_RANGE, HOOK_EVENTS, MAX_NAME_LENGTH, TRANSFORMATION_TYPES, type TransformationType } from './constants';
import type { DefinitionIssue } from './issues';
import { formatPath, type PathSegment } from './path';
import type { PipelineDefinition, SyncSchedule, TableSelection } from './schema';
import { fromZodIssues } from './shape';
import { transformationConfigSchemas } from './transformation-configs';

type Emit = (path: readonly PathSegment[], code: string, message: string) => void;

function checkId(emit: Emit, path: PathSegment[], id: number, what: string): void {
  if (id <= 0) emit(path, 'invalid_id', `${what} ids are positive whole numbers, got ${id}`);
}

function checkFrequency(emit: Emit, path: PathSegment[], value: number | undefined): void {
  if (value === undefined) return;
  if (value < FREQUENCY_RANGE.min || value > FREQUENCY_RANGE.max) {
    emit(path, 'frequency_out_of_range', `frequency is in minutes, from ${FREQUENCY_RANGE.min} to ${FREQUENCY_RANGE.max}, got ${value}`);
  }
}

function checkSync(emit: Emit, sync: SyncSchedule): void {
  const hasFrequency = sync.frequency !== undefined;
  const hasSource = sync.source_frequency !== undefined;
  const hasDestination = sync.destination_frequency !== undefined;
  if (hasFrequency && (hasSource || hasDestination)) {
    emit(['sync', 'frequency'], 'frequency_both_ways', 'give either frequency or both source_frequency and destination_frequency, not both');
  } else if (!hasFrequency && hasSource !== hasDestination) {
    const missing = hasSource ? 'destination_frequency' : 'source_frequency';
    emit(['sync', missing], 'frequency_half_pair', `source_frequency and destination_frequency go together: add ${missing}, or use frequency alone`);
  } else if (!hasFrequency && !hasSource) {
    emit(['sync'], 'frequency_missing', 'set a schedule: frequency, or both source_frequency and destination_frequency (minutes)');
  }
  checkFrequency(emit, ['sync', 'frequency'], sync.frequency);
  checkFrequency(emit, ['sync', 'source_frequency'], sync.source_frequency);
  checkFrequency(emit, ['sync', 'destination_frequency'], sync.destination_frequency);
}

function checkNames(emit: Emit, path: PathSegment[], names: readonly string[], what: string): void {
  if (names.length === 0) emit(path, 'empty_list', `list at least one ${what}, or leave the list out`);
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name.trim() === '') emit([...path, i], 'empty_name', `${what} name is empty`);
    else if (seen.has(name)) emit([...path, i], 'duplicate', `${what} ${JSON.stringify(name)} is listed twice: remove one`);
    seen.add(name);
  });
}

function checkTable(emit: Emit, table: TableSelection, index: number): void {
  const path: PathSegment[] = ['tables', index];
  if (table.name.trim() === '') emit([...path, 'name'], 'empty_name', 'table name is empty: use schema.table, e.g. public.orders');
  const columns = table.columns;
  if (columns === undefined) return;
  if (columns.include !== undefined && columns.exclude !== undefined) {
    emit([...path, 'columns'], 'include_and_exclude', 'use columns.include or columns.exclude, not both');
  } else if (columns.include === undefined && columns.exclude === undefined) {
    emit([...path, 'columns'], 'columns_empty', 'give columns.include or columns.exclude, or leave columns out to replicate every column');
  }
  if (columns.include !== undefined) checkNames(emit, [...path, 'columns', 'include'], columns.include, 'column');
  if (columns.exclude !== undefined) checkNames(emit, [...path, 'columns', 'exclude'], columns.exclude, 'column');
}

function isTransformationType(type: string): type is TransformationType {
  return (TRANSFORMATION_TYPES as readonly string[]).includes(type);
}

/**
 * Checks the rules of the reference that a shape-valid document can still break. Returns the
 * problems found, each with its field path; an empty list means the document is valid.
 */
export function checkRules(def: PipelineDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const emit: Emit = (path, code, message) => issues.push({ kind: 'semantic', code, path: formatPath(path), message });

  if (def.definition_version !== DEFINITION_VERSION) {
    emit(['definition_version'], 'unsupported_version', `only definition_version ${DEFINITION_VERSION} is supported, got ${def.definition_version}`);
  }
  if (def.name.trim() === '') emit(['name'], 'empty_name', 'name is empty: give the pipeline a name');
  else if (characterCount(def.name) > MAX_NAME_LENGTH) emit(['name'], 'name_too_long', `name is ${characterCount(def.name)} characters long: use at most ${MAX_NAME_LENGTH}`);
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  else if (/[\u0000-\u001f\u007f]/.test(def.name)) emit(['name'], 'invalid_name', 'name contains control characters: remove them');
  checkId(emit, ['source', 'connection', 'id'], def.source.connection.id, 'connection');
  checkId(emit, ['destination', 'connection', 'id'], def.destination.connection.id, 'connection');
  checkSync(emit, def.sync);

  if (def.tables.length === 0) emit(['tables'], 'empty_list', 'list at least one table to replicate');
  const tableNames = new Set<string>();
  def.tables.forEach((table, i) => {
    checkTable(emit, table, i);
    if (tableNames.has(table.name)) emit(['tables', i, 'name'], 'duplicate_table', `table ${JSON.stringify(table.name)} is listed twice: merge the entries`);
    tableNames.add(table.name);
  });

  (def.transformations ?? []).forEach((t, i) => {
    const path: PathSegment[] = ['transformations', i];
    if (!isTransformationType(t.type)) {
      emit([...path, 'type'], 'unknown_transformation_type', `unknown transformation type ${JSON.stringify(t.type)}: use one of ${TRANSFORMATION_TYPES.join(', ')}`);
    } else {
      const result = transformationConfigSchemas[t.type].safeParse(t.config ?? {});
      if (!result.success) issues.push(...fromZodIssues(result.error.issues, t.config ?? {}, 'semantic', [...path, 'config']).map((issue) => ({ ...issue, message: `${issue.message} (for ${/^[aeiou]/.test(t.type) ? 'an' : 'a'} ${t.type} transformation)` })));
    }
    if (!tableNames.has(t.table)) emit([...path, 'table'], 'unknown_table', `table ${JSON.stringify(t.table)} is not listed in tables: add it there or fix the name`);
  });

  const hookIds = new Set<number>();
  (def.hooks ?? []).forEach((hook, i) => {
    const path: PathSegment[] = ['hooks', i];
    checkId(emit, [...path, 'id'], hook.id, 'hook');
    if (hookIds.has(hook.id)) emit([...path, 'id'], 'duplicate_hook', `hook ${hook.id} is attached twice: merge its events into one entry`);
    hookIds.add(hook.id);
    if (hook.events.length === 0) emit([...path, 'events'], 'empty_list', 'list at least one event');
    const seen = new Set<string>();
    hook.events.forEach((event, j) => {
      if (!(HOOK_EVENTS as readonly string[]).includes(event)) emit([...path, 'events', j], 'unknown_event', `unknown event ${JSON.stringify(event)}: use one of ${HOOK_EVENTS.join(', ')}`);
      else if (seen.has(event)) emit([...path, 'events', j], 'duplicate', `event ${JSON.stringify(event)} is listed twice: remove one`);
      seen.add(event);
    });
  });
  return issues;
}
