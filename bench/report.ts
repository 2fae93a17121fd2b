/**
 * Renders the benchmark results as Markdown (bench/RESULTS.md): the machine and versions, a
 * summary of every figure against its target, the details, and, for each missed target, what
 * limits it and what would fix it.
 */
import type { RequestCountResult } from './request-counts';
import type { ShortcutResult } from './shortcut';
import type { StartupResult } from './startup';
import type { SynthResult } from './synth';
import type { ScaleResult } from './terraform-scale';
import { OPERATION_LABELS } from './terraform-scale';
import type { ThroughputResult } from './emulator-throughput';
import { formatMs, formatRatio, meets, type PairedSummary, type TargetCheck } from './measure';

/** The machine the benchmarks ran on. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  /** 1-minute load average when the run started and when it ended. */
  readonly loadAverage: readonly [number, number];
}

/** Versions of what was measured. */
export interface VersionInfo {
  readonly node: string;
  readonly terraform: string;
  readonly package: string;
  readonly cdktf: string;
  /** The git commit of the working tree (with `+dirty` when it had local changes). */
  readonly commit: string;
}

/** Everything one `npm run bench` measured. A section that failed holds its error instead. */
export interface BenchResults {
  readonly mode: 'full' | 'quick';
  readonly date: string;
  readonly durationMs: number;
  readonly machine: MachineInfo;
  readonly versions: VersionInfo;
  readonly parallelism: number;
  readonly startup?: StartupResult;
  readonly scale?: readonly ScaleResult[];
  readonly shortcut?: ShortcutResult;
  readonly requestCounts?: RequestCountResult;
  readonly synth?: SynthResult;
  readonly throughput?: ThroughputResult;
  /** Sections that failed or were skipped, with why. */
  readonly problems: readonly { readonly section: string; readonly message: string }[];
}

/** A figure of the summary table. */
export interface Figure {
  /** Which of the brief's figures (1-6). */
  readonly id: string;
  readonly name: string;
  readonly baseline: string;
  readonly subject: string;
  readonly ratio: string;
  readonly target: string;
  /** undefined when the figure has no target. */
  readonly met?: boolean;
}

const STATUS = (met: boolean | undefined): string => (met === undefined ? '—' : met ? '✅ met' : '❌ missed');

function pairCells(s: PairedSummary): { baseline: string; subject: string; ratio: string } {
  return {
    baseline: formatMs(s.baselineMedian),
    subject: formatMs(s.subjectMedian),
    ratio: `**${formatRatio(s.ratio)}** (${formatRatio(s.ratioRange[0])}–${formatRatio(s.ratioRange[1])}, ${s.runs} runs)`,
  };
}

/** The target checks of a result set, by figure id (only the figures that were measured). */
export function targetChecks(results: BenchResults): Record<string, TargetCheck> {
  const checks: Record<string, TargetCheck> = {};
  if (results.startup) checks.startup = { value: results.startup.ratio, target: 1.5, kind: 'max' };
  const largest = results.scale?.[results.scale.length - 1];
  const noop = largest?.operations.find((o) => o.operation === 'noop-plan');
  if (noop) checks.noopPlan = { value: noop.ratio, target: 2, kind: 'max' };
  if (results.shortcut) checks.shortcut = { value: results.shortcut.apply.ratio, target: 5, kind: 'min' };
  if (results.synth) checks.synth = { value: results.synth.ratio, target: 1.5, kind: 'max' };
  return checks;
}

