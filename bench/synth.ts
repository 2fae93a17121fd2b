/**
 * CDKTF synthesis: 1,000 `Pipeline` constructs (each with its `PipelineDefinition`) against
 * 1,000 plain `TerraformResource`s carrying the same documents, and, to tell where the difference
 * comes from, 1,000 of the generated L1 `integrateio_pipeline` resources the `Pipeline` construct
 * wraps (no `PipelineDefinition`, no validation). Each synthesis runs in a fresh Node.js
 * process (so neither profits from the other's JIT warm-up), timed inside the process from the
 * first construct to the end of `app.synth()` (module loading excluded: both load cdktf).
 *
 * Run directly (`node dist/bench/synth.js KIND COUNT`), it is the worker: it synthesizes once and
 * prints `{"ms": …}`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { IntegrateioProvider, l1, Pipeline, PipelineDefinition } from '../lib/constructs';
import { measureRounds, median, nowMs, summarisePairs, type PairedSamples, type PairedSummary } from './measure';
import { repoRoot } from './startup';
import { definitionYaml } from './workspace';

/**
 * What a synthesis run builds: `pipeline` constructs, plain `resource`s, or the generated `l1`
 * resources (lib/constructs/generated).
 */
export type SynthKind = 'pipeline' | 'resource' | 'l1' | 'file';

/** Every {@link SynthKind}: `file` is `PipelineDefinition.fromFile` (distinct YAML files) + `Pipeline`. */
export const SYNTH_KINDS: readonly SynthKind[] = ['pipeline', 'resource', 'l1', 'file'];

/** The definition document of pipeline `index`, as the API (and the plain resource) takes it. */
export function synthDocument(index: number): Record<string, unknown> {
  return {
    definition_version: 1,
    name: `bench-pipeline-${index}`,
    source: { connection: { id: 42 } },
    destination: { connection: { id: 17 } },
    sync: { frequency: 5, auto_sync_new_tables: false },
    tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
  };
}

/**
 * Builds a stack of `count` pipelines of `kind` and synthesizes it into a temporary directory
 * (deleted afterwards), in this process.
 *
 * @returns the milliseconds from the App's creation to the end of `synth()`, and the size of the
 *   synthesized `cdk.tf.json`.
 */
export function synthOnce(kind: SynthKind, count: number): { ms: number; bytes: number } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `integrateio-bench-synth-${kind}-`));
  try {
    // The YAML files of `file` are written before the clock starts: reading them is part of fromFile.
    const files = kind === 'file' ? Array.from({ length: count }, (_, i) => path.join(outdir, `pipeline-${i}.yaml`)) : [];
    files.forEach((file, i) => fs.writeFileSync(file, definitionYaml(i)));
    const start = nowMs();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'fleet');
    new IntegrateioProvider(stack, 'integrateio');
    for (let i = 0; i < count; i++) {
      if (kind === 'pipeline') {
        const definition = new PipelineDefinition(stack, `Definition${i}`, {
          name: `bench-pipeline-${i}`,
          sourceConnectionId: 42,
          destinationConnectionId: 17,
          frequency: 5,
          autoSyncNewTables: false,
          tables: [{ name: 'public.orders' }, { name: 'public.customers', excludeColumns: ['ssn'] }],
        });
        new Pipeline(stack, `Pipeline${i}`, { definition });
      } else if (kind === 'file') {
        new Pipeline(stack, `Pipeline${i}`, { definition: PipelineDefinition.fromFile(stack, `Definition${i}`, files[i]) });
      } else if (kind === 'l1') {
        new l1.Pipeline(stack, `Pipeline${i}`, {
          definition: {
            definitionVersion: 1,
            name: `bench-pipeline-${i}`,
            source: { connection: { id: 42 } },
            destination: { connection: { id: 17 } },
            sync: { frequency: 5, autoSyncNewTables: false },
            tables: [{ name: 'public.orders' }, { name: 'public.customers', columns: { exclude: ['ssn'] } }],
          },
        });
      } else {
        const resource = new TerraformResource(stack, `Pipeline${i}`, { terraformResourceType: 'integrateio_pipeline' });
        resource.addOverride('definition', synthDocument(i));
      }
    }
    app.synth();
    const ms = nowMs() - start;
    const bytes = fs.statSync(path.join(outdir, 'stacks', 'fleet', 'cdk.tf.json')).size;
    files.forEach((file) => fs.rmSync(file));
    return { ms, bytes };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Runs {@link synthOnce} in a fresh Node.js process (the compiled worker) and resolves with its result. */
