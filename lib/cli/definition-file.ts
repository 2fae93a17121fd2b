import { MAX_DEFINITION_BYTES, parseDefinition, readBoundedTextFile, type PipelineDefinition } from '../definition';

/** A definition file that cannot be read at all (missing, a directory, no permission, larger than 1 MiB). */
export class FileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileReadError';
  }
}

/**
 * Reads and checks a definition file (YAML or JSON, by extension or content).
 *
 * @throws FileReadError when the file cannot be read or is larger than MAX_DEFINITION_BYTES (a
 * device such as /dev/zero is refused, not read forever); DefinitionError when it is not a valid definition.
 */
export function readDefinitionFile(path: string): PipelineDefinition {
  let text: string;
  try {
    text = readBoundedTextFile(path, MAX_DEFINITION_BYTES, 'definition file');
  } catch (err) {
    throw new FileReadError((err as Error).message);
  }
  const format = /\.json$/i.test(path) ? 'json' : /\.ya?ml$/i.test(path) ? 'yaml' : 'auto';
  return parseDefinition(text, { format, source: path });
}
