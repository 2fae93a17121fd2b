import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEED, loadSeedFile, startEmulator } from '../../lib/emulator';
import { tempDir } from './support';

describe('emulator seed', () => {
  const files = tempDir();
  afterAll(() => files.cleanup());

  const write = (name: string, text: string): string => {
    const path = join(files.dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('has the documented default accounts, keys, connections and hooks', () => {
    expect(DEFAULT_SEED.accounts.map((a) => a.name)).toEqual(['acme', 'globex']);
    const [acme, globex] = DEFAULT_SEED.accounts;
    expect(acme.keys).toEqual([
      { name: 'admin', value: 'fdk_emulator_acme_admin_key_000000000001', admin: true },
      { name: 'ci', value: 'fdk_emulator_acme_ci_key_00000000000002', admin: false },
    ]);
    expect(acme.connections.map((c) => [c.id, c.role, c.type])).toEqual([
      [42, 'source', 'postgres'],
      [43, 'source', 'mysql'],
      [17, 'destination', 'snowflake'],
      [18, 'destination', 'bigquery'],
    ]);
    expect(acme.hooks).toEqual([
      { id: 9, name: 'on-call' },
      { id: 10, name: 'data-team' },
    ]);
    expect(globex.keys).toEqual([{ name: 'admin', value: 'fdk_emulator_globex_admin_key_00000000003', admin: true }]);
    expect(globex.connections.map((c) => [c.id, c.role, c.type])).toEqual([
      [52, 'source', 'postgres'],
      [27, 'destination', 'redshift'],
    ]);
    expect(globex.hooks.map((h) => h.id)).toEqual([19]);
  });

  it('loads a YAML seed file, with optional expiry and empty lists', () => {
    const path = write(
      'good.yaml',
      ['accounts:', '  - name: initech', '    keys:', '      - name: root', '        value: fdk_initech_root_0000000001', '        admin: true', '        expires_at: "2030-01-01T00:00:00Z"', '    connections:', '      - { id: 1, role: source, type: postgres }', '    hooks: []', ''].join('\n'),
    );
    expect(loadSeedFile(path)).toEqual({
      accounts: [{ name: 'initech', keys: [{ name: 'root', value: 'fdk_initech_root_0000000001', admin: true, expires_at: '2030-01-01T00:00:00Z' }], connections: [{ id: 1, role: 'source', type: 'postgres' }], hooks: [] }],
    });
  });

  const account = (body: string): string => ['accounts:', '  - name: a', body, ''].join('\n');
  it.each([
    ['a key value without fdk_', account('    keys: [{ name: k, value: abc_12345678, admin: true }]'), 'accounts[0].keys[0].value: must be fdk_ followed by 8 to 200 letters, digits or _'],
    ['a connection with an unknown role', account('    keys: []\n    connections: [{ id: 1, role: sink, type: x }]'), 'accounts[0].connections[0].role'],
    ['a negative connection id', account('    keys: []\n    connections: [{ id: -1, role: source, type: x }]'), 'accounts[0].connections[0].id'],
    ['an unknown key', account('    keys: []\n    colour: red'), 'accounts[0].colour: unknown key'],
    ['a missing keys list', account('    hooks: []'), 'accounts[0].keys'],
    ['a bad expiry', account('    keys: [{ name: k, value: fdk_12345678, admin: true, expires_at: soon }]'), 'accounts[0].keys[0].expires_at: must be an RFC 3339 date-time'],
    ['no accounts', 'accounts: []\n', 'accounts'],
    ['a document that is a list', '- a\n', '(document)'],
  ])('fails to load a seed with %s, naming the field', (_name, text, message) => {
    const path = write('bad.yaml', text);
    expect(() => loadSeedFile(path)).toThrow(`${path}: `);
    expect(() => loadSeedFile(path)).toThrow(message);
  });

  it('fails to load a seed that uses a connection id twice across accounts', () => {
    const text = ['accounts:', '  - name: a', '    keys: []', '    connections: [{ id: 5, role: source, type: x }]', '  - name: b', '    keys: []', '    connections: [{ id: 5, role: destination, type: y }]', ''].join('\n');
    expect(() => loadSeedFile(write('dup.yaml', text))).toThrow('accounts[1].connections[0].id: connection id 5 is already used at accounts[0].connections[0].id');
  });

  it('fails to load a seed file that is missing or not YAML', () => {
    expect(() => loadSeedFile(join(files.dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read the seed file/);
    expect(() => loadSeedFile(write('broken.yaml', 'accounts: [\n'))).toThrow(/broken\.yaml: the seed file is not valid YAML/);
  });

  it('fails to start with an invalid seed object', async () => {
    await expect(startEmulator({ port: 0, dataPath: ':memory:', seed: { accounts: [{ name: 'x', keys: [{ name: 'k', value: 'nope', admin: true }], connections: [], hooks: [] }] } })).rejects.toThrow(
      'seed: accounts[0].keys[0].value: must be fdk_',
    );
  });
});
