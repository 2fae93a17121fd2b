/**
 * One definition promoted through dev, staging and prod: each environment's stack derives it
 * with its own connections, schedule, name and hooks, so the document itself is written once.
 *
 * The ids are those of the emulator's default seed (account `acme`): source connections 42 and
 * 43, destination connections 17 and 18, hook 9.
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { IntegrateioProvider, Pipeline, PipelineDefinition, type DerivedPipelineDefinitionProps } from '../../lib/constructs';

/** What changes from one environment to the next. */
export interface Environment {
  /** The stack's name, also the suffix of the pipeline's name. */
  readonly name: string;
  /** The changes to the shared definition. */
  readonly changes: DerivedPipelineDefinitionProps;
  /** Whether the pipeline runs. @default - not managed */
  readonly running?: boolean;
}

/** dev, staging and prod. */
export const ENVIRONMENTS: readonly Environment[] = [
  // dev reads the MySQL replica, writes to BigQuery hourly and skips the large payments table
  // (its transformation goes with it).
  { name: 'dev', changes: { sourceConnectionId: 43, destinationConnectionId: 18, frequency: 60, nameSuffix: '-dev', removeTables: ['public.payments'] } },
  { name: 'staging', changes: { sourceConnectionId: 42, destinationConnectionId: 18, frequency: 15, nameSuffix: '-staging' } },
  // prod writes to Snowflake every 5 minutes, runs, and pages the on-call hook when it fails.
  {
    name: 'prod',
    changes: { sourceConnectionId: 42, destinationConnectionId: 17, frequency: 5, nameSuffix: '-prod', addHooks: [{ id: 9, events: ['pipeline_failed', 'pipeline_stopped'] }] },
    running: true,
  },
];

/**
 * Adds the shared definition (under the app: it belongs to no environment) and one stack per
 * environment to an app; returns the stacks.
 */
export function defineMultiEnv(app: App, environments: readonly Environment[] = ENVIRONMENTS): TerraformStack[] {
  const orders = new PipelineDefinition(app, 'OrdersDefinition', {
    name: 'orders',
    // The base's own ids are those of prod; every environment sets its own anyway.
    sourceConnectionId: 42,
    destinationConnectionId: 17,
    frequency: 5,
    tables: [{ name: 'public.orders' }, { name: 'public.customers', excludeColumns: ['ssn'] }, { name: 'public.payments', appendOnly: true }],
    transformations: [
      { type: 'rename_fields', table: 'public.orders', config: { mapping: { order_id: 'id' } } },
      { type: 'exclude_fields', table: 'public.payments', config: { fields: ['card_number'] } },
    ],
  });

  return environments.map((env) => {
    const stack = new TerraformStack(app, env.name);
    new IntegrateioProvider(stack, 'integrateio');
    const definition = orders.derive(stack, 'OrdersDefinition', env.changes);
    const pipeline = new Pipeline(stack, 'Orders', { definition, running: env.running });
    new TerraformOutput(stack, 'pipeline_id', { value: pipeline.pipelineId });
    new TerraformOutput(stack, 'pipeline_observed_state', { value: pipeline.pipelineObservedState });
    return stack;
  });
}

/** Builds the example into `outdir` (call `.synth()` on the result). */
export function buildApp(outdir: string): App {
  const app = new App({ outdir });
  defineMultiEnv(app);
  return app;
}

if (require.main === module) {
  const app = new App();
  defineMultiEnv(app);
  app.synth();
}
