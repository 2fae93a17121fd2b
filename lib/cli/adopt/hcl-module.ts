import { definitionPath, quotedName, type AdoptedPipeline, type GenerateOptions, type GeneratedFile } from './adopted-pipeline';
import { definitionFile } from './definition-file';
import { adoptReadme } from './readme';

/**
 * The Terraform root module of adopted pipelines, as files: `main.tf` (required provider and a
 * provider block without any key: the provider reads INTEGRATEIO_API_KEY), `pipelines.tf` (one
 * `integrateio_pipeline` per pipeline, its definition read from its YAML file), `imports.tf` (one
 * `import` block per pipeline id), the definition files and a README. Pure: the same pipelines
 * give the same text.
 */
export function hclModule(pipelines: readonly AdoptedPipeline[], options: GenerateOptions): GeneratedFile[] {
  const main = `# Written by \`integrateio adopt\`.
terraform {
  required_version = ">= 1.5"
  required_providers {
    integrateio = {
      source  = "integrateio/integrateio"
      version = "${options.providerVersion}"
    }
  }
}

# No key here: the provider reads INTEGRATEIO_API_KEY (and INTEGRATEIO_API_URL) from the environment.
provider "integrateio" {}
`;
  const resources = pipelines.map((p) => {
    const running = options.running === 'manage' ? `\n  running    = ${p.running}` : '';
    return `# Pipeline ${p.id} ${quotedName(p.name)}
resource "integrateio_pipeline" "${p.resourceName}" {
  definition = yamldecode(file("\${path.module}/${definitionPath(p)}"))${running}
}
`;
  });
  const imports = pipelines.map((p) => `import {\n  to = integrateio_pipeline.${p.resourceName}\n  id = "${p.id}"\n}\n`);
  return [
    { path: 'main.tf', content: main },
    { path: 'pipelines.tf', content: `# Written by \`integrateio adopt\`: one resource per pipeline of the account.\n\n${resources.join('\n')}` },
    {
      path: 'imports.tf',
      content: `# Written by \`integrateio adopt\`: the first apply imports these pipelines into state instead of creating them.\n# Once applied, this file can be deleted.\n\n${imports.join('\n')}`,
    },
    { path: '.gitignore', content: '.terraform/\n*.tfstate\n*.tfstate.*\n*.tfplan\ntfplan\n' },
    { path: 'README.md', content: adoptReadme('hcl', pipelines.length, options) },
    ...pipelines.map(definitionFile),
  ];
}
