import { inspect } from 'node:util';
import { ConfigError, IntegrateioClient, isConfigError, redactSecrets } from '../../lib/api';

const KEY = 'fdk_emulator_acme_admin_key_000000000001';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (isConfigError(err)) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('client configuration', () => {
  test('reads the key and URL from the environment and strips a trailing /api/public/v1', () => {
    const client = new IntegrateioClient({ env: { INTEGRATEIO_API_KEY: KEY, INTEGRATEIO_API_URL: 'http://127.0.0.1:8787/api/public/v1/' } });
    expect(client.baseUrl).toBe('http://127.0.0.1:8787');
  });

  test('explicit options win over the environment, and an undefined option falls back to it', () => {
    const client = new IntegrateioClient({ baseUrl: 'https://api.integrate.io/', apiKey: KEY, env: { INTEGRATEIO_API_URL: 'http://other' } });
    expect(client.baseUrl).toBe('https://api.integrate.io');
    const fromEnv = new IntegrateioClient({ baseUrl: undefined, env: { INTEGRATEIO_API_KEY: KEY, INTEGRATEIO_API_URL: 'http://localhost:1' } });
    expect(fromEnv.baseUrl).toBe('http://localhost:1');
  });

  test('fails with a ConfigError naming INTEGRATEIO_API_KEY when no key is set', () => {
    const err = configError(() => new IntegrateioClient({ env: { INTEGRATEIO_API_URL: 'http://localhost:1' } }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.variable).toBe('INTEGRATEIO_API_KEY');
    expect(err.message).toMatchInlineSnapshot(`"no API key: set INTEGRATEIO_API_KEY to an Integrate.io API key (fdk_…), created in Settings > API Keys"`);
  });

  test('fails with a ConfigError that does not repeat a key that does not look like fdk_…', () => {
    const secret = 'sk_live_very_secret_value_123';
    const err = configError(() => new IntegrateioClient({ env: { INTEGRATEIO_API_KEY: secret, INTEGRATEIO_API_URL: 'http://localhost:1' } }));
    expect(err.variable).toBe('INTEGRATEIO_API_KEY');
    expect(err.message).not.toContain(secret);
    expect(err.message).toMatchInlineSnapshot(`"INTEGRATEIO_API_KEY does not look like an Integrate.io API key: keys start with fdk_ followed by letters and digits; set INTEGRATEIO_API_KEY to the full key value"`);
  });

  test('fails with a ConfigError for a truncated fdk_ key without showing it', () => {
    const err = configError(() => new IntegrateioClient({ apiKey: 'fdk_ab', baseUrl: 'http://localhost:1', env: {} }));
    expect(err.message).toContain('the apiKey option does not look like an Integrate.io API key');
    expect(err.message).not.toContain('fdk_ab');
  });

  test('fails with a ConfigError naming INTEGRATEIO_API_URL when no URL is set', () => {
    const err = configError(() => new IntegrateioClient({ env: { INTEGRATEIO_API_KEY: KEY } }));
    expect(err.variable).toBe('INTEGRATEIO_API_URL');
    expect(err.message).toMatchInlineSnapshot(`"no API URL: set INTEGRATEIO_API_URL to the service root, e.g. https://api.integrate.io"`);
  });

  test.each([
    ['not a url', 'INTEGRATEIO_API_URL has no scheme'],
    ['127.0.0.1:8787', 'INTEGRATEIO_API_URL has no scheme: write the service root with http:// or https://'],
    ['localhost:8787', 'INTEGRATEIO_API_URL has no scheme'],
    ['ftp://example.com', 'must be an http or https URL'],
    ['https://api.integrate.io/?x=1', 'must not have a query or fragment'],
  ])('fails with a ConfigError for the URL %s', (url, message) => {
    const err = configError(() => new IntegrateioClient({ env: { INTEGRATEIO_API_KEY: KEY, INTEGRATEIO_API_URL: url } }));
    expect(err.variable).toBe('INTEGRATEIO_API_URL');
    expect(err.message).toContain(message);
  });

  test('fails with a ConfigError that never echoes a password given in the URL', () => {
    const err = configError(() => new IntegrateioClient({ env: { INTEGRATEIO_API_KEY: KEY, INTEGRATEIO_API_URL: 'https://admin:hunter2-secret@api.example.com' } }));
    expect(err.variable).toBe('INTEGRATEIO_API_URL');
    expect(err.message).toContain('INTEGRATEIO_API_URL must not contain a user name or password');
    expect(err.message).not.toContain('hunter2');
    expect(err.message).not.toContain('admin');
  });

  test('fails with a ConfigError naming INTEGRATEIO_REQUEST_TIMEOUT_SECONDS when it is not a positive number', () => {
    const err = configError(() => new IntegrateioClient({ env: { INTEGRATEIO_API_KEY: KEY, INTEGRATEIO_API_URL: 'http://localhost:1', INTEGRATEIO_REQUEST_TIMEOUT_SECONDS: 'soon' } }));
    expect(err.variable).toBe('INTEGRATEIO_REQUEST_TIMEOUT_SECONDS');
  });

  test('fails with a RangeError for a timeout that is not positive', () => {
    expect(() => new IntegrateioClient({ apiKey: KEY, baseUrl: 'http://localhost:1', timeoutMs: 0, env: {} })).toThrow(RangeError);
  });

  test('inspecting or serializing a client never shows the key', () => {
    const client = new IntegrateioClient({ apiKey: KEY, baseUrl: 'http://localhost:1', env: {} });
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(client)).not.toContain(KEY);
  });
});

describe('redactSecrets', () => {
  test.each([
    ['Authorization: Bearer fdk_abc123XYZ', 'Authorization: Bearer fdk_***'],
    ['keys fdk_one and fdk_two-3.4 here', 'keys fdk_*** and fdk_*** here'],
    ['{"value":"fdk_emulator_acme_admin_key_000000000001"}', '{"value":"fdk_***"}'],
    ['nothing secret', 'nothing secret'],
  ])('redacts %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });
});
