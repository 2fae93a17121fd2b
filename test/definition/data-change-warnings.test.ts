import { dataChangeWarnings, type DataChangeKind, type PipelineDefinition } from '../../lib/definition';

/** A pipeline with two tables, one column exclusion and new tables synced automatically. */
const BASE: PipelineDefinition = {
  definition_version: 1,
  name: 'orders',
  source: { connection: { id: 42 } },
  destination: { connection: { id: 17 } },
  sync: { frequency: 5, auto_sync_new_tables: true },
  tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
};

/** BASE with some top-level fields replaced. */
function change(fields: Partial<PipelineDefinition>): PipelineDefinition {
  return { ...BASE, ...fields };
}

const HISTORY: PipelineDefinition = change({ transformations: [{ type: 'history_mode', table: 'public.orders', config: {} }] });

interface Case {
  readonly scenario: string;
  readonly prior: PipelineDefinition | undefined;
  readonly planned: PipelineDefinition | undefined;
  /** The expected warnings as `kind@path`, in order. */
  readonly expected: readonly string[];
}

const cases: Case[] = [
  { scenario: 'a create', prior: undefined, planned: BASE, expected: [] },
  { scenario: 'no change', prior: BASE, planned: BASE, expected: [] },
  { scenario: 'a destroy', prior: BASE, planned: undefined, expected: ['archive@'] },
  { scenario: 'a frequency change', prior: BASE, planned: change({ sync: { frequency: 60, auto_sync_new_tables: true } }), expected: [] },
  { scenario: 'a frequency pair instead of frequency', prior: BASE, planned: change({ sync: { source_frequency: 5, destination_frequency: 15, auto_sync_new_tables: true } }), expected: [] },
  { scenario: 'a rename', prior: BASE, planned: change({ name: 'orders-v2' }), expected: [] },
  { scenario: 'hooks added', prior: BASE, planned: change({ hooks: [{ id: 9, events: ['pipeline_failed'] }] }), expected: [] },
  { scenario: 'a table added', prior: BASE, planned: change({ tables: [...BASE.tables, { name: 'public.items' }] }), expected: [] },
  { scenario: 'tables reordered', prior: BASE, planned: change({ tables: [BASE.tables[1], BASE.tables[0]] }), expected: [] },
  { scenario: 'append_only turned on', prior: BASE, planned: change({ tables: [{ name: 'public.orders', append_only: true }, BASE.tables[1]] }), expected: [] },
  { scenario: 'a column no longer excluded', prior: BASE, planned: change({ tables: [BASE.tables[0], { name: 'public.customers' }] }), expected: [] },
  { scenario: 'a rename transformation added', prior: BASE, planned: change({ transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: { a: 'b' } } }] }), expected: [] },
  { scenario: 'a table removed', prior: BASE, planned: change({ tables: [BASE.tables[1]] }), expected: ['table_removed@tables'] },
  { scenario: 'two tables removed', prior: BASE, planned: change({ tables: [{ name: 'public.items' }] }), expected: ['table_removed@tables', 'table_removed@tables'] },
  { scenario: 'the source connection changed', prior: BASE, planned: change({ source: { connection: { id: 43 } } }), expected: ['source_changed@source.connection.id'] },
  { scenario: 'the destination connection changed', prior: BASE, planned: change({ destination: { connection: { id: 18 } } }), expected: ['destination_changed@destination.connection.id'] },
  { scenario: 'history mode added', prior: BASE, planned: HISTORY, expected: ['history_mode_added@transformations[0]'] },
  { scenario: 'history mode removed', prior: HISTORY, planned: BASE, expected: ['history_mode_removed@transformations'] },
  { scenario: 'history mode removed with its table (only the table warns)', prior: HISTORY, planned: change({ tables: [BASE.tables[1]] }), expected: ['table_removed@tables'] },
  { scenario: 'one more column excluded', prior: BASE, planned: change({ tables: [BASE.tables[0], { name: 'public.customers', columns: { exclude: ['ssn', 'email'] } }] }), expected: ['columns_excluded@tables[1].columns'] },
  { scenario: 'a first column excluded', prior: BASE, planned: change({ tables: [{ name: 'public.orders', columns: { exclude: ['notes'] } }, BASE.tables[1]] }), expected: ['columns_excluded@tables[0].columns'] },
  { scenario: 'an include list narrowed', prior: change({ tables: [{ name: 'public.orders', columns: { include: ['id', 'total'] } }] }), planned: change({ tables: [{ name: 'public.orders', columns: { include: ['id'] } }] }), expected: ['columns_excluded@tables[0].columns'] },
  { scenario: 'an include list widened', prior: change({ tables: [{ name: 'public.orders', columns: { include: ['id'] } }] }), planned: change({ tables: [{ name: 'public.orders', columns: { include: ['id', 'total'] } }] }), expected: [] },
  { scenario: 'an include list replacing all columns', prior: BASE, planned: change({ tables: [{ name: 'public.orders', columns: { include: ['id'] } }, BASE.tables[1]] }), expected: ['columns_excluded@tables[0].columns.include'] },
  { scenario: 'an exclude list replacing an include list', prior: change({ tables: [{ name: 'public.orders', columns: { include: ['id', 'total'] } }] }), planned: change({ tables: [{ name: 'public.orders', columns: { exclude: ['total', 'notes'] } }] }), expected: ['columns_excluded@tables[0].columns'] },
  { scenario: 'an exclude_fields transformation added', prior: BASE, planned: change({ transformations: [{ type: 'exclude_fields', table: 'public.orders', config: { fields: ['card'] } }] }), expected: ['columns_excluded@tables[0].columns'] },
  { scenario: 'auto_sync_new_tables turned off', prior: BASE, planned: change({ sync: { frequency: 5, auto_sync_new_tables: false } }), expected: ['auto_sync_off@sync.auto_sync_new_tables'] },
  { scenario: 'auto_sync_new_tables left out after true', prior: BASE, planned: change({ sync: { frequency: 5 } }), expected: ['auto_sync_off@sync.auto_sync_new_tables'] },
  { scenario: 'auto_sync_new_tables turned on', prior: change({ sync: { frequency: 5 } }), planned: BASE, expected: [] },
  {
    scenario: 'several changes at once',
    prior: BASE,
    planned: change({ source: { connection: { id: 43 } }, destination: { connection: { id: 18 } }, tables: [BASE.tables[0]], sync: { frequency: 5 } }),
    expected: ['source_changed@source.connection.id', 'destination_changed@destination.connection.id', 'table_removed@tables', 'auto_sync_off@sync.auto_sync_new_tables'],
  },
];

