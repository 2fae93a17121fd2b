import type { Command } from 'commander';
import { formatIssues, isDefinitionError } from '../../definition';
import { describeRejection, isApiError } from '../../api';
import { makeClient } from '../client-factory';
import { FileReadError, readDefinitionFile } from '../definition-file';
import { outputFormat, type CliIo } from '../io';
import { reportError } from '../errors';
import { printable, printableLines } from '../terminal-text';

interface FileResult {
  file: string;
  valid: boolean;
  problems: { path: string; message: string; line?: number; column?: number }[];
}

/** `integrateio validate FILE...`: checks definitions offline, or with the API's validate endpoint (`--remote`). */
export function registerValidate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check pipeline definition files (offline; --remote also asks the API)')
    .argument('<files...>', 'YAML or JSON definition files')
    .option('--remote', 'also validate against the API (connections, hooks)')
    .option('--api-url <url>', 'API root (default: INTEGRATEIO_API_URL)')
    .option('--output <format>', 'human or json', 'human')
    .action(async (files: string[], options: { remote?: boolean; apiUrl?: string; output?: string }) => {
      const format = outputFormat(options.output);
      const client = options.remote ? makeClient(options, io) : undefined;
      const results: FileResult[] = [];
      for (const file of files) {
        try {
          const def = readDefinitionFile(file);
          if (client) await client.validateNew(def);
          results.push({ file, valid: true, problems: [] });
          if (format === 'human') io.out(`ok: ${file}\n`);
        } catch (err) {
          if (err instanceof FileReadError) {
            results.push({ file, valid: false, problems: [{ path: '', message: err.message }] });
            if (format === 'human') io.err(`error: ${printable(err.message)}\n`);
          } else if (isDefinitionError(err)) {
            results.push({ file, valid: false, problems: err.issues.map(({ path, message, line, column }) => ({ path, message, line, column })) });
            if (format === 'human') io.err(`invalid: ${printable(file)}\n${printableLines(formatIssues(err.issues, file)).replace(/^/gm, '  ')}\n`);
          } else if (isApiError(err) && (err.status === 400 || err.status === 422)) {
            const { field, message } = describeRejection(err);
            results.push({ file, valid: false, problems: [{ path: field ?? err.field ?? '', message }] });
            if (format === 'human') io.err(`invalid: ${printable(file)}\n  ${printable(file)}: ${printable(field ? `${field}: ${message}` : message)} (rejected by the API)\n`);
          } else {
            setExit(reportError(err, io));
            return;
          }
        }
      }
      if (format === 'json') io.out(`${JSON.stringify(results, null, 2)}\n`);
      if (results.some((r) => !r.valid)) setExit(1);
    });
}
