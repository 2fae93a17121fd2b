import type { ClientEvent } from '../api';
import { redactSecrets } from '../api';
import type { CliIo } from './io';
import { printable } from './terminal-text';

/** The environment variable that turns on the CLI's request log on stderr. */
export const LOG_ENV = 'INTEGRATEIO_LOG';

/**
 * The client event listener of the CLI, from INTEGRATEIO_LOG: `debug` logs every response
 * (method, path, status, duration), retry (reason, wait), create recovery and failure on stderr;
 * `info` only retries and recoveries; unset or anything else logs nothing. Lines never hold the key.
 */
export function requestLog(io: CliIo): ((event: ClientEvent) => void) | undefined {
  const level = (io.env[LOG_ENV] ?? '').trim().toLowerCase();
  if (level !== 'debug' && level !== 'info') return undefined;
  const line = (text: string): void => io.err(`integrateio: ${printable(redactSecrets(text))}\n`);
  return (event) => {
    if (event.type === 'retry') line(`retrying ${event.method} ${event.path} in ${event.delayMs} ms (attempt ${event.attempt} failed: ${event.reason})`);
    else if (event.type === 'recovery') line(`create of "${event.name}": ${event.outcome === 'adopted' ? `adopted pipeline ${event.pipelineId}, made by an attempt whose answer was lost` : 'the lost attempt made nothing, creating again'}`);
    else if (level !== 'debug') return;
    else if (event.type === 'response') line(`${event.method} ${event.path} ${event.status} in ${event.durationMs} ms`);
    else if (event.type === 'failure') line(`${event.method} ${event.path} failed: ${event.code}`);
  };
}
