import {
  canonicalize,
  definitionsEqual,
  detectFormat,
  FREQUENCY_RANGE,
  parseDefinition,
  readDefinitionText,
  serializeDefinition,
  toCanonicalJson,
  toCanonicalYaml,
  tryParseDefinition,
  validateDefinition,
  type PipelineDefinition,
} from '../../lib/definition';
import { MINIMAL_YAML, minimalDoc, minimalWith, toJson, toYaml, type Doc } from './documents';

/** Parses text that must be valid, failing with every issue when it is not. */
function parseValid(text: string): PipelineDefinition {
  const result = tryParseDefinition(text);
  if (!result.ok) throw new Error(`expected a valid document, got:\n${JSON.stringify(result.issues, null, 2)}`);
  return result.definition;
}

/** The minimal document with one transformation on public.orders. */
function withTransformation(transformation: Doc): Doc {
  return { ...minimalDoc(), transformations: [transformation] };
}

interface ValidCase {
  readonly scenario: string;
  readonly text: string;
  /** The definition the text must parse to (already canonical). */
  readonly expected: PipelineDefinition;
}

const minimal = minimalDoc() as unknown as PipelineDefinition;

const validCases: ValidCase[] = [
  { scenario: "the reference's minimal example", text: MINIMAL_YAML, expected: minimal },
  {
    scenario: 'a source and destination frequency pair instead of frequency',
    text: MINIMAL_YAML.replace('  frequency: 5\n  auto_sync_new_tables: false\n', '  source_frequency: 5\n  destination_frequency: 15\n  auto_sync_new_tables: true\n'),
    expected: { ...minimal, sync: { source_frequency: 5, destination_frequency: 15, auto_sync_new_tables: true } },
  },
  {
    scenario: 'a table that includes columns and says append_only',
    text: toYaml(minimalWith(['tables', 0], { name: 'public.orders', append_only: false, columns: { include: ['id', 'created_at', 'total_cents'] } })),
    expected: { ...minimal, tables: [{ name: 'public.orders', append_only: false, columns: { include: ['id', 'created_at', 'total_cents'] } }, minimal.tables[1]] },
  },
  {
    scenario: 'a sync block without auto_sync_new_tables',
    text: toYaml(minimalWith(['sync'], { frequency: 60 })),
    expected: { ...minimal, sync: { frequency: 60 } },
  },
  {
    scenario: 'the lowest and highest frequencies',
    text: toYaml(minimalWith(['sync'], { source_frequency: FREQUENCY_RANGE.min, destination_frequency: FREQUENCY_RANGE.max })),
    expected: { ...minimal, sync: { source_frequency: 1, destination_frequency: 10080 } },
  },
  {
    scenario: 'hooks attached to pipeline events, as in the reference',
    text: `${MINIMAL_YAML}hooks:\n  - id: 9\n    events:\n      - pipeline_failed\n      - pipeline_stopped\n`,
    expected: { ...minimal, hooks: [{ id: 9, events: ['pipeline_failed', 'pipeline_stopped'] }] },
  },
  {
    scenario: 'the largest safe integer as a connection id',
    text: toYaml(minimalWith(['source', 'connection', 'id'], Number.MAX_SAFE_INTEGER)),
    expected: { ...minimal, source: { connection: { id: Number.MAX_SAFE_INTEGER } } },
  },
  {
    scenario: 'a name with non-ASCII characters',
    text: MINIMAL_YAML.replace('name: orders-to-snowflake', 'name: "commandes → entrepôt ❄️"'),
    expected: { ...minimal, name: 'commandes → entrepôt ❄️' },
  },
  {
    scenario: 'YAML aliases within the limit, expanded',
    text: `${MINIMAL_YAML}hooks:\n  - id: 9\n    events: &events [pipeline_failed, pipeline_stopped]\n  - id: 10\n    events: *events\n`,
    expected: { ...minimal, hooks: [{ id: 9, events: ['pipeline_failed', 'pipeline_stopped'] }, { id: 10, events: ['pipeline_failed', 'pipeline_stopped'] }] },
  },
];

