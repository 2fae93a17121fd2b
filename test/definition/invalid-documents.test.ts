import {
  DefinitionError,
  formatIssue,
  formatIssues,
  isDefinitionError,
  MAX_DEFINITION_BYTES,
  MAX_NAME_LENGTH,
  parseDefinition,
  readDefinitionText,
  tryParseDefinition,
  validateDefinition,
  worstKind,
  type DefinitionIssue,
  type IssueKind,
  type ParseOptions,
} from '../../lib/definition';
import { MINIMAL_YAML, minimalDoc, minimalWith, minimalWithout, toJson, toYaml, type Doc } from './documents';

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** The issues of text that must be invalid. */
function issuesOf(text: string, options?: ParseOptions): readonly DefinitionIssue[] {
  const result = tryParseDefinition(text, options);
  if (result.ok) throw new Error('expected an invalid document');
  return result.issues;
}

/** The minimal document plus the given top-level entries, as YAML. */
function minimalPlus(extra: Doc): string {
  return toYaml({ ...minimalDoc(), ...extra });
}

interface InvalidCase {
  /** What goes wrong; starts with "fails". */
  readonly scenario: string;
  readonly text: string;
  readonly options?: ParseOptions;
  /** The kind of the result (the worst issue). */
  readonly kind: IssueKind;
  /** Code and path of the first issue. */
  readonly code: string;
  readonly path: string;
  /** Pins every issue, rendered by formatIssues (line:column: path: message). */
  readonly pin: (rendered: string) => void;
}

const deepArrays = '['.repeat(100_000);