export function synthInChild(kind: SynthKind, count: number): Promise<{ ms: number; bytes: number }> {
  const worker = path.join(repoRoot(), 'dist', 'bench', 'synth.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, kind, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`synth worker (${kind}, ${count}) exited ${code}: ${err.trim()}`));
      else resolve(JSON.parse(out) as { ms: number; bytes: number });
    });
  });
}

/** The result of {@link measureSynth}: plain resources are the baseline, `Pipeline`s the subject. */
export interface SynthResult extends PairedSamples, PairedSummary {
  /** Constructs per stack. */
  readonly count: number;
  /** Size of the synthesized JSON by kind. */
  readonly bytes: Record<SynthKind, number>;
  /**
   * The generated L1 resources measured in the same rounds: samples, median and median ratio to
   * the plain resources. Informational, no target.
   */
  readonly l1: { readonly samples: readonly number[]; readonly median: number; readonly ratio: number };
}

/**
 * Measures synthesis of `count` `Pipeline`s against `count` plain resources (and the generated
 * L1 resources), `runs` rotating rounds of fresh processes after `warmup` unrecorded rounds
 * (default 1).
 *
 * @example
 * const { ratio } = await measureSynth({ count: 1000, runs: 7 });
 */
export async function measureSynth(options: { count: number; runs: number; warmup?: number }): Promise<SynthResult> {
  const bytes: Record<SynthKind, number> = { pipeline: 0, resource: 0, l1: 0, file: 0 };
  const run = async (kind: SynthKind): Promise<number> => {
    const result = await synthInChild(kind, options.count);
    bytes[kind] = result.bytes;
    return result.ms;
  };
  const samples = await measureRounds(options.runs, { resource: () => run('resource'), pipeline: () => run('pipeline'), l1: () => run('l1') }, options.warmup ?? 1);
  const pairs = { baseline: samples.resource, subject: samples.pipeline };
  const summary = { ...pairs, ...summarisePairs(pairs) };
  const l1 = samples.l1;
  const l1Ratios = l1.map((ms, i) => ms / samples.resource[i]);
  return { count: options.count, bytes, ...summary, l1: { samples: l1, median: median(l1), ratio: median(l1Ratios) } };
}

/** The result of {@link measureFileSynth}: plain resources are the baseline, `fromFile` + `Pipeline` the subject. */
export interface FileSynthResult extends PairedSamples, PairedSummary {
  /** Pipelines (and distinct YAML files) per stack. */
  readonly count: number;
}

/**
 * Measures synthesis of `count` `PipelineDefinition.fromFile` (distinct YAML files) + `Pipeline`
 * against `count` plain resources carrying the same documents, in rotating rounds of fresh
 * processes.
 *
 * @example
 * const { ratio } = await measureFileSynth({ count: 500, runs: 7 });
 */
export async function measureFileSynth(options: { count: number; runs: number; warmup?: number }): Promise<FileSynthResult> {
  const run = async (kind: SynthKind): Promise<number> => (await synthInChild(kind, options.count)).ms;
  const samples = await measureRounds(options.runs, { baseline: () => run('resource'), subject: () => run('file') }, options.warmup ?? 1);
  const pairs = { baseline: samples.baseline, subject: samples.subject };
  return { count: options.count, ...pairs, ...summarisePairs(pairs) };
}

if (require.main === module) {
  const kind = process.argv[2] as SynthKind;
  const count = Number(process.argv[3]);
  if (!SYNTH_KINDS.includes(kind) || !Number.isSafeInteger(count) || count < 1) {
    process.stderr.write('usage: node dist/bench/synth.js pipeline|resource|l1|file COUNT\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(synthOnce(kind, count))}\n`);
}
