import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  canonicalize,
  FREQUENCY_RANGE,
  formatPath,
  HOOK_EVENTS,
  isDefinitionError,
  MAX_NAME_LENGTH,
  parseDefinition,
  parsePath,
  toCanonicalJson,
  toCanonicalYaml,
  tryParseDefinition,
  validateDefinition,
  worstKind,
  type PathSegment,
  type PipelineDefinition,
  type ValidationResult,
} from '../../lib/definition';
import { jsonErrorOffset } from '../../lib/definition/json-error-offset';

/** Bounded runs: the whole file takes a few seconds. */
const RUNS = { numRuns: 100 };

// ---------------------------------------------------------------------------------------------
// (a) A generator of valid definitions, built from the schema's rules.

/** Strings a YAML writer must quote or escape to keep them strings. */
const trickyText = fc.constantFrom(
  'null', 'Null', '~', 'true', 'False', 'yes', 'no', 'on', '0x1F', '0o17', '1e3', '-0', '+1', '.inf', '.nan', '1_000', '2001-12-14', '12:30:00',
  '- a', 'a: b', 'a #b', '#c', '? k', '&a', '*a', '!t', '%p', '@x', '`y', '|', '>', "'", '"', '\\', ' lead', 'trail ', 'a\nb', '\t', '\r\n', '---', '...',
  '{', '[]', ',', '<<', '=', 'é', '❄️', '\u2028', '\ufeffbom', '\u0085',
);

/** Any text: printable ASCII, any code point, or a tricky constant. */
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), trickyText);
/** Text that the rules accept as a name: not blank. */
const nonBlank = text.filter((s) => s.trim() !== '');
/** A key for a map inside config (a rename mapping): anything but __proto__, which is rejected. */
const mapKey = text.filter((s) => s !== '__proto__');

/** True when text holds a C0 control character or DEL, which a pipeline name may not. */
const hasControl = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const pipelineName = nonBlank.filter((s) => s.length <= MAX_NAME_LENGTH && !hasControl(s));
const id = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
const frequency = fc.integer({ min: FREQUENCY_RANGE.min, max: FREQUENCY_RANGE.max });

const sync = fc.oneof(
  fc.record({ frequency, auto_sync_new_tables: fc.boolean() }, { requiredKeys: ['frequency'] }),
  fc.record({ source_frequency: frequency, destination_frequency: frequency, auto_sync_new_tables: fc.boolean() }, { requiredKeys: ['source_frequency', 'destination_frequency'] }),
);

const columnNames = fc.uniqueArray(nonBlank, { minLength: 1, maxLength: 4 });
const columns = fc.oneof(columnNames.map((include) => ({ include })), columnNames.map((exclude) => ({ exclude })));
const table = fc.record({ name: nonBlank, append_only: fc.boolean(), columns }, { requiredKeys: ['name'] });
const tables = fc.uniqueArray(table, { minLength: 1, maxLength: 4, selector: (t) => t.name });

const fieldList = fc.array(text, { minLength: 1, maxLength: 3 });
const someText = text.filter((s) => s.length > 0);
/** For each transformation type, its config (absent when the type allows it). */
const configs: Record<string, fc.Arbitrary<Record<string, unknown> | undefined>> = {
  exclude_fields: fc.record({ fields: fieldList }),
  rename_fields: fc.record({ mapping: fc.dictionary(mapKey, text, { minKeys: 1, maxKeys: 4, noNullPrototype: true }) }),
  toggle_case: fc.record({ case: fc.constantFrom('upper', 'lower'), fields: fieldList }, { requiredKeys: ['case'] }),
  find_and_replace: fc.record({ field: someText, find: someText, replace: text, regex: fc.boolean() }, { requiredKeys: ['field', 'find', 'replace'] }),
  replace_in_field_name: fc.record({ find: someText, replace: text }),
  history_mode: fc.constantFrom(undefined, {}),
};

function transformation(tableNames: readonly string[]) {
  return fc
    .tuple(fc.constantFrom(...Object.keys(configs)), fc.constantFrom(...tableNames))
    .chain(([type, tableName]) => configs[type].map((config) => (config === undefined ? { type, table: tableName } : { type, table: tableName, config })));
}

const hook = fc.record({ id, events: fc.uniqueArray(fc.constantFrom(...HOOK_EVENTS), { minLength: 1 }) });

