import { stringify } from 'yaml';

/** The reference's minimal example, verbatim. */
export const MINIMAL_YAML = `definition_version: 1
name: orders-to-snowflake
source:
  connection:
    id: 42
destination:
  connection:
    id: 17
sync:
  frequency: 5
  auto_sync_new_tables: false
tables:
  - name: public.orders
  - name: public.customers
    columns:
      exclude:
        - ssn
`;

/** A plain-object document, as a parser would return it. */
export type Doc = Record<string, unknown>;

/** The reference's minimal example as a plain object (a fresh copy each call). */
export function minimalDoc(): Doc {
  return {
    definition_version: 1,
    name: 'orders-to-snowflake',
    source: { connection: { id: 42 } },
    destination: { connection: { id: 17 } },
    sync: { frequency: 5, auto_sync_new_tables: false },
    tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
  };
}

/** Walks to an object or list inside a document; throws when the path does not lead to one. */
function at(doc: Doc, path: readonly (string | number)[]): Record<string | number, unknown> {
  let current: unknown = doc;
  for (const segment of path) current = (current as Record<string | number, unknown>)[segment];
  if (current === null || typeof current !== 'object') throw new Error(`no object at ${path.join('.')}`);
  return current as Record<string | number, unknown>;
}

/** The minimal document with `value` set at `path`, whose parent must exist. */
export function minimalWith(path: readonly (string | number)[], value: unknown): Doc {
  const doc = minimalDoc();
  at(doc, path.slice(0, -1))[path[path.length - 1]] = value;
  return doc;
}

/** The minimal document without the field at `path`. */
export function minimalWithout(path: readonly (string | number)[]): Doc {
  const doc = minimalDoc();
  delete at(doc, path.slice(0, -1))[path[path.length - 1]];
  return doc;
}

/** Block-style YAML text of a document. */
export function toYaml(doc: unknown): string {
  return stringify(doc, { lineWidth: 0 });
}

/** Pretty JSON text of a document. */
export function toJson(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
