/**
 * Renders the plan breakdown (bench/plan-breakdown.ts) as the Markdown subsection 2b of
 * bench/RESULTS.md: the floor of any Node.js provider next to each plan's target, where the traced
 * plans' wall time went, and what `TF_LOG=trace` itself costs.
 */
import { formatMs, formatRatio, median } from './measure';
import { CHEAP_REPEATS, PIPELINES_PER_READ, readsFloor, type BreakdownScenario, type BreakdownScenarioName, type PlanBreakdownResult } from './plan-breakdown';
import { describeCalls, LAUNCH_PHASES, type LaunchPhases } from './trace-log';

/** The anchor text the summary points to. */
export const BREAKDOWN_TITLE = '2b. Where a small plan\'s time goes, and the floor of a Node.js provider';

const PHASE_LABELS: Record<keyof LaunchPhases, string> = {
  execToHandshake: 'exec → handshake line',
  handshakeToFirstCall: 'handshake → first call received (Terraform connects over mutual TLS)',
  calls: 'calls: the provider\'s work and Terraform\'s walk between calls',
  apiWait: 'waiting on the API',
  closeToExit: '`Close` (Shutdown) → process exit',
};

/** A human name of a scenario. */
export function scenarioLabel(s: Pick<BreakdownScenario, 'name' | 'count'>): string {
  return s.name === 'plan1' ? 'plan (empty state), N = 1' : `no-op plan, N = ${s.count}`;
}

/** Median of the numbers, or undefined for none. */
function med(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : median(values);
}