/** A valid definition, with optional fields present or not, and possibly empty optional lists. */
const validDefinition: fc.Arbitrary<PipelineDefinition> = tables.chain((ts) =>
  fc.record(
    {
      definition_version: fc.constant(1),
      name: pipelineName,
      source: fc.record({ connection: fc.record({ id }) }),
      destination: fc.record({ connection: fc.record({ id }) }),
      sync,
      tables: fc.constant(ts),
      transformations: fc.array(transformation(ts.map((t) => t.name)), { maxLength: 4 }),
      hooks: fc.uniqueArray(hook, { maxLength: 3, selector: (h) => h.id }),
    },
    { requiredKeys: ['definition_version', 'name', 'source', 'destination', 'sync', 'tables'] },
  ),
) as fc.Arbitrary<PipelineDefinition>;

describe('valid definitions (property)', () => {
  test('a generated definition is valid and canonicalizes to itself', () => {
    fc.assert(
      fc.property(validDefinition, (def) => {
        expect(validateDefinition(def)).toStrictEqual({ ok: true, definition: canonicalize(def) });
        expect(canonicalize(canonicalize(def))).toStrictEqual(canonicalize(def));
      }),
      RUNS,
    );
  });

  test('canonical YAML parses back to the canonical definition, and is a fixed point', () => {
    fc.assert(
      fc.property(validDefinition, (def) => {
        const yaml = toCanonicalYaml(def);
        const parsed = parseDefinition(yaml);
        expect(parsed).toStrictEqual(canonicalize(def));
        expect(toCanonicalYaml(parsed)).toBe(yaml);
      }),
      RUNS,
    );
  });

  test('canonical JSON parses back to the canonical definition, and is a fixed point', () => {
    fc.assert(
      fc.property(validDefinition, (def) => {
        const json = toCanonicalJson(def);
        const parsed = parseDefinition(json);
        expect(parsed).toStrictEqual(canonicalize(def));
        expect(toCanonicalJson(parsed)).toBe(json);
      }),
      RUNS,
    );
  });

  test('the same definition written in any key order or YAML style parses to the canonical form', () => {
    fc.assert(
      fc.property(validDefinition, fc.boolean(), fc.integer({ min: 1, max: 8 }), (def, flow, indent) => {
        const reversed = reverseKeys(def);
        const yaml = stringify(reversed, { collectionStyle: flow ? 'flow' : 'block', indent, lineWidth: 0 });
        // A flow-style YAML document starts with "{", which format 'auto' takes for JSON.
        expect(parseDefinition(yaml, { format: 'yaml' })).toStrictEqual(canonicalize(def));
        expect(parseDefinition(JSON.stringify(reversed))).toStrictEqual(canonicalize(def));
      }),
      RUNS,
    );
  });
});

