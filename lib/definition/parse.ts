import { Composer, LineCounter, Parser, YAMLParseError, isMap, isNode, isScalar, type CST, type Document } from 'yaml';
import { readBlockYaml } from './block-yaml';
import { MAX_DEFINITION_BYTES, MAX_NESTING_DEPTH } from './constants';
import { DefinitionError, type DefinitionIssue } from './issues';
import { findDuplicateJsonKey } from './json-duplicate-keys';
import { jsonErrorOffset } from './json-error-offset';
import { lineLocator, locateJsonPaths } from './json-locate';
import { findTooDeepInTokens, findTooDeepJson } from './nesting';
import { formatPath, parsePath } from './path';
import type { PipelineDefinition } from './schema';
import { validateDefinition, type ValidationResult } from './validate';

/** The text formats a definition can be written in. `auto` picks JSON when the text starts with `{`. */
export type DefinitionFormat = 'yaml' | 'json' | 'auto';

/** Options of {@link parseDefinition} and {@link readDefinitionText}. */
export interface ParseOptions {
  /**
   * The format of the text.
   * @default 'auto' — JSON when the first non-blank character is `{`, else YAML
   */
  readonly format?: DefinitionFormat;
  /** A file name or label, used in messages. */
  readonly source?: string;
  /**
   * The largest text accepted, in bytes.
   * @default MAX_DEFINITION_BYTES (1 MiB)
   */
  readonly maxBytes?: number;
}