/** One valid config for every transformation type (and the variants each type allows). */
const transformationCases: Array<{ readonly scenario: string; readonly transformation: Doc }> = [
  { scenario: 'exclude_fields with fields', transformation: { type: 'exclude_fields', table: 'public.orders', config: { fields: ['ssn', 'card_number'] } } },
  { scenario: 'rename_fields with a mapping, as in the reference', transformation: { type: 'rename_fields', table: 'public.orders', config: { mapping: { order_id: 'id' } } } },
  { scenario: 'rename_fields with a key that is not an identifier', transformation: { type: 'rename_fields', table: 'public.orders', config: { mapping: { 'a.b': 'a_b', 'with space': 'with_space' } } } },
  { scenario: 'toggle_case on every field', transformation: { type: 'toggle_case', table: 'public.orders', config: { case: 'upper' } } },
  { scenario: 'toggle_case on some fields', transformation: { type: 'toggle_case', table: 'public.orders', config: { case: 'lower', fields: ['email'] } } },
  { scenario: 'find_and_replace with a regex', transformation: { type: 'find_and_replace', table: 'public.orders', config: { field: 'phone', find: '[^0-9]', replace: '', regex: true } } },
  { scenario: 'find_and_replace without regex', transformation: { type: 'find_and_replace', table: 'public.orders', config: { field: 'status', find: 'canceled', replace: 'cancelled' } } },
  { scenario: 'replace_in_field_name', transformation: { type: 'replace_in_field_name', table: 'public.customers', config: { find: '-', replace: '_' } } },
  { scenario: 'history_mode without config', transformation: { type: 'history_mode', table: 'public.orders' } },
  { scenario: 'history_mode with an empty config', transformation: { type: 'history_mode', table: 'public.orders', config: {} } },
];

describe('valid definition documents', () => {
  test.each(validCases)('parses $scenario', ({ text, expected }) => {
    expect(parseValid(text)).toEqual(expected);
    expect(parseDefinition(text)).toEqual(expected);
  });

  test.each(transformationCases)('parses a transformation: $scenario', ({ transformation }) => {
    const doc = withTransformation(transformation);
    const fromYaml = parseValid(toYaml(doc));
    expect(fromYaml.transformations).toEqual([transformation]);
    expect(parseValid(toJson(doc))).toEqual(fromYaml);
  });

  test('parses every transformation type in one document, keeping their order', () => {
    const transformations = transformationCases.map((c) => c.transformation);
    const def = parseValid(toYaml({ ...minimalDoc(), transformations }));
    expect(def.transformations?.map((t) => t.type)).toEqual(transformations.map((t) => t.type));
  });

  test('parses the JSON form of the minimal example to the same definition as the YAML form', () => {
    const json = toJson(minimalDoc());
    expect(detectFormat(json)).toBe('json');
    expect(detectFormat(MINIMAL_YAML)).toBe('yaml');
    expect(parseValid(json)).toEqual(parseValid(MINIMAL_YAML));
    expect(parseDefinition(json, { format: 'json' })).toEqual(minimal);
  });

  test('parses compact JSON on one line and JSON with leading blank lines', () => {
    expect(parseValid(JSON.stringify(minimalDoc()))).toEqual(minimal);
    expect(parseValid(`\n\n   ${JSON.stringify(minimalDoc())}`)).toEqual(minimal);
  });

  test('parses JSON given as YAML, since JSON is YAML', () => {
    expect(parseDefinition(toJson(minimalDoc()), { format: 'yaml' })).toEqual(minimal);
  });

  test('parses a JSON file saved with a byte order mark, like a YAML one', () => {
    expect(parseValid(`\uFEFF${toJson(minimalDoc())}`)).toEqual(minimal);
    expect(parseValid(`\uFEFF${MINIMAL_YAML}`)).toEqual(minimal);
  });

  test('treats null optional fields as absent', () => {
    const withNulls = `definition_version: 1
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
  source_frequency: null
tables:
  - name: public.orders
    append_only: ~
    columns:
  - name: public.customers
    columns:
      include: null
      exclude:
        - ssn
transformations: null
hooks:
`;
    expect(parseValid(withNulls)).toEqual(minimal);
    const json = JSON.stringify({ ...minimalDoc(), transformations: null, hooks: null });
    expect(parseValid(json)).toEqual(minimal);
    expect(validateDefinition({ ...minimalDoc(), hooks: null })).toEqual({ ok: true, definition: minimal });
  });

  test('leaves empty transformations and hooks lists out of the canonical form', () => {
    const def = parseValid(toYaml({ ...minimalDoc(), transformations: [], hooks: [] }));
    expect(def).toEqual(minimal);
    expect('transformations' in def).toBe(false);
    expect('hooks' in def).toBe(false);
  });

  test('invents nothing: no default is added for an absent optional field', () => {
    const def = parseValid(toYaml(minimalWith(['sync'], { frequency: 5 })));
    expect(Object.keys(def)).toEqual(['definition_version', 'name', 'source', 'destination', 'sync', 'tables']);
    expect(Object.keys(def.sync)).toEqual(['frequency']);
    expect(Object.keys(def.tables[0])).toEqual(['name']);
    expect(toCanonicalYaml(def)).not.toMatch(/auto_sync_new_tables|append_only|transformations|hooks|include/);
    const history = parseValid(toYaml(withTransformation({ type: 'history_mode', table: 'public.orders' })));
    expect(history.transformations).toEqual([{ type: 'history_mode', table: 'public.orders' }]);
  });

  test('keeps false and empty-string values, which are not absent', () => {
    const def = parseValid(toYaml(withTransformation({ type: 'find_and_replace', table: 'public.orders', config: { field: 'a', find: 'b', replace: '', regex: false } })));
    expect(def.sync.auto_sync_new_tables).toBe(false);
    expect(def.transformations?.[0].config).toEqual({ field: 'a', find: 'b', replace: '', regex: false });
  });

  test('reads the text to a plain value without checking it', () => {
    expect(readDefinitionText('a: 1\nb: [x]\n')).toEqual({ a: 1, b: ['x'] });
    expect(readDefinitionText('{"a": null}')).toEqual({ a: null });
  });
});

