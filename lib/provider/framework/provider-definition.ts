import type { DataSourceDefinition } from './data-source-definition';
import type { Diagnostics } from './diagnostics';
import type { FunctionDefinition } from './function-definition';
import type { Logger } from './logger';
import type { ResourceDefinition } from './resource-definition';
import type { Schema } from './schema';
import type { ObjectValue } from './value';

/** What the framework hands to `configure` besides the configuration. */
export interface ConfigureContext {
  /** Where the provider logs (stderr in Terraform's JSON format, at the TF_LOG level). */
  readonly logger: Logger;
}

/**
 * A whole provider: its own configuration schema, how to configure it, and its resource and
 * data source types.
 *
 * @typeParam P - What `configure` returns; handed to every resource and data source call.
 * @example
 * const provider = {
 *   typeName: 'integrateio',
 *   schema: { version: 0, description: 'Integrate.io.', attributes: {} },
 *   async configure(config, diags) { return new Client(config.api_key as string); },
 *   resources: [pipelineResource],
 *   dataSources: [],
 * } satisfies ProviderDefinition<Client>;
 */
export interface ProviderDefinition<P = unknown> {
  /** The provider type name (`integrateio`): every resource type name starts with it and `_`. */
  readonly typeName: string;
  /** The provider block's schema. */
  readonly schema: Schema;
  /** Checks the provider configuration (which may contain unknown values). */
  validateConfig?(config: ObjectValue, diags: Diagnostics): void | Promise<void>;
  /**
   * Configures the provider; what it returns is passed to resources as `providerData`.
   * `context.logger` writes Terraform log lines (TF_LOG), e.g. for the API requests made later.
   */
  configure(config: ObjectValue, diags: Diagnostics, context?: ConfigureContext): Promise<P>;
  /** The managed resource types. */
  readonly resources: readonly ResourceDefinition<P>[];
  /** The data source types. */
  readonly dataSources: readonly DataSourceDefinition<P>[];
  /** Provider-defined functions (Terraform 1.8 and later); none when omitted. */
  readonly functions?: readonly FunctionDefinition[];
}
