import { EmulatorHttpError } from './errors';
import type { FaultKind } from './faults';

/**
 * The error answered for an injected fault (not used for `drop`, which answers nothing). The
 * message never says whether the request was processed: the client must cope with not knowing.
 */
export function faultError(kind: Exclude<FaultKind, 'drop'>, retryAfterSeconds: number): EmulatorHttpError {
  const retryAfter = { 'Retry-After': String(retryAfterSeconds) };
  switch (kind) {
    case '429':
      return new EmulatorHttpError(429, 'rate_limited', `too many requests: wait ${retryAfterSeconds} s (Retry-After) and retry`, undefined, retryAfter);
    case '503':
      return new EmulatorHttpError(503, 'service_unavailable', 'the service is temporarily unavailable (emulated fault); the request may or may not have been applied: retry later', undefined, retryAfter);
    default:
      return new EmulatorHttpError(500, 'internal_error', 'internal error (emulated fault); the request may or may not have been applied');
  }
}
