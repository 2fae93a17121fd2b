import { readFileSync } from 'node:fs';
import { parseDefinition, type PipelineDefinition } from '../definition';

/** A definition file that cannot be read at all (missing, a directory, no permission). */
export class FileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileReadError';
  }
}

/**
 * Reads and checks a definition file (YAML or JSON, by extension or content).
 *
 * @throws FileReadError when the file cannot be read; DefinitionError when it is not a valid definition.
 */
export function readDefinitionFile(path: string): PipelineDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new FileReadError(`cannot read ${path}: ${reason}`);
  }
  const format = /\.json$/i.test(path) ? 'json' : /\.ya?ml$/i.test(path) ? 'yaml' : 'auto';
  return parseDefinition(text, { format, source: path });
}
