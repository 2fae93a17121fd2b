/**
 * The committed API report (api-report/*.api.md) is the public TypeScript surface of the built
 * package, entry by entry: these tests fail when the surface changed and the report was not
 * updated. Fix: `npm run api-report` (builds, then rewrites api-report/), review the diff, add a
 * CHANGELOG.md entry when an exported name changed, and commit.
 *
 * They read dist/ (the compiled declarations): `npm test` builds first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Report { entry: string; file: string; changed: boolean; fresh: string; errors: string[] }
interface Run { reports: Report[]; extra: string[]; compilerState: unknown }
interface ApiReportScript {
  readonly REPORT_DIR: string;
  readonly STALE_MESSAGE: string;
  entriesOf(packageJson?: unknown): Array<{ entry: string; name: string; dts: string }>;
  runApiReport(options: { update: boolean; reportDir?: string; compilerState?: unknown }): Run;
}

const script = require('../../scripts/api-report.js') as ApiReportScript;

/** The lines of `fresh` missing from `committed` (+) and the reverse (-), at most `limit` of them. */
function lineDiff(committed: string, fresh: string, limit = 30): string {
  const before = new Set(committed.split('\n'));
  const after = new Set(fresh.split('\n'));
  const lines = [...[...after].filter((l) => !before.has(l)).map((l) => `+ ${l}`), ...[...before].filter((l) => !after.has(l)).map((l) => `- ${l}`)];
  return lines.slice(0, limit).join('\n') + (lines.length > limit ? `\n… ${lines.length - limit} more` : '');
}

/** The failure message of a check: the fix first, then what differs per report. */
function describeChanges({ reports, extra }: Run, reportDir: string): string {
  const changed = reports.filter((r) => r.changed);
  if (changed.length + extra.length === 0) return '';
  const parts = changed.map((r) => {
    const committedPath = path.join(reportDir, path.basename(r.file));
    const committed = fs.existsSync(committedPath) ? fs.readFileSync(committedPath, 'utf8') : '';
    return `${r.file} (entry ${r.entry}):\n${lineDiff(committed, r.fresh)}`;
  });
  parts.push(...extra.map((f) => `${f}: no package entry has this report any more`));
  return `${script.STALE_MESSAGE}\n\n${parts.join('\n\n')}`;
}

let first: Run;

beforeAll(() => {
  first = script.runApiReport({ update: false });
}, 120_000);

describe('API report', () => {
  test('has one report per package entry (./cdktn is generated from ./constructs)', () => {
    expect(first.reports.map((r) => r.entry).sort()).toEqual(expect.arrayContaining(['.', './constructs', './definition', './api']));
    expect(first.reports.map((r) => r.entry)).not.toContain('./cdktn');
    expect(first.reports.map((r) => r.entry)).toEqual(script.entriesOf().map((e) => e.entry));
  });

  test('follows the exports map of package.json, declaration files included', () => {
    const exportsMap = {
      '.': { types: './dist/lib/index.d.ts', default: './dist/lib/index.js' },
      './constructs': { require: { types: './dist/lib/constructs/index.d.ts', default: './dist/lib/constructs/index.js' } },
      './cdktn': { types: './dist/cdktn/index.d.ts', default: './dist/cdktn/index.js' },
      './api': './dist/lib/api/index.js',
      './package.json': './package.json',
    };
    expect(script.entriesOf({ exports: exportsMap })).toEqual([
      { entry: '.', name: 'index', dts: 'dist/lib/index.d.ts' },
      { entry: './constructs', name: 'constructs', dts: 'dist/lib/constructs/index.d.ts' },
      { entry: './api', name: 'api', dts: 'dist/lib/api/index.d.ts' },
    ]);
  });

  test('the compiled declarations give api-extractor no errors', () => {
    expect(first.reports.flatMap((r) => r.errors)).toEqual([]);
  });

  test('api-report/ matches the public API of the built package', () => {
    const message = describeChanges(first, script.REPORT_DIR);
    if (message !== '') throw new Error(message);
  });

  test('fails when an exported declaration is missing from the committed report or a report has no entry', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-api-report-test-'));
    try {
      fs.cpSync(script.REPORT_DIR, dir, { recursive: true });
      const file = path.join(dir, 'definition.api.md');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const exported = lines.findIndex((l) => l.startsWith('export '));
      expect(exported).toBeGreaterThanOrEqual(0);
      lines.splice(exported, 1);
      fs.writeFileSync(file, lines.join('\n'));
      fs.writeFileSync(path.join(dir, 'removed-entry.api.md'), '');
      const run = script.runApiReport({ update: false, reportDir: dir, compilerState: first.compilerState });
      expect(run.reports.filter((r) => r.changed).map((r) => r.entry)).toEqual(['./definition']);
      expect(run.extra.map((f) => path.basename(f))).toEqual(['removed-entry.api.md']);
      expect(describeChanges(run, dir)).toContain('run `npm run api-report` and commit api-report/');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