/** Decides the concrete format of a text. */
export function detectFormat(text: string, format: DefinitionFormat = 'auto'): 'yaml' | 'json' {
  if (format !== 'auto') return format;
  return /^\s*\{/.test(text) ? 'json' : 'yaml';
}

function syntaxIssue(message: string, line?: number, column?: number): DefinitionIssue {
  return { kind: 'syntax', code: 'syntax_error', path: '', message, line, column };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Rejects a key written twice in one object: JSON.parse keeps the last value silently, where YAML
 * (and the API) reject the document, so what a reviewer reads would not be what is applied.
 */
function checkDuplicateKeys(text: string): void {
  const duplicate = findDuplicateJsonKey(text);
  if (duplicate === undefined) return;
  const { line, column } = lineAndColumn(text, duplicate.offset);
  const first = lineAndColumn(text, duplicate.firstOffset);
  const key = duplicate.path[duplicate.path.length - 1];
  throw new DefinitionError([
    {
      kind: 'syntax',
      code: 'duplicate_key',
      path: formatPath(duplicate.path),
      message: `invalid JSON: the key ${JSON.stringify(key)} appears twice in the same object (first at line ${first.line}, column ${first.column}): keep only one`,
      line,
      column,
    },
  ]);
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const where = pos ? lineAndColumn(text, Number(pos[1])) : undefined;
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const end = lineAndColumn(text, /end of JSON input/.test(message) ? text.trimEnd().length : jsonErrorOffset(text));
    const line = where?.line ?? (lineCol ? Number(lineCol[1]) : end.line);
    const column = where?.column ?? (lineCol ? Number(lineCol[2]) : end.column);
    const clean = message
      .replace(/^JSON\.parse: /, '')
      .replace(/(?: in JSON)? at position \d+.*$/, '')
      .replace(/ \(line \d+ column \d+\)$/, '')
      .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
    throw new DefinitionError([syntaxIssue(`invalid JSON: ${clean}`, line, column)]);
  }
  checkDuplicateKeys(text);
  return value;
}

/**
 * Composes the YAML document from CST tokens already parsed (for the depth check), as
 * `parseDocument` would from the text: the text is lexed and parsed once, not twice.
 */
function parseYaml(text: string, tokens: readonly CST.Token[], lineCounter: LineCounter): { doc: Document; value: unknown } {
  const docs = Array.from(new Composer({ uniqueKeys: true, strict: true }).compose(tokens, true, text.length));
  const doc = docs[0];
  if (docs.length > 1) doc.errors.push(new YAMLParseError(docs[1].range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const pos = e.pos[0] >= 0 ? lineCounter.linePos(e.pos[0]) : undefined;
      return syntaxIssue(`invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, pos?.line, pos?.col);
    });
    throw new DefinitionError(issues);
  }
  return { doc, value: doc.toJS({ maxAliasCount: 100 }) };
}

/** Adds line and column to issues whose field can be found in the parsed YAML/JSON document. */
function locate(issues: readonly DefinitionIssue[], doc: Document | undefined, lineCounter: LineCounter): DefinitionIssue[] {
  if (!doc) return [...issues];
  return issues.map((issue) => {
    const path = parsePath(issue.path);
    if (issue.code === 'unknown_key' && path.length > 0) {
      // An unknown key is located at the key itself: its value may start on a later line.
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      const name = String(path[path.length - 1]);
      const key = isMap(parent) ? parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === name)?.key : undefined;
      if (isNode(key) && key.range) {
        const pos = lineCounter.linePos(key.range[0]);
        return { ...issue, line: pos.line, column: pos.col };
      }
    }
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { ...issue, line: pos.line, column: pos.col };
      }
    }
    return issue;
  });
}

/** Adds line and column to issues whose field is in a JSON text (an unknown key at the key itself). */
function locateInJson(issues: readonly DefinitionIssue[], text: string): DefinitionIssue[] {
  const prefixes = (issue: DefinitionIssue): string[] => {
    const path = parsePath(issue.path);
    return path.map((_, n) => formatPath(path.slice(0, path.length - n))).concat('');
  };
  const wanted = new Set(issues.flatMap(prefixes));
  const positions = locateJsonPaths(text, wanted);
  const at = lineLocator(text);
  return issues.map((issue) => {
    const exact = positions.get(issue.path);
    if (issue.code === 'unknown_key' && exact?.key !== undefined) return { ...issue, ...lineAndColumnOf(at(exact.key)) };
    for (const prefix of prefixes(issue)) {
      const position = positions.get(prefix);
      if (position) return { ...issue, ...lineAndColumnOf(at(position.value)) };
    }
    return issue;
  });
}

function lineAndColumnOf(pos: { line: number; column: number }): { line: number; column: number } {
  return { line: pos.line, column: pos.column };
}

/**
 * Reads YAML or JSON text into a plain value, checking syntax only.
 *
 * @throws DefinitionError of kind `syntax`, naming line and column.
 */
export function readDefinitionText(text: string, options: ParseOptions = {}): unknown {
  return readWithDocument(text, options).value;
}

/**
 * Reads the text once; a JSON text is located later by a linear scan (no YAML parse of it). A
 * YAML text in plain block style is read by the fast reader (no document: `withDocument` reads it
 * with the `yaml` package, for the positions of problems).
 */
function readWithDocument(text: string, options: ParseOptions, withDocument = false): { value: unknown; doc?: Document; jsonText?: string; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const maxBytes = options.maxBytes ?? MAX_DEFINITION_BYTES;
  if (typeof text !== 'string') throw new DefinitionError([syntaxIssue('a definition is text (YAML or JSON)')], options.source);
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new DefinitionError([{ kind: 'syntax', code: 'too_large', path: '', message: `the document is larger than ${maxBytes} bytes: split it or remove unused entries` }], options.source);
  }
  if (text.trim() === '') throw new DefinitionError([syntaxIssue('the document is empty: write a pipeline definition (see definition_version, name, source, ...)')], options.source);
  const isJson = detectFormat(text, options.format) === 'json';
  if (!isJson && !withDocument) {
    const fast = readBlockYaml(text);
    if (fast) return { value: fast.value, lineCounter };
  }
  const tokens = isJson ? [] : Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const tooDeep = isJson ? findTooDeepJson(text, MAX_NESTING_DEPTH) : findTooDeepInTokens(tokens, MAX_NESTING_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(text, tooDeep);
    throw new DefinitionError([{ ...syntaxIssue(`the document is nested more than ${MAX_NESTING_DEPTH} levels deep: simplify it`, line, column), code: 'too_deep' }], options.source);
  }
  try {
    if (isJson) {
      // A byte order mark is not JSON, but editors save one; YAML already skips it.
      const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      const value = parseJson(json);
      // Located by a linear scan of the text: a YAML document of a megabyte of JSON takes seconds.
      return { value, jsonText: json, lineCounter };
    }
    const { doc, value } = parseYaml(text, tokens, lineCounter);
    return { value, doc, lineCounter };
  } catch (err) {
    if (err instanceof DefinitionError) throw err.source === undefined && options.source !== undefined ? new DefinitionError(err.issues, options.source) : err;
    const reason = err instanceof RangeError ? 'the document is nested too deeply' : err instanceof ReferenceError ? 'the document uses too many aliases' : 'the document could not be read';
    throw new DefinitionError([syntaxIssue(`${reason}: simplify it`)], options.source);
  }
}

/**
 * Parses and checks a definition written in YAML or JSON, without throwing: the result holds the
 * canonical definition or every problem found, with field paths and, where known, line and column.
 */
export function tryParseDefinition(text: string, options: ParseOptions = {}): ValidationResult {
  let read: ReturnType<typeof readWithDocument>;
  try {
    read = readWithDocument(text, options);
  } catch (err) {
    const issues = (err as DefinitionError).issues;
    return { ok: false, kind: 'syntax', issues };
  }
  const result = validateDefinition(read.value);
  if (result.ok) return result;
  // Read by the fast reader: read again with the yaml package, whose document has the positions.
  if (read.jsonText === undefined && read.doc === undefined) read = readWithDocument(text, options, true);
  const issues = read.jsonText !== undefined ? locateInJson(result.issues, read.jsonText) : locate(result.issues, read.doc, read.lineCounter);
  return { ok: false, kind: result.kind, issues };
}

/**
 * Parses and checks a definition written in YAML or JSON and returns it in canonical form.
 *
 * @throws DefinitionError with every problem found (syntax, shape or semantic).
 * @example
 * const def = parseDefinition(fs.readFileSync('orders.yaml', 'utf8'), { source: 'orders.yaml' });
 */
export function parseDefinition(text: string, options: ParseOptions = {}): PipelineDefinition {
  const result = tryParseDefinition(text, options);
  if (!result.ok) throw new DefinitionError(result.issues, options.source);
  return result.definition;
}
