/** Shared set-up of the construct tests: a stack with the provider, synth, and synth errors. */
import { Testing, TerraformStack, type App } from 'cdktf';
import { IntegrateioProvider, type PipelineDefinitionProps } from '../../lib/constructs';

/** Synthesized Terraform JSON, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TfJson = Record<string, any>;

/** The reference's minimal example, as construct props. */
export const ORDERS: PipelineDefinitionProps = {
  name: 'orders-to-snowflake',
  sourceConnectionId: 42,
  destinationConnectionId: 17,
  frequency: 5,
  tables: [{ name: 'public.orders' }, { name: 'public.customers', excludeColumns: ['ssn'] }],
};

/** A test app with one stack, `test`, that has the integrateio provider. */
export function testStack(): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new IntegrateioProvider(stack, 'integrateio');
  return { app, stack };
}

/** Synthesizes the stack with validations on (as `cdktf synth` does) and parses the JSON. */
export function synthJson(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack, true));
}

/**
 * Synthesizes the stack with validations and returns the error's list of problems (one per
 * line, each `[construct path] message`); fails when synth succeeds.
 */
export function synthErrors(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (err) {
    const message = (err as Error).message;
    return message.replace(/^Validation failed with the following errors:\n/, '').replace(/\n+If you wish to ignore these validations.*$/s, '').split('\n').map((line) => line.trim()).join('\n');
  }
  throw new Error('synth succeeded, but problems were expected');
}

/** The `definition` attribute of the only (or the named) integrateio_pipeline of a synthesized stack. */
export function definitionOf(json: TfJson, name?: string): TfJson {
  const resources = json.resource?.integrateio_pipeline ?? {};
  const key = name ?? Object.keys(resources)[0];
  return resources[key].definition;
}
