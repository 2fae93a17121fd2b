import { canonicalize } from './canonical';
import type { PipelineDefinition } from './schema';

/*
 * What a definition means to the API, as opposed to how it is written. Two documents with the
 * same meaning are the same pipeline: replacing one by the other changes nothing.
 *
 * Decided from the reference and the emulator (see DESIGN.md, "Comparing by meaning"):
 * - defaults: a table's `append_only` absent means `false`; `transformations: []` and `hooks: []`
 *   mean none (the canonical form already drops them). `auto_sync_new_tables` has no documented
 *   default, so absent and `false` stay different.
 * - sets: `tables` (keyed by name, duplicates are an error), `hooks` (keyed by id, duplicates are an
 *   error), a hook's `events`, a table's `columns.include` / `columns.exclude` and the `fields` of
 *   `exclude_fields` / `toggle_case` (duplicates are an error, nothing depends on their order).
 * - sequences: `transformations` apply one after the other, so their order is meaningful.
 */

function sortedStrings(values: readonly string[]): string[] {
  return [...values].sort();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The meaning of a (shape-valid) definition: its canonical form with defaults removed and the
 * lists the API treats as sets sorted. Use it to compare documents, never to send one: the user's
 * order and explicit defaults are theirs to keep.
 */
export function definitionMeaning(def: PipelineDefinition): PipelineDefinition {
  const canonical = canonicalize(def);
  const tables = canonical.tables
    .map((table) => {
      const out: PipelineDefinition['tables'][number] = { name: table.name };
      if (table.append_only === true) out.append_only = true;
      if (table.columns) {
        const columns: NonNullable<typeof table.columns> = {};
        if (table.columns.include) columns.include = sortedStrings(table.columns.include);
        if (table.columns.exclude) columns.exclude = sortedStrings(table.columns.exclude);
        out.columns = columns;
      }
      return out;
    })
    .sort((a, b) => compareText(a.name, b.name));
  const out: PipelineDefinition = { ...canonical, tables };
  if (canonical.transformations) {
    out.transformations = canonical.transformations.map((t) => {
      const fields = t.config?.fields;
      if ((t.type === 'exclude_fields' || t.type === 'toggle_case') && Array.isArray(fields) && fields.every((f) => typeof f === 'string')) {
        return { ...t, config: { ...t.config, fields: sortedStrings(fields as string[]) } };
      }
      return t;
    });
  }
  if (canonical.hooks) {
    out.hooks = canonical.hooks.map((h) => ({ id: h.id, events: sortedStrings(h.events) })).sort((a, b) => a.id - b.id);
  }
  return out;
}

/**
 * True when two definitions mean the same pipeline (see {@link definitionMeaning}): key order,
 * formatting, explicit defaults and the order of set-like lists aside.
 */
export function definitionsEquivalent(a: PipelineDefinition, b: PipelineDefinition): boolean {
  return JSON.stringify(definitionMeaning(a)) === JSON.stringify(definitionMeaning(b));
}

/**
 * True when two definitions mean the same pipeline (an alias of {@link definitionsEquivalent}):
 * the emulator's replace, `pipelines apply`, create recovery and the provider all decide "no
 * change" with it.
 */
export function definitionsEqual(a: PipelineDefinition, b: PipelineDefinition): boolean {
  return definitionsEquivalent(a, b);
}
