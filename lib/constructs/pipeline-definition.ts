import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { formatIssue, isDefinitionError, readDefinitionText, type DefinitionFormat, type DefinitionIssue, type PipelineDocument } from '../definition';
import { appendTo, cloneDocument, deriveDocument, documentFromProps, hookDocument, tableDocument, transformationDocument } from './build-document';
import { checkDocument, isPlainObject } from './check-document';
import { locatorFor } from './locate-in-text';
import type { DerivedPipelineDefinitionProps, HookProps, PipelineDefinitionProps, TableProps, TransformationProps } from './pipeline-definition-props';
import { addReportedValidation, findStack } from './stack-report';

export type { PipelineDocument };

/**
 * The old name of {@link PipelineDocument}.
 *
 * @deprecated Use `PipelineDocument` (the same type).
 */
export type PipelineDefinitionDocument = PipelineDocument;

const IS_PIPELINE_DEFINITION = Symbol.for('integrateio.PipelineDefinition');

/**
 * A problem with a definition: a {@link DefinitionIssue} (kind, code, field path, message, and
 * line and column when it was found in a file) and the file it is in, if any.
 */
export interface DefinitionProblem extends DefinitionIssue {
  /** The file the problem is in (as given to `fromFile`, relative to the working directory). */
  readonly source?: string;
}

/** Options of {@link PipelineDefinition.fromFile}. */
export interface PipelineDefinitionFileOptions {
  /**
   * The format of the file.
   *
   * @default 'auto' - JSON when the text starts with `{`, YAML otherwise
   */
  readonly format?: DefinitionFormat;
}

/** Where a definition's document comes from (internal). */
type DocumentOrigin =
  | { readonly kind: 'document'; readonly document: unknown }
  | { readonly kind: 'file'; readonly document: unknown; readonly source: string; readonly readIssues: readonly DefinitionIssue[]; readonly located: () => ReadonlyMap<string, DefinitionIssue> }
  | { readonly kind: 'derived'; readonly base: PipelineDefinition; readonly overrides: DerivedPipelineDefinitionProps };

/**
 * Where a definition's document comes from: the constructor's last argument when called by the
 * static factories and `derive`.
 *
 * @internal
 */
export class Origin {
  constructor(readonly value: DocumentOrigin) {}
}

/** How each definition of this copy of the library reads its document without copying it (see {@link viewDocument}). */
const documentViews = new WeakMap<object, () => unknown>();

/**
 * The document of a definition as it stands now, like {@link PipelineDefinition.document} but not
 * copied: the result shares its nested objects and lists with the definition, so the caller must
 * not change it (rendering and validating copy what they keep). Synth reads each pipeline's
 * document several times, and a deep copy each time was a good part of its cost.
 *
 * @internal
 */
export function viewDocument(definition: PipelineDefinition): unknown {
  const view = documentViews.get(definition);
  // A definition from another copy of this library: its public (copying) getter.
  return view ? view() : definition.document;
}

function issueKey(issue: DefinitionIssue): string {
  return `${issue.code}\u0000${issue.path}\u0000${issue.message}`;
}

function displayPath(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absolute;
}

/**
 * A pipeline definition document, version 1: what a {@link Pipeline} creates. Written in code
 * (props), read from a YAML or JSON file ({@link PipelineDefinition.fromFile}), or derived from
 * another definition with per-environment changes ({@link PipelineDefinition.derive}).
 *
 * The definition is a plain construct: it synthesizes nothing by itself. It is validated offline
 * when its stack is synthesized, with the same rules as the API, the CLI and the provider: every
 * problem is collected and reported once, naming this construct's path, the field (e.g.
 * `tables[1].columns`), the value and the fix. Values that are unresolved tokens (Terraform
 * variables, other resources' attributes) are skipped.
 *
 * A definition created outside any stack (directly under the `App`, to be shared by several
 * stacks) is checked by the definitions derived from it and the pipelines that use it.
 *
 * @example
 * const orders = new PipelineDefinition(this, 'Orders', {
 *   name: 'orders-to-snowflake',
 *   sourceConnectionId: 42,
 *   destinationConnectionId: 17,
 *   frequency: 5,
 *   tables: [{ name: 'public.orders' }, { name: 'public.customers', excludeColumns: ['ssn'] }],
 * });
 * new Pipeline(this, 'OrdersPipeline', { definition: orders });
 */
