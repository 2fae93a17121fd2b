import type { DefinitionIssue } from '../../definition/issues';
import type { FunctionDefinition, Value } from '../framework';
import { definitionLibrary } from './lazy-libraries';

function describe(issue: DefinitionIssue): string {
  const where = issue.line === undefined ? '' : `line ${issue.line}${issue.column === undefined ? '' : `, column ${issue.column}`}: `;
  return `${where}${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
}

/**
 * `provider::integrateio::definition(text)`: reads a definition document from YAML or JSON text
 * (usually `file("orders.yaml")`), checks it as `integrateio validate` does, and returns it as a
 * value for the `definition` attribute. Unlike `yamldecode`, a problem is reported with the line and
 * column of the text, e.g. `line 10, column 3: sync.cron: unknown key "cron"`.
 */
export const definitionFunction = {
  name: 'definition',
  summary: 'Reads and checks a pipeline definition document (YAML or JSON text).',
  description:
    'Parses YAML or JSON text, usually file("orders.yaml"), checks it as the API does (unknown keys, types, rules) and returns the document for the definition attribute of integrateio_pipeline. Problems name the line, the column and the field.',
  parameters: [{ name: 'text', description: 'The definition document as YAML or JSON text, e.g. file("${path.module}/orders.yaml").', type: 'string' }],
  returnType: 'dynamic',
  run(args) {
    const text = args[0];
    if (typeof text !== 'string') return { error: 'the argument must be the text of a definition document, e.g. file("orders.yaml")', argument: 0 };
    const library = definitionLibrary();
    const result = library.tryParseDefinition(text);
    if (!result.ok) {
      const head = result.issues.length === 1 ? 'invalid pipeline definition' : `invalid pipeline definition (${result.issues.length} problems)`;
      return { error: `${head}:\n${result.issues.map(describe).join('\n')}`, argument: 0 };
    }
    return { result: library.readDefinitionText(text) as Value };
  },
} satisfies FunctionDefinition;