const cases: InvalidCase[] = [
  // syntax
  {
    scenario: 'fails on a YAML syntax error, naming its line and column',
    text: MINIMAL_YAML.replace('name: orders-to-snowflake', 'name: orders: snowflake'),
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"2:7: invalid YAML: Nested mappings are not allowed in compact mappings"`),
  },
  {
    scenario: 'fails on YAML indented with a tab',
    text: MINIMAL_YAML.replace('  frequency: 5', '\tfrequency: 5'),
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`
"10:1: invalid YAML: Tabs are not allowed as indentation
10:13: invalid YAML: Nested mappings are not allowed in compact mappings
10:13: invalid YAML: Implicit keys need to be on a single line"
`),
  },
  {
    scenario: 'fails on a YAML mapping with a duplicate key',
    text: MINIMAL_YAML.replace('name: orders-to-snowflake', 'name: a\nname: b'),
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"3:1: invalid YAML: Map keys must be unique"`),
  },
  {
    scenario: 'fails on a JSON syntax error (an unquoted value), naming its line and column',
    text: toJson(minimalDoc()).replace('"orders-to-snowflake"', 'orders-to-snowflake'),
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"3:11: invalid JSON: Unexpected token 'o'"`),
  },
  {
    scenario: 'fails on a JSON trailing comma, naming its line and column',
    text: toJson(minimalDoc()).replace('"id": 17\n', '"id": 17,\n'),
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"12:5: invalid JSON: Expected double-quoted property name"`),
  },
  {
    scenario: 'fails on JSON that ends too early',
    text: '{\n  "definition_version": 1,\n  "name": "x"\n',
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"4:1: invalid JSON: Expected ',' or '}' after property value"`),
  },
  {
    scenario: 'fails on text after the JSON object',
    text: `${JSON.stringify(minimalDoc())}\n}`,
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"2:1: invalid JSON: Unexpected non-whitespace character after JSON"`),
  },
  {
    scenario: 'fails on an empty document',
    text: '',
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"the document is empty: write a pipeline definition (see definition_version, name, source, ...)"`),
  },
  {
    scenario: 'fails on a document of blank lines',
    text: '\n   \n\t\n',
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"the document is empty: write a pipeline definition (see definition_version, name, source, ...)"`),
  },
  {
    scenario: 'fails on several YAML documents in one text',
    text: `${MINIMAL_YAML}---\n${MINIMAL_YAML}`,
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"18:1: invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments()"`),
  },
  {
    scenario: 'fails on too many aliases (billion laughs)',
    text: [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
      'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
      'i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]',
      '',
    ].join('\n'),
    kind: 'syntax',
    code: 'syntax_error',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"the document uses too many aliases: simplify it"`),
  },
  {
    scenario: 'fails on 100000 nested YAML flow lists',
    text: deepArrays,
    kind: 'syntax',
    code: 'too_deep',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"1:65: the document is nested more than 64 levels deep: simplify it"`),
  },
  {
    scenario: 'fails on 100000 nested lists inside a JSON object, which JSON.parse alone would accept',
    text: `{"definition_version": ${deepArrays}${']'.repeat(100_000)}}`,
    kind: 'syntax',
    code: 'too_deep',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"1:87: the document is nested more than 64 levels deep: simplify it"`),
  },
  {
    scenario: 'fails on 100000 nested YAML block lists',
    text: `tables:\n  ${'- '.repeat(100_000)}x\n`,
    kind: 'syntax',
    code: 'too_deep',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"2:129: the document is nested more than 64 levels deep: simplify it"`),
  },
  {
    scenario: 'fails on a file larger than the limit',
    text: `${MINIMAL_YAML}#${'x'.repeat(MAX_DEFINITION_BYTES)}\n`,
    kind: 'syntax',
    code: 'too_large',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"the document is larger than 1048576 bytes: split it or remove unused entries"`),
  },
  {
    scenario: 'fails on a file larger than a given limit, counting bytes rather than characters',
    text: MINIMAL_YAML.replace('orders-to-snowflake', 'é'.repeat(300)),
    options: { maxBytes: MINIMAL_YAML.length + 300 },
    kind: 'syntax',
    code: 'too_large',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"the document is larger than 571 bytes: split it or remove unused entries"`),
  },
  // shape
  {
    scenario: 'fails on a list at the top level',
    text: '- definition_version: 1\n',
    kind: 'shape',
    code: 'wrong_type',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"1:1: a pipeline definition is an object (a mapping of keys), got a list"`),
  },
  {
    scenario: 'fails on a scalar at the top level',
    text: 'orders-to-snowflake\n',
    kind: 'shape',
    code: 'wrong_type',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"1:1: a pipeline definition is an object (a mapping of keys), got text"`),
  },
  {
    scenario: 'fails on a document that holds only a comment',
    text: '# TODO: write the orders pipeline\n',
    kind: 'shape',
    code: 'wrong_type',
    path: '',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"a pipeline definition is an object (a mapping of keys), got null"`),
  },
  {
    scenario: 'fails on an unknown top-level key',
    text: `${MINIMAL_YAML}schedule: hourly\n`,
    kind: 'shape',
    code: 'unknown_key',
    path: 'schedule',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"18:1: schedule: unknown key "schedule": remove it or check its spelling"`),
  },
  {
    scenario: 'fails on an unknown nested key (a misspelt columns)',
    text: MINIMAL_YAML.replace('    columns:', '    colums:'),
    kind: 'shape',
    code: 'unknown_key',
    path: 'tables[1].colums',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"15:5: tables[1].colums: unknown key "colums": remove it or check its spelling"`),
  },
  {
    scenario: 'fails on an unknown key in a connection',
    text: toYaml(minimalWith(['destination', 'connection'], { id: 17, password: 'hunter2' })),
    kind: 'shape',
    code: 'unknown_key',
    path: 'destination.connection.password',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"9:5: destination.connection.password: unknown key "password": remove it or check its spelling"`),
  },
  {
    scenario: 'fails on a __proto__ key instead of reading fields through it',
    text: `{"__proto__": ${JSON.stringify(minimalDoc())}}`,
    kind: 'shape',
    code: 'unknown_key',
    path: '__proto__',
    pin: (r) => expect(r).toMatchInlineSnapshot(`
"1:2: __proto__: unknown key "__proto__": remove it or check its spelling
1:1: definition_version: required field is missing: add it (a whole number)
1:1: name: required field is missing: add it (text)
1:1: source: required field is missing: add it (an object)
1:1: destination: required field is missing: add it (an object)
1:1: sync: required field is missing: add it (an object)
1:1: tables: required field is missing: add it (a list)"
`),
  },
  {
    scenario: 'fails on a __proto__ key in a transformation config',
    text: minimalPlus({ transformations: [{ type: 'history_mode', table: 'public.orders', config: JSON.parse('{"__proto__": {"x": 1}}') }] }),
    kind: 'shape',
    code: 'unknown_key',
    path: 'transformations[0].config.__proto__',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:7: transformations[0].config.__proto__: unknown key "__proto__": remove it or check its spelling"`),
  },
  {
    scenario: 'fails on an id written as a string',
    text: MINIMAL_YAML.replace('id: 42', 'id: "42"'),
    kind: 'shape',
    code: 'wrong_type',
    path: 'source.connection.id',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"5:9: source.connection.id: expected a whole number, got text"`),
  },
  {
    scenario: 'fails on a frequency that is not a whole number',
    text: MINIMAL_YAML.replace('frequency: 5', 'frequency: 5.5'),
    kind: 'shape',
    code: 'wrong_type',
    path: 'sync.frequency',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"10:14: sync.frequency: expected a whole number, got the number 5.5"`),
  },
  {
    scenario: 'fails on an id larger than a safe integer',
    text: MINIMAL_YAML.replace('id: 42', 'id: 9007199254740993'),
    kind: 'shape',
    code: 'wrong_type',
    path: 'source.connection.id',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"5:9: source.connection.id: expected a whole number that fits in 53 bits, got the number 9007199254740992"`),
  },
  {
    scenario: 'fails on tables given as a single name instead of a list',
    text: toYaml(minimalWith(['tables'], 'public.orders')),
    kind: 'shape',
    code: 'wrong_type',
    path: 'tables',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"12:9: tables: expected a list, got text"`),
  },
  {
    scenario: 'fails on auto_sync_new_tables written as a string',
    text: MINIMAL_YAML.replace('auto_sync_new_tables: false', 'auto_sync_new_tables: "no"'),
    kind: 'shape',
    code: 'wrong_type',
    path: 'sync.auto_sync_new_tables',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"11:25: sync.auto_sync_new_tables: expected true or false, got text"`),
  },
  {
    scenario: 'fails on a missing name',
    text: toYaml(minimalWithout(['name'])),
    kind: 'shape',
    code: 'missing_field',
    path: 'name',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"1:1: name: required field is missing: add it (text)"`),
  },
  {
    scenario: 'fails on a missing source connection id',
    text: toYaml(minimalWith(['source', 'connection'], {})),
    kind: 'shape',
    code: 'missing_field',
    path: 'source.connection.id',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"4:15: source.connection.id: required field is missing: add it (a whole number)"`),
  },
  {
    scenario: 'fails on a missing sync block',
    text: toYaml(minimalWithout(['sync'])),
    kind: 'shape',
    code: 'missing_field',
    path: 'sync',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"1:1: sync: required field is missing: add it (an object)"`),
  },
  {
    scenario: 'fails on missing tables',
    text: toYaml(minimalWithout(['tables'])),
    kind: 'shape',
    code: 'missing_field',
    path: 'tables',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"1:1: tables: required field is missing: add it (a list)"`),
  },
  {
    scenario: 'fails on a missing table name in JSON, locating the table',
    text: toJson(minimalWith(['tables', 1], { columns: { exclude: ['ssn'] } })),
    kind: 'shape',
    code: 'missing_field',
    path: 'tables[1].name',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:5: tables[1].name: required field is missing: add it (text)"`),
  },
  {
    scenario: 'fails on a transformation config that is a list',
    text: minimalPlus({ transformations: [{ type: 'exclude_fields', table: 'public.orders', config: ['ssn'] }] }),
    kind: 'shape',
    code: 'wrong_type',
    path: 'transformations[0].config',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:7: transformations[0].config: expected an object, got a list"`),
  },
  // semantic
  {
    scenario: 'fails on include and exclude together',
    text: MINIMAL_YAML.replace('      exclude:\n        - ssn\n', '      include:\n        - id\n      exclude:\n        - ssn\n'),
    kind: 'semantic',
    code: 'include_and_exclude',
    path: 'tables[1].columns',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"16:7: tables[1].columns: use columns.include or columns.exclude, not both"`),
  },
  {
    scenario: 'fails on empty columns',
    text: toYaml(minimalWith(['tables', 1, 'columns'], {})),
    kind: 'semantic',
    code: 'columns_empty',
    path: 'tables[1].columns',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"15:14: tables[1].columns: give columns.include or columns.exclude, or leave columns out to replicate every column"`),
  },
  {
    scenario: 'fails on an empty include list',
    text: toYaml(minimalWith(['tables', 1, 'columns'], { include: [] })),
    kind: 'semantic',
    code: 'empty_list',
    path: 'tables[1].columns.include',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"16:16: tables[1].columns.include: list at least one column, or leave the list out"`),
  },
  {
    scenario: 'fails on a column listed twice',
    text: toYaml(minimalWith(['tables', 1, 'columns'], { exclude: ['ssn', 'dob', 'ssn'] })),
    kind: 'semantic',
    code: 'duplicate',
    path: 'tables[1].columns.exclude[2]',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"19:11: tables[1].columns.exclude[2]: column "ssn" is listed twice: remove one"`),
  },
  {
    scenario: 'fails on frequency given both ways',
    text: toYaml(minimalWith(['sync'], { frequency: 5, source_frequency: 5, destination_frequency: 15 })),
    kind: 'semantic',
    code: 'frequency_both_ways',
    path: 'sync.frequency',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"10:14: sync.frequency: give either frequency or both source_frequency and destination_frequency, not both"`),
  },
  {
    scenario: 'fails on half of the frequency pair',
    text: toYaml(minimalWith(['sync'], { source_frequency: 5 })),
    kind: 'semantic',
    code: 'frequency_half_pair',
    path: 'sync.destination_frequency',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"10:3: sync.destination_frequency: source_frequency and destination_frequency go together: add destination_frequency, or use frequency alone"`),
  },
  {
    scenario: 'fails on the other half of the frequency pair',
    text: toYaml(minimalWith(['sync'], { destination_frequency: 15 })),
    kind: 'semantic',
    code: 'frequency_half_pair',
    path: 'sync.source_frequency',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"10:3: sync.source_frequency: source_frequency and destination_frequency go together: add source_frequency, or use frequency alone"`),
  },
  {
    scenario: 'fails on no frequency at all',
    text: toYaml(minimalWith(['sync'], { auto_sync_new_tables: true })),
    kind: 'semantic',
    code: 'frequency_missing',
    path: 'sync',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"10:3: sync: set a schedule: frequency, or both source_frequency and destination_frequency (minutes)"`),
  },
  {
    scenario: 'fails on a frequency of zero',
    text: toYaml(minimalWith(['sync', 'frequency'], 0)),
    kind: 'semantic',
    code: 'frequency_out_of_range',
    path: 'sync.frequency',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"10:14: sync.frequency: frequency is in minutes, from 1 to 10080, got 0"`),
  },
  {
    scenario: 'fails on a destination frequency over a week',
    text: toYaml(minimalWith(['sync'], { source_frequency: 5, destination_frequency: 10081 })),
    kind: 'semantic',
    code: 'frequency_out_of_range',
    path: 'sync.destination_frequency',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"11:26: sync.destination_frequency: frequency is in minutes, from 1 to 10080, got 10081"`),
  },
  {
    scenario: 'fails on an unknown transformation type',
    text: minimalPlus({ transformations: [{ type: 'mask_fields', table: 'public.orders', config: { fields: ['ssn'] } }] }),
    kind: 'semantic',
    code: 'unknown_transformation_type',
    path: 'transformations[0].type',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"19:11: transformations[0].type: unknown transformation type "mask_fields": use one of exclude_fields, rename_fields, toggle_case, find_and_replace, replace_in_field_name, history_mode"`),
  },
  {
    scenario: 'fails on a transformation of a table that is not listed',
    text: minimalPlus({ transformations: [{ type: 'history_mode', table: 'public.invoices' }] }),
    kind: 'semantic',
    code: 'unknown_table',
    path: 'transformations[0].table',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"20:12: transformations[0].table: table "public.invoices" is not listed in tables: add it there or fix the name"`),
  },
  {
    scenario: 'fails on a table listed twice',
    text: MINIMAL_YAML.replace('  - name: public.customers', '  - name: public.orders\n  - name: public.customers'),
    kind: 'semantic',
    code: 'duplicate_table',
    path: 'tables[1].name',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"14:11: tables[1].name: table "public.orders" is listed twice: merge the entries"`),
  },
  {
    scenario: 'fails on an empty table list',
    text: toYaml(minimalWith(['tables'], [])),
    kind: 'semantic',
    code: 'empty_list',
    path: 'tables',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"12:9: tables: list at least one table to replicate"`),
  },
  {
    scenario: 'fails on a blank table name',
    text: toYaml(minimalWith(['tables', 0, 'name'], '  ')),
    kind: 'semantic',
    code: 'empty_name',
    path: 'tables[0].name',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"13:11: tables[0].name: table name is empty: use schema.table, e.g. public.orders"`),
  },
  {
    scenario: 'fails on a rename_fields config without a mapping',
    text: minimalPlus({ transformations: [{ type: 'rename_fields', table: 'public.orders', config: {} }] }),
    kind: 'semantic',
    code: 'missing_field',
    path: 'transformations[0].config.mapping',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"21:13: transformations[0].config.mapping: required field is missing: add it (an object) (for a rename_fields transformation)"`),
  },
  {
    scenario: 'fails on a rename_fields transformation without config',
    text: minimalPlus({ transformations: [{ type: 'rename_fields', table: 'public.orders' }] }),
    kind: 'semantic',
    code: 'missing_field',
    path: 'transformations[0].config.mapping',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"19:5: transformations[0].config.mapping: required field is missing: add it (an object) (for a rename_fields transformation)"`),
  },
  {
    scenario: 'fails on an empty rename mapping',
    text: minimalPlus({ transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: {} } }] }),
    kind: 'semantic',
    code: 'invalid_value',
    path: 'transformations[0].config.mapping',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:16: transformations[0].config.mapping: map at least one field (for a rename_fields transformation)"`),
  },
  {
    scenario: 'fails on a rename mapping to a number',
    text: minimalPlus({ transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: { 'a.b': 1 } } }] }),
    kind: 'semantic',
    code: 'wrong_type',
    path: 'transformations[0].config.mapping["a.b"]',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"23:14: transformations[0].config.mapping["a.b"]: expected text, got the number 1 (for a rename_fields transformation)"`),
  },
  {
    scenario: 'fails on an unknown config key',
    text: minimalPlus({ transformations: [{ type: 'exclude_fields', table: 'public.orders', config: { fields: ['ssn'], recursive: true } }] }),
    kind: 'semantic',
    code: 'unknown_key',
    path: 'transformations[0].config.recursive',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"24:7: transformations[0].config.recursive: unknown key "recursive": remove it or check its spelling (for an exclude_fields transformation)"`),
  },
  {
    scenario: 'fails on a toggle_case value in the wrong case',
    text: minimalPlus({ transformations: [{ type: 'toggle_case', table: 'public.orders', config: { case: 'UPPER' } }] }),
    kind: 'semantic',
    code: 'invalid_value',
    path: 'transformations[0].config.case',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:13: transformations[0].config.case: must be one of "upper", "lower", got "UPPER" (for a toggle_case transformation)"`),
  },
  {
    scenario: 'fails on an exclude_fields config with no fields',
    text: minimalPlus({ transformations: [{ type: 'exclude_fields', table: 'public.orders', config: { fields: [] } }] }),
    kind: 'semantic',
    code: 'invalid_value',
    path: 'transformations[0].config.fields',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:15: transformations[0].config.fields: list at least one field (for an exclude_fields transformation)"`),
  },
  {
    scenario: 'fails on a find_and_replace config with nothing to find',
    text: minimalPlus({ transformations: [{ type: 'find_and_replace', table: 'public.orders', config: { field: 'status', find: '', replace: 'x' } }] }),
    kind: 'semantic',
    code: 'invalid_value',
    path: 'transformations[0].config.find',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"23:13: transformations[0].config.find: give the text to find (for a find_and_replace transformation)"`),
  },
  {
    scenario: 'fails on a history_mode config with settings',
    text: minimalPlus({ transformations: [{ type: 'history_mode', table: 'public.orders', config: { column: 'valid_from' } }] }),
    kind: 'semantic',
    code: 'unknown_key',
    path: 'transformations[0].config.column',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:7: transformations[0].config.column: unknown key "column": remove it or check its spelling (for a history_mode transformation)"`),
  },
  {
    scenario: 'fails on an unknown hook event',
    text: minimalPlus({ hooks: [{ id: 9, events: ['pipeline_failed', 'pipeline_exploded'] }] }),
    kind: 'semantic',
    code: 'unknown_event',
    path: 'hooks[0].events[1]',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:9: hooks[0].events[1]: unknown event "pipeline_exploded": use one of pipeline_started, pipeline_stopped, pipeline_failed, sync_succeeded, sync_failed, schema_changed"`),
  },
  {
    scenario: 'fails on a hook attached twice',
    text: minimalPlus({ hooks: [{ id: 9, events: ['pipeline_failed'] }, { id: 9, events: ['pipeline_stopped'] }] }),
    kind: 'semantic',
    code: 'duplicate_hook',
    path: 'hooks[1].id',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:9: hooks[1].id: hook 9 is attached twice: merge its events into one entry"`),
  },
  {
    scenario: 'fails on a hook event listed twice',
    text: minimalPlus({ hooks: [{ id: 9, events: ['pipeline_failed', 'pipeline_failed'] }] }),
    kind: 'semantic',
    code: 'duplicate',
    path: 'hooks[0].events[1]',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"22:9: hooks[0].events[1]: event "pipeline_failed" is listed twice: remove one"`),
  },
  {
    scenario: 'fails on a hook without events',
    text: minimalPlus({ hooks: [{ id: 9, events: [] }] }),
    kind: 'semantic',
    code: 'empty_list',
    path: 'hooks[0].events',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"20:13: hooks[0].events: list at least one event"`),
  },
  {
    scenario: 'fails on definition_version 2',
    text: MINIMAL_YAML.replace('definition_version: 1', 'definition_version: 2'),
    kind: 'semantic',
    code: 'unsupported_version',
    path: 'definition_version',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"1:21: definition_version: only definition_version 1 is supported, got 2"`),
  },
  {
    scenario: 'fails on a negative connection id',
    text: MINIMAL_YAML.replace('id: 17', 'id: -17'),
    kind: 'semantic',
    code: 'invalid_id',
    path: 'destination.connection.id',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"8:9: destination.connection.id: connection ids are positive whole numbers, got -17"`),
  },
  {
    scenario: 'fails on a hook id of zero',
    text: minimalPlus({ hooks: [{ id: 0, events: ['pipeline_failed'] }] }),
    kind: 'semantic',
    code: 'invalid_id',
    path: 'hooks[0].id',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"19:9: hooks[0].id: hook ids are positive whole numbers, got 0"`),
  },
  {
    scenario: 'fails on a name one character too long',
    text: toYaml(minimalWith(['name'], 'n'.repeat(MAX_NAME_LENGTH + 1))),
    kind: 'semantic',
    code: 'name_too_long',
    path: 'name',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"2:7: name: name is 256 characters long: use at most 255"`),
  },
  {
    scenario: 'fails on an empty name',
    text: MINIMAL_YAML.replace('name: orders-to-snowflake', 'name: ""'),
    kind: 'semantic',
    code: 'empty_name',
    path: 'name',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"2:7: name: name is empty: give the pipeline a name"`),
  },
  {
    scenario: 'fails on a name with a control character',
    text: MINIMAL_YAML.replace('name: orders-to-snowflake', 'name: "orders\\tto snowflake"'),
    kind: 'semantic',
    code: 'invalid_name',
    path: 'name',
    pin: (r) => expect(r).toMatchInlineSnapshot(`"2:7: name: name contains control characters: remove them"`),
  },
];

describe('invalid definition documents', () => {
  test.each(cases)('$scenario', ({ text, options, kind, code, path, pin }) => {
    const result = tryParseDefinition(text, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe(kind);
    expect(result.issues[0]).toMatchObject({ kind, code, path });
    for (const issue of result.issues) expect(issue.message).not.toBe('');
    pin(formatIssues(result.issues));

    const err = thrown(() => parseDefinition(text, { ...options, source: 'pipeline.yaml' }));
    expect(err).toBeInstanceOf(DefinitionError);
    expect(isDefinitionError(err)).toBe(true);
    expect((err as DefinitionError).kind).toBe(kind);
    expect((err as DefinitionError).issues).toEqual(result.issues);
    expect((err as DefinitionError).source).toBe('pipeline.yaml');
  });
});

describe('issue locations and rendering', () => {
  test('issues found in YAML text carry the line and column of the failing field', () => {
    const text = MINIMAL_YAML.replace('      exclude:\n        - ssn\n', '      include: [id]\n      exclude: [ssn]\n');
    expect(issuesOf(text)).toEqual([
      { kind: 'semantic', code: 'include_and_exclude', path: 'tables[1].columns', message: 'use columns.include or columns.exclude, not both', line: 16, column: 7 },
    ]);
  });

  test('issues found in JSON text carry the line and column of the failing field', () => {
    const text = toJson(minimalWith(['sync', 'frequency'], 0));
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ code: 'frequency_out_of_range', path: 'sync.frequency', line: 15, column: 18 });
    expect(text.split('\n')[issue.line! - 1].slice(issue.column! - 1)).toBe('0,');
  });

  test('a missing field is located at its parent', () => {
    const [issue] = issuesOf(toYaml(minimalWith(['source', 'connection'], {})));
    expect(issue).toMatchObject({ path: 'source.connection.id', line: 4, column: 15 });
  });

  test('fails on a checked object with issues that have no line or column, since there is no text', () => {
    const result = validateDefinition(minimalWith(['sync', 'frequency'], 0));
    expect(result).toEqual({
      ok: false,
      kind: 'semantic',
      issues: [{ kind: 'semantic', code: 'frequency_out_of_range', path: 'sync.frequency', message: 'frequency is in minutes, from 1 to 10080, got 0' }],
    });
  });

  test('every problem is reported at once', () => {
    const doc = minimalDoc();
    doc.definition_version = 2;
    doc.sync = { frequency: 0 };
    doc.tables = [{ name: 'public.orders' }, { name: 'public.orders', columns: {} }];
    doc.hooks = [{ id: -1, events: ['nope'] }];
    const result = tryParseDefinition(toYaml(doc), { source: 'orders.yaml' });
    if (result.ok) throw new Error('expected invalid');
    expect(result.issues.map((i) => i.code)).toEqual(['unsupported_version', 'frequency_out_of_range', 'columns_empty', 'duplicate_table', 'invalid_id', 'unknown_event']);
    expect(formatIssues(result.issues, 'orders.yaml')).toMatchInlineSnapshot(`
"orders.yaml:1:21: definition_version: only definition_version 1 is supported, got 2
orders.yaml:10:14: sync.frequency: frequency is in minutes, from 1 to 10080, got 0
orders.yaml:14:14: tables[1].columns: give columns.include or columns.exclude, or leave columns out to replicate every column
orders.yaml:13:11: tables[1].name: table "public.orders" is listed twice: merge the entries
orders.yaml:16:9: hooks[0].id: hook ids are positive whole numbers, got -1
orders.yaml:18:9: hooks[0].events[0]: unknown event "nope": use one of pipeline_started, pipeline_stopped, pipeline_failed, sync_succeeded, sync_failed, schema_changed"
`);
  });

  test('shape problems are all reported before any rule is checked', () => {
    const doc = minimalDoc();
    doc.name = 7;
    doc.sync = { frequency: 0, every: 'day' };
    const result = validateDefinition(doc);
    expect(result.ok || result.issues.map((i) => `${i.kind} ${i.code} ${i.path}`)).toEqual(['shape wrong_type name', 'shape unknown_key sync.every']);
  });

  test('DefinitionError renders its issues with the source, line and column', () => {
    const err = thrown(() => parseDefinition(`${MINIMAL_YAML}schedule: hourly\nowner: data-team\n`, { source: 'orders.yaml' })) as DefinitionError;
    expect(err.name).toBe('DefinitionError');
    expect(err.kind).toBe('shape');
    expect(err.message).toMatchInlineSnapshot(`
"invalid pipeline definition (2 problems):
orders.yaml:18:1: schedule: unknown key "schedule": remove it or check its spelling
orders.yaml:19:1: owner: unknown key "owner": remove it or check its spelling"
`);
  });

  test('a DefinitionError with one issue says so in its message', () => {
    const err = thrown(() => parseDefinition('', { source: 'empty.yaml' })) as DefinitionError;
    expect(err.message).toMatchInlineSnapshot(`
"invalid pipeline definition:
empty.yaml: the document is empty: write a pipeline definition (see definition_version, name, source, ...)"
`);
  });

  test('formatIssue renders only the parts that are known', () => {
    const issue: DefinitionIssue = { kind: 'semantic', code: 'x', path: 'tables[0].name', message: 'table name is empty', line: 3, column: 5 };
    expect(formatIssue(issue)).toBe('3:5: tables[0].name: table name is empty');
    expect(formatIssue(issue, 'a.yaml')).toBe('a.yaml:3:5: tables[0].name: table name is empty');
    expect(formatIssue({ ...issue, column: undefined }, 'a.yaml')).toBe('a.yaml:3: tables[0].name: table name is empty');
    expect(formatIssue({ ...issue, line: undefined, column: undefined })).toBe('tables[0].name: table name is empty');
    expect(formatIssue({ ...issue, path: '', line: undefined, column: undefined }, 'a.yaml')).toBe('a.yaml: table name is empty');
    expect(formatIssues([])).toBe('');
  });

  test('worstKind orders syntax before shape before semantic', () => {
    const of = (...kinds: IssueKind[]) => worstKind(kinds.map((kind) => ({ kind, code: 'c', path: '', message: 'm' })));
    expect(of('semantic', 'shape')).toBe('shape');
    expect(of('shape', 'syntax', 'semantic')).toBe('syntax');
    expect(of('semantic')).toBe('semantic');
  });

  test('isDefinitionError recognises an error from another copy of the module, and nothing else', () => {
    const foreign = Object.assign(new Error('x'), { name: 'DefinitionError', issues: [] });
    expect(isDefinitionError(foreign)).toBe(true);
    expect(isDefinitionError(new Error('x'))).toBe(false);
    expect(isDefinitionError({ name: 'DefinitionError', issues: [] })).toBe(false);
    expect(isDefinitionError(undefined)).toBe(false);
  });
});

describe('reading text', () => {
  test('fails when given something that is not text', () => {
    const result = tryParseDefinition(42 as unknown as string);
    expect(result).toEqual({ ok: false, kind: 'syntax', issues: [{ kind: 'syntax', code: 'syntax_error', path: '', message: 'a definition is text (YAML or JSON)', line: undefined, column: undefined }] });
  });

  test('fails on a syntax error in readDefinitionText with a DefinitionError naming the source', () => {
    const err = thrown(() => readDefinitionText('a: [1\n', { source: 'x.yaml' })) as DefinitionError;
    expect(isDefinitionError(err)).toBe(true);
    expect(err.source).toBe('x.yaml');
    expect(err.message).toMatchInlineSnapshot(`
"invalid pipeline definition:
x.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"
`);
  });

  test('fails on YAML when JSON is asked for', () => {
    const [issue] = issuesOf(MINIMAL_YAML, { format: 'json' });
    expect(issue).toMatchObject({ kind: 'syntax', code: 'syntax_error', line: 1, column: 1 });
  });

  test('fails on a deeply nested value given as an object, instead of overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = validateDefinition({ ...minimalDoc(), name: deep });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ kind: 'shape', code: 'too_deep' });
  });

  test('fails on a value that contains itself, instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const result = validateDefinition({ ...minimalDoc(), source: cyclic });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ kind: 'shape', code: 'too_deep' });
  });

  test('fails one level beyond the nesting limit, and reads nesting up to it', () => {
    const nested = (levels: number) => `x: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
    expect(readDefinitionText(nested(63))).toEqual({ x: expect.any(Array) });
    expect(issuesOf(nested(64))[0]).toMatchObject({ code: 'too_deep', line: 1, column: 67 });
  });

  test('fails on deeply nested documents again and again without crashing the process', () => {
    const levels = 10_000;
    for (let i = 0; i < 3; i++) {
      expect(issuesOf(`{"a": ${'['.repeat(levels)}${']'.repeat(levels)}}`)[0].code).toBe('too_deep');
      expect(issuesOf(`a:\n${'  - '.repeat(levels)}x`)[0].code).toBe('too_deep');
    }
  });
});
