import { definitionPath, quotedName, type AdoptedPipeline, type GenerateOptions, type GeneratedFile } from './adopted-pipeline';
import { definitionFile } from './definition-file';
import { adoptReadme } from './readme';

/** The package entry of the constructs that a separate repository imports. */
export const CONSTRUCTS_ENTRY = 'integrateio-pipelines-as-code/constructs';

/** The name of the stack the app defines (its Terraform runs in `cdktf.out/stacks/<name>`). */
export const ADOPTED_STACK = 'pipelines';

/** Version ranges of the app's dependencies. */
export interface CdktfDependencies {
  /** Of `integrateio-pipelines-as-code`, e.g. `^0.1.0`. */
  readonly package: string;
  /** Of `cdktf`. */
  readonly cdktf: string;
  /** Of `constructs`. */
  readonly constructs: string;
}

/** A TypeScript string literal of `text`. */
function literal(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/'/g, "\\'")}'`;
}

function mainTs(pipelines: readonly AdoptedPipeline[], options: GenerateOptions): string {
  const statements = pipelines.map((p) => {
    const running = options.running === 'manage' ? `\n      running: ${p.running},` : '';
    return `    // Pipeline ${p.id} ${quotedName(p.name)}
    new Pipeline(this, ${literal(p.resourceName)}, {
      definition: PipelineDefinition.fromFile(this, ${literal(`${p.resourceName}-definition`)}, pipelineFile(${literal(definitionPath(p))})),${running}
    }).resource.importFrom(${literal(String(p.id))});
`;
  });
  return `// Written by \`integrateio adopt\`: one Pipeline per pipeline of the account, imported by id.
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { IntegrateioProvider, Pipeline, PipelineDefinition } from '${CONSTRUCTS_ENTRY}';

/** A definition file of this app (next to main.ts, whether it runs through ts-node or compiled in place). */
function pipelineFile(relative: string): string {
  return path.join(__dirname, relative);
}

/** The adopted pipelines. importFrom imports each one on the first apply; later applies ignore it. */
class AdoptedPipelines extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // No key here: the provider reads INTEGRATEIO_API_KEY (and INTEGRATEIO_API_URL) from the environment.
    new IntegrateioProvider(this, 'integrateio');

${statements.join('\n')}  }
}

const app = new App();
new AdoptedPipelines(app, ${literal(ADOPTED_STACK)});
app.synth();
`;
}

/**
 * A TypeScript CDKTF app of adopted pipelines, as files: package.json, cdktf.json, tsconfig.json,
 * main.ts (one `PipelineDefinition.fromFile` + `Pipeline` per pipeline, imported with
 * `importFrom` on its L1 resource), the definition files and a README. Pure: the same pipelines
 * give the same text.
 */
export function cdktfApp(pipelines: readonly AdoptedPipeline[], options: GenerateOptions, dependencies: CdktfDependencies): GeneratedFile[] {
  const packageJson = {
    name: 'integrateio-adopted-pipelines',
    version: '0.0.0',
    private: true,
    scripts: { build: 'tsc', synth: 'cdktf synth', plan: 'cdktf plan', deploy: 'cdktf deploy' },
    dependencies: { cdktf: dependencies.cdktf, constructs: dependencies.constructs, 'integrateio-pipelines-as-code': dependencies.package },
    devDependencies: { '@types/node': '^20', 'cdktf-cli': dependencies.cdktf, 'ts-node': '^10.9.2', typescript: '^5.9' },
  };
  const cdktfJson = { language: 'typescript', app: 'npx ts-node main.ts', projectId: 'integrateio-adopted-pipelines', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} };
  const tsconfig = {
    compilerOptions: { target: 'ES2022', module: 'Node16', moduleResolution: 'Node16', lib: ['ES2022'], types: ['node'], strict: true, esModuleInterop: true, skipLibCheck: true },
    include: ['main.ts'],
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return [
    { path: 'package.json', content: json(packageJson) },
    { path: 'cdktf.json', content: json(cdktfJson) },
    { path: 'tsconfig.json', content: json(tsconfig) },
    { path: 'main.ts', content: mainTs(pipelines, options) },
    { path: '.gitignore', content: 'node_modules/\ncdktf.out/\n*.js\n*.d.ts\n*.tfstate\n*.tfstate.*\n' },
    { path: 'README.md', content: adoptReadme('cdktf', pipelines.length, options) },
    ...pipelines.map(definitionFile),
  ];
}
