import { tryParseDefinition, type PipelineDefinition } from '../definition';
import type { Caller } from './auth';
import { definitionFormatOf } from './content-negotiation';
import { EmulatorHttpError } from './errors';
import { bodyText } from './request-body';
import type { DirectoryStore } from './store/directory-store';

/** One problem found in a definition, as the API reports it: a field and what to do. */
interface Problem {
  readonly code?: string;
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * Renders problems one after the other: `field: message (line L, column C); ...`. A list cut by
 * the definition library ends with a `too_many_issues` problem that counts the rest.
 */
function describeProblems(problems: readonly Problem[]): string {
  const last = problems[problems.length - 1];
  const more = last?.code === 'too_many_issues' ? Number(/\d+/.exec(last.message)?.[0] ?? 0) : 0;
  const parts = problems.map((p) => {
    if (p.code === 'too_many_issues') return p.message;
    const where = p.line === undefined ? '' : ` (line ${p.line}${p.column === undefined ? '' : `, column ${p.column}`})`;
    return `${p.path === '' ? '(document)' : p.path}: ${p.message}${where}`;
  });
  const total = problems.length - (more > 0 ? 1 : 0) + more;
  const head = total === 1 ? 'the definition is invalid' : `the definition has ${total} problems`;
  return `${head}: ${parts.join('; ')}`;
}

function definitionError(status: 400 | 422, problems: readonly Problem[]): EmulatorHttpError {
  const code = status === 422 ? 'unprocessable_definition' : 'invalid_definition';
  return new EmulatorHttpError(status, code, describeProblems(problems), problems[0]?.path);
}

/**
 * Reads a definition from a request body in the format its Content-Type names.
 *
 * @throws EmulatorHttpError 415 for another Content-Type; 422 `unprocessable_definition` for a
 * syntax or shape problem (invalid UTF-8, YAML or JSON; unknown keys; wrong types); 400
 * `invalid_definition` for a semantic one. `field` is the first problem's field.
 */
export function readDefinitionBody(body: unknown, contentType: string | undefined, maxBytes: number): PipelineDefinition {
  const format = definitionFormatOf(contentType);
  const text = bodyText(body, 422, 'unprocessable_definition');
  const result = tryParseDefinition(text, { format, maxBytes });
  if (result.ok) return result.definition;
  throw definitionError(result.kind === 'semantic' ? 400 : 422, result.issues);
}

/**
 * Checks what a definition refers to against the caller's account: the source and destination
 * connections exist there with the right role, and so do the hooks. Another account's connection
 * or hook "does not exist".
 *
 * @throws EmulatorHttpError 400 `invalid_definition` naming the first failing field and listing all.
 */
export function checkAccountReferences(def: PipelineDefinition, caller: Caller, directory: DirectoryStore): void {
  const problems: Problem[] = [];
  for (const role of ['source', 'destination'] as const) {
    const path = `${role}.connection.id`;
    const id = def[role].connection.id;
    const connection = directory.findConnection(caller.accountId, id);
    if (connection === undefined) {
      problems.push({ path, message: `connection ${id} does not exist in your account: use the id of an existing ${role} connection` });
    } else if (connection.role !== role) {
      problems.push({ path, message: `connection ${id} is a ${connection.role} connection, not a ${role}: ${path} needs a ${role} connection` });
    }
  }
  (def.hooks ?? []).forEach((hook, i) => {
    if (!directory.hasHook(caller.accountId, hook.id)) {
      problems.push({ path: `hooks[${i}].id`, message: `hook ${hook.id} does not exist in your account: create it in Settings > Hooks or fix the id` });
    }
  });
  if (problems.length > 0) throw definitionError(400, problems);
}
