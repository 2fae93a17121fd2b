/**
 * Reads a Terraform `TF_LOG=trace` log (written with `TF_LOG_PATH`) into where the wall time of
 * one command went: Terraform's own work, and for each provider process it launched, exec → the
 * go-plugin handshake line, handshake → the first call the provider receives (Terraform's client
 * set-up and the mutual-TLS connection), the calls, the API requests the provider waits on, and
 * Close → exit.
 *
 * Terraform's trace text is incidental, not a contract: only a few lines are matched (`starting
 * plugin`, `plugin started … pid=`, `using plugin: version=`, `GRPCProvider.v6: <Call>`, the
 * provider's own `grpc: call … path=` and `API response … in N ms` lines, `plugin process exited`),
 * and when one is missing the breakdown says so in `notes` and folds that phase into its
 * neighbour instead of failing.
 */

/** The phases of one provider launch, in ms; they add up to the launch's exec → exit. */
export interface LaunchPhases {
  /** `starting plugin` → `using plugin: version=` (the handshake line was read). */
  readonly execToHandshake: number;
  /** Handshake → the first call the provider logs (Terraform connects over mutual TLS). */
  readonly handshakeToFirstCall: number;
  /** First call → `Close`, minus `apiWait`: the provider's work and Terraform's walk between calls. */
  readonly calls: number;
  /** Wall time with at least one API request of the provider outstanding (union of intervals). */
  readonly apiWait: number;
  /** `Close` (Terraform asks the provider to shut down) → `plugin process exited`. */
  readonly closeToExit: number;
}

/** The names of {@link LaunchPhases}, in order. */
export const LAUNCH_PHASES = ['execToHandshake', 'handshakeToFirstCall', 'calls', 'apiWait', 'closeToExit'] as const;

/** One provider process Terraform launched. */
export interface ProviderLaunch {
  /** ms from the command's spawn to `starting plugin`. */
  readonly startMs: number;
  /** ms from the command's spawn to the process's exit (or what stands for it, see notes). */
  readonly endMs: number;
  /** The process id, when the log gave it. */
  readonly pid?: number;
  /** Terraform's calls to this process in order (`GetProviderSchema`, `ReadResource`, …; `Close` excluded). */
  readonly calls: readonly string[];
  /** Where exec → exit went. */
  readonly phases: LaunchPhases;
  /** How many API responses the provider logged in this launch. */
  readonly apiResponses: number;
}

/** One API response the provider logged. */
export interface ApiResponse {
  /** `METHOD route`, ids replaced by `{id}`, without the query and the `/api/public/v1` prefix. */
  readonly route: string;
  /** The duration the provider logged. */
  readonly ms: number;
}

/** Where one terraform command's wall time went. */
export interface CommandTrace {
  /** Wall time of the command (spawn → exit), as measured by the caller. */
  readonly totalMs: number;
  /** `totalMs` minus the time some provider process was running: Terraform's own work. */
  readonly terraformOwnMs: number;
  /**
   * Part of Terraform's own work: from the last `providercache.fillMetaCache: including` line to
   * the next line, where Terraform reads the installed provider packages (hashing each against
   * the lock file); undefined when the log has no such line.
   */
  readonly packageCheckMs?: number;
  /** The provider processes Terraform launched, in order (3 for a plan). */
  readonly launches: readonly ProviderLaunch[];
  /** Every API response the provider logged, in order. */
  readonly apiResponses: readonly ApiResponse[];
  /** What the log lacked and how the breakdown coped (empty when every line was found). */
  readonly notes: readonly string[];
}

interface Line {
  /** ms from the spawn. */
  readonly t: number;
  readonly text: string;
}

interface OpenLaunch {
  startMs: number;
  pid?: number;
  handshake?: number;
  firstCall?: number;
  firstTerraformCall?: number;
  close?: number;
  exit?: number;
  calls: string[];
  api: [number, number][];
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:?\d\d)\s+\[[A-Z]+\]\s+(.*)$/;

