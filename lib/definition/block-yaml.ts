/**
 * A fast reader for the plain block YAML that definition files are written in: block mappings
 * and sequences, plain and single-line quoted scalars, flow lists of plain words, comments. It
 * reads such a text about fifty times faster than the `yaml` package, and gives up on anything
 * else, so that the `yaml` package reads it (with its errors, line and column).
 *
 * It never decides what the `yaml` package would decide differently: whatever it does not read
 * exactly as the `yaml` package reads it (YAML 1.2, core schema, duplicate keys rejected) makes it
 * give up, errors included, which it never reports itself. test/definition/block-yaml.test.ts
 * checks this property on generated and mutated texts.
 */

/** Why the reader gave up (internal control flow, never shown). */
class NotPlainBlockYaml extends Error {}

function giveUp(): never {
  throw new NotPlainBlockYaml();
}

/** Deeper than this, the `yaml` package reads the text (and reports a document nested too deeply). */
const MAX_DEPTH = 32;

/** A key this reader takes: a plain word that the core schema reads as a string. */
const KEY = /^([A-Za-z_][A-Za-z0-9_.\-/]*):(?=$| )/;
/** Keys the core schema reads as null or booleans, and the key that would set a prototype. */
const NOT_STRING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
/** A word of a flow list this reader takes (no spaces, no flow or comment indicators). */
const FLOW_WORD = /^[A-Za-z0-9_.+/-]+$/;
/** Characters that start something other than a plain scalar (or a plain scalar not read here). */
const INDICATORS = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** Tabs, carriage returns within a line, other control characters, byte order marks and Unicode line breaks. */
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const UNREAD_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;

/** One line with content: its indentation (spaces) and the text after it. */
interface Line {
  indent: number;
  text: string;
}

/**
 * The value of a plain scalar in the YAML 1.2 core schema, tested in the `yaml` package's order:
 * null, bool, octal, decimal and hexadecimal integers, `.nan`/`.inf`, exponent and plain floats.
 */
function plainValue(text: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}

/** The text before a comment (` #…`), without trailing spaces. */
function beforeComment(text: string): string {
  const hash = text.indexOf(' #');
  return (hash < 0 ? text : text.slice(0, hash)).trimEnd();
}

/** What may follow a closing quote or bracket: spaces, then nothing or a comment. */
function checkRest(rest: string): void {
  const trimmed = rest.trimStart();
  if (trimmed !== '' && !(trimmed[0] === '#' && trimmed.length < rest.length)) giveUp();
}

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0' };

/** A double-quoted scalar on one line, with the common escapes. */
function doubleQuoted(text: string): unknown {
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      checkRest(text.slice(i + 1));
      return out;
    }
    if (c === '\\') {
      const e = text[++i];
      if (e === 'u') {
        const hex = text.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) giveUp();
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdfff) giveUp();
        out += String.fromCharCode(code);
        i += 4;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
      } else {
        giveUp();
      }
    } else {
      out += c;
    }
  }
  return giveUp();
}

/** A single-quoted scalar on one line (`''` is a quote). */
function singleQuoted(text: string): unknown {
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      if (text[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      checkRest(text.slice(i + 1));
      return out;
    }
    out += c;
  }
  return giveUp();
}

/** A flow list of plain words on one line, `[a, b]`, or an empty `[]` or `{}`. */
function flowValue(text: string): unknown {
  const close = text[0] === '[' ? text.indexOf(']') : text.indexOf('}');
  if (close < 0) giveUp();
  checkRest(text.slice(close + 1));
  const inside = text.slice(1, close).trim();
  if (text[0] === '{') {
    if (inside !== '') giveUp();
    return {};
  }
  if (inside === '') return [];
  return inside.split(',').map((item) => {
    const word = item.trim();
    if (!FLOW_WORD.test(word) || (word[0] === '-' && !/^-[0-9.]/.test(word))) giveUp();
    return plainValue(word);
  });
}

/** A scalar or flow value written after `key: ` or `- ` on the same line. */
function inlineValue(text: string): unknown {
  const first = text[0];
  if (first === '"') return doubleQuoted(text);
  if (first === "'") return singleQuoted(text);
  if (first === '[' || first === '{') return flowValue(text);
  const plain = beforeComment(text);
  if (INDICATORS.has(first) && !(first === '-' && /^-[0-9.]/.test(plain))) giveUp();
  // `a: b` or a trailing colon would be a mapping (or an error).
  if (plain.includes(': ') || plain.endsWith(':')) giveUp();
  return plainValue(plain);
}

/** Reads the lines into a value, from the first line on; gives up on anything not read here. */
class BlockReader {
  private next = 0;

