import type { Diagnostics } from './diagnostics';
import type { Schema } from './schema';
import type { ObjectValue } from './value';

/**
 * A data source type: reads something and exposes it as attributes.
 *
 * @typeParam P - What the provider's `configure` returns.
 */
export interface DataSourceDefinition<P = unknown> {
  /** The data source type name, e.g. `integrateio_connection`. */
  readonly typeName: string;
  /** The schema. */
  readonly schema: Schema;
  /** Checks the configuration (which may contain unknown values) beyond the attribute validators. */
  validateConfig?(config: ObjectValue, diags: Diagnostics): void | Promise<void>;
  /** Reads the data. Attributes left out of the result keep their configured value. */
  read(request: { config: ObjectValue; providerData: P }, diags: Diagnostics): Promise<ObjectValue>;
}