describe('dataChangeWarnings', () => {
  test.each(cases)('$scenario', ({ prior, planned, expected }) => {
    expect(dataChangeWarnings(prior, planned).map((w) => `${w.kind}@${w.path}`)).toEqual(expected);
  });

  test('every warning is one sentence with a title', () => {
    const all = cases.flatMap((c) => dataChangeWarnings(c.prior, c.planned));
    const kinds = new Set<DataChangeKind>(all.map((w) => w.kind));
    expect(kinds.size).toBe(8);
    for (const w of all) {
      expect(w.title).toMatch(/^[A-Z][A-Za-z ]+$/);
      expect(w.message).toMatch(/^[^\n]+\.$/);
      expect(w.message.slice(0, -1)).not.toMatch(/\.\s/);
    }
  });

  test('names what changes', () => {
    const [table] = dataChangeWarnings(BASE, change({ tables: [BASE.tables[1]] }));
    expect(table.message).toContain('"public.orders"');
    const [columns] = dataChangeWarnings(BASE, change({ tables: [BASE.tables[0], { name: 'public.customers', columns: { exclude: ['ssn', 'email'] } }] }));
    expect(columns.message).toContain('"email"');
    expect(columns.message).not.toContain('"ssn"');
    const [archive] = dataChangeWarnings(BASE, undefined);
    expect(archive.message).toMatch(/cannot be undone/);
  });
});
