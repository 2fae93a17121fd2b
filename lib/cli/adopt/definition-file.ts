import { definitionPath, quotedName, type AdoptedPipeline, type GeneratedFile } from './adopted-pipeline';

/**
 * A pipeline's definition file: a comment header naming the pipeline and its id, then the
 * definition exactly as the API returned it (the API serves the canonical YAML).
 */
export function definitionFile(p: AdoptedPipeline): GeneratedFile {
  const header = [
    `# Pipeline ${p.id} ${quotedName(p.name)}, adopted with \`integrateio adopt\`.`,
    `# The id lives in the import of the code next to this folder; edit the definition freely.`,
  ].join('\n');
  const body = p.definitionYaml.endsWith('\n') ? p.definitionYaml : `${p.definitionYaml}\n`;
  return { path: definitionPath(p), content: `${header}\n${body}` };
}