/** Parses the hclog timestamp at the start of a line into epoch ms, or undefined. */
function parseLine(raw: string, spawnEpochMs: number): Line | undefined {
  const m = TIMESTAMP.exec(raw);
  if (!m) return undefined;
  const zone = m[2] === 'Z' ? 'Z' : `${m[2].slice(0, 3)}:${m[2].slice(-2)}`;
  const epoch = Date.parse(`${m[1]}${zone}`);
  if (Number.isNaN(epoch)) return undefined;
  return { t: epoch - spawnEpochMs, text: m[3] };
}

/** `GET /api/public/v1/pipelines/12?x=1` → `GET /pipelines/{id}`. */
export function apiRoute(method: string, path: string): string {
  const bare = path.split('?')[0].replace(/^\/api\/public\/v1/, '').replace(/\/\d+(?=\/|$)/g, '/{id}');
  return `${method} ${bare || '/'}`;
}

/** The total length of the union of intervals, each clipped to [from, to]. */
export function unionMs(intervals: readonly (readonly [number, number])[], from: number, to: number): number {
  const clipped = intervals.map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as const).filter(([a, b]) => b > a);
  clipped.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    if (a > end) {
      total += b - a;
      end = b;
    } else if (b > end) {
      total += b - end;
      end = b;
    }
  }
  return total;
}

/**
 * Reads a trace log into a {@link CommandTrace}.
 *
 * @param text the log file's text.
 * @param spawnEpochMs `Date.now()` just before the command was spawned (the log's clock is the
 *   same wall clock, at ms resolution).
 * @param totalMs the command's wall time, spawn → exit.
 */
