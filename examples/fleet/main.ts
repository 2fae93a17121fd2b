/**
 * A fleet: every YAML or JSON definition in a folder becomes one pipeline of one stack. Adding a
 * pipeline is adding a file; a mistake in any file fails synth with the file, line and field.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { IntegrateioProvider, Pipeline, PipelineDefinition } from '../../lib/constructs';

/**
 * The folder of definitions next to this file. Compiled, this module runs from
 * dist/examples/fleet/, where the YAML files are not copied: then the source folder is used.
 */
export const DEFAULT_DEFINITIONS_DIR = [path.join(__dirname, 'pipelines'), path.resolve(__dirname, '../../../examples/fleet/pipelines')].find((dir) => fs.existsSync(dir)) ?? path.join(__dirname, 'pipelines');

const DEFINITION_FILE = /\.(ya?ml|json)$/;

/** Properties of a {@link FleetStack}. */
export interface FleetStackProps {
  /**
   * The folder of definitions: every `*.yaml`, `*.yml` and `*.json` file in it.
   *
   * @default DEFAULT_DEFINITIONS_DIR
   */
  readonly definitionsDir?: string;
}

/** One stack, one pipeline per definition file; the construct id is the file name without extension. */
export class FleetStack extends TerraformStack {
  /** The pipelines, by construct id. */
  readonly pipelines: ReadonlyMap<string, Pipeline>;

  constructor(scope: Construct, id: string, props: FleetStackProps = {}) {
    super(scope, id);
    new IntegrateioProvider(this, 'integrateio');
    const dir = props.definitionsDir ?? DEFAULT_DEFINITIONS_DIR;
    const pipelines = new Map<string, Pipeline>();
    for (const file of fs.readdirSync(dir).filter((f) => DEFINITION_FILE.test(f)).sort()) {
      const name = file.replace(DEFINITION_FILE, '');
      const definition = PipelineDefinition.fromFile(this, `${name}-definition`, path.join(dir, file));
      pipelines.set(name, new Pipeline(this, name, { definition }));
    }
    this.pipelines = pipelines;
    new TerraformOutput(this, 'pipeline_ids', { value: Object.fromEntries([...pipelines].map(([name, p]) => [name, p.pipelineId])) });
  }
}

/** Adds the example's stack (`fleet`) to an app. */
export function defineFleet(app: App, props: FleetStackProps = {}): FleetStack {
  return new FleetStack(app, 'fleet', props);
}

/** Builds the example into `outdir` (call `.synth()` on the result). */
export function buildApp(outdir: string, props: FleetStackProps = {}): App {
  const app = new App({ outdir });
  defineFleet(app, props);
  return app;
}

if (require.main === module) {
  const app = new App();
  defineFleet(app);
  app.synth();
}