/** The summary table's rows. */
export function figures(results: BenchResults): Figure[] {
  const checks = targetChecks(results);
  const rows: Figure[] = [];
  if (results.startup) {
    rows.push({ id: '1', name: 'Provider start-up: exec → handshake line, vs `node -e 0` (as `integrateio provider install` installs it)', ...pairCells(results.startup), target: '≤ 1.5×', met: meets(checks.startup) });
    if (results.startup.bundled) {
      rows.push({ id: '1b', name: 'the same, with the opt-in esbuild bundle (`installProvider({ bundle: true })`, needs esbuild)', ...pairCells(results.startup.bundled), target: '(for information)' });
    }
  }
  const largest = results.scale?.[results.scale.length - 1];
  const noop = largest?.operations.find((o) => o.operation === 'noop-plan');
  if (largest && noop) {
    const note = largest.count === 500 ? '' : ` (target is set at N = 500; this run's largest N is ${largest.count})`;
    rows.push({ id: '2', name: `No-op plan of N = ${largest.count} pipelines vs N \`terraform_data\`${note}`, ...pairCells(noop), target: '≤ 2×', met: meets(checks.noopPlan) });
  }
  if (results.shortcut) {
    const s = results.shortcut.apply;
    rows.push({
      id: '3',
      name: `Apply of N = ${results.shortcut.count}: \`local-exec\` shortcut (subject) vs our provider (baseline); ratio = how many times faster the provider is`,
      baseline: formatMs(s.baselineMedian),
      subject: formatMs(s.subjectMedian),
      ratio: `**${formatRatio(s.ratio)}** (${formatRatio(s.ratioRange[0])}–${formatRatio(s.ratioRange[1])}, ${s.runs} runs)`,
      target: '≥ 5×',
      met: meets(checks.shortcut),
    });
  }
  if (results.requestCounts) {
    for (const check of results.requestCounts.checks) {
      rows.push({ id: '4', name: `Requests, N = ${results.requestCounts.count}: ${check.name}`, baseline: '', subject: String(check.value), ratio: '(count)', target: check.bound, met: check.pass });
    }
  }
  if (results.synth) {
    rows.push({ id: '5', name: `Synth of ${results.synth.count} \`Pipeline\`s vs ${results.synth.count} plain \`TerraformResource\`s`, ...pairCells(results.synth), target: '≤ 1.5×', met: meets(checks.synth) });
  }
  if (results.throughput) {
    for (const e of results.throughput.endpoints) {
      rows.push({
        id: '6',
        name: `Emulator \`${e.endpoint}\`, ${results.throughput.concurrency} clients: req/s vs bare \`node:http\` (ratio = emulator / bare)`,
        baseline: `${Math.round(e.baselineMedian)} req/s`,
        subject: `${Math.round(e.subjectMedian)} req/s`,
        ratio: `**${e.ratio.toFixed(2)}** (${e.ratioRange[0].toFixed(2)}–${e.ratioRange[1].toFixed(2)}, ${e.runs} runs)`,
        target: 'none set',
      });
    }
  }
  return rows;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function scaleSection(scale: readonly ScaleResult[], parallelism: number): string {
  const parts = [
    '## 2. Terraform at scale: our provider vs `terraform_data`',
    '',
    `Each N against a fresh emulator (in-process, \`:memory:\`); the sequence plan (empty state) → apply → no-op plan (\`-detailed-exitcode\`) → apply after every definition file changed (\`frequency\` 5 → 15) → destroy, run alternately on N \`integrateio_pipeline\` and on N \`terraform_data\` resources whose \`input\` is the same \`yamldecode(file(...))\` document. Every command with \`-parallelism=${parallelism}\`. Times are wall time of the \`terraform\` process; the ratio is the median of per-repetition ratios. Requests are the emulator's counts for that command (last repetition).`,
    '',
  ];
  for (const s of scale) {
    parts.push(`### N = ${s.count} (${s.reps} repetitions${s.noopPlansClean ? '' : '; ⚠️ a no-op plan was NOT clean: perpetual diff'})`, '');
    parts.push(
      table(
        ['command', '`terraform_data`', 'integrateio provider', 'ratio (range)', 'API requests: reads / writes / validates (total)'],
        s.operations.map((o) => {
          const c = pairCells(o);
          return [OPERATION_LABELS[o.operation], c.baseline, c.subject, c.ratio, `${o.requests.reads} / ${o.requests.writes} / ${o.requests.validates} (${o.requests.total})`];
        }),
      ),
      '',
    );
  }
  return parts.join('\n');
}

function countsSection(counts: RequestCountResult): string {
  const routes = (byRoute: Record<string, number>): string =>
    Object.entries(byRoute)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, n]) => `\`${route}\` ×${n}`)
      .join(', ') || 'none';
  return [
    `## 4. API requests per operation (N = ${counts.count}, counted by the emulator)`,
    '',
    `${counts.count} pipelines created with \`terraform apply\`; then a no-op \`terraform plan\`${counts.noopPlanClean ? ' ("No changes")' : ' (⚠️ it was NOT clean)'}; then one definition file changed and \`terraform apply\`. These are deterministic counts: the smoke test asserts the same bounds.`,
    '',
    table(
      ['check', 'count', 'bound', 'result'],
      counts.checks.map((c) => [c.name, String(c.value), c.bound, c.pass ? 'PASS' : 'FAIL']),
    ),
    '',
    `- no-op plan: ${routes(counts.noopPlan.byRoute)}`,
    `- apply of 1 changed: ${routes(counts.oneChangedApply.byRoute)}`,
    '',
  ].join('\n');
}

