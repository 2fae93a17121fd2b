import type { Command } from 'commander';
import type { IntegrateioClient, ObservedState, PipelineMetadata } from '../../api';
import { dataChangeWarnings, definitionsEqual, type PipelineDefinition } from '../../definition';
import { printDataChangeWarnings } from '../data-change-output';
import { parseId, parseNumber } from '../arguments';
import { makeClient, type ApiCommandOptions } from '../client-factory';
import { readDefinitionFile } from '../definition-file';
import { outputFormat, UsageError, type CliIo } from '../io';
import { printPipeline, printPipelines, printResult } from '../output';
import { createProgress } from '../progress';

interface CommonOptions extends ApiCommandOptions {
  readonly output?: string;
}

interface WaitOptions extends CommonOptions {
  readonly wait?: boolean;
  readonly timeout?: string;
}

function withCommon(cmd: Command): Command {
  return cmd.option('--api-url <url>', 'API root (default: INTEGRATEIO_API_URL)').option('--output <format>', 'human or json', 'human');
}

function withWait(cmd: Command): Command {
  return withCommon(cmd).option('--wait', 'wait until the pipeline reaches the state, showing progress').option('--timeout <seconds>', 'how long --wait waits', '300');
}

/** Reads `--timeout` (seconds) as milliseconds; called before any request so that a usage error changes nothing. */
function waitTimeoutMs(options: WaitOptions): number {
  return parseNumber('--timeout', options.timeout ?? '300') * 1000;
}

async function waitFor(client: IntegrateioClient, io: CliIo, id: number, target: ObservedState, timeoutMs: number): Promise<PipelineMetadata> {
  const progress = createProgress(io, `pipeline ${id}`);
  let result: PipelineMetadata;
  try {
    result = await client.waitForObservedState(id, target, {
      timeoutMs,
      onProgress: (m, elapsed) => progress.update(m.observed_state, elapsed),
    });
  } catch (err) {
    progress.interrupt();
    throw err;
  }
  progress.done(result.observed_state);
  return result;
}

/**
 * Finds the one live pipeline with this name, if any, from a consistent read of the list (a
 * pipeline archived meanwhile cannot make the walk miss it, see `listPipelinesConsistently`).
 * @throws Error when several pipelines share the name (apply cannot tell which to update): a
 * failure of the account's state, not of how the command was called, so exit 1, not 2.
 */
async function findByName(client: IntegrateioClient, name: string): Promise<PipelineMetadata | undefined> {
  const matches = await client.findPipelinesByName(name);
  if (matches.length > 1) throw new Error(`${matches.length} pipelines are named "${name}" (ids ${matches.map((m) => m.id).join(', ')}): rename them so that apply can tell which to update`);
  return matches[0];
}

/** What apply did to which pipeline. */
interface ApplyOutcome {
  readonly meta: PipelineMetadata;
  readonly action: 'created' | 'updated' | 'unchanged';
}

/** Makes `existing` match `def`: unchanged when equal, else a replace of its definition. */
async function applyTo(client: IntegrateioClient, existing: PipelineMetadata, def: PipelineDefinition, current?: PipelineDefinition): Promise<ApplyOutcome> {
  if (definitionsEqual(current ?? (await client.getDefinition(existing.id)), def)) return { meta: existing, action: 'unchanged' };
  return { meta: await client.replaceDefinition(existing.id, def), action: 'updated' };
}

/**
 * Settles a create that may have raced other applies of the same name (the API has no unique
 * names and no idempotency key, and they may run on other machines): after the create, the
 * live pipelines of that name are read again and the one with the lowest id wins, the same
 * choice in every process. A loser archives the pipeline it has just created, which it knows it
 * created because the API answered its create (never one it did not create), and applies the
 * definition to the winner instead.
 *
 * @throws Error when this apply lost but cannot prove it created its pipeline (its create was
 * recovered after a lost answer): both are left, and the message says which to archive.
 */
async function settleCreate(client: IntegrateioClient, io: CliIo, def: PipelineDefinition, created: PipelineMetadata): Promise<ApplyOutcome> {
  const same = await client.findPipelinesByName(def.name);
  const winner = same.reduce((low, p) => (p.id < low.id ? p : low), created);
  if (winner.id === created.id) return { meta: created, action: 'created' };
  if (!client.createdByThisClient(created.id)) {
    throw new Error(`pipelines ${winner.id} and ${created.id} are both named "${def.name}": another apply created ${winner.id} at the same time, and this apply cannot prove that it created ${created.id} (its create's answer was lost), so it archived neither: archive the duplicate with integrateio pipelines archive ${created.id} if no one else uses it`);
  }
  try {
    await client.archivePipeline(created.id);
  } catch (err) {
    throw new Error(`another apply created pipeline ${winner.id} (${def.name}) at the same time, and archiving pipeline ${created.id}, the duplicate this apply had just created, failed (${err instanceof Error ? err.message : String(err)}): archive it with integrateio pipelines archive ${created.id}`);
  }
  io.err(`another apply created pipeline ${winner.id} (${def.name}) at the same time: archived pipeline ${created.id}, the duplicate this apply had just created, and applied the file to ${winner.id}\n`);
  return applyTo(client, winner, def);
}

