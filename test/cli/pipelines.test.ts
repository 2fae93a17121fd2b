import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { IntegrateioClient, type PipelineMetadata } from '../../lib/api';
import { canonicalize, parseDefinition, toCanonicalJson, toCanonicalYaml, type PipelineDefinition } from '../../lib/definition';
import { ACME_ADMIN_KEY, ACME_CI_KEY, apiEnv, cli, closedPortUrl, GLOBEX_ADMIN_KEY, lines, useEmulator, type CliRun } from './support';

/** Long enough that the first poll of a wait sees the transitional state; short enough for a quick test. */
const START_DELAY_MS = 400;
const STOP_DELAY_MS = 400;

const emulator = useEmulator({ startDelayMs: START_DELAY_MS, stopDelayMs: STOP_DELAY_MS });
const env = (key: string = ACME_ADMIN_KEY) => apiEnv(emulator().url, key);
const run = (args: readonly string[], options: { key?: string; isTTY?: boolean } = {}): Promise<CliRun> => cli(args, { env: env(options.key), isTTY: options.isTTY });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'integrateio-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A valid acme definition in YAML with its keys deliberately out of canonical order (and a rename
 * mapping with unsorted keys), written to a file of the temporary folder.
 */
function writeDefinition(name: string, options: { frequency?: number; source?: number; destination?: number; file?: string } = {}): string {
  const text = [
    `name: ${name}`,
    'definition_version: 1',
    'tables:',
    '  - columns:',
    '      exclude: [ssn]',
    '    name: public.customers',
    '  - name: public.orders',
    'sync:',
    '  auto_sync_new_tables: false',
    `  frequency: ${options.frequency ?? 5}`,
    `destination: { connection: { id: ${options.destination ?? 17} } }`,
    'source:',
    '  connection:',
    `    id: ${options.source ?? 42}`,
    'transformations:',
    '  - config:',
    '      mapping: { zip: postal_code, city: town }',
    '    table: public.customers',
    '    type: rename_fields',
    'hooks:',
    '  - events: [pipeline_failed, sync_failed]',
    '    id: 9',
    '',
  ].join('\n');
  const path = join(dir, options.file ?? `${name}.yaml`);
  writeFileSync(path, text);
  return path;
}

/** The definition of a file written by {@link writeDefinition}. */
function readDefinition(path: string): PipelineDefinition {
  return parseDefinition(readFileSync(path, 'utf8'));
}

