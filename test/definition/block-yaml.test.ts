import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Document, isScalar, parseAllDocuments, stringify, visit } from 'yaml';
import { readDefinitionText, tryParseDefinition } from '../../lib/definition';
import { readBlockYaml } from '../../lib/definition/block-yaml';

/** Bounded runs: the whole file takes a few seconds. */
const RUNS = { numRuns: 300 };

/**
 * What the `yaml` package reads, as lib/definition/parse.ts asks it to (one document, YAML 1.2
 * core schema, duplicate keys rejected, strict): the value, or `error`.
 */
function yamlPackage(text: string): { value: unknown } | 'error' {
  const docs = parseAllDocuments(text, { uniqueKeys: true, strict: true });
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0].errors.length > 0) return 'error';
  try {
    return { value: docs[0].toJS({ maxAliasCount: 100 }) };
  } catch {
    return 'error';
  }
}

/** The property: what the fast reader reads, the `yaml` package reads the same; it reads nothing the `yaml` package rejects. */
function agrees(text: string): boolean {
  const fast = readBlockYaml(text);
  if (fast === undefined) return true;
  const slow = yamlPackage(text);
  expect(slow).not.toBe('error');
  // node's deep equality (jest's toStrictEqual compares `constructor` properties, and a document may have a key named so).
  if (!isDeepStrictEqual(fast.value, (slow as { value: unknown }).value)) expect(fast.value).toEqual((slow as { value: unknown }).value);
  expect(isDeepStrictEqual(fast.value, (slow as { value: unknown }).value)).toBe(true);
  return true;
}

const trickyText = fc.constantFrom(
  'null', 'Null', 'NULL', '~', '', 'true', 'False', 'TRUE', 'yes', 'no', 'on', '0x1F', '0o17', '017', '1e3', '-1.5e-3', '-0', '+1', '.5', '-.5', '1.', '.inf', '-.Inf', '.nan', '1_000', '2001-12-14',
  '12:30:00', '- a', '-a', '-', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', '#c', '? k', '?k', ':k', '&a', '*a', '!t', '%p', '@x', '`y', '|', '>', "'", "it's", '"', 'say "hi"', '\\', '\\n', ' lead',
  'trail ', 'a  b', 'a\nb', '\t', 'a\tb', '\r\n', '---', '...', '--- a', '{', '}', '[]', '[a, b]', '{}', ',', 'a, b', '<<', '=', 'é', '❄️', '\u2028', '\ufeffbom', '\u0085', '${var.x}', '%{ if }',
  '__proto__', 'constructor', 'public.orders', 'a/b', 'A_B-c.d',
);
const scalarText = fc.oneof(fc.string({ maxLength: 10 }), trickyText, fc.stringMatching(/^[a-z_][a-z0-9_.]{0,8}$/));
const key = fc.oneof(scalarText, fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,8}$/));
const scalar = fc.oneof(scalarText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));

/** Nested maps and lists of scalars, as definition documents are. */
const { value: nested } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: true })),
}));
const document = fc.dictionary(key, nested, { minKeys: 1, maxKeys: 6, noNullPrototype: true });

/** Ways the `yaml` package writes a document: block lists indented or not, some levels in flow style, other quotes. */
const styles = fc.record({
  indent: fc.constantFrom(2, 3, 4),
  indentSeq: fc.boolean(),
  flowLevel: fc.constantFrom(undefined, 1, 2, 3),
  singleQuote: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20),
});

type Style = { indent: number; indentSeq: boolean; flowLevel: number | undefined; singleQuote: boolean; lineWidth: number };

function write(doc: unknown, style: Style): string {
  const written = new Document(doc, { aliasDuplicateObjects: false });
  if (style.flowLevel !== undefined) {
    const level = style.flowLevel;
    // Lists of scalars from that level down in flow style, as a person might write `exclude: [ssn]`.
    visit(written, {
      Seq(_, node, ancestors) {
        if (ancestors.length >= level && node.items.every((item) => isScalar(item))) node.flow = true;
      },
    });
  }
  return written.toString({ indent: style.indent, indentSeq: style.indentSeq, singleQuote: style.singleQuote, lineWidth: style.lineWidth });
}

