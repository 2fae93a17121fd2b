import type { IncomingMessage } from 'node:http';
import type { Caller } from './auth';
import type { FaultDecision } from './faults';

/** What the emulator knows about one request while answering it. */
export interface RequestState {
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  /** Whether it is under /api/public/v1 (authenticated, faulted, counted). */
  api: boolean;
  /** The authenticated caller, once known. */
  caller?: Caller;
  /** The fault rolled for it, if any. */
  fault?: FaultDecision;
  /** Set once an after-processing fault replaced the answer. */
  faultApplied: boolean;
  /** Set when the connection was cut on purpose (an injected drop): no answer reached the caller. */
  dropped: boolean;
  /** A remark for the log line, e.g. `fault 503 after`. */
  note?: string;
  /** Set once the end of the response is being watched (for the log line). */
  tracked: boolean;
}

const states = new WeakMap<IncomingMessage, RequestState>();

/** The state of a request, created on first use. */
export function stateOf(request: { raw: IncomingMessage }): RequestState {
  let state = states.get(request.raw);
  if (state === undefined) {
    state = { startedAt: performance.now(), api: false, faultApplied: false, dropped: false, tracked: false };
    states.set(request.raw, state);
  }
  return state;
}

/**
 * The authenticated caller of an API request.
 *
 * @throws Error when authentication did not run for the request: a bug, answered 500 and logged.
 */
export function callerOf(request: { raw: IncomingMessage; url: string }): Caller {
  const caller = states.get(request.raw)?.caller;
  if (caller === undefined) throw new Error(`bug: no authenticated caller for ${request.url}: the route was reached without the authentication hook`);
  return caller;
}
