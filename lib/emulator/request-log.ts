import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestState } from './request-context';
import type { StatsCollector } from './stats';

/** Longest URL written to the log; longer ones are cut. */
const MAX_LOGGED_URL = 200;

/**
 * One log line: `METHOD url status ms` (`dropped` instead of a status when the connection was cut
 * with no answer), and a remark in brackets. Headers are never logged, so neither is a key.
 */
export function formatLogLine(method: string, url: string, status: number | 'dropped', ms: number, note?: string): string {
  const shownUrl = url.length > MAX_LOGGED_URL ? `${url.slice(0, MAX_LOGGED_URL)}…` : url;
  return `${method} ${shownUrl} ${status} ${ms}ms${note === undefined ? '' : ` [${note}]`}`;
}

/**
 * Watches the end of a response (answered or dropped) to write its log line and count its status.
 * Safe to call more than once for a request.
 */
export function trackResponse(req: IncomingMessage, res: ServerResponse, state: RequestState, stats: StatsCollector, log: (line: string) => void): void {
  if (state.tracked) return;
  state.tracked = true;
  res.once('close', () => {
    const finished = res.writableFinished && !state.dropped;
    if (finished && state.api) stats.status(res.statusCode);
    const ms = Math.round(performance.now() - state.startedAt);
    log(formatLogLine(req.method ?? '-', req.url ?? '-', finished ? res.statusCode : 'dropped', ms, state.note));
  });
}
