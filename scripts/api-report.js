#!/usr/bin/env node
// @ts-check
/* global require, module, process, __dirname */
'use strict';
/**
 * The API report of the package's public TypeScript surface: one `api-report/<entry>.api.md` per
 * package entry, written by @microsoft/api-extractor from the compiled declarations in dist/.
 *
 *   npm run api-report                 build, then rewrite api-report/ from dist/
 *   node scripts/api-report.js --check exit 1 when api-report/ differs from dist/ (no build)
 *
 * The configuration is built here rather than kept in api-extractor.json files: the entries share
 * everything but their entry point and report name, and one TypeScript program (a CompilerState
 * made once for all entries) serves every report, which keeps the check quick.
 *
 * Which messages count: the report is about the shape of the surface, so
 *  - TSDoc syntax messages are off (they depend on comment wording, not on the API);
 *  - ae-missing-release-tag is off (the package does not use @public/@beta tags), and so are
 *    ae-undocumented and ae-unresolved-link (comment matters, not surface);
 *  - ae-forgotten-export (a type reachable from the API that the entry does not export) and the
 *    other extractor warnings are written into the report, where a review sees them;
 *  - compiler errors of the declarations and ae-wrong-input-file-type are errors: the check fails.
 * The entries follow package.json "exports" (see entriesOf); `./cdktn` has no report: it is the
 * constructs entry compiled against another module name.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The repository root. */
const ROOT = path.resolve(__dirname, '..');
/** Where the reports are committed. */
const REPORT_DIR = path.join(ROOT, 'api-report');
/** The message of a failed check: what changed and what to do. */
const STALE_MESSAGE = 'the public API changed: run `npm run api-report` and commit api-report/';

/** Entries without a report: `./cdktn` is `./constructs` compiled against another module name. */
const UNREPORTED = new Set(['./cdktn', './package.json']);

/**
 * The entries reported when package.json has no "exports" map yet (the same paths as the map's).
 *
 * @type {ReadonlyArray<{ entry: string; name: string; dts: string }>}
 */
const DEFAULT_ENTRIES = [
  { entry: '.', name: 'index', dts: 'dist/lib/index.d.ts' },
  { entry: './constructs', name: 'constructs', dts: 'dist/lib/constructs/index.d.ts' },
  { entry: './definition', name: 'definition', dts: 'dist/lib/definition/index.d.ts' },
  { entry: './api', name: 'api', dts: 'dist/lib/api/index.d.ts' },
];

/**
 * The declaration file of one "exports" target: its `types` condition, at any depth.
 *
 * @param {unknown} target
 * @returns {string | undefined}
 */
function typesOf(target) {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? target : undefined;
  if (target === null || typeof target !== 'object') return undefined;
  const record = /** @type {Record<string, unknown>} */ (target);
  if (typeof record.types === 'string') return record.types;
  for (const value of Object.values(record)) {
    const found = typesOf(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The package entries that have a report: the entry (as in package.json "exports"), the report's
 * base name (`index` for `.`, `constructs` for `./constructs`) and the compiled declaration file.
 * They follow the "exports" map of package.json, so a new entry gets a report; without a map, the
 * default entries.
 *
 * @param {any} [packageJson]
 * @returns {{ entry: string; name: string; dts: string }[]}
 */
function entriesOf(packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))) {
  const exportsMap = packageJson.exports;
  if (exportsMap === undefined || typeof exportsMap === 'string') return [...DEFAULT_ENTRIES];
  return Object.keys(exportsMap)
    .filter((entry) => entry.startsWith('.') && !UNREPORTED.has(entry))
    .map((entry) => {
      // Without a "types" condition, TypeScript reads the .d.ts next to the JavaScript file.
      const js = typesOf(exportsMap[entry]) === undefined ? JSON.stringify(exportsMap[entry]).match(/"([^"]+)\.(c?)js"/) : null;
      const dts = typesOf(exportsMap[entry]) ?? (js ? `${js[1]}.d.${js[2]}ts` : undefined);
      if (dts === undefined) throw new Error(`package.json exports["${entry}"] has no "types" declaration file: add one, the API report reads it`);
      const name = entry === '.' ? 'index' : entry.replace(/^\.\//, '').replace(/[/*]+/g, '-');
      return { entry, name, dts: path.normalize(dts).replace(/^\.\//, '') };
    });
}

/**
 * The api-extractor configuration of one entry.
 *
 * @param {{ name: string; dts: string }} entry
 * @param {ReadonlyArray<{ dts: string }>} entries all entries (one program serves them all)
 * @param {string} tempDir where api-extractor writes the fresh report it compares with the committed one
 * @param {string} [reportDir] where the committed reports are
 * @returns {import('@microsoft/api-extractor').IConfigFile}
 */
function configOf(entry, entries, tempDir, reportDir = REPORT_DIR) {
  return {
    projectFolder: ROOT,
    mainEntryPointFilePath: path.join(ROOT, entry.dts),
    bundledPackages: [],
    newlineKind: 'lf',
    enumMemberOrder: /** @type {any} */ ('by-name'),
    compiler: {
      // Only the declarations: the program is built from dist/, never from the sources.
      overrideTsconfig: {
        compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node', lib: ['ES2022'], types: ['node'], strict: true, skipLibCheck: true, esModuleInterop: true },
        files: entries.map((e) => path.join(ROOT, e.dts)),
      },
      skipLibCheck: true,
    },
    apiReport: { enabled: true, reportFileName: entry.name, reportFolder: reportDir, reportTempFolder: tempDir, includeForgottenExports: false },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: /** @type {any} */ ('error') } },
      extractorMessageReporting: {
        default: { logLevel: /** @type {any} */ ('warning'), addToApiReportFile: true },
        'ae-missing-release-tag': { logLevel: /** @type {any} */ ('none') },
        'ae-undocumented': { logLevel: /** @type {any} */ ('none') },
        // {@link} targets depend on comment text and on the entry (namespaced in the root): not surface.
        'ae-unresolved-link': { logLevel: /** @type {any} */ ('none') },
        'ae-wrong-input-file-type': { logLevel: /** @type {any} */ ('error') },
      },
      tsdocMessageReporting: { default: { logLevel: /** @type {any} */ ('none') } },
    },
  };
}