  constructor(private readonly lines: Line[]) {}

  read(): unknown {
    const first = this.lines[0];
    if (first === undefined || first.text.startsWith('- ') || first.text === '-') giveUp();
    const value = this.mapping(first.indent, 1);
    if (this.next < this.lines.length) giveUp();
    return value;
  }

  /** The block node that starts at the current line, at `indent`. */
  private node(indent: number, depth: number): unknown {
    const line = this.lines[this.next];
    return line.text.startsWith('- ') || line.text === '-' ? this.sequence(indent, depth) : this.mapping(indent, depth);
  }

  /** The value of a key or list item with nothing after it on its line: a nested block, or null. */
  private blockValue(parentIndent: number, depth: number, allowIndentless: boolean): unknown {
    const line = this.lines[this.next];
    if (line === undefined || line.indent < parentIndent) return null;
    if (line.indent > parentIndent) return this.node(line.indent, depth);
    // A list may sit at its key's indentation.
    if (allowIndentless && (line.text.startsWith('- ') || line.text === '-')) return this.sequence(parentIndent, depth);
    return null;
  }

  /** After a value written on its line, the next line must not be more indented (a continuation). */
  private endOfInline(indent: number): void {
    this.next++;
    const line = this.lines[this.next];
    if (line !== undefined && line.indent > indent) giveUp();
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) giveUp();
    const out: Record<string, unknown> = {};
    for (let line = this.lines[this.next]; line !== undefined && line.indent >= indent; line = this.lines[this.next]) {
      if (line.indent > indent) giveUp();
      const match = KEY.exec(line.text);
      if (!match) giveUp();
      const key = match[1];
      if (NOT_STRING_KEYS.has(key) || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
      const rest = line.text.slice(match[0].length).trimStart();
      if (rest === '' || rest[0] === '#') {
        this.next++;
        out[key] = this.blockValue(indent, depth + 1, true);
      } else {
        out[key] = inlineValue(rest);
        this.endOfInline(indent);
      }
    }
    return out;
  }

  private sequence(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) giveUp();
    const out: unknown[] = [];
    for (let line = this.lines[this.next]; line !== undefined && line.indent >= indent; line = this.lines[this.next]) {
      if (line.indent > indent || !(line.text.startsWith('- ') || line.text === '-')) {
        if (line.indent === indent) break;
        giveUp();
      }
      const after = line.text.slice(1);
      const item = after.trimStart();
      if (item === '' || item[0] === '#') {
        this.next++;
        out.push(this.blockValue(indent, depth + 1, false));
      } else if (KEY.test(item) || item.startsWith('- ') || item === '-') {
        // A mapping or list that starts on the item's line: read it as lines at the item's column.
        this.lines[this.next] = { indent: indent + 1 + (after.length - item.length), text: item };
        out.push(this.node(indent + 1 + (after.length - item.length), depth + 1));
      } else {
        out.push(inlineValue(item));
        this.endOfInline(indent);
      }
    }
    return out;
  }
}

/** The lines of a text that have content, or undefined when the text has what this reader does not read. */
function contentLines(text: string): Line[] {
  const lines: Line[] = [];
  const raw = text.split('\n');
  let started = false;
  for (let n = 0; n < raw.length; n++) {
    let line = raw[n];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (UNREAD_CHARACTERS.test(line)) giveUp();
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    const body = line.slice(indent);
    if (body === '' || body[0] === '#') continue;
    if (indent === 0 && (body.startsWith('---') || body.startsWith('...') || body[0] === '%')) {
      // One document start marker before the content, alone on its line, is read; anything else is not.
      if (started || !/^---(?:[ ]+(?:#.*)?)?$/.test(body)) giveUp();
      started = true;
      continue;
    }
    started = true;
    lines.push({ indent, text: body.trimEnd() });
  }
  return lines;
}

/**
 * Reads a definition text written in plain block YAML, as the `yaml` package reads it (YAML 1.2
 * core schema); undefined when the text uses anything else (anchors, tags, block scalars,
 * multi-line scalars, flow mappings, quoted keys, …) or has an error: the `yaml` package must
 * read it then.
 *
 * @example
 * readBlockYaml('name: orders\ntables:\n  - name: public.orders\n'); // { value: { name: 'orders', tables: [{ name: 'public.orders' }] } }
 */
export function readBlockYaml(text: string): { value: Record<string, unknown> } | undefined {
  try {
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const lines = contentLines(source);
    if (lines.length === 0) return undefined;
    return { value: new BlockReader(lines).read() as Record<string, unknown> };
  } catch (err) {
    if (err instanceof NotPlainBlockYaml) return undefined;
    throw err;
  }
}
