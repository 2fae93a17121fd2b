/**
 * The reference's minimal example as one pipeline: orders and customers (without `ssn`) from
 * source connection 42 to destination connection 17, every 5 minutes.
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { IntegrateioProvider, Pipeline, PipelineDefinition } from '../../lib/constructs';

/** One stack with one pipeline. */
export class BasicStack extends TerraformStack {
  /** The pipeline. */
  readonly pipeline: Pipeline;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // No props: the provider reads INTEGRATEIO_API_URL and INTEGRATEIO_API_KEY from the environment.
    new IntegrateioProvider(this, 'integrateio');
    const definition = new PipelineDefinition(this, 'OrdersDefinition', {
      name: 'orders-to-snowflake',
      sourceConnectionId: 42,
      destinationConnectionId: 17,
      frequency: 5,
      autoSyncNewTables: false,
      tables: [{ name: 'public.orders' }, { name: 'public.customers', excludeColumns: ['ssn'] }],
    });
    this.pipeline = new Pipeline(this, 'Orders', { definition });
    new TerraformOutput(this, 'pipeline_id', { value: this.pipeline.pipelineId });
    new TerraformOutput(this, 'pipeline_status', { value: this.pipeline.pipelineStatus });
  }
}

/** Adds the example's stack (`basic`) to an app. */
export function defineBasic(app: App): BasicStack {
  return new BasicStack(app, 'basic');
}

/** Builds the example into `outdir` (call `.synth()` on the result). */
export function buildApp(outdir: string): App {
  const app = new App({ outdir });
  defineBasic(app);
  return app;
}

if (require.main === module) {
  const app = new App();
  defineBasic(app);
  app.synth();
}