/**
 * Runs api-extractor on every entry, in this process, with one shared TypeScript program.
 *
 * With `update`, the committed reports are rewritten; without, they are only compared. The result
 * lists, per entry, whether the report differs (`changed`), the fresh report text and the errors
 * (messages of level error: compiler errors of the declarations and the like).
 *
 * `extra` lists the committed reports of no entry (deleted when updating).
 *
 * `reportDir` replaces api-report/ (tests compare with an altered copy); `compilerState` reuses the
 * TypeScript program of an earlier run (returned by every run).
 *
 * @param {{ update: boolean; reportDir?: string; compilerState?: import('@microsoft/api-extractor').CompilerState }} options
 * @returns {{ reports: { entry: string; file: string; changed: boolean; fresh: string; errors: string[] }[]; extra: string[]; compilerState: import('@microsoft/api-extractor').CompilerState }}
 */
function runApiReport(options) {
  const entries = entriesOf();
  for (const e of entries) {
    if (!fs.existsSync(path.join(ROOT, e.dts))) throw new Error(`${e.dts} is missing: run \`npm run build\` first (npm run api-report does)`);
  }
  const { Extractor, ExtractorConfig, CompilerState } = require('@microsoft/api-extractor');
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-api-report-'));
  const packageJsonFullPath = path.join(ROOT, 'package.json');
  try {
    const reportDir = options.reportDir ?? REPORT_DIR;
    fs.mkdirSync(reportDir, { recursive: true });
    /** @type {import('@microsoft/api-extractor').CompilerState | undefined} */
    let compilerState = options.compilerState;
    const reports = entries.map((entry) => {
      const config = ExtractorConfig.prepare({ configObject: configOf(entry, entries, tempDir, reportDir), configObjectFullPath: path.join(ROOT, 'api-extractor.json'), packageJsonFullPath });
      compilerState ??= CompilerState.create(config);
      /** @type {string[]} */
      const errors = [];
      const result = Extractor.invoke(config, {
        localBuild: options.update,
        compilerState,
        messageCallback: (message) => {
          if (message.logLevel === 'error') errors.push(message.formatMessageWithLocation(ROOT));
          // Extractor warnings are written into the report itself, and api-extractor's console
          // notices ("the API report changed") are replaced by this script's own message.
          message.handled = true;
        },
      });
      const file = `${entry.name}.api.md`;
      const fresh = fs.readFileSync(path.join(tempDir, file), 'utf8');
      return { entry: entry.entry, file: `${path.relative(ROOT, reportDir)}/${file}`, changed: result.apiReportChanged, fresh, errors };
    });
    if (compilerState === undefined) throw new Error('no package entry to report on');
    // A report no entry produces any more (a removed or renamed entry) is stale too.
    const expected = new Set(entries.map((e) => `${e.name}.api.md`));
    const extra = fs.readdirSync(reportDir).filter((f) => f.endsWith('.api.md') && !expected.has(f));
    if (options.update) for (const f of extra) fs.rmSync(path.join(reportDir, f));
    return { reports, extra: options.update ? [] : extra.map((f) => `${path.relative(ROOT, reportDir)}/${f}`), compilerState };
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** @param {string[]} argv */
function main(argv) {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write('usage: node scripts/api-report.js [--check]\n');
    return 2;
  }
  const check = argv.includes('--check');
  const { reports: results, extra } = runApiReport({ update: !check });
  const errors = results.flatMap((r) => r.errors.map((e) => `${r.entry}: ${e}`));
  if (errors.length > 0) {
    process.stderr.write(`api-extractor reported errors:\n${errors.join('\n')}\n`);
    return 1;
  }
  const changed = results.filter((r) => r.changed);
  if (check) {
    if (changed.length + extra.length === 0) {
      process.stdout.write('api-report/ is up to date with dist/\n');
      return 0;
    }
    const lines = [...changed.map((r) => `  changed: ${r.file} (entry ${r.entry})`), ...extra.map((f) => `  extra:   ${f} (no such package entry)`)];
    process.stderr.write(`${STALE_MESSAGE}\n${lines.join('\n')}\n`);
    return 1;
  }
  process.stdout.write(changed.length === 0 ? 'api-report/ was already up to date\n' : `updated ${changed.map((r) => r.file).join(', ')}\n`);
  return 0;
}

module.exports = { DEFAULT_ENTRIES, REPORT_DIR, STALE_MESSAGE, entriesOf, runApiReport };

if (require.main === module) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