/** Edits a person (or a bad merge) might make to a text. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(' ', '  ', '\n', '-', '- ', ':', ': ', '#', ' #', "'", '"', '[', ']', '{', '}', ',', '\t', '&a ', '*a', '!t ', '|', '>', '---\n', '\\', 'x', '0', '\r') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent-line' as const), at: fc.nat(), by: fc.integer({ min: -2, max: 2 }) }),
);

type Edit = { kind: 'insert' | 'delete' | 'duplicate-line' | 'indent-line'; at: number; text?: string; length?: number; by?: number };

function applyEdit(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % text.length;
  if (e.kind === 'insert') return text.slice(0, at) + e.text + text.slice(at);
  if (e.kind === 'delete') return text.slice(0, at) + text.slice(at + (e.length ?? 1));
  const lines = text.split('\n');
  const n = e.at % lines.length;
  if (e.kind === 'duplicate-line') lines.splice(n, 0, lines[n]);
  else if ((e.by ?? 0) > 0) lines[n] = ' '.repeat(e.by ?? 0) + lines[n];
  else lines[n] = lines[n].replace(new RegExp(`^ {0,${-(e.by ?? 0)}}`), '');
  return lines.join('\n');
}

const definitionText = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'fleet', 'pipelines', 'inventory-cdc.yaml'), 'utf8');

describe('the fast block YAML reader', () => {
  test('reads the example definition files, as the yaml package does', () => {
    const dir = path.join(__dirname, '..', '..', 'examples', 'fleet', 'pipelines');
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(readBlockYaml(text)).toStrictEqual(yamlPackage(text));
    }
  });

  test('reads what the yaml package writes in block style, and reads it the same (property)', () => {
    const plainKey = fc.stringMatching(/^[a-z_][a-z0-9_.]{0,8}$/).filter((k) => !['null', 'true', 'false'].includes(k));
    const plainDocument = fc.dictionary(plainKey, fc.oneof(fc.stringMatching(/^[a-z][a-z0-9 .]{0,8}[a-z]$/), fc.integer(), fc.boolean()), { minKeys: 1, maxKeys: 6, noNullPrototype: true });
    fc.assert(
      fc.property(plainDocument, fc.array(plainDocument, { maxLength: 3 }), (doc, list) => {
        const text = stringify({ ...doc, list }, { aliasDuplicateObjects: false });
        expect(readBlockYaml(text)).toBeDefined();
        return agrees(text);
      }),
      RUNS,
    );
  });

  test('whatever it reads of a written document, the yaml package reads the same (property)', () => {
    fc.assert(fc.property(document, styles, (doc, style) => agrees(write(doc, style))), RUNS);
  });

  test('whatever it reads of an edited document, the yaml package reads the same; it reads nothing the yaml package rejects (property)', () => {
    const texts = fc.oneof(fc.constant(definitionText), fc.tuple(document, styles).map(([doc, style]) => write(doc, style)));
    fc.assert(fc.property(texts, fc.array(edit, { minLength: 1, maxLength: 4 }), (text, edits) => agrees(edits.reduce(applyEdit, text))), { numRuns: 2000 });
  });

  test('whatever it reads of lines put together from fragments, the yaml package reads the same (property)', () => {
    const keys = ['a', 'name', 'tables', 'x_y', 'k.v', 'a-b', 'a/b', 'null', 'true', 'on', '_', '__proto__', 'constructor', '1', '-', '?'];
    const values = ['', '1', '-1', '0x1F', '0o17', '1e3', '-.5', '1.', '.inf', '.nan', '~', 'Null', 'True', 'yes', 'a b', 'a:b', 'a: b', 'a:', 'a #c', 'a#b', '#c', "'it''s'", "'a'b", '"a\\tb"', '"\\x41"', '"a\\"b"', '[a, b]', '[]', '{}', '{a: 1}', '[a,]', '-', '- a', '-a', '&x a', '*x', '!t a', '|', '>', '? a', '${x}', 'é', '"open', "'open", '+1', '1_0', '-.'];
    const line = fc.oneof(
      fc.tuple(fc.constantFrom(0, 0, 2, 4), fc.constantFrom(...keys), fc.option(fc.constantFrom(...values)), fc.boolean()).map(([indent, k, v, comment]) => `${' '.repeat(indent)}${k}:${v === null ? '' : ` ${v}`}${comment ? ' # c' : ''}`),
      fc.tuple(fc.constantFrom(0, 2, 4), fc.option(fc.oneof(fc.constantFrom(...values), fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...values)).map(([k, v]) => `${k}: ${v}`)))).map(([indent, item]) => `${' '.repeat(indent)}-${item === null ? '' : ` ${item}`}`),
      fc.constantFrom('# comment', '  # comment', '', '---', '...', '--- # x', '\tname: 1'),
    );
    const texts = fc.tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => `${lines.join(end)}${end}`);
    fc.assert(fc.property(texts, agrees), { numRuns: 3000 });
  });

  test.each([
    ['a duplicate key', 'name: a\nname: b\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a block scalar', 'name: |\n  two\n  lines\n'],
    ['a plain scalar on two lines', 'name: two\n  lines\n'],
    ['a tab', 'name:\ta\n'],
    ['two documents', 'name: a\n---\nname: b\n'],
    ['a tag', 'name: !!str 1\n'],
    ['a flow mapping', 'source: { connection: { id: 1 } }\n'],
    ['a quoted key', '"name": a\n'],
    ['a list at the root', '- a\n'],
    ['only a comment', '# nothing\n'],
  ])('leaves %s to the yaml package', (_, text) => {
    expect(readBlockYaml(text)).toBeUndefined();
  });

  test('reads comments, a document start, CRLF line ends, a byte order mark, quotes and flow lists', () => {
    const text = "\ufeff# orders\r\n---\r\nname: 'it''s'  # the name\r\ntables:\r\n- name: \"public.orders\\t\"\r\n  columns: {}\r\n  exclude: [ssn, 0x1F, -1.5, null]\r\nsync:\r\n  frequency: 5\r\n";
    expect(readBlockYaml(text)).toStrictEqual(yamlPackage(text.slice(1)));
    expect(readBlockYaml(text)?.value).toStrictEqual({ name: "it's", tables: [{ name: 'public.orders\t', columns: {}, exclude: ['ssn', 31, -1.5, null] }], sync: { frequency: 5 } });
  });

  test('problems of a definition read by the fast reader still have their line and column', () => {
    const text = 'definition_version: 1\nname: orders\nsource:\n  connection:\n    id: 42\ndestination:\n  connection:\n    id: 17\nsync:\n  frequency: 0\ntables:\n  - name: public.orders\n    colour: red\n';
    expect(readBlockYaml(text)).toBeDefined();
    const result = tryParseDefinition(text);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues.map((i) => `${i.line}:${i.column} ${i.path}`);
    expect(issues).toEqual(['13:5 tables[0].colour']);
  });

  test('a syntax error is still reported by the yaml package, with line and column', () => {
    expect(() => readDefinitionText('name: a\nname: b\n')).toThrow(/line 2|2:1/);
  });
});