/** Applies a new definition and returns the id of the pipeline it created. */
async function created(name: string): Promise<number> {
  const result = await run(['pipelines', 'apply', '-f', writeDefinition(name)]);
  expect(result).toMatchObject({ code: 0, err: '' });
  const match = /^created pipeline (\d+) \(/.exec(result.out);
  if (!match) throw new Error(`apply did not create a pipeline: ${result.out}${result.err}`);
  return Number(match[1]);
}

/** The pipeline's metadata as `pipelines get --output json` prints it. */
async function metadata(id: number): Promise<PipelineMetadata> {
  const result = await run(['pipelines', 'get', String(id), '--output', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as PipelineMetadata;
}

/** A direct client of the emulator, for arranging what the CLI cannot (duplicates, keys). */
const client = (key: string = ACME_ADMIN_KEY) => new IntegrateioClient({ baseUrl: emulator().url, apiKey: key, env: {} });

/** Progress lines with their elapsed times made stable. */
const withoutTimes = (text: string) => text.replace(/\(\d+\.\ds\)/g, '(T)');

const ANSI = /\x1b\[/; // eslint-disable-line no-control-regex

describe('pipelines apply', () => {
  it('creates the pipeline, then reports it unchanged, then updated after a change, keeping its id', async () => {
    const file = writeDefinition('apply-cycle');
    const first = await run(['pipelines', 'apply', '-f', file]);
    expect(first.code).toBe(0);
    expect(first.err).toBe('');
    const id = Number(/^created pipeline (\d+) \(apply-cycle\)\n$/.exec(first.out)?.[1]);
    expect(id).toBeGreaterThan(0);
    const afterCreate = await metadata(id);

    const again = await run(['pipelines', 'apply', '-f', file]);
    expect(again).toEqual({ code: 0, out: `unchanged pipeline ${id} (apply-cycle)\n`, err: '' });
    expect((await metadata(id)).updated_at).toBe(afterCreate.updated_at);

    const changed = await run(['pipelines', 'apply', '-f', writeDefinition('apply-cycle', { frequency: 15 })]);
    expect(changed).toEqual({ code: 0, out: `updated pipeline ${id} (apply-cycle)\n`, err: '' });
    const exported = await run(['pipelines', 'export', String(id), '--format', 'json']);
    expect((JSON.parse(exported.out) as { sync: { frequency: number } }).sync.frequency).toBe(15);

    const all = JSON.parse((await run(['pipelines', 'list', '--output', 'json'])).out) as PipelineMetadata[];
    expect(all.filter((p) => p.name === 'apply-cycle').map((p) => p.id)).toEqual([id]);
  });

  it('reports unchanged for the same document written as JSON in another key order', async () => {
    const yamlFile = writeDefinition('apply-formats');
    const id = Number(/pipeline (\d+)/.exec((await run(['pipelines', 'apply', '-f', yamlFile])).out)?.[1]);
    const jsonFile = join(dir, 'apply-formats.json');
    const doc = readDefinition(yamlFile);
    const reordered = Object.fromEntries(Object.entries(canonicalize(doc)).reverse());
    writeFileSync(jsonFile, JSON.stringify(reordered));
    expect(await run(['pipelines', 'apply', '-f', jsonFile])).toEqual({ code: 0, out: `unchanged pipeline ${id} (apply-formats)\n`, err: '' });
  });

  it('prints the action and the metadata as JSON with --output json', async () => {
    const result = await run(['pipelines', 'apply', '-f', writeDefinition('apply-json'), '--output', 'json']);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.out) as { action: string; pipeline: PipelineMetadata };
    expect(body.action).toBe('created');
    expect(body.pipeline).toMatchObject({ name: 'apply-json', status: 'stopped', observed_state: 'stopped' });
    expect(await metadata(body.pipeline.id)).toEqual(body.pipeline);
  });

  it('starts the pipeline and waits for it with --start --wait, progress on stderr', async () => {
    const result = await run(['pipelines', 'apply', '-f', writeDefinition('apply-start'), '--start', '--wait']);
    expect(result.code).toBe(0);
    const id = Number(/^created pipeline (\d+) \(apply-start\)\n$/.exec(result.out)?.[1]);
    expect(withoutTimes(result.err)).toBe(`pipeline ${id}: starting (T)\npipeline ${id}: running (T)\n`);
    expect(await metadata(id)).toMatchObject({ status: 'deployed', observed_state: 'running' });
  });

  it('fails on an invalid file with one line per problem and creates nothing', async () => {
    const file = join(dir, 'apply-invalid.yaml');
    writeFileSync(file, 'definition_version: 1\nname: apply-invalid\nsource: { connection: { id: 42 } }\ndestination: { connection: { id: 17 } }\nsync: { frequency: 0 }\ntables: []\n');
    const before = emulator().stats().writes;
    const result = await run(['pipelines', 'apply', '-f', file]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.split(dir).join('<tmp>')).toMatchInlineSnapshot(`
      "error: the pipeline definition has 2 problems:
        <tmp>/apply-invalid.yaml:5:20: sync.frequency: frequency is in minutes, from 1 to 10080, got 0
        <tmp>/apply-invalid.yaml:6:9: tables: list at least one table to replicate
      "
    `);
    expect(emulator().stats().writes).toBe(before);
  });

  it('fails on a connection of another account with one line naming source.connection.id, creating nothing', async () => {
    const before = emulator().stats().writes;
    const result = await run(['pipelines', 'apply', '-f', writeDefinition('apply-globex', { source: 52 })]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(lines(result.err)).toHaveLength(1);
    expect(result.err).toMatch(/^error: POST \/api\/public\/v1\/pipelines failed: 400 invalid_definition at source\.connection\.id: .*connection 52 does not exist in your account/);
    expect(emulator().stats().writes).toBe(before + 1);
    const all = JSON.parse((await run(['pipelines', 'list', '--output', 'json'])).out) as PipelineMetadata[];
    expect(all.some((p) => p.name === 'apply-globex')).toBe(false);
  });

  it('fails with exit 1 when two live pipelines share the name, naming both ids', async () => {
    const file = writeDefinition('apply-twins');
    const def = readDefinition(file);
    const a = await client().createPipeline(def);
    const b = await client().createPipeline(def);
    const result = await run(['pipelines', 'apply', '-f', file]);
    expect(result).toEqual({ code: 1, out: '', err: `error: 2 pipelines are named "apply-twins" (ids ${b.id}, ${a.id}): rename them so that apply can tell which to update\n` });
  });

  it('fails on a missing file with one line and exit 1', async () => {
    const result = await run(['pipelines', 'apply', '-f', join(dir, 'nope.yaml')]);
    expect(result).toEqual({ code: 1, out: '', err: `error: cannot read ${join(dir, 'nope.yaml')}: no such file\n` });
  });

  it('fails with exit 2 when -f is missing', async () => {
    const result = await run(['pipelines', 'apply']);
    expect(result.code).toBe(2);
    expect(result.err).toMatchInlineSnapshot(`
      "error: required option '-f, --file <file>' not specified
      "
    `);
  });
});

describe('pipelines list, get and export', () => {
  // A fresh emulator, so that the table holds exactly the pipelines of these tests.
  const own = useEmulator();
  const ownRun = (args: readonly string[], key = ACME_ADMIN_KEY) => cli(args, { env: apiEnv(own().url, key) });
  let alpha: number;
  let beta: number;

  beforeAll(async () => {
    alpha = Number(/pipeline (\d+)/.exec((await ownRun(['pipelines', 'apply', '-f', writeDefinition('alpha')])).out)?.[1]);
    beta = Number(/pipeline (\d+)/.exec((await ownRun(['pipelines', 'apply', '-f', writeDefinition('beta-longer-name')])).out)?.[1]);
  });

  it('lists pipelines newest first as an aligned table', async () => {
    const result = await ownRun(['pipelines', 'list']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect([alpha, beta]).toEqual([1, 2]);
    expect(result.out).toMatchInlineSnapshot(`
      "ID  NAME              STATUS   OBSERVED  LAST SYNC
      2   beta-longer-name  stopped  stopped   -
      1   alpha             stopped  stopped   -
      "
    `);
  });

  it('lists pipelines as a JSON array with --output json', async () => {
    const result = await ownRun(['pipelines', 'list', '--output', 'json']);
    expect(result.code).toBe(0);
    const all = JSON.parse(result.out) as PipelineMetadata[];
    expect(all.map((p) => [p.id, p.name, p.status, p.observed_state])).toEqual([
      [beta, 'beta-longer-name', 'stopped', 'stopped'],
      [alpha, 'alpha', 'stopped', 'stopped'],
    ]);
    expect(Object.keys(all[0]).sort()).toEqual(['created_at', 'id', 'last_destination_sync_at', 'last_source_sync_at', 'name', 'observed_state', 'status', 'updated_at']);
  });

  it('says so when the account has no pipeline (human) or prints [] (json)', async () => {
    expect(await ownRun(['pipelines', 'list'], GLOBEX_ADMIN_KEY)).toEqual({ code: 0, out: 'No pipelines.\n', err: '' });
    expect(await ownRun(['pipelines', 'list', '--output', 'json'], GLOBEX_ADMIN_KEY)).toEqual({ code: 0, out: '[]\n', err: '' });
  });

  it("shows one pipeline's metadata as key: value lines", async () => {
    const result = await ownRun(['pipelines', 'get', String(alpha)]);
    expect(result.code).toBe(0);
    expect(result.out.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')).toMatchInlineSnapshot(`
      "id:                    1
      name:                  alpha
      status:                stopped
      observed state:        stopped
      created:               <time>
      updated:               <time>
      last source sync:      never
      last destination sync: never
      "
    `);
  });

  it('shows the same metadata as JSON with --output json as list does', async () => {
    const listed = (JSON.parse((await ownRun(['pipelines', 'list', '--output', 'json'])).out) as PipelineMetadata[]).find((p) => p.id === beta);
    const result = await ownRun(['pipelines', 'get', String(beta), '--output', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual(listed);
  });

  it('exports the definition as canonical YAML, by default and with --format yaml', async () => {
    const expected = readDefinition(join(dir, 'alpha.yaml'));
    const byDefault = await ownRun(['pipelines', 'export', String(alpha)]);
    const yaml = await ownRun(['pipelines', 'export', String(alpha), '--format', 'yaml']);
    expect(yaml).toEqual(byDefault);
    expect(yaml.code).toBe(0);
    expect(yaml.out).toBe(toCanonicalYaml(expected));
    expect(parseYaml(yaml.out)).toEqual(canonicalize(expected));
    expect(yaml.out).toMatch(/^definition_version: 1\nname: alpha\nsource:\n/);
    expect(yaml.out).toContain('      mapping:\n        city: town\n        zip: postal_code\n');
  });

  it('exports the definition as canonical JSON with --format json', async () => {
    const expected = readDefinition(join(dir, 'alpha.yaml'));
    const result = await ownRun(['pipelines', 'export', String(alpha), '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual(canonicalize(expected));
    expect(result.out).toBe(toCanonicalJson(expected));
  });

  it('fails with exit 2 for an unknown export format, before asking the API', async () => {
    const before = own().stats().total;
    const result = await ownRun(['pipelines', 'export', String(alpha), '--format', 'xml']);
    expect(result).toEqual({ code: 2, out: '', err: 'error: --format must be yaml or json, got "xml"\n' });
    expect(own().stats().total).toBe(before);
  });

  it("fails with the same one-line 404 for another account's pipeline as for an unknown id", async () => {
    const result = await ownRun(['pipelines', 'get', String(alpha)], GLOBEX_ADMIN_KEY);
    expect(result).toEqual({ code: 1, out: '', err: `error: GET /api/public/v1/pipelines/${alpha} failed: 404 not_found: pipeline not found: no pipeline with this id exists in your account\n` });
  });

  it('works with a non-admin key', async () => {
    const result = await ownRun(['pipelines', 'get', String(alpha), '--output', 'json'], ACME_CI_KEY);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ id: alpha, name: 'alpha' });
  });
});

describe('pipelines start, stop and archive', () => {
  it('starts with --wait: one progress line per state change on a non-terminal, no ANSI escapes', async () => {
    const id = await created('start-plain');
    const result = await run(['pipelines', 'start', String(id), '--wait']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(`pipeline ${id}: deployed, running\n`);
    expect(result.err).not.toMatch(ANSI);
    expect(result.err).not.toContain('\r');
    expect(lines(result.err)).toEqual([expect.stringMatching(new RegExp(`^pipeline ${id}: starting \\(\\d+\\.\\ds\\)$`)), expect.stringMatching(new RegExp(`^pipeline ${id}: running \\(\\d+\\.\\ds\\)$`))]);

    const stopped = await run(['pipelines', 'stop', String(id), '--wait']);
    expect(stopped.code).toBe(0);
    expect(stopped.out).toBe(`pipeline ${id}: stopped, stopped\n`);
    expect(withoutTimes(stopped.err)).toBe(`pipeline ${id}: stopping (T)\npipeline ${id}: stopped (T)\n`);
  });

  it('redraws one progress line with \\r on a terminal and ends it with a newline', async () => {
    const id = await created('start-tty');
    const result = await run(['pipelines', 'start', String(id), '--wait'], { isTTY: true });
    expect(result.code).toBe(0);
    expect(result.out).toBe(`pipeline ${id}: deployed, running\n`);
    expect(result.err.endsWith('\n')).toBe(true);
    expect(result.err.indexOf('\n')).toBe(result.err.length - 1);
    const frames = result.err.split('\r').filter((f) => f !== '');
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames[0]).toMatch(new RegExp(`^\\x1b\\[K. pipeline ${id}: starting \\(\\d+\\.\\ds\\)$`));
    expect(frames[frames.length - 1]).toBe(`\x1b[K✔ pipeline ${id}: running\n`);

    const stopped = await run(['pipelines', 'stop', String(id), '--wait'], { isTTY: true });
    expect(stopped.code).toBe(0);
    expect(stopped.err.split('\r').filter((f) => f !== '').at(-1)).toBe(`\x1b[K✔ pipeline ${id}: stopped\n`);
  });

  it('fails when --wait times out, with the error on a line of its own after the progress line', async () => {
    const id = await created('start-timeout');
    const result = await run(['pipelines', 'start', String(id), '--wait', '--timeout', '0.2'], { isTTY: true });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/\n$/);
    expect(lines(result.err).at(-1)).toMatch(new RegExp(`^error: pipeline ${id} did not reach observed state "running" within \\d+ ms: last observed state "starting"$`));
    await run(['pipelines', 'stop', String(id), '--force']);
  });

  it('stops gracefully without --wait (observed stopping) and at once with --force (observed stopped)', async () => {
    const graceful = await created('stop-graceful');
    const forced = await created('stop-forced');
    for (const id of [graceful, forced]) expect((await run(['pipelines', 'start', String(id), '--wait'])).code).toBe(0);

    const soft = await run(['pipelines', 'stop', String(graceful)]);
    expect(soft).toEqual({ code: 0, out: `pipeline ${graceful}: stopped, stopping\n`, err: '' });
    const hard = await run(['pipelines', 'stop', String(forced), '--force']);
    expect(hard).toEqual({ code: 0, out: `pipeline ${forced}: stopped, stopped\n`, err: '' });
    expect((await metadata(forced)).observed_state).toBe('stopped');
  });

  it('prints start and stop results as JSON with --output json', async () => {
    const id = await created('start-json');
    const started = await run(['pipelines', 'start', String(id), '--output', 'json']);
    expect(started.code).toBe(0);
    expect(JSON.parse(started.out)).toMatchObject({ pipeline: { id, status: 'deployed', observed_state: 'starting' } });
    const stopped = await run(['pipelines', 'stop', String(id), '--force', '--output', 'json']);
    expect(JSON.parse(stopped.out)).toMatchObject({ pipeline: { id, status: 'stopped', observed_state: 'stopped' } });
  });

  it('archives a running pipeline; get then fails with a one-line 404 and list no longer shows it', async () => {
    const id = await created('archive-me');
    expect((await run(['pipelines', 'start', String(id)])).code).toBe(0);
    expect(await run(['pipelines', 'archive', String(id)])).toEqual({ code: 0, out: `archived pipeline ${id}\n`, err: '' });

    const gone = await run(['pipelines', 'get', String(id)]);
    expect(gone.code).toBe(1);
    expect(gone.out).toBe('');
    expect(gone.err.replace(String(id), '<id>')).toMatchInlineSnapshot(`
      "error: GET /api/public/v1/pipelines/<id> failed: 404 not_found: pipeline not found: no pipeline with this id exists in your account
      "
    `);
    const all = JSON.parse((await run(['pipelines', 'list', '--output', 'json'])).out) as PipelineMetadata[];
    expect(all.some((p) => p.id === id)).toBe(false);
  });

  it('fails with exit 2 and archives nothing when --output is unknown', async () => {
    const id = await created('archive-usage');
    const result = await run(['pipelines', 'archive', String(id), '--output', 'yaml']);
    expect(result).toEqual({ code: 2, out: '', err: 'error: --output must be human or json, got "yaml"\n' });
    expect((await metadata(id)).name).toBe('archive-usage');
  });

  it('fails with exit 2 and starts nothing when --timeout is not a number', async () => {
    const id = await created('start-usage');
    const result = await run(['pipelines', 'start', String(id), '--wait', '--timeout', 'soon']);
    expect(result).toEqual({ code: 2, out: '', err: 'error: --timeout must be a number from 0 to 9007199254740991, got "soon"\n' });
    expect(await metadata(id)).toMatchObject({ status: 'stopped', observed_state: 'stopped' });
  });
});

describe('pipelines errors', () => {
  it.each([
    ['a word', 'abc'],
    ['zero', '0'],
    ['a fraction', '1.5'],
    ['a number with a sign', '+7'],
  ])('fails with exit 2 for an id that is %s, before asking the API', async (_what, id) => {
    const before = emulator().stats().total;
    for (const command of ['get', 'export', 'start', 'stop', 'archive']) {
      const result = await run(['pipelines', command, id]);
      expect(result).toEqual({ code: 2, out: '', err: `error: pipeline id must be a positive whole number, got "${id}"\n` });
    }
    expect(emulator().stats().total).toBe(before);
  });

  it.each(['get', 'export', 'start', 'stop', 'archive'])('fails for an unknown id with one line and exit 1 (%s)', async (command) => {
    const result = await run(['pipelines', command, '987654']);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(lines(result.err)).toHaveLength(1);
    expect(result.err).toMatch(/^error: (GET|POST|DELETE) \/api\/public\/v1\/pipelines\/987654\S* failed: 404 not_found: /);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('fails on an unknown key with exit 1: the message names INTEGRATEIO_API_KEY but never the key', async () => {
    const key = 'fdk_unknown_key_4f1c2b9e8d7a6b5c';
    const result = await run(['pipelines', 'list'], { key });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(lines(result.err)).toHaveLength(1);
    expect(result.err).toContain('INTEGRATEIO_API_KEY');
    expect(result.err).toContain('401');
    expect(result.err).not.toContain(key);
    expect(result.err).not.toContain('4f1c2b9e8d7a6b5c');
  });

  it('fails on a revoked key with exit 1: the message names INTEGRATEIO_API_KEY but never the key', async () => {
    const admin = client();
    const minted = await admin.createApiKey({ name: 'cli-test-revoked' });
    expect((await run(['pipelines', 'list'], { key: minted.value })).code).toBe(0);
    await admin.revokeApiKey(minted.id);

    const result = await run(['pipelines', 'list'], { key: minted.value });
    expect(result.code).toBe(1);
    expect(lines(result.err)).toHaveLength(1);
    expect(result.err).toContain('401');
    expect(result.err).toContain('INTEGRATEIO_API_KEY');
    expect(result.err).not.toContain(minted.value);
    expect(result.err).not.toContain(minted.value.slice(4));
  });

  it('fails on a key that is not shaped like one without echoing it', async () => {
    const key = 'sk_live_9e8d7c6b5a4f3e2d';
    const result = await run(['pipelines', 'list'], { key });
    expect(result.code).toBe(1);
    expect(lines(result.err)).toHaveLength(1);
    expect(result.err).toContain('INTEGRATEIO_API_KEY');
    expect(result.err).not.toContain(key);
  });

  it('fails without an API URL with one line naming INTEGRATEIO_API_URL', async () => {
    const result = await cli(['pipelines', 'list'], { env: { INTEGRATEIO_API_KEY: ACME_ADMIN_KEY } });
    expect(result).toEqual({ code: 1, out: '', err: 'error: no API URL: set INTEGRATEIO_API_URL to the service root, e.g. https://api.integrate.io\n' });
  });

  it('fails on an unreachable URL (a closed port) with one line and exit 1', async () => {
    const url = await closedPortUrl();
    const result = await cli(['pipelines', 'list'], { env: apiEnv(url) });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(lines(result.err)).toHaveLength(1);
    expect(result.err).toMatch(/^error: GET \/api\/public\/v1\/pipelines\?page=1&page_size=100 failed: network_error: .*ECONNREFUSED/);
    expect(result.err).toContain('check INTEGRATEIO_API_URL');
    expect(result.err).not.toContain(ACME_ADMIN_KEY);
  }, 20000);

  // 403 needs an admin-only endpoint; no pipelines command calls one, so there is no case for it.

  it.each([
    ['an unknown option', ['pipelines', 'list', '--bogus'], "error: unknown option '--bogus'\n"],
    ['an unknown subcommand', ['pipelines', 'frob'], "error: unknown command 'frob'\n"],
    ['an unknown command', ['frob'], "error: unknown command 'frob'\n"],
    ['a missing id', ['pipelines', 'get'], "error: missing required argument 'id'\n"],
    ['an extra argument', ['pipelines', 'get', '1', '2'], "error: too many arguments for 'get'. Expected 1 argument but got 2.\n"],
  ])('fails with exit 2 for %s', async (_what, args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(message);
  });

  it('fails with exit 2 when a command group is called without its subcommand, showing its help on stderr', async () => {
    const result = await run(['pipelines']);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('Usage: integrateio pipelines [options] [command]');
  });

  it('shows help on stdout with exit 0 for --help and help', async () => {
    const flag = await run(['pipelines', '--help']);
    expect(flag.code).toBe(0);
    expect(flag.out).toContain('Usage: integrateio pipelines');
    const word = await run(['help', 'pipelines']);
    expect(word.code).toBe(0);
    expect(word.out).toContain('Usage: integrateio pipelines');
  });
});