/**
 * What limits each target when it is missed, and what would fix it, written from profiles of this
 * code (`node --cpu-prof`, the start-up breakdown, `TF_LOG=trace` timestamps, the emulator's
 * request counts) and filled in with this run's figures. Shown only for targets this run missed.
 */
export const MISS_ANALYSIS: Record<string, (results: BenchResults) => string> = {
  startup: (r) => {
    const s = r.startup!;
    const stages = s.breakdown ?? [];
    const ms = (name: string): number => stages.find((b) => b.stage.includes(name))?.ms ?? 0;
    const own = s.subjectMedian - s.baselineMedian;
    const total = stages.reduce((sum, b) => sum + b.ms, 0);
    const heavyShare = total > 0 ? (ms('`zod`') + ms('`yaml`')) / total : 0;
    const projected = (s.baselineMedian + own * (1 - heavyShare)) / s.baselineMedian;
    return [
      `### 1. Provider start-up: ${formatRatio(s.ratio)}, target ≤ 1.5×`,
      '',
      `**What limits it:** loading modules before the handshake. The provider adds ${formatMs(own)} to Node.js's own boot (${formatMs(s.baselineMedian)}); in the breakdown above, \`zod\` and \`yaml\` alone are ${(100 * heavyShare).toFixed(0)}% of that work. Neither is needed to answer the handshake or \`GetProviderSchema\`: they are loaded because \`lib/provider/resources\` imports \`lib/definition\` (\`validateDefinition\`, \`definitionsEqual\`) and \`lib/api\` (whose client imports \`lib/definition\` too) at the top, and \`lib/definition/canonical.ts\` imports \`yaml\`'s \`stringify\` at the top although only the canonical *YAML* output uses it. The protocol layer (\`node:http2\`, \`node:tls\`) and the certificate are small by comparison.`,
      '',
      '**What would fix it (in lib/, not in the benchmark):**',
      '1. `lib/definition/canonical.ts`: require `yaml` inside the function that writes YAML; the provider and the API client only need canonical JSON.',
      '2. `lib/provider/resources`: load `lib/definition` (and with it `zod`) on first use, i.e. on the first `ValidateResourceConfig` / `PlanResourceChange` that has a definition to check, not at start. The schema-only launch that begins every command (1 of the 3 to 5 launches of a plan, apply or destroy) then never loads `zod`, and the others load it after the handshake.',
      s.bundled
        ? `3. The installer's opt-in esbuild bundle measured ${formatRatio(s.bundled.ratio)} in this run: it saves resolving and reading dozens of files, not evaluating \`zod\` and \`yaml\`. It is not what \`integrateio provider install\` does (esbuild is only a development dependency); shipping the bundle prebuilt in the package would make it the default. Further: start the provider from a Node.js start-up snapshot (\`node --build-snapshot\`; the wrapper then runs \`node --snapshot-blob provider.blob\`) so that nothing is compiled or evaluated at each launch.`
        : '3. Beyond that: ship the provider as one prebuilt bundle (esbuild) and start it from a Node.js start-up snapshot (`node --build-snapshot`; the wrapper then runs `node --snapshot-blob provider.blob`), so that nothing is compiled or evaluated at each launch.',
      '',
      `With 1 and 2, taking that share off the provider's own ${formatMs(own)}, the ratio would be about ${formatRatio(projected)} on this run's figures.`,
    ].join('\n');
  },
  noopPlan: (r) => {
    const largest = r.scale![r.scale!.length - 1];
    const noop = largest.operations.find((o) => o.operation === 'noop-plan')!;
    const startupMs = r.startup?.subjectMedian;
    return [
      `### 2. No-op plan of N = ${largest.count}: ${formatRatio(noop.ratio)}, target ≤ 2×`,
      '',
      `**What limits it:** a plan launches the provider 3 times (schema, validate, plan)${startupMs ? `, each paying the start-up of figure 1 (${formatMs(startupMs)} here)` : ''}, which \`terraform_data\` never pays; this fixed cost dominates at small N. Then each pipeline's refresh (\`ReadResource\`) makes two API requests one after the other (\`GET /pipelines/{id}\`, then \`GET /pipelines/{id}/definition\`), ${noop.requests.reads} reads in all, ${PARALLELISM_NOTE}.`,
      '',
      '**What would fix it (lib/):** the start-up fixes of figure 1; in `lib/provider/resources/pipeline-resource.ts` `read()`, issue the two GETs concurrently (`Promise.all`), halving the refresh latency per pipeline.',
    ].join('\n');
  },
  shortcut: (r) => {
    const s = r.shortcut!;
    const scale = r.scale?.find((x) => x.count === s.count);
    const apply = scale?.operations.find((o) => o.operation === 'apply');
    return [
      `### 3. Shortcut vs provider, apply of N = ${s.count}: ${formatRatio(s.apply.ratio)}, target ≥ 5×`,
      '',
      `**What limits it:** the shortcut costs one Node.js process per pipeline (the CLI boots, loads its modules, lists every live pipeline to find one by name, then creates), ten at a time; on 2 cores these processes are CPU-bound. Our provider's apply costs 4 provider launches (figure 1), then per pipeline a validate call in the plan, another in the apply-time re-plan (figure 4) and the create${apply ? ` (${apply.requests.validates} validates and ${apply.requests.writes} writes for N = ${s.count} in section 2)` : ''}, ten at a time through one provider process.`,
      '',
      '**What would fix it (lib/):** validating each definition once per apply (figure 4) removes N of the 3N requests; the start-up fixes of figure 1 shorten each of the 4 launches.',
    ].join('\n');
  },
  synth: (r) => {
    const s = r.synth!;
    return [
      `### 5. Synthesis of ${s.count} \`Pipeline\`s: ${formatRatio(s.ratio)}, target ≤ 1.5×`,
      '',
      `**What limits it:** most of the difference is already there with the generated L1 resource the construct wraps (${formatRatio(s.l1.ratio)} of the plain resource in this run). A CPU profile (\`node --cpu-prof\` of \`node dist/bench/synth.js pipeline 1000\`) shows where: the generated class's field initialisers build the whole \`PipelineDefinitionOutputReference\` tree (definition, source, source.connection, destination, destination.connection, sync, tables, transformations, hooks) for every resource, and each of those cdktf \`ComplexResolvable\`s captures a full stack trace (\`captureStackTrace\` with \`Error.stackTraceLimit = MAX_SAFE_INTEGER\`); then \`Pipeline\`'s constructor reads \`resource.id\`, \`.status\` and \`.observedState\` eagerly, three more tokens with stack traces. Garbage collection of those stack strings is the largest single item of the profile. The construct's own work (building the document, validating it with \`zod\`, the \`Lazy\` value) is a smaller part.`,
      '',
      '**What would fix it (lib/constructs, not the benchmark):**',
      '1. `lib/constructs/pipeline.ts`: make `pipelineId`, `pipelineStatus` and `pipelineObservedState` getters that read `this.resource.…` when asked, instead of fields set in the constructor.',
      '2. Have `Pipeline` create a small hand-written `TerraformResource` subclass for `integrateio_pipeline` (it already renders the whole `definition` itself through `Lazy`, so it needs none of the generated output references), or post-process the generated bindings (scripts/generate-bindings.js) so that output references are created on first access (`get definition() { return (this._definition ??= new …) }`).',
    ].join('\n');
  },
  requestCounts: (r) => {
    const c = r.requestCounts!;
    return [
      `### 4. Requests: an apply of one changed pipeline makes ${c.oneChangedApply.validates} validate calls, bound ≤ 1`,
      '',
      '**What limits it:** the provider validates a changed definition remotely in `modifyPlan` (`PlanResourceChange`). Terraform calls `PlanResourceChange` for a changed resource twice in one `terraform apply`: once while planning, and again during the apply (Terraform re-plans every changed instance with the final configuration before `ApplyResourceChange`). The two calls run in two different provider processes (an apply launches the provider 4 times), and the re-plan gets the *state’s* private data as `prior_private`, not the plan’s, so nothing the first call remembers reaches the second.',
      '',
      '**What would fix it (lib/provider/resources):** skip the remote validation when the same document was validated moments ago for the same target: e.g. a small cache file in the working directory (the provider runs with Terraform’s working directory as its cwd, e.g. `.terraform/integrateio-validated.json`) keyed by account, pipeline id (or "new") and the SHA-256 of the canonical document, with a short lifetime (minutes). The create/update request itself is validated by the API anyway, so the second call adds no safety. Alternatively, accept 2 and set the bound to ≤ 2 per changed pipeline.',
    ].join('\n');
  },
};