export function parseTrace(text: string, spawnEpochMs: number, totalMs: number): CommandTrace {
  const notes: string[] = [];
  const launches: OpenLaunch[] = [];
  const apiResponses: ApiResponse[] = [];
  let lastT = 0;
  let requests = 0;
  let metaCacheLine: number | undefined;
  let packageCheckMs: number | undefined;
  const open = (): OpenLaunch[] => launches.filter((l) => l.exit === undefined);
  const current = (): OpenLaunch | undefined => open().at(-1);
  for (const raw of text.split('\n')) {
    const line = parseLine(raw, spawnEpochMs);
    if (!line) continue;
    const { t, text: body } = line;
    lastT = t;
    if (/\bprovidercache\.fillMetaCache: including /.test(body)) {
      metaCacheLine = t;
      continue;
    }
    if (metaCacheLine !== undefined) {
      packageCheckMs = t - metaCacheLine;
      metaCacheLine = undefined;
    }
    if (/\bprovider: starting plugin:/.test(body)) {
      launches.push({ startMs: t, calls: [], api: [] });
      continue;
    }
    const started = /\bprovider: plugin started:.*\bpid=(\d+)/.exec(body);
    if (started) {
      const launch = open().find((l) => l.pid === undefined);
      if (launch) launch.pid = Number(started[1]);
      continue;
    }
    if (/\bprovider: using plugin: version=/.test(body)) {
      const launch = open().find((l) => l.handshake === undefined);
      if (launch) launch.handshake = t;
      continue;
    }
    const exited = /\bprovider: plugin process exited:.*\bid=(\d+)/.exec(body);
    if (exited) {
      const launch = open().find((l) => l.pid === Number(exited[1])) ?? open()[0];
      if (launch) launch.exit = t;
      continue;
    }
    const call = /\bGRPCProvider\.v6: ([A-Z][A-Za-z]+)\s*$/.exec(body);
    if (call) {
      const launch = current();
      if (!launch) continue;
      if (call[1] === 'Close') launch.close ??= t;
      else {
        launch.calls.push(call[1]);
        launch.firstTerraformCall ??= t;
      }
      continue;
    }
    if (/: grpc: call:.*\bpath=\S*\/tfplugin\d+\.Provider\//.test(body)) {
      const launch = current();
      if (launch) launch.firstCall ??= t;
      continue;
    }
    if (/: API request [A-Z]+ \S+/.test(body)) {
      requests += 1;
      continue;
    }
    const response = /: API response ([A-Z]+) (\S+): \d{3} in (\d+(?:\.\d+)?) ms/.exec(body);
    if (response) {
      const ms = Number(response[3]);
      apiResponses.push({ route: apiRoute(response[1], response[2]), ms });
      current()?.api.push([t - ms, t]);
    }
  }
  if (requests !== apiResponses.length) notes.push(`${requests} \`API request\` lines but ${apiResponses.length} \`API response\` lines: requests without a response are not counted as API waits`);
  const result = launches.map((l, index): ProviderLaunch => {
    const name = `launch ${index + 1}`;
    let end = l.exit;
    if (end === undefined) {
      end = launches[index + 1]?.startMs ?? Math.min(lastT, totalMs);
      notes.push(`${name}: no \`plugin process exited\` line; its end is taken as ${index + 1 < launches.length ? 'the next launch' : 'the last line of the log'}`);
    }
    let handshake = l.handshake;
    if (handshake === undefined) notes.push(`${name}: no \`using plugin\` (handshake) line; exec → handshake is folded into the next phase`);
    let firstCall = l.firstCall;
    if (firstCall === undefined && l.firstTerraformCall !== undefined) {
      firstCall = l.firstTerraformCall;
      notes.push(`${name}: no \`grpc: call\` line of the provider; the first call is taken from Terraform's \`GRPCProvider.v6\` line`);
    } else if (firstCall === undefined) {
      notes.push(`${name}: no call at all; handshake → first call is folded into the next phase`);
    }
    let close = l.close;
    if (close === undefined) notes.push(`${name}: no \`GRPCProvider.v6: Close\` line; Close → exit is folded into the calls`);
    // Each missing mark takes the value of the one before it, so its phase is 0 and the time goes to the next phase.
    handshake ??= l.startMs;
    firstCall ??= handshake;
    close ??= end;
    const marks = [l.startMs, handshake, firstCall, close, end];
    for (let i = 1; i < marks.length; i++) marks[i] = Math.max(marks[i], marks[i - 1]);
    const apiWait = unionMs(l.api, marks[2], marks[3]);
    return {
      startMs: l.startMs,
      endMs: marks[4],
      pid: l.pid,
      calls: l.calls,
      apiResponses: l.api.length,
      phases: {
        execToHandshake: marks[1] - marks[0],
        handshakeToFirstCall: marks[2] - marks[1],
        calls: marks[3] - marks[2] - apiWait,
        apiWait,
        closeToExit: marks[4] - marks[3],
      },
    };
  });
  if (launches.length === 0) notes.push('no `starting plugin` line: no provider launch found');
  const inProvider = unionMs(result.map((l) => [l.startMs, l.endMs] as const), 0, totalMs);
  if (packageCheckMs === undefined) notes.push('no `providercache.fillMetaCache: including` line: the provider package check is not told apart');
  return { totalMs, terraformOwnMs: totalMs - inProvider, packageCheckMs, launches: result, apiResponses, notes };
}

/** The sum of a trace's parts (Terraform's own work plus every phase of every launch inside the command's wall time). */
export function breakdownSum(trace: CommandTrace): number {
  return trace.terraformOwnMs + trace.launches.reduce((sum, l) => sum + LAUNCH_PHASES.reduce((s, p) => s + l.phases[p], 0), 0);
}

/** `ReadResource ×100, PlanResourceChange ×100`: a launch's calls, counted, in first-call order. */
export function describeCalls(calls: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([c, n]) => (n > 1 ? `${c} ×${n}` : c)).join(', ') || 'no calls';
}