function cell(ms: number | undefined): string {
  return ms === undefined ? '—' : formatMs(ms);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The spread of the per-round floor ratios, `4.20×–5.50×`: the floor moves with the machine's load. */
export function floorRange(s: BreakdownScenario): string {
  const ratios = s.floor.map((f, i) => f / s.terraformData[i]);
  return `${formatRatio(Math.min(...ratios))}–${formatRatio(Math.max(...ratios))}`;
}

/** The scenario of `name`, if measured. */
export function breakdownScenario(result: PlanBreakdownResult, name: BreakdownScenarioName): BreakdownScenario | undefined {
  return result.scenarios.find((s) => s.name === name);
}

/**
 * The floor ratio of a no-op plan of `count` pipelines from another section's `terraform_data`
 * median (an estimate: the breakdown measured only N = 1 and its own N): `terraform_data` + the
 * breakdown's 3 × `node -e 0` + ⌈N / parallelism⌉ reads, over `terraform_data`.
 */
export function estimatedNoopFloor(result: PlanBreakdownResult, count: number, terraformDataMs: number): FloorRatios {
  const strict = terraformDataMs + median(result.threeNodeLaunches);
  return { floorRatio: (strict + readsFloor(count, result.readMs)) / terraformDataMs, strictFloorRatio: strict / terraformDataMs, estimate: true };
}

/** `2b`: the subsection's number, as the summary cites it. */
export const BREAKDOWN_REF = BREAKDOWN_TITLE.split('.')[0];

/** A floor: with the reads as the provider measured them, and without them (the strict floor). */
export interface FloorRatios {
  readonly floorRatio: number;
  readonly strictFloorRatio: number;
  /** Estimated from another section's `terraform_data` time rather than measured in the same rounds. */
  readonly estimate?: boolean;
}

/** Whether a target is below the floor: `strict` (even without reads), `reads` (only with the reads as measured), or `no`. */
export function belowFloor(f: FloorRatios, target: number): 'strict' | 'reads' | 'no' {
  return f.strictFloorRatio > target ? 'strict' : f.floorRatio > target ? 'reads' : 'no';
}

/** The status note of a missed summary row: the floor, and whether the target is below it. */
export function floorNote(f: FloorRatios, target: number): string {
  const r = (x: number): string => `${f.estimate ? '≈ ' : ''}${formatRatio(x)}`;
  const both = f.floorRatio === f.strictFloorRatio ? r(f.floorRatio) : `${r(f.floorRatio)}, ${r(f.strictFloorRatio)} without the reads`;
  const verdict = belowFloor(f, target);
  if (verdict === 'strict') return `; the target is below the floor of any Node.js provider (${both}), see ${BREAKDOWN_REF}`;
  if (verdict === 'reads') return `; below the floor only if the reads cost what they cost now (floor ${both}), see ${BREAKDOWN_REF}`;
  return `; floor ${both}, see ${BREAKDOWN_REF}`;
}

/**
 * Renders subsection 2b.
 *
 * @param targets the target ratio of each scenario that has one (`plan1`: ≤ 4×; `noopN` when its
 *   N is 100: ≤ 2×).
 */
export function renderPlanBreakdown(result: PlanBreakdownResult, targets: Partial<Record<BreakdownScenarioName, number>>): string {
  const three = median(result.threeNodeLaunches);
  const scenarios = result.scenarios;
  const out: string[] = [
    `### ${BREAKDOWN_TITLE}`,
    '',
    `In ${result.reps} rotating round(s), each plan against a fresh emulator of its own (in the benchmark's process), each of these plans ran three ways: on our provider with \`TF_LOG=trace\` and \`TF_LOG_PATH\` (the log read into the breakdown below), on our provider without a log, and on \`terraform_data\` without a log (for N = 1 ${CHEAP_REPEATS} times, their median); in the same rounds, three \`node -e 0\` in a row (${CHEAP_REPEATS} times, their median) (what the three launches of a plan cost at the very least: schema launch, validate walk, plan walk). The provider is the release package \`integrateio provider install\` installs (as in section 2). ` +
      `The **floor** of any Node.js provider is \`terraform_data\` + 3 × \`node -e 0\` (${formatMs(three)} in this run) + for a no-op plan the reads it cannot avoid: ⌈N / ${PIPELINES_PER_READ}⌉ reads one after the other (a page of the list answers ${PIPELINES_PER_READ} pipelines) of ${formatMs(result.readMs)} (the median duration the provider logged for its reads in the traced no-op plans of N = ${breakdownScenario(result, 'noopN')?.count ?? '?'}, i.e. under that concurrency, with Terraform, the provider and the emulator sharing the machine: not a strict bound, so the floor without the reads is shown too). Ratios are medians of the per-round ratios. The floor ratio moves with the machine's load (a loaded machine slows Terraform's own plan more than \`node -e 0\`), so a verdict near the target needs a quiet machine.`,
    '',
    table(
      ['plan', '`terraform_data`', 'our provider', 'ratio', 'floor (`terraform_data` + 3 × `node -e 0` + reads)', 'floor ratio (without the reads)', 'target', 'verdict'],
      scenarios.map((s) => {
        const target = targets[s.name];
        const below = target === undefined ? 'no' : belowFloor(s, target);
        const verdict =
          target === undefined
            ? '(no target at this N)'
            : below === 'strict'
              ? `**target below the floor** (${formatRatio(s.strictFloorRatio)} > ${formatRatio(target)} even without reads)`
              : below === 'reads'
                ? `below the floor only with the reads as measured (${formatRatio(s.floorRatio)}; ${formatRatio(s.strictFloorRatio)} without them)`
                : s.ratio <= target
                  ? 'met'
                  : `reachable in principle: ${formatRatio(s.ratio)} now, floor ${formatRatio(s.floorRatio)}`;
        return [
          scenarioLabel(s),
          formatMs(median(s.terraformData)),
          formatMs(median(s.untraced)),
          formatRatio(s.ratio),
          `${formatMs(median(s.floor))}${s.readsFloorMs > 0 ? ` (reads ${formatMs(s.readsFloorMs)})` : ''}`,
          `**${formatRatio(s.floorRatio)}**${s.noop ? ` (${formatRatio(s.strictFloorRatio)})` : ''}, rounds ${floorRange(s)}`,
          target === undefined ? '—' : `≤ ${target}×`,
          verdict,
        ];
      }),
    ),
    '',
    'Where the traced plans\' wall time went (medians over the rounds, so a column\'s parts add up to its total only roughly; in every single run they add up exactly). Terraform\'s own work is the wall time when no provider process was running (before the first launch, between launches, after the last); each launch runs from `starting plugin` to `plugin process exited` in Terraform\'s log:',
    '',
  ];
  const maxLaunches = Math.max(0, ...scenarios.flatMap((s) => s.traces.map((t) => t.launches.length)));
  const rows: string[][] = [
    ['Terraform\'s own work (no provider process running)', ...scenarios.map((s) => cell(med(s.traces.map((t) => t.terraformOwnMs))))],
    [`of which: reading the installed provider package (${result.packageBytes === undefined ? '' : `${(result.packageBytes / 1024 ** 2).toFixed(0)} MiB, `}hashed against the lock file; after \`providercache.fillMetaCache\`)`, ...scenarios.map((s) => cell(med(s.traces.flatMap((t) => (t.packageCheckMs === undefined ? [] : [t.packageCheckMs])))))],
  ];
  for (let k = 0; k < maxLaunches; k++) {
    rows.push([`**launch ${k + 1}**: calls`, ...scenarios.map((s) => describeCalls(s.traces.find((t) => t.launches[k])?.launches[k].calls ?? []))]);
    for (const phase of LAUNCH_PHASES) {
      rows.push([`launch ${k + 1}: ${PHASE_LABELS[phase]}`, ...scenarios.map((s) => cell(med(s.traces.flatMap((t) => (t.launches[k] ? [t.launches[k].phases[phase]] : [])))))]);
    }
  }
  rows.push(['all launches: exec → handshake', ...scenarios.map((s) => cell(med(s.traces.map((t) => t.launches.reduce((sum, l) => sum + l.phases.execToHandshake, 0)))))]);
  rows.push(['all launches: exec → exit', ...scenarios.map((s) => cell(med(s.traces.map((t) => t.totalMs - t.terraformOwnMs))))]);
  rows.push(['**wall time, traced**', ...scenarios.map((s) => `**${cell(med(s.traces.map((t) => t.totalMs)))}**`)]);
  rows.push(['API responses (median duration)', ...scenarios.map((s) => {
    const t = s.traces.at(-1);
    if (!t || t.apiResponses.length === 0) return 'none';
    const byRoute = new Map<string, number[]>();
    for (const r of t.apiResponses) byRoute.set(r.route, [...(byRoute.get(r.route) ?? []), r.ms]);
    return [...byRoute].map(([route, ms]) => `\`${route}\` ×${ms.length} (${formatMs(median(ms))})`).join(', ');
  })]);
  rows.push(['API requests in flight on average while any is (sum of their durations / waiting time)', ...scenarios.map((s) => {
    const perTrace = s.traces.flatMap((t) => {
      const waiting = t.launches.reduce((sum, l) => sum + l.phases.apiWait, 0);
      return waiting > 0 ? [t.apiResponses.reduce((sum, r) => sum + r.ms, 0) / waiting] : [];
    });
    return perTrace.length === 0 ? '—' : `${median(perTrace).toFixed(1)} (\`-parallelism=${result.parallelism}\`)`;
  })]);
  out.push(table(['', ...scenarios.map(scenarioLabel)], rows), '');
  const tdTraced = med(result.terraformDataTraced);
  const plan1 = breakdownScenario(result, 'plan1');
  const overheads = scenarios.map((s) => ({ label: scenarioLabel(s), ratio: (med(s.traces.map((t) => t.totalMs)) ?? NaN) / median(s.untraced) }));
  if (tdTraced !== undefined && plan1) overheads.push({ label: '`terraform_data` plan, N = 1', ratio: tdTraced / median(plan1.terraformData) });
  const noise = overheads.every((o) => o.ratio >= 0.8 && o.ratio <= 1.25);
  out.push(
    `\`TF_LOG=trace\`'s own cost (median traced / median untraced, same rounds): ${overheads.map((o) => `${o.label} ${formatRatio(o.ratio)}`).join('; ')}. ${noise ? 'Within this run\'s noise: the traced parts stand for an untraced plan.' : 'Beyond ±20% (or the machine was noisy): read the parts above as shares of the traced plan rather than as untraced times.'}`,
    '',
  );
  const notes = [...new Set(scenarios.flatMap((s) => s.traces.flatMap((t) => t.notes.map((n) => `${scenarioLabel(s)}: ${n}`))))];
  out.push(notes.length === 0 ? 'Every log line the breakdown reads was found in every traced plan.' : `Lines the breakdown did not find (the phase is folded into its neighbour):\n\n${notes.map((n) => `- ${n}`).join('\n')}`, '');
  return out.join('\n');
}

/**
 * One paragraph for a missed target's analysis: where the traced plan's time went and how its
 * floor compares with the target. Empty when the scenario was not measured.
 */
/**
 * Splits the gap between the provider's plan and the floor into what every command with this
 * package pays whatever N is (the package check, start-up beyond `node -e 0`, the mutual-TLS
 * connects, the exits) and the rest (the plan launch's calls), and says where the fixed part
 * alone puts the ratio against the target.
 */
function gapSentence(result: PlanBreakdownResult, s: BreakdownScenario, target: number): string {
  const sum = (t: BreakdownScenario['traces'][number], p: keyof LaunchPhases): number => t.launches.reduce((total, l) => total + l.phases[p], 0);
  const med = (pick: (t: BreakdownScenario['traces'][number]) => number): number => median(s.traces.map(pick));
  const packageCheck = med((t) => t.packageCheckMs ?? 0);
  const startBeyond = Math.max(0, med((t) => sum(t, 'execToHandshake')) - median(result.threeNodeLaunches));
  const connects = med((t) => sum(t, 'handshakeToFirstCall'));
  const exits = med((t) => sum(t, 'closeToExit'));
  const fixed = packageCheck + startBeyond + connects + exits;
  const terraformData = median(s.terraformData);
  const gap = median(s.untraced) - median(s.floor);
  const practical = (median(s.floor) + fixed) / terraformData;
  return `Of the ${formatMs(gap)} between the provider's plan and the floor, ${formatMs(fixed)} are paid by every command whatever N is: Terraform reading the package ${formatMs(packageCheck)}, start-up beyond \`node -e 0\` ${formatMs(startBeyond)}, the mutual-TLS connects ${formatMs(connects)} and the exits ${formatMs(exits)} (traced medians). With only these, and nothing at all per pipeline, the ratio would be **${formatRatio(practical)}**${practical > target ? `, already above the target ≤ ${target}×: it needs a faster start-up than row 1 asks for, or a package Terraform reads faster, before any work per pipeline counts` : ''}. The rest, about ${formatMs(Math.max(0, gap - fixed))}, is the plan launch's calls (4 per pipeline over gRPC), against \`terraform_data\`'s walk inside Terraform.`;
}

export function breakdownParagraph(result: PlanBreakdownResult, name: BreakdownScenarioName, target: number): string {
  const s = breakdownScenario(result, name);
  if (!s || s.traces.length === 0) return '';
  const m = (pick: (t: BreakdownScenario['traces'][number]) => number): string => formatMs(median(s.traces.map(pick)));
  const phase = (p: keyof LaunchPhases): string => m((t) => t.launches.reduce((sum, l) => sum + l.phases[p], 0));
  const launches = median(s.traces.map((t) => t.launches.length));
  const checks = s.traces.flatMap((t) => (t.packageCheckMs === undefined ? [] : [t.packageCheckMs]));
  const packageCheck = checks.length === 0 ? '' : ` (of which ${formatMs(median(checks))} reading the installed provider package${result.packageBytes === undefined ? '' : ` of ${(result.packageBytes / 1024 ** 2).toFixed(0)} MiB`}, which Terraform hashes against the lock file at every command: a cost of the package's size, not of Node.js, and not in the floor)`;
  const below = belowFloor(s, target);
  const verdict =
    below === 'strict'
      ? `The floor of any Node.js provider (\`terraform_data\` + 3 × \`node -e 0\`${s.noop ? `, even before its reads` : ''}) is **${formatRatio(s.strictFloorRatio)}**, above the target ≤ ${target}×: no Node.js provider can meet it on this machine; the target would have to be at least the floor, or be set on something other than a ratio to Terraform's built-in \`terraform_data\`.`
      : below === 'reads'
        ? `The floor of any Node.js provider is **${formatRatio(s.floorRatio)}** with the reads as the provider measured them under load (${formatRatio(s.strictFloorRatio)} without them), so the target ≤ ${target}× is reachable only if the reads themselves got faster.`
        : `The floor of any Node.js provider is ${formatRatio(s.floorRatio)} (${formatRatio(s.strictFloorRatio)} without the reads), under the target ≤ ${target}×: the gap between ${formatRatio(s.ratio)} and the floor is the provider's own (start-up beyond \`node -e 0\`, its calls, Close → exit), and the package check when the package is large. ${gapSentence(result, s, target)}`;
  return `**Measured breakdown (${BREAKDOWN_REF}, ${scenarioLabel(s)}, traced, medians):** of ${m((t) => t.totalMs)}, Terraform's own work took ${m((t) => t.terraformOwnMs)}${packageCheck} and the ${launches} provider launches ${m((t) => t.totalMs - t.terraformOwnMs)}: exec → handshake ${phase('execToHandshake')}, handshake → first call ${phase('handshakeToFirstCall')}, calls ${phase('calls')}, waiting on the API ${phase('apiWait')}, Close → exit ${phase('closeToExit')}. ${verdict}`;
}

/**
 * The levers the breakdown shows besides the start-up (for a missed target's analysis), from the
 * measured medians. Empty when the scenario was not measured.
 */
export function leversParagraph(result: PlanBreakdownResult, name: BreakdownScenarioName): string {
  const s = breakdownScenario(result, name);
  if (!s || s.traces.length === 0) return '';
  const levers: string[] = [];
  const checks = s.traces.flatMap((t) => (t.packageCheckMs === undefined ? [] : [t.packageCheckMs]));
  if (checks.length > 0) {
    levers.push(`a smaller release package: Terraform reads and hashes the installed package at every command (${formatMs(median(checks))} here${result.packageBytes === undefined ? '' : ` for ${(result.packageBytes / 1024 ** 2).toFixed(0)} MiB`}; the 1 MiB portable package took about 1 ms in a separate \`terraform validate\` trace, 2026-12-01; but plans with the portable package measured equal to the single executable's within the noise, its slower start paying back the hash, so this is no lever on its own)`);
  }
  const phaseOf = (k: number, p: keyof LaunchPhases): number[] => s.traces.flatMap((t) => (t.launches[k] ? [t.launches[k].phases[p]] : []));
  const last = Math.max(0, ...s.traces.map((t) => t.launches.length)) - 1;
  if (last > 0) {
    const lastExit = median(phaseOf(last, 'closeToExit'));
    const firstExit = median(phaseOf(0, 'closeToExit'));
    if (lastExit > 3 * Math.max(firstExit, 5)) levers.push(`a prompt exit after \`Shutdown\` in the plan launch: ${formatMs(lastExit)} from \`Close\` to exit there, ${formatMs(firstExit)} in the schema launch (lib/provider)`);
  }
  const inFlight = s.traces.flatMap((t) => {
    const waiting = t.launches.reduce((sum, l) => sum + l.phases.apiWait, 0);
    return waiting > 0 && t.apiResponses.length >= result.parallelism ? [t.apiResponses.reduce((sum, r) => sum + r.ms, 0) / waiting] : [];
  });
  if (inFlight.length > 0 && median(inFlight) < result.parallelism / 2) {
    levers.push(`more reads in flight: ${median(inFlight).toFixed(1)} on average while waiting, of the ${result.parallelism} Terraform allows, so something other than the API paces the reads: the provider's work between calls (one thread) or Terraform's walk, both on 2 shared cores`);
  }
  const validates = s.traces.at(-1)?.apiResponses.filter((r) => r.route === 'POST /pipelines/validate') ?? [];
  if (validates.length > 0) levers.push(`the remote validation at plan (${validates.length} \`POST /pipelines/validate\`, ${formatMs(median(validates.map((r) => r.ms)))})`);
  return levers.length === 0 ? '' : `**Other levers the breakdown shows:** ${levers.map((l, i) => `(${i + 1}) ${l}`).join('; ')}.`;
}
