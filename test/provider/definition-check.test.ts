/**
 * The provider's check of a `definition` value as Terraform sends it (any type, possibly with
 * unknown values): everything known is checked, only what depends on an unknown value waits.
 */
import { unknown, type ObjectValue, type Value } from '../../lib/provider/framework';
import { checkDefinitionValue } from '../../lib/provider/resources/check-definition';

function doc(overrides: Record<string, Value> = {}): ObjectValue {
  return {
    definition_version: 1,
    name: 'orders',
    source: { connection: { id: 42 } },
    destination: { connection: { id: 17 } },
    sync: { frequency: 5 },
    tables: [{ name: 'public.orders' }, { name: 'public.customers' }],
    ...overrides,
  };
}

function problems(value: Value): string[] {
  return checkDefinitionValue(value).issues.map((i) => `${i.path}: ${i.code}`);
}

describe('checkDefinitionValue', () => {
  test('accepts a valid document and returns it canonical', () => {
    const check = checkDefinitionValue(doc());
    expect(check).toMatchObject({ known: true, issues: [], definition: { name: 'orders' } });
  });

  test('converts scalars the way Terraform converts them to a typed attribute', () => {
    const check = checkDefinitionValue(doc({ name: 2024, source: { connection: { id: '42' } }, tables: [{ name: 'public.orders', append_only: 'true' }] }));
    expect(check.issues).toEqual([]);
    expect(check.definition).toMatchObject({ name: '2024', source: { connection: { id: 42 } }, tables: [{ append_only: true }] });
  });

  test('fails for text that is not a number where a number is expected', () => {
    expect(problems(doc({ source: { connection: { id: 'forty-two' } } }))).toEqual(['source.connection.id: wrong_type']);
  });

  const unknownCases: Array<{ readonly scenario: string; readonly value: ObjectValue; readonly expected: string[] }> = [
    {
      scenario: 'an unknown key next to an unknown connection id',
      value: doc({ source: { connection: { id: unknown } }, tables: [{ name: 'public.orders', apend_only: true }] }),
      expected: ['tables[0].apend_only: unknown_key'],
    },
    { scenario: 'an unknown key whose value is unknown', value: doc({ sync: { frequency: 5, cron: unknown } }), expected: ['sync.cron: unknown_key'] },
    {
      scenario: 'a rule of a known table while another value is unknown',
      value: doc({ name: unknown, tables: [{ name: 'public.orders', columns: { include: ['id'], exclude: ['ssn'] } }] }),
      expected: ['tables[0].columns: include_and_exclude'],
    },
    { scenario: 'a frequency rule while the frequency is unknown', value: doc({ sync: { frequency: unknown, source_frequency: 5 } }), expected: [] },
    { scenario: 'an out-of-range frequency while another one is unknown', value: doc({ sync: { source_frequency: unknown, destination_frequency: 0 } }), expected: ['sync.destination_frequency: frequency_out_of_range'] },
    {
      scenario: 'a transformation naming a table while a table name is unknown',
      value: doc({ tables: [{ name: unknown }], transformations: [{ type: 'history_mode', table: 'public.orders' }] }),
      expected: [],
    },
    {
      scenario: 'two hooks whose ids are unknown (no false duplicate)',
      value: doc({ hooks: [{ id: unknown, events: ['pipeline_failed'] }, { id: unknown, events: ['pipeline_failed', 'nope'] }] }),
      expected: ['hooks[1].events[1]: unknown_event'],
    },
    {
      scenario: 'a config while the transformation type is unknown',
      value: doc({ transformations: [{ type: unknown, table: 'public.orders', config: { fields: ['a'] } }] }),
      expected: [],
    },
    { scenario: 'a whole list that is unknown', value: doc({ tables: unknown, transformations: [{ type: 'history_mode', table: 'x', extra: 1 }] }), expected: ['transformations[0].extra: unknown_key'] },
  ];

  test.each(unknownCases)('checks the known parts: $scenario', ({ value, expected }) => {
    const check = checkDefinitionValue(value);
    expect(check.known).toBe(false);
    expect(check.definition).toBeUndefined();
    expect(problems(value)).toEqual(expected);
  });

  test('skips a definition that is unknown as a whole', () => {
    expect(checkDefinitionValue(unknown)).toEqual({ issues: [], known: false });
  });
});