/** A copy with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  return value;
}

// ---------------------------------------------------------------------------------------------
// (b) Anything else: never a crash, only well-formed issues.

/** Checks the invariants of a result: a valid definition is canonical; issues are well formed. */
function expectWellFormed(result: ValidationResult): void {
  if (result.ok) {
    expect(validateDefinition(result.definition)).toStrictEqual(result);
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  expect(result.kind).toBe(worstKind(result.issues));
  for (const issue of result.issues) {
    expect(['syntax', 'shape', 'semantic']).toContain(issue.kind);
    expect(issue.code).toMatch(/^[a-z_]+$/);
    expect(issue.message).not.toBe('');
    // One issue renders as one line.
    expect(issue.message).not.toMatch(/[\n\r]/);
    // The path is a well-formed path.
    expect(formatPath(parsePath(issue.path))).toBe(issue.path);
    if (issue.line !== undefined) expect(issue.line).toBeGreaterThanOrEqual(1);
    if (issue.column !== undefined) expect(issue.column).toBeGreaterThanOrEqual(1);
  }
}

/**
 * Parses text both ways: tryParseDefinition must not throw; parseDefinition throws only
 * DefinitionError. With `located`, every shape and semantic issue must carry a line and column.
 */
function expectParsesSafely(input: string, located = false): void {
  const result = tryParseDefinition(input);
  expectWellFormed(result);
  if (located && !result.ok) {
    for (const issue of result.issues.filter((i) => i.kind !== 'syntax')) expect([issue.line, issue.column]).toEqual([expect.any(Number), expect.any(Number)]);
  }
  let error: unknown;
  try {
    parseDefinition(input);
  } catch (err) {
    error = err;
  }
  expect(error === undefined).toBe(result.ok);
  if (error !== undefined) {
    expect(isDefinitionError(error)).toBe(true);
    expect(error).toMatchObject({ issues: result.ok ? [] : result.issues });
  }
}

/** Characters that make up YAML and JSON syntax, to build text close to a document. */
const syntaxChar = fc.constantFrom('{', '}', '[', ']', ':', '-', ' ', '  ', '\n', '"', "'", '#', '&a', '*a', '!', ',', '?', '|', '>', '%', '@', '`', '\t', 'a', '1', 'name', 'tables', '\\', '\ufeff', '---');
const syntaxSoup = fc.array(syntaxChar, { maxLength: 40 }).map((parts) => parts.join(''));

/** Every path to a value inside a document (not the root). */
function pathsOf(value: unknown, path: PathSegment[] = []): PathSegment[][] {
  const children: Array<[PathSegment, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : value !== null && typeof value === 'object' ? Object.entries(value) : [];
  return children.flatMap(([key, child]) => [[...path, key], ...pathsOf(child, [...path, key])]);
}

type Mutation = { readonly op: 'remove' | 'retype' | 'add'; readonly at: number; readonly key: string; readonly value: unknown };

/** Applies a mutation to a copy of a document: removes a value, replaces one, or adds a key. */
function mutate(def: PipelineDefinition, { op, at, key, value }: Mutation): Record<string, unknown> {
  const doc = structuredClone(def) as unknown as Record<string, unknown>;
  const paths = pathsOf(doc);
  if (op === 'add') {
    const objects = [[], ...paths].filter((p) => {
      const v = valueAt(doc, p);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    (valueAt(doc, objects[at % objects.length]) as Record<string, unknown>)[key] = value;
    return doc;
  }
  const path = paths[at % paths.length];
  const parent = valueAt(doc, path.slice(0, -1)) as Record<PathSegment, unknown>;
  const last = path[path.length - 1];
  if (op === 'retype') parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return doc;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PathSegment, unknown>)[k], root);
}

function mutation(values: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
  return fc.record({ op: fc.constantFrom('remove', 'retype', 'add'), at: fc.nat(), key: text, value: values });
}

/** Every kind of value fast-check can make, to hand to validateDefinition. */
const anyValue = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

describe('anything else (property)', () => {
  test('tryParseDefinition never throws on arbitrary text, and parseDefinition throws only DefinitionError', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), syntaxSoup, text), (input) => expectParsesSafely(input)), { numRuns: 200 });
  });

  test('arbitrary JSON values, as JSON and as YAML text, give a definition or well-formed issues', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        expectParsesSafely(JSON.stringify(value), true);
        expectParsesSafely(stringify(value), true);
      }),
      RUNS,
    );
  });

  test('valid documents with a key removed, a key added or a value retyped give well-formed issues', () => {
    fc.assert(
      fc.property(validDefinition, mutation(fc.jsonValue({ maxDepth: 3 })), fc.boolean(), (def, change, asJson) => {
        const doc = mutate(def, change);
        expectParsesSafely(asJson ? JSON.stringify(doc) : stringify(doc), true);
      }),
      RUNS,
    );
  });

  test('validateDefinition never throws on any value', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expectWellFormed(validateDefinition(value));
      }),
      RUNS,
    );
  });

  test('validateDefinition never throws on a valid object with any value put anywhere', () => {
    fc.assert(
      fc.property(validDefinition, mutation(anyValue), (def, change) => {
        expectWellFormed(validateDefinition(mutate(def, change)));
      }),
      { numRuns: 200 },
    );
  });

  test('validateDefinition never throws whatever a transformation config holds', () => {
    const configKey = fc.constantFrom('fields', 'mapping', 'case', 'field', 'find', 'replace', 'regex', 'other');
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(configs)), fc.dictionary(configKey, anyValue, { maxKeys: 3 }), (type, config) => {
        const doc = { definition_version: 1, name: 'n', source: { connection: { id: 1 } }, destination: { connection: { id: 2 } }, sync: { frequency: 5 }, tables: [{ name: 't' }] };
        expectWellFormed(validateDefinition({ ...doc, transformations: [{ type, table: 't', config }] }));
      }),
      { numRuns: 200 },
    );
  });

  test('a JSON syntax error is located where JSON.parse stops', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (json, at, insert) => {
        const cut = at % (json.length + 1);
        const broken = `${json.slice(0, cut)}${insert}${json.slice(cut)}`;
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(json)).toBe(json.length);
        if (valid) expect(jsonErrorOffset(broken)).toBe(broken.length);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// (c) Paths.

const segment = fc.oneof(fc.nat(), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom('tables', 'a.b', '0', '', '"', '\\', '[0]', 'x y', '__proto__'));

describe('field paths (property)', () => {
  test('parsePath reads back what formatPath wrote', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (path) => {
        expect(parsePath(formatPath(path))).toStrictEqual(path);
      }),
      { numRuns: 300 },
    );
  });

  test('parsePath never throws on text that is not a path, and what it reads is a path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.array(fc.constantFrom('[', ']', '["', '"]', '"', '\\', '.', '.a', '[0]', 'x', '\n', 'u'), { maxLength: 8 }).map((p) => p.join(''))), (input) => {
        const path = parsePath(input);
        expect(parsePath(formatPath(path))).toStrictEqual(path);
      }),
      { numRuns: 300 },
    );
  });
});
