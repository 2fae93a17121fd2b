import { API_BASE_PATH } from './wire-types';
import { ConfigError } from './errors';

/** The environment variable holding the API key. */
export const API_KEY_ENV = 'INTEGRATEIO_API_KEY';
/** The environment variable holding the service root URL. */
export const API_URL_ENV = 'INTEGRATEIO_API_URL';
/** The environment variable holding the per-request timeout, in seconds. */
export const REQUEST_TIMEOUT_ENV = 'INTEGRATEIO_REQUEST_TIMEOUT_SECONDS';
/** The per-request timeout used when none is given, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30000;

/** What an API key looks like: `fdk_` and at least 8 URL-safe characters. */
const KEY_SHAPE = /^fdk_[A-Za-z0-9_\-.~]{8,}$/;

/** The checked connection settings of a client. */
export interface ResolvedConfig {
  /** The service root without a trailing slash, e.g. `http://127.0.0.1:8787`. */
  readonly baseUrl: string;
  /** The API key. Never put it in a message. */
  readonly apiKey: string;
  /** The per-request timeout in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * Normalises a service root: trims it, drops trailing slashes and a trailing `/api/public/v1`.
 * Messages name the setting (`from`) and what is wrong, and never repeat the URL: it may hold a
 * password.
 *
 * @param from the setting the URL came from, for messages: `api_url`, `INTEGRATEIO_API_URL`, `--api-url`.
 * @throws ConfigError when it is not an http(s) URL, has no scheme, holds a user name or password,
 * a query or a fragment.
 */
export function normaliseBaseUrl(raw: string, from: string): string {
  const example = 'e.g. https://api.integrate.io (or http://127.0.0.1:8787 for the local emulator)';
  let text = raw.trim().replace(/\/+$/, '');
  if (text.endsWith(API_BASE_PATH)) text = text.slice(0, -API_BASE_PATH.length).replace(/\/+$/, '');
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)) {
    throw new ConfigError(API_URL_ENV, `${from} has no scheme: write the service root with http:// or https://, ${example}`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(API_URL_ENV, `${from} is not a valid URL: set it to the service root, ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(API_URL_ENV, `${from} must be an http or https URL, got the scheme "${url.protocol.slice(0, 20)}": set it to the service root, ${example}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(API_URL_ENV, `${from} must not contain a user name or password (user:password@): the API authenticates with the API key only, so remove them from the URL (and rotate that password if it was a real one)`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(API_URL_ENV, `${from} must not have a query or fragment: set it to the service root, ${example}`);
  }
  return text;
}

/**
 * Reads INTEGRATEIO_REQUEST_TIMEOUT_SECONDS: undefined when unset or empty.
 *
 * @throws ConfigError when it is not a positive number of seconds.
 */
function timeoutFromEnv(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw.trim());
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ConfigError(REQUEST_TIMEOUT_ENV, `${REQUEST_TIMEOUT_ENV} must be a positive number of seconds, got "${raw.trim().slice(0, 40)}": set it to e.g. 30, or unset it`);
  }
  return seconds * 1000;
}

/**
 * Resolves and checks the connection settings: explicit options first, then the environment
 * (INTEGRATEIO_API_URL, INTEGRATEIO_API_KEY, INTEGRATEIO_REQUEST_TIMEOUT_SECONDS).
 *
 * @throws ConfigError naming INTEGRATEIO_API_KEY or INTEGRATEIO_API_URL when a setting is missing
 * or unusable. The message never contains the key.
 */
export function resolveConfig(options: { baseUrl?: string; apiKey?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }): ResolvedConfig {
  const env = options.env ?? process.env;
  const rawKey = options.apiKey ?? env[API_KEY_ENV];
  const keyFrom = options.apiKey !== undefined ? 'the apiKey option' : API_KEY_ENV;
  if (rawKey === undefined || rawKey.trim() === '') {
    throw new ConfigError(API_KEY_ENV, `no API key: set ${API_KEY_ENV} to an Integrate.io API key (fdk_…), created in Settings > API Keys`);
  }
  const apiKey = rawKey.trim();
  if (!KEY_SHAPE.test(apiKey)) {
    throw new ConfigError(API_KEY_ENV, `${keyFrom} does not look like an Integrate.io API key: keys start with fdk_ followed by letters and digits; set ${API_KEY_ENV} to the full key value`);
  }
  const rawUrl = options.baseUrl ?? env[API_URL_ENV];
  const urlFrom = options.baseUrl !== undefined ? 'the baseUrl option' : API_URL_ENV;
  if (rawUrl === undefined || rawUrl.trim() === '') {
    throw new ConfigError(API_URL_ENV, `no API URL: set ${API_URL_ENV} to the service root, e.g. https://api.integrate.io`);
  }
  const baseUrl = normaliseBaseUrl(rawUrl, urlFrom);
  const timeoutMs = options.timeoutMs ?? timeoutFromEnv(env[REQUEST_TIMEOUT_ENV]) ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`);
  return { baseUrl, apiKey, timeoutMs };
}
