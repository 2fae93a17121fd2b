import { ACME_ADMIN_KEY, apiEnv, cli, fixture, GLOBEX_ADMIN_KEY, lines, useEmulator } from './support';

describe('integrateio validate (offline)', () => {
  it('accepts a valid YAML file: exit 0, one ok line on stdout, nothing on stderr', async () => {
    const run = await cli(['validate', fixture('orders.yaml')]);
    expect(run).toEqual({ code: 0, out: 'ok: fixtures/orders.yaml\n', err: '' });
  });

  it('accepts a valid JSON file and several files at once: one ok line each, in order', async () => {
    const run = await cli(['validate', fixture('orders.json'), fixture('orders.yaml')]);
    expect(run).toEqual({ code: 0, out: 'ok: fixtures/orders.json\nok: fixtures/orders.yaml\n', err: '' });
  });

  it('fails on shape problems with one file:line:col: path: message line per problem', async () => {
    const run = await cli(['validate', fixture('invalid-shape.yaml')]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatchInlineSnapshot(`
      "invalid: fixtures/invalid-shape.yaml
        fixtures/invalid-shape.yaml:8:9: destination.connection.id: expected a whole number, got text
        fixtures/invalid-shape.yaml:11:3: sync.colour: unknown key "colour": remove it or check its spelling
      "
    `);
  });

  it('fails on rule problems (include with exclude, a transformation of an unlisted table) pointing at their lines', async () => {
    const run = await cli(['validate', fixture('invalid-rules.yaml')]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatchInlineSnapshot(`
      "invalid: fixtures/invalid-rules.yaml
        fixtures/invalid-rules.yaml:14:7: tables[0].columns: use columns.include or columns.exclude, not both
        fixtures/invalid-rules.yaml:17:12: transformations[0].table: table "public.refunds" is not listed in tables: add it there or fix the name
      "
    `);
  });

  it('fails on a JSON syntax error with the line and column of the error', async () => {
    const run = await cli(['validate', fixture('syntax-error.json')]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(lines(run.err)).toHaveLength(2);
    expect(lines(run.err)[0]).toBe('invalid: fixtures/syntax-error.json');
    expect(lines(run.err)[1]).toMatch(/^ {2}fixtures\/syntax-error\.json:5:1: invalid JSON: \S/);
  });

  it('fails with exit 1 when one of several files is invalid, still reporting the valid ones', async () => {
    const run = await cli(['validate', fixture('orders.yaml'), fixture('invalid-shape.yaml'), fixture('orders.json')]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('ok: fixtures/orders.yaml\nok: fixtures/orders.json\n');
    expect(run.err).toContain('invalid: fixtures/invalid-shape.yaml\n');
  });

  it('fails on a missing file with one clear line and exit 1', async () => {
    const run = await cli(['validate', fixture('does-not-exist.yaml')]);
    expect(run).toEqual({ code: 1, out: '', err: 'error: cannot read fixtures/does-not-exist.yaml: no such file\n' });
  });

  it('fails on a missing file among others but still checks the files after it', async () => {
    const run = await cli(['validate', fixture('does-not-exist.yaml'), fixture('orders.yaml')]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('ok: fixtures/orders.yaml\n');
    expect(run.err).toBe('error: cannot read fixtures/does-not-exist.yaml: no such file\n');
  });

  it('fails on a folder given as a file with one clear line', async () => {
    const run = await cli(['validate', fixture('')]);
    expect(run.code).toBe(1);
    expect(lines(run.err)).toEqual([expect.stringMatching(/^error: cannot read fixtures\/?: it is a directory$/)]);
  });

  it('prints a parsable JSON array with --output json: one entry per file, problems with line and column', async () => {
    const run = await cli(['validate', '--output', 'json', fixture('orders.yaml'), fixture('invalid-shape.yaml'), fixture('does-not-exist.yaml')]);
    expect(run.code).toBe(1);
    expect(run.err).toBe('');
    const results = JSON.parse(run.out) as unknown;
    expect(results).toEqual([
      { file: 'fixtures/orders.yaml', valid: true, problems: [] },
      {
        file: 'fixtures/invalid-shape.yaml',
        valid: false,
        problems: [
          { path: 'destination.connection.id', message: 'expected a whole number, got text', line: 8, column: 9 },
          { path: 'sync.colour', message: 'unknown key "colour": remove it or check its spelling', line: 11, column: 3 },
        ],
      },
      { file: 'fixtures/does-not-exist.yaml', valid: false, problems: [{ path: '', message: 'cannot read fixtures/does-not-exist.yaml: no such file' }] },
    ]);
  });

  it('prints a JSON array with exit 0 when every file is valid', async () => {
    const run = await cli(['validate', fixture('orders.json'), '--output', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual([{ file: 'fixtures/orders.json', valid: true, problems: [] }]);
  });

  it('fails with exit 2 for an unknown --output format', async () => {
    const run = await cli(['validate', '--output', 'xml', fixture('orders.yaml')]);
    expect(run).toEqual({ code: 2, out: '', err: 'error: --output must be human or json, got "xml"\n' });
  });

  it('fails with exit 2 when no file is given', async () => {
    const run = await cli(['validate']);
    expect(run.code).toBe(2);
    expect(run.err).toMatchInlineSnapshot(`
      "error: missing required argument 'files'
      "
    `);
  });
});

describe('integrateio validate --remote', () => {
  const emulator = useEmulator();

  it('accepts a file whose connections and hooks exist in the account', async () => {
    const run = await cli(['validate', '--remote', fixture('orders.yaml'), fixture('orders.json')], { env: apiEnv(emulator().url) });
    expect(run).toEqual({ code: 0, out: 'ok: fixtures/orders.yaml\nok: fixtures/orders.json\n', err: '' });
  });

  it('takes the API root from --api-url as well as from INTEGRATEIO_API_URL', async () => {
    const run = await cli(['validate', '--remote', '--api-url', emulator().url, fixture('orders.yaml')], { env: { INTEGRATEIO_API_KEY: ACME_ADMIN_KEY } });
    expect(run).toEqual({ code: 0, out: 'ok: fixtures/orders.yaml\n', err: '' });
  });

  it('fails for a connection of another account, naming source.connection.id', async () => {
    const run = await cli(['validate', '--remote', fixture('globex-connection.yaml')], { env: apiEnv(emulator().url) });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(lines(run.err)).toHaveLength(2);
    expect(run.err).toMatchInlineSnapshot(`
      "invalid: fixtures/globex-connection.yaml
        fixtures/globex-connection.yaml: the definition has 2 problems: source.connection.id: connection 52 does not exist in your account: use the id of an existing source connection; destination.connection.id: connection 27 does not exist in your account: use the id of an existing destination connection (rejected by the API)
      "
    `);
  });

  it('accepts that same file with the key of the account that owns the connections', async () => {
    const run = await cli(['validate', '--remote', fixture('globex-connection.yaml')], { env: apiEnv(emulator().url, GLOBEX_ADMIN_KEY) });
    expect(run).toEqual({ code: 0, out: 'ok: fixtures/globex-connection.yaml\n', err: '' });
  });

  it('reports the remote problem as JSON with its field under --output json', async () => {
    const run = await cli(['validate', '--remote', '--output', 'json', fixture('globex-connection.yaml')], { env: apiEnv(emulator().url) });
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.out) as { file: string; valid: boolean; problems: { path: string; message: string }[] }[];
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([{ path: 'source.connection.id', message: expect.stringContaining('connection 52 does not exist in your account') }]);
  });

  it('fails without an API key with one line naming INTEGRATEIO_API_KEY', async () => {
    const run = await cli(['validate', '--remote', fixture('orders.yaml')], { env: { INTEGRATEIO_API_URL: emulator().url } });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatchInlineSnapshot(`
      "error: no API key: set INTEGRATEIO_API_KEY to an Integrate.io API key (fdk_…), created in Settings > API Keys
      "
    `);
  });

  it('stays offline without --remote: no key needed and no request reaches the API', async () => {
    const before = emulator().stats();
    const run = await cli(['validate', fixture('globex-connection.yaml')], { env: { INTEGRATEIO_API_URL: emulator().url } });
    expect(run).toEqual({ code: 0, out: 'ok: fixtures/globex-connection.yaml\n', err: '' });
    expect(emulator().stats()).toEqual(before);
  });
});
