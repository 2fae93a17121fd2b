import { readFileSync } from 'node:fs';
import { parseDefinition, type PipelineDefinition } from '../definition';

/** Reads and checks a definition file (YAML or JSON, by extension or content). */
export function readDefinitionFile(path: string): PipelineDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new Error(`cannot read ${path}: ${reason}`);
  }
  const format = /\.json$/i.test(path) ? 'json' : /\.ya?ml$/i.test(path) ? 'yaml' : 'auto';
  return parseDefinition(text, { format, source: path });
}
