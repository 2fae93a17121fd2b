import { stringify } from 'yaml';
import { TRANSFORMATION_CONFIG_KEYS } from './transformation-configs';
import type { TransformationType } from './constants';
import type { PipelineDefinition, TableSelection, Transformation } from './schema';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

/** Copies the listed keys of `from` in that order, leaving out absent (undefined or null) ones. */
function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = from[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

function sortedKeys(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) out[key] = obj[key];
  return out;
}

function canonicalTable(table: TableSelection): TableSelection {
  const out = pick(table, ['name', 'append_only']) as TableSelection;
  if (table.columns) out.columns = pick(table.columns, ['include', 'exclude']) as TableSelection['columns'];
  return out;
}

function canonicalConfig(type: string, config: Record<string, unknown>): Record<string, unknown> {
  const known = TRANSFORMATION_CONFIG_KEYS[type as TransformationType];
  const ordered = known ? { ...pick(config, known), ...sortedKeys(pick(config, Object.keys(config).filter((k) => !known.includes(k)))) } : sortedKeys(pick(config, Object.keys(config)));
  for (const [key, value] of Object.entries(ordered)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) ordered[key] = sortedKeys(value as Record<string, unknown>);
  }
  return ordered;
}

function canonicalTransformation(t: Transformation): Transformation {
  const out = pick(t, ['type', 'table']) as Transformation;
  if (t.config !== undefined && t.config !== null) out.config = canonicalConfig(t.type, t.config);
  return out;
}

/**
 * The canonical form of a definition: keys in the schema's order, map keys (a rename mapping)
 * sorted, absent and null optional fields left out, empty `transformations` and `hooks` lists left
 * out. Nothing is invented: no default is added. List order is kept, since it is meaningful.
 *
 * Two documents that mean the same compare equal after canonicalization, whatever key order or
 * formatting they came in.
 */
export function canonicalize(def: PipelineDefinition): PipelineDefinition {
  const out = {
    definition_version: def.definition_version,
    name: def.name,
    source: { connection: { id: def.source.connection.id } },
    destination: { connection: { id: def.destination.connection.id } },
    sync: pick(def.sync, ['frequency', 'source_frequency', 'destination_frequency', 'auto_sync_new_tables']),
    tables: def.tables.map(canonicalTable),
  } as PipelineDefinition;
  if (def.transformations && def.transformations.length > 0) out.transformations = def.transformations.map(canonicalTransformation);
  if (def.hooks && def.hooks.length > 0) out.hooks = def.hooks.map((h) => ({ id: h.id, events: [...h.events] }));
  return out;
}

/** Canonical JSON text of a definition: two-space indentation and a final newline. */
export function toCanonicalJson(def: PipelineDefinition): string {
  return `${JSON.stringify(canonicalize(def) as unknown as Json, null, 2)}\n`;
}

/** Canonical YAML text of a definition: block style, no line folding, stable key order. */
export function toCanonicalYaml(def: PipelineDefinition): string {
  return stringify(canonicalize(def), { lineWidth: 0, indent: 2, indentSeq: true, aliasDuplicateObjects: false });
}

/** Serializes a definition in the given format, canonically. */
export function serializeDefinition(def: PipelineDefinition, format: 'yaml' | 'json'): string {
  return format === 'json' ? toCanonicalJson(def) : toCanonicalYaml(def);
}