describe('canonical form', () => {
  const sameDocuments: Array<{ readonly scenario: string; readonly text: string }> = [
    {
      scenario: 'keys in another order, flow style and comments',
      text: `# orders pipeline
tables: [{name: public.orders}, {columns: {exclude: [ssn]}, name: public.customers}]
sync: {auto_sync_new_tables: false, frequency: 5}   # every five minutes
destination: {connection: {id: 17}}
source:
    connection:
        id: 42
name: 'orders-to-snowflake'
definition_version: 1
`,
    },
    { scenario: 'compact JSON with keys reversed', text: JSON.stringify(Object.fromEntries(Object.entries(minimalDoc()).reverse())) },
    { scenario: 'quoted scalars and explicit document markers', text: `---\n${MINIMAL_YAML.replace('name: orders-to-snowflake', 'name: "orders-to-snowflake"').replace('id: 42', 'id: 0x2A')}...\n` },
  ];

  test.each(sameDocuments)('makes $scenario equal to the minimal example', ({ text }) => {
    const def = parseValid(text);
    const reference = parseValid(MINIMAL_YAML);
    expect(definitionsEqual(def, reference)).toBe(true);
    expect(toCanonicalJson(def)).toBe(toCanonicalJson(reference));
    expect(toCanonicalYaml(def)).toBe(toCanonicalYaml(reference));
  });

  test('orders a rename mapping by key and config keys in the schema order', () => {
    const a = parseValid(toYaml(withTransformation({ type: 'rename_fields', table: 'public.orders', config: { mapping: { z: '1', a: '2', m: '3' } } })));
    const b = parseValid(toYaml(withTransformation({ table: 'public.orders', config: { mapping: { m: '3', z: '1', a: '2' } }, type: 'rename_fields' })));
    expect(definitionsEqual(a, b)).toBe(true);
    expect(Object.keys(a.transformations?.[0].config?.mapping as object)).toEqual(['a', 'm', 'z']);
    const far = parseValid(toYaml(withTransformation({ type: 'find_and_replace', table: 'public.orders', config: { regex: true, replace: 'y', find: 'x', field: 'f' } })));
    expect(Object.keys(far.transformations?.[0].config ?? {})).toEqual(['field', 'find', 'replace', 'regex']);
  });

  test('keeps list order in the canonical text, but tables in another order mean the same pipeline', () => {
    const swapped = minimalDoc();
    (swapped.tables as unknown[]).reverse();
    expect(toCanonicalJson(parseValid(toYaml(swapped)))).not.toBe(toCanonicalJson(parseValid(MINIMAL_YAML)));
    expect(definitionsEqual(parseValid(toYaml(swapped)), parseValid(MINIMAL_YAML))).toBe(true);
  });

  const sameMeaning: Array<{ readonly scenario: string; readonly a: Doc; readonly b: Doc }> = [
    { scenario: 'append_only: false and no append_only', a: minimalWith(['tables', 0, 'append_only'], false), b: minimalDoc() },
    { scenario: 'hooks: [] and no hooks', a: minimalWith(['hooks'], []), b: minimalDoc() },
    { scenario: 'transformations: [] and no transformations', a: minimalWith(['transformations'], []), b: minimalDoc() },
    { scenario: 'excluded columns in another order', a: minimalWith(['tables', 1, 'columns'], { exclude: ['ssn', 'email'] }), b: minimalWith(['tables', 1, 'columns'], { exclude: ['email', 'ssn'] }) },
    {
      scenario: 'hooks and their events in another order',
      a: minimalWith(['hooks'], [{ id: 9, events: ['pipeline_failed', 'pipeline_stopped'] }, { id: 3, events: ['sync_failed'] }]),
      b: minimalWith(['hooks'], [{ id: 3, events: ['sync_failed'] }, { id: 9, events: ['pipeline_stopped', 'pipeline_failed'] }]),
    },
  ];

  test.each(sameMeaning)('compares $scenario as the same pipeline', ({ a, b }) => {
    expect(definitionsEqual(parseValid(toYaml(a)), parseValid(toYaml(b)))).toBe(true);
  });

  const differentMeaning: Array<{ readonly scenario: string; readonly a: Doc; readonly b: Doc }> = [
    { scenario: 'append_only: true and no append_only', a: minimalWith(['tables', 0, 'append_only'], true), b: minimalDoc() },
    { scenario: 'auto_sync_new_tables: false and none (no documented default)', a: minimalWith(['sync'], { frequency: 5, auto_sync_new_tables: false }), b: minimalWith(['sync'], { frequency: 5 }) },
    {
      scenario: 'transformations in another order (they apply in sequence)',
      a: minimalWith(['transformations'], [{ type: 'history_mode', table: 'public.orders' }, { type: 'exclude_fields', table: 'public.orders', config: { fields: ['a'] } }]),
      b: minimalWith(['transformations'], [{ type: 'exclude_fields', table: 'public.orders', config: { fields: ['a'] } }, { type: 'history_mode', table: 'public.orders' }]),
    },
  ];

  test.each(differentMeaning)('tells apart $scenario', ({ a, b }) => {
    expect(definitionsEqual(parseValid(toYaml(a)), parseValid(toYaml(b)))).toBe(false);
  });

  test('tells apart documents that differ in one value', () => {
    expect(definitionsEqual(parseValid(toYaml(minimalWith(['sync', 'frequency'], 6))), parseValid(MINIMAL_YAML))).toBe(false);
  });

  test('writes the minimal example as canonical YAML, which is the reference text itself', () => {
    expect(toCanonicalYaml(parseValid(MINIMAL_YAML))).toMatchInlineSnapshot(`
"definition_version: 1
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
"
`);
    expect(toCanonicalYaml(parseValid(MINIMAL_YAML))).toBe(MINIMAL_YAML);
    expect(serializeDefinition(parseValid(MINIMAL_YAML), 'yaml')).toBe(toCanonicalYaml(parseValid(MINIMAL_YAML)));
  });

  test('writes a definition with every part as canonical JSON', () => {
    const def = parseValid(
      toYaml({
        ...minimalDoc(),
        transformations: [{ config: { mapping: { order_id: 'id' } }, table: 'public.orders', type: 'rename_fields' }],
        hooks: [{ events: ['pipeline_failed'], id: 9 }],
      }),
    );
    expect(toCanonicalJson(def)).toMatchInlineSnapshot(`
"{
  "definition_version": 1,
  "name": "orders-to-snowflake",
  "source": {
    "connection": {
      "id": 42
    }
  },
  "destination": {
    "connection": {
      "id": 17
    }
  },
  "sync": {
    "frequency": 5,
    "auto_sync_new_tables": false
  },
  "tables": [
    {
      "name": "public.orders"
    },
    {
      "name": "public.customers",
      "columns": {
        "exclude": [
          "ssn"
        ]
      }
    }
  ],
  "transformations": [
    {
      "type": "rename_fields",
      "table": "public.orders",
      "config": {
        "mapping": {
          "order_id": "id"
        }
      }
    }
  ],
  "hooks": [
    {
      "id": 9,
      "events": [
        "pipeline_failed"
      ]
    }
  ]
}
"
`);
    expect(serializeDefinition(def, 'json')).toBe(toCanonicalJson(def));
  });

  test.each(['yaml', 'json'] as const)('is stable: %s output parses back to itself', (format) => {
    const docs = [MINIMAL_YAML, ...validCases.map((c) => c.text), ...transformationCases.map((c) => toYaml(withTransformation(c.transformation)))];
    for (const text of docs) {
      const once = serializeDefinition(parseValid(text), format);
      expect(serializeDefinition(parseDefinition(once, { format }), format)).toBe(once);
    }
  });

  test('canonicalize is idempotent and does not change its input', () => {
    const input = { ...minimalDoc(), transformations: [{ type: 'rename_fields', table: 'public.orders', config: { mapping: { b: '1', a: '2' } } }] } as unknown as PipelineDefinition;
    const before = JSON.stringify(input);
    const once = canonicalize(input);
    expect(canonicalize(once)).toEqual(once);
    expect(JSON.stringify(input)).toBe(before);
  });
});