/** `integrateio pipelines …`: list, get, export, apply, start, stop and archive pipelines. */
export function registerPipelines(program: Command, io: CliIo): void {
  const pipelines = program.command('pipelines').description('manage pipelines through the API');

  withCommon(pipelines.command('list').description('list pipelines, newest first')).action(async (options: CommonOptions) => {
    const format = outputFormat(options.output);
    const client = makeClient(options, io);
    const all: PipelineMetadata[] = [];
    for await (const p of client.listPipelines({ pageSize: 100 })) all.push(p);
    printPipelines(io, format, all);
  });

  withCommon(pipelines.command('get').description("show a pipeline's runtime metadata").argument('<id>')).action(async (id: string, options: CommonOptions) => {
    const pipelineId = parseId(id);
    const format = outputFormat(options.output);
    printPipeline(io, format, await makeClient(options, io).getPipeline(pipelineId));
  });

  pipelines
    .command('export')
    .description("print a pipeline's definition")
    .argument('<id>')
    .option('--format <format>', 'yaml or json', 'yaml')
    .option('--api-url <url>', 'API root (default: INTEGRATEIO_API_URL)')
    .action(async (id: string, options: ApiCommandOptions & { format: string }) => {
      if (options.format !== 'yaml' && options.format !== 'json') throw new UsageError(`--format must be yaml or json, got "${options.format}"`);
      const pipelineId = parseId(id);
      io.out(await makeClient(options, io).getDefinitionText(pipelineId, options.format));
    });

  withWait(
    pipelines
      .command('apply')
      .description('create the pipeline of a definition file, or update the live pipeline of the same name')
      .requiredOption('-f, --file <file>', 'YAML or JSON definition')
      .option('--start', 'start the pipeline after applying')
      .option('--dry-run', 'print what apply would do and its data-change warnings, and change nothing'),
  ).action(async (options: WaitOptions & { file: string; start?: boolean; dryRun?: boolean }) => {
    const format = outputFormat(options.output);
    const timeoutMs = waitTimeoutMs(options);
    const def = readDefinitionFile(options.file);
    const client = makeClient(options, io);
    const existing = await findByName(client, def.name);
    const current = existing ? await client.getDefinition(existing.id) : undefined;
    const warnings = dataChangeWarnings(current, def);
    printDataChangeWarnings(io, warnings);
    if (options.dryRun) {
      const action = !existing ? 'create' : definitionsEqual(current!, def) ? 'none' : 'update';
      const verb = action === 'create' ? 'would create pipeline' : action === 'none' ? 'unchanged pipeline' : `would update pipeline ${existing!.id}`;
      printResult(io, format, `${verb} (${def.name})`, { action, dry_run: true, pipeline: existing ?? null, warnings });
      return;
    }
    const outcome = existing ? await applyTo(client, existing, def, current) : await settleCreate(client, io, def, await client.createPipeline(def));
    const { action } = outcome;
    let { meta } = outcome;
    if (options.start) {
      meta = await client.startPipeline(meta.id);
      if (options.wait) meta = await waitFor(client, io, meta.id, 'running', timeoutMs);
    }
    printResult(io, format, `${action} pipeline ${meta.id} (${meta.name})`, { action, pipeline: meta });
  });

  withWait(pipelines.command('start').description('deploy a pipeline').argument('<id>')).action(async (id: string, options: WaitOptions) => {
    const pipelineId = parseId(id);
    const format = outputFormat(options.output);
    const timeoutMs = waitTimeoutMs(options);
    const client = makeClient(options, io);
    let meta = await client.startPipeline(pipelineId);
    if (options.wait) meta = await waitFor(client, io, meta.id, 'running', timeoutMs);
    printResult(io, format, `pipeline ${meta.id}: ${meta.status}, ${meta.observed_state}`, { pipeline: meta });
  });

  withWait(pipelines.command('stop').description('stop a pipeline').argument('<id>').option('--force', 'skip the graceful-stop checks')).action(
    async (id: string, options: WaitOptions & { force?: boolean }) => {
      const pipelineId = parseId(id);
      const format = outputFormat(options.output);
      const timeoutMs = waitTimeoutMs(options);
      const client = makeClient(options, io);
      let meta = await client.stopPipeline(pipelineId, { force: Boolean(options.force) });
      if (options.wait) meta = await waitFor(client, io, meta.id, 'stopped', timeoutMs);
      printResult(io, format, `pipeline ${meta.id}: ${meta.status}, ${meta.observed_state}`, { pipeline: meta });
    },
  );

  withCommon(pipelines.command('archive').description('archive a pipeline (stops it first if deployed)').argument('<id>')).action(async (id: string, options: CommonOptions) => {
    const pipelineId = parseId(id);
    const format = outputFormat(options.output);
    await makeClient(options, io).archivePipeline(pipelineId);
    printResult(io, format, `archived pipeline ${pipelineId}`, { archived: pipelineId });
  });
}
