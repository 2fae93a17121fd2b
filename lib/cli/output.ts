import type { PipelineMetadata } from '../api';
import { characterCount } from '../definition';
import { padCharacters, printable } from './terminal-text';
import type { CliIo, OutputFormat } from './io';

/**
 * Renders rows as a left-aligned text table with a header. Cells are made printable (control
 * characters escaped) and measured in Unicode characters.
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const safe = rows.map((r) => r.map(printable));
  const widths = headers.map((h, i) => Math.max(characterCount(h), ...safe.map((r) => characterCount(r[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : padCharacters(c, widths[i]))).join('  ').trimEnd();
  return [line(headers), ...safe.map(line)].join('\n') + '\n';
}

/** One table row of a pipeline's metadata. */
function pipelineRow(p: PipelineMetadata): string[] {
  return [String(p.id), p.name, p.status, p.observed_state, p.last_destination_sync_at ?? '-'];
}

/** Prints pipelines as a table (human) or a JSON array (json). */
export function printPipelines(io: CliIo, format: OutputFormat, pipelines: readonly PipelineMetadata[]): void {
  if (format === 'json') io.out(`${JSON.stringify(pipelines, null, 2)}\n`);
  else if (pipelines.length === 0) io.out('No pipelines.\n');
  else io.out(table(['ID', 'NAME', 'STATUS', 'OBSERVED', 'LAST SYNC'], pipelines.map(pipelineRow)));
}

/** Prints one pipeline's metadata as `key: value` lines (human) or JSON. */
export function printPipeline(io: CliIo, format: OutputFormat, p: PipelineMetadata): void {
  if (format === 'json') {
    io.out(`${JSON.stringify(p, null, 2)}\n`);
    return;
  }
  const rows: [string, string][] = [
    ['id', String(p.id)],
    ['name', p.name],
    ['status', p.status],
    ['observed state', p.observed_state],
    ['created', p.created_at],
    ['updated', p.updated_at],
    ['last source sync', p.last_source_sync_at ?? 'never'],
    ['last destination sync', p.last_destination_sync_at ?? 'never'],
  ];
  io.out(rows.map(([k, v]) => `${`${k}:`.padEnd(23)}${printable(v)}`).join('\n') + '\n');
}

/** Prints a one-line result (human, control characters escaped) or a JSON object (json). */
export function printResult(io: CliIo, format: OutputFormat, human: string, json: Record<string, unknown>): void {
  io.out(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : `${printable(human)}\n`);
}
