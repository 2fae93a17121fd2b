import type { ClientEvent } from '../../api';
import { redactSecrets } from '../../api/redact';
import type { Logger } from '../framework';

/**
 * Turns the API client's events into Terraform log lines (visible with TF_LOG=debug): one per
 * response (method, path, status, duration), one per retry (reason and wait), create recoveries,
 * and failures. Every text is redacted; requests carry neither headers nor bodies.
 */
export function apiEventLogger(logger: Logger): (event: ClientEvent) => void {
  return (event) => {
    const base = { method: event.method, path: redactSecrets(event.path), attempt: event.attempt };
    switch (event.type) {
      case 'request':
        logger.trace(`API request ${event.method} ${base.path}`, base);
        break;
      case 'response':
        logger.debug(`API response ${event.method} ${base.path}: ${event.status} in ${event.durationMs} ms`, { ...base, status: event.status, duration_ms: event.durationMs });
        break;
      case 'retry':
        logger.warn(`API retry of ${event.method} ${base.path} in ${event.delayMs} ms: ${redactSecrets(event.reason)}`, { ...base, status: event.status, code: event.code, delay_ms: event.delayMs, reason: redactSecrets(event.reason) });
        break;
      case 'recovery':
        logger.info(
          event.outcome === 'adopted'
            ? `API create recovery: adopted pipeline ${event.pipelineId} named "${event.name}", created by an attempt whose answer was lost`
            : `API create recovery: no pipeline named "${event.name}" was created by the lost attempt, creating it again`,
          { ...base, outcome: event.outcome, name: event.name, pipeline_id: event.pipelineId },
        );
        break;
      case 'failure':
        logger.debug(`API call failed: ${redactSecrets(event.message)}`, { ...base, status: event.status, code: event.code });
        break;
    }
  };
}