export class PipelineDefinition extends Construct {
  /**
   * Reads a definition from a YAML or JSON file, now (at construction). Problems in the file,
   * including a file that cannot be read, are reported at synth like any other, with the file
   * name, line and column.
   *
   * @param filePath the file. A relative path starts at the working directory, which is the
   *   project root (the folder of `cdktf.json`) when `cdktf synth` runs the app: write paths
   *   relative to it, e.g. `pipelines/orders.yaml`. Avoid `path.join(__dirname, …)`: once the
   *   app is compiled, `__dirname` is the output folder (e.g. `dist/`), which has no YAML files.
   * @example
   * const orders = PipelineDefinition.fromFile(this, 'Orders', 'pipelines/orders.yaml');
   */
  static fromFile(scope: Construct, id: string, filePath: string, options: PipelineDefinitionFileOptions = {}): PipelineDefinition {
    const source = displayPath(filePath);
    let text: string | undefined;
    let readIssues: DefinitionIssue[] = [];
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${(err as Error).message})`;
      readIssues = [{ kind: 'syntax', code: 'unreadable_file', path: '', message: `${reason}: ${fileHint(filePath)}` }];
    }
    let document: unknown;
    let located: Map<string, DefinitionIssue> | undefined;
    const parseOptions = { format: options.format, source };
    // The file is parsed once here; its problems with their positions (a second parse) only when
    // synth has problems to report.
    const locate = (): ReadonlyMap<string, DefinitionIssue> => {
      if (located) return located;
      located = new Map();
      if (text === undefined) return located;
      // The problems of the file as written (shape and rules, from a fresh parse: tables added in
      // code are not in it), located in its text; problems found later in the same place get the line.
      let written: unknown;
      try {
        written = readDefinitionText(text, parseOptions);
      } catch {
        return located;
      }
      const at = locatorFor(text);
      for (const issue of checkDocument(written)) located.set(`${issue.code}\u0000${issue.path}`, { ...issue, ...at(issue) });
      return located;
    };
    if (text !== undefined) {
      try {
        document = readDefinitionText(text, parseOptions);
      } catch (err) {
        if (!isDefinitionError(err)) throw err;
        readIssues = [...err.issues];
      }
    }
    return new PipelineDefinition(scope, id, new Origin({ kind: 'file', document, source, readIssues, located: locate }));
  }

  /**
   * A definition from a document already in memory, in the document's own (snake_case) form,
   * e.g. one read by other code or produced by `parseDefinition`.
   *
   * @example
   * const orders = PipelineDefinition.fromDocument(this, 'Orders', parseDefinition(text));
   */
  static fromDocument(scope: Construct, id: string, document: PipelineDocument): PipelineDefinition {
    return new PipelineDefinition(scope, id, new Origin({ kind: 'document', document: cloneDocument(document) }));
  }

  /** True when `x` is a {@link PipelineDefinition} (also across copies of this library). */
  static isPipelineDefinition(x: unknown): x is PipelineDefinition {
    return x !== null && typeof x === 'object' && IS_PIPELINE_DEFINITION in x;
  }

  /**
   * The definition this one is derived from.
   *
   * @default - none: the definition is written in code or read from a file
   */
  readonly base?: PipelineDefinition;

  /**
   * The file the definition was read from, as shown in messages.
   *
   * @default - none: not read from a file
   */
  readonly sourceFile?: string;

  private readonly origin: DocumentOrigin;
  private readonly addedTables: TableProps[] = [];
  private readonly addedTransformations: TransformationProps[] = [];
  private readonly addedHooks: HookProps[] = [];

  /**
   * Defines a pipeline definition in code.
   *
   * @param scope where to define it: a stack, or the App to share it between stacks.
   * @param id the construct id.
   * @param props the document's fields.
   */
  constructor(scope: Construct, id: string, props: PipelineDefinitionProps);
  /** @internal */
  constructor(scope: Construct, id: string, origin: Origin);
  constructor(scope: Construct, id: string, props: PipelineDefinitionProps | Origin) {
    super(scope, id);
    Object.defineProperty(this, IS_PIPELINE_DEFINITION, { value: true });
    this.origin = props instanceof Origin ? props.value : { kind: 'document', document: documentFromProps(props) };
    if (this.origin.kind === 'derived') this.base = this.origin.base;
    if (this.origin.kind === 'file') this.sourceFile = this.origin.source;
    documentViews.set(this, () => this.resolveDocument(false).document);
    addReportedValidation(this, () => this.validationMessages());
  }

  /**
   * A new definition, in `scope`, that is this one with per-environment changes: the basis of
   * promotion from dev to staging to prod. The document is not copied: the derived definition
   * reads this one whenever it is resolved, so tables added here later (`addTable`) appear there
   * too. To change one environment only, give the change here (`addTables`, `removeTables`, …)
   * or call `addTable` on the derived definition.
   *
   * Removing a table removes the transformations on it as well.
   *
   * @param scope where to define it, usually the environment's stack.
   * @param id the construct id.
   * @param props what changes.
   * @example
   * const dev = orders.derive(devStack, 'Orders', { sourceConnectionId: 43, destinationConnectionId: 18, frequency: 60, nameSuffix: '-dev' });
   */
  derive(scope: Construct, id: string, props: DerivedPipelineDefinitionProps = {}): PipelineDefinition {
    return new PipelineDefinition(scope, id, new Origin({ kind: 'derived', base: this, overrides: props }));
  }

  /**
   * Appends a table to replicate.
   *
   * This changes every definition derived from this one and every pipeline that uses any of
   * them: they read this definition when the app is synthesized. To add a table to one pipeline
   * only, add it to that pipeline's own definition: `base.derive(stack, 'Orders', { addTables:
   * [table] })`, or `addTable` on the derived definition.
   */
  addTable(table: TableProps): void {
    this.addedTables.push(table);
  }

  /** Appends a transformation (to every definition derived from this one too, as with {@link PipelineDefinition.addTable}). */
  addTransformation(transformation: TransformationProps): void {
    this.addedTransformations.push(transformation);
  }

  /** Attaches a notification hook (to every definition derived from this one too, as with {@link PipelineDefinition.addTable}). */
  addHook(hook: HookProps): void {
    this.addedHooks.push(hook);
  }

  /**
   * The document as it stands now (a copy): the base or file or props, then the overrides, then
   * the tables, transformations and hooks added with the `add*` methods. It is not validated:
   * it may break the rules until the problems reported at synth are fixed, and it may hold tokens.
   */
  get document(): PipelineDocument {
    return this.resolveDocument().document as PipelineDocument;
  }

  /**
   * Every problem of the document as it stands now, values that are tokens skipped. A derived
   * definition lists its base's problems too (those are what it inherits).
   */
  listProblems(): DefinitionProblem[] {
    const origin = this.origin;
    if (origin.kind === 'file' && origin.readIssues.length > 0) return origin.readIssues.map((issue) => ({ ...issue, source: origin.source }));
    if (origin.kind === 'derived') {
      // A base that could not be read has no document to derive from: its problems are the only ones.
      const unreadable = origin.base.listProblems().filter((p) => p.kind === 'syntax');
      if (unreadable.length > 0) return unreadable;
    }
    // Not copied: checkDocument copies what it changes.
    const { document, issues } = this.resolveDocument(false);
    const problems: DefinitionProblem[] = [...issues, ...checkDocument(document)];
    if (origin.kind === 'file') {
      return problems.map((issue) => {
        const found = origin.located().get(`${issue.code}\u0000${issue.path}`);
        // Problems found in the file's own text get its name, line and column; the others come
        // from tables, transformations or hooks added in code.
        return found ? { ...issue, line: found.line, column: found.column, source: origin.source } : issue;
      });
    }
    if (origin.kind === 'derived') {
      const inherited = new Map(origin.base.listProblems().map((p) => [issueKey(p), p]));
      return problems.map((issue) => {
        const from = inherited.get(issueKey(issue));
        return from ? { ...issue, line: from.line, column: from.column, source: from.source } : issue;
      });
    }
    return problems;
  }

  /**
   * The document and the problems found while building it (derive overrides). With `copy`
   * false, only what is changed here is new (the top-level object and the lists appended to):
   * nested values are shared with the origin, and must not be changed.
   */
  private resolveDocument(copy = true): { document: unknown; issues: DefinitionIssue[] } {
    const origin = this.origin;
    let document: unknown;
    let issues: DefinitionIssue[] = [];
    if (origin.kind === 'derived') {
      // deriveDocument copies the base's document before changing it.
      const derived = deriveDocument(viewDocument(origin.base), origin.overrides, origin.base.node.path);
      document = derived.document;
      issues = derived.issues;
      if (copy && document !== undefined && !isPlainObject(document)) document = cloneDocument(document);
    } else if (copy) {
      document = cloneDocument(origin.document);
    } else {
      document = isPlainObject(origin.document) ? { ...origin.document } : origin.document;
    }
    // Most definitions have nothing added: no lists are made for them (synth reads each document several times).
    if (isPlainObject(document)) {
      if (this.addedTables.length > 0) appendTo(document, 'tables', this.addedTables.map(tableDocument));
      if (this.addedTransformations.length > 0) appendTo(document, 'transformations', this.addedTransformations.map(transformationDocument));
      if (this.addedHooks.length > 0) appendTo(document, 'hooks', this.addedHooks.map(hookDocument));
    }
    return { document, issues };
  }

  /**
   * The messages of this construct's validation: its problems, less those its base reports
   * itself (when the base is validated in the same stack).
   */
  private validationMessages(): string[] {
    let problems = this.listProblems();
    const base = this.base;
    if (base && findStack(base) !== undefined && findStack(base) === findStack(this)) {
      const reported = new Set(base.listProblems().map(issueKey));
      problems = problems.filter((p) => !reported.has(issueKey(p)));
    }
    return problems.map(formatProblem);
  }
}

/** Renders a problem as `file:line:column: field: message` (the parts that are known). */
export function formatProblem(problem: DefinitionProblem): string {
  return formatIssue(problem, problem.source);
}

/** What to do about a definition file that cannot be found or read. */
function fileHint(filePath: string): string {
  if (path.isAbsolute(filePath)) {
    return 'check the path; if it is built from __dirname, note that once the app is compiled __dirname is the output folder (e.g. dist/), which has no YAML files: write the path relative to the project root instead (the folder of cdktf.json, where cdktf synth runs the app), e.g. "pipelines/orders.yaml"';
  }
  return `check the path; a relative path is read from the working directory (${process.cwd()}), which is the project root (the folder of cdktf.json) when cdktf synth runs: write it relative to that folder, e.g. "pipelines/orders.yaml"`;
}