const PARALLELISM_NOTE = 'ten at a time with `-parallelism=10`';

/** Renders the whole report. */
export function renderReport(results: BenchResults): string {
  const m = results.machine;
  const v = results.versions;
  const out: string[] = [
    '# Benchmark results',
    '',
    `Generated by \`${results.mode === 'quick' ? 'BENCH_QUICK=1 ' : ''}npm run bench\` (bench/run.ts) on ${results.date}, in ${(results.durationMs / 60000).toFixed(1)} min. Every figure is measured side by side with its baseline in the same run and reported as a ratio (median of the per-pair ratios; the range shows the spread); absolute medians are shown next to it only for scale: they mean little on a shared machine.`,
    '',
    '| machine | |',
    '| --- | --- |',
    `| CPU | ${m.cpuModel}, ${m.cores} cores |`,
    `| memory | ${m.memoryGiB.toFixed(1)} GiB |`,
    `| OS | ${m.os} |`,
    `| load average (1 min) at start / end | ${m.loadAverage[0].toFixed(2)} / ${m.loadAverage[1].toFixed(2)} |`,
    `| node | ${v.node} |`,
    `| terraform | ${v.terraform} |`,
    `| package | integrateio-pipelines-as-code ${v.package} (commit ${v.commit}) |`,
    `| cdktf | ${v.cdktf} |`,
    `| terraform \`-parallelism\` | ${results.parallelism} |`,
    '',
    '## Summary',
    '',
    table(
      ['#', 'figure', 'baseline', 'subject', 'ratio', 'target', 'status'],
      figures(results).map((f) => [f.id, f.name, f.baseline, f.subject, f.ratio, f.target, STATUS(f.met)]),
    ),
    '',
  ];
  if (results.problems.length > 0) {
    out.push('**Sections that did not complete:**', '', ...results.problems.map((p) => `- ${p.section}: ${p.message.split('\n')[0]}`), '');
  }
  if (results.startup) {
    const s = results.startup;
    out.push(
      '## 1. Provider start-up',
      '',
      `\`node ${s.entry.replace(/.*\/(dist\/)/, '$1')}\` with the environment Terraform gives a provider (magic cookie, \`PLUGIN_PROTOCOL_VERSIONS=6\`, a fresh \`PLUGIN_CLIENT_CERT\`), timed from spawn to the first stdout line, then killed; in rounds with \`node -e 0\` (spawn to exit)${s.bundled ? ' and the same provider bundled into one file by the installer\'s opt-in esbuild bundling' : ''}, the order rotating. One unrecorded warm-up round. Terraform pays this 3 times per plan, 4 per apply, 5 per destroy.`,
      '',
      table(['', 'median', 'samples (ms)'], [
        ['`node -e 0`', formatMs(s.baselineMedian), s.baseline.map((x) => x.toFixed(0)).join(', ')],
        ['exec → handshake (`dist/lib/provider/main.js`)', formatMs(s.subjectMedian), s.subject.map((x) => x.toFixed(0)).join(', ')],
        ['**ratio**', `**${formatRatio(s.ratio)}**`, ''],
        ...(s.bundled
          ? [
              ['exec → handshake, esbuild bundle (opt-in)', formatMs(s.bundled.subjectMedian), s.bundled.subject.map((x) => x.toFixed(0)).join(', ')],
              ['ratio, bundle', formatRatio(s.bundled.ratio), ''],
            ]
          : []),
      ]),
      '',
    );
    if (s.breakdown) {
      const total = s.breakdown.reduce((sum, b) => sum + b.ms, 0);
      out.push(
        'Where the provider\'s own start-up goes: the stages timed inside a fresh Node.js process in every round, in this order, each without what earlier stages already loaded (medians). The sum is the work the provider does before the handshake on top of booting Node.js; read the shares rather than the times, which come from a different process than the launches above:',
        '',
        table(['stage', 'median', 'share'], [
          ...s.breakdown.map((b) => [b.stage, formatMs(b.ms), `${((100 * b.ms) / total).toFixed(0)}%`]),
          ['**total before the handshake**', `**${formatMs(total)}**`, '100%'],
        ]),
        '',
      );
    }
  }
  if (results.scale) out.push(scaleSection(results.scale, results.parallelism));
  if (results.shortcut) {
    const s = results.shortcut;
    out.push(
      `## 3. The \`local-exec\` shortcut vs our provider (N = ${s.count})`,
      '',
      `N \`terraform_data\` resources, each with a \`local-exec\` provisioner running \`node bin/integrateio.js pipelines apply -f defs/p-i.yaml\` (and at destroy \`pipelines archive <id>\`), against N \`integrateio_pipeline\` resources on the same files; one fresh emulator; the two take turns. Ratio = shortcut time / provider time. The destroys are timed in the last repetition only (the shortcut's is slow; the other repetitions reset through the API).`,
      '',
      table(['command', 'our provider', 'shortcut', 'shortcut / provider'], [
        ['apply (create all)', ...Object.values(pairCells(s.apply))],
        ['destroy (archive all)', ...Object.values(pairCells(s.destroy))],
      ]),
      '',
    );
  }
  if (results.requestCounts) out.push(countsSection(results.requestCounts));
  if (results.synth) {
    const s = results.synth;
    out.push(
      `## 5. CDKTF synthesis of ${s.count} pipelines`,
      '',
      `Each synthesis in a fresh Node.js process (the three kinds take turns), timed from \`new App()\` to the end of \`app.synth()\` (module loading excluded). Subject: ${s.count} \`PipelineDefinition\` + \`Pipeline\` constructs (document built from props, validated, rendered lazily). Baseline: ${s.count} plain \`TerraformResource\`s of type \`integrateio_pipeline\` carrying the same document through \`addOverride('definition', …)\`. Both stacks have the \`IntegrateioProvider\`. Output: ${(s.bytes.pipeline / 1024).toFixed(0)} KiB vs ${(s.bytes.resource / 1024).toFixed(0)} KiB of \`cdk.tf.json\`.`,
      '',
      table(['', 'median', 'samples (ms)'], [
        ['plain `TerraformResource`s (baseline)', formatMs(s.baselineMedian), s.baseline.map((x) => x.toFixed(0)).join(', ')],
        ['`Pipeline` constructs (subject)', formatMs(s.subjectMedian), s.subject.map((x) => x.toFixed(0)).join(', ')],
        ['**ratio `Pipeline` / plain**', `**${formatRatio(s.ratio)}**`, ''],
        ['for reference: the generated L1 `integrateio_pipeline` the construct wraps (no validation)', formatMs(s.l1.median), s.l1.samples.map((x) => x.toFixed(0)).join(', ')],
        ['ratio L1 / plain', formatRatio(s.l1.ratio), ''],
      ]),
      '',
    );
  }
  if (results.throughput) {
    const t = results.throughput;
    out.push(
      '## 6. Emulator throughput',
      '',
      `${t.concurrency} concurrent clients (\`node:http\` keep-alive agent, no new dependency) in the benchmark process; the emulator (\`:memory:\`, ${t.pipelines} pipelines) and a bare \`node:http\` server answering the very same JSON bodies each in a process of their own; ${t.durationMs} ms per run, alternating. The list is one default page (50 pipelines). Ratio = emulator req/s ÷ bare req/s (1.00 would be free). On 2 cores the load generator competes with the server for CPU, which caps the bare server's figure: read the ratio as a lower bound of the emulator's share.`,
      '',
      table(
        ['endpoint', 'body', 'bare `node:http`', 'emulator', 'emulator / bare', 'errors'],
        t.endpoints.map((e) => [`\`${e.endpoint}\``, `${e.bodyBytes} B`, `${Math.round(e.baselineMedian)} req/s`, `${Math.round(e.subjectMedian)} req/s`, `${e.ratio.toFixed(2)} (${e.ratioRange[0].toFixed(2)}–${e.ratioRange[1].toFixed(2)})`, String(e.errors)]),
      ),
      '',
    );
  }
  const checks = targetChecks(results);
  const missed = Object.entries(checks).filter(([, c]) => !meets(c));
  const countFailures = results.requestCounts?.checks.filter((c) => !c.pass) ?? [];
  if (missed.length > 0 || countFailures.length > 0) {
    out.push('## Missed targets: what limits them and what would fix them', '');
    for (const [id] of missed) out.push(MISS_ANALYSIS[id] ? MISS_ANALYSIS[id](results) : `- ${id}: missed (no analysis recorded).`, '');
    if (countFailures.length > 0) {
      const known = countFailures.every((c) => c.name === 'apply of 1 changed: validate calls');
      out.push(known ? MISS_ANALYSIS.requestCounts(results) : `### 4. Requests: ${countFailures.map((c) => `${c.name} = ${c.value} (bound ${c.bound})`).join('; ')}`, '');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
