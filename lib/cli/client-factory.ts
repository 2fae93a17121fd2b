import { IntegrateioClient } from '../api';
import { normaliseBaseUrl } from '../api/config';
import type { CliIo } from './io';
import { requestLog } from './request-log';

/** Options every API command accepts. */
export interface ApiCommandOptions {
  /** `--api-url`: the service root; else INTEGRATEIO_API_URL. */
  readonly apiUrl?: string;
}

/**
 * Builds the API client for a command from `--api-url` and the environment. The key comes only from
 * INTEGRATEIO_API_KEY, never from the command line, where other users of the machine could read it.
 * With INTEGRATEIO_LOG=debug (or info) requests and retries are logged on stderr (see requestLog).
 * A malformed `--api-url` is reported naming `--api-url`, never echoing the URL (it may hold a password).
 */
export function makeClient(options: ApiCommandOptions, io: CliIo): IntegrateioClient {
  const baseUrl = options.apiUrl === undefined ? undefined : normaliseBaseUrl(options.apiUrl, '--api-url');
  return new IntegrateioClient({ baseUrl, env: io.env, onEvent: requestLog(io) });
}
