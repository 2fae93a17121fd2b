import type { AttributePath } from './attribute-path';
import type { Diagnostics } from './diagnostics';
import type { Schema } from './schema';
import type { ObjectValue } from './value';

/**
 * A managed resource type: its schema and its lifecycle, with no knowledge of gRPC or msgpack.
 *
 * Values are plain objects with every schema attribute present (null when absent). Report
 * problems through `diags`; anything thrown becomes an error diagnostic. Check a definition with
 * `satisfies ResourceDefinition<YourProviderData>`.
 *
 * @typeParam P - What the provider's `configure` returns (an API client, usually).
 */
export interface ResourceDefinition<P = unknown> {
  /** The resource type name, e.g. `integrateio_pipeline`. */
  readonly typeName: string;
  /** The schema. */
  readonly schema: Schema;
  /**
   * Checks the configuration beyond what the attribute validators do. The configuration may
   * contain unknown values: skip those.
   */
  validateConfig?(config: ObjectValue, diags: Diagnostics): void | Promise<void>;
  /**
   * Adjusts a create or update plan after the framework's default planning (configuration with
   * computed nulls set to unknown, then attribute plan modifiers). Not called on destroy.
   * Call `requiresReplace(path)` when a change at `path` can only be made by replacing the resource.
   * @returns The plan to use.
   */
  modifyPlan?(
    request: {
      config: ObjectValue;
      prior: ObjectValue | null;
      planned: ObjectValue;
      providerData: P;
      requiresReplace: (path: AttributePath) => void;
      /**
       * The provider's private data Terraform sent (`prior_private`): the prior state's, or in the
       * second plan of a replacement (prior null) what the first plan set. Empty when none.
       */
      priorPrivate: Uint8Array;
      /** Sets the private data carried with this plan (to the apply, to the state, and to the second plan of a replacement). */
      setPlannedPrivate: (data: Uint8Array) => void;
    },
    diags: Diagnostics,
  ): Promise<ObjectValue>;
  /**
   * Looks at a planned destroy (the resource left the configuration, or `terraform destroy`) to
   * warn about it; it cannot change the plan. Terraform asks only because the provider announces
   * the `plan_destroy` capability.
   */
  planDestroy?(request: { prior: ObjectValue; providerData: P }, diags: Diagnostics): void | Promise<void>;
  /**
   * Creates the resource. Return the new state; attributes left out keep their planned value, and
   * every attribute planned unknown must be given a known value. Return null, with an error
   * diagnostic, when nothing was created: Terraform then records nothing.
   */
  create(request: { config: ObjectValue; planned: ObjectValue; providerData: P }, diags: Diagnostics): Promise<ObjectValue | null>;
  /**
   * Reads the resource. Return null when it no longer exists (Terraform then plans a create).
   * Attributes left out of the result keep their value from `state` (for values the remote never
   * returns, such as secrets); return null for an attribute that is absent remotely, so that
   * Terraform sees the drift.
   */
  read(request: { state: ObjectValue; providerData: P }, diags: Diagnostics): Promise<ObjectValue | null>;
  /** Updates the resource in place. Return the new state, as for `create`. */
  update(
    request: { config: ObjectValue; planned: ObjectValue; prior: ObjectValue; providerData: P },
    diags: Diagnostics,
  ): Promise<ObjectValue>;
  /** Deletes the resource. A resource that is already gone is not an error. */
  delete(request: { prior: ObjectValue; providerData: P }, diags: Diagnostics): Promise<void>;
  /**
   * Starts an import: returns the state known from the id (at least the id attribute); Terraform
   * then calls `read`. Without it, import is refused with a clear diagnostic.
   */
  importState?(request: { id: string; providerData: P }, diags: Diagnostics): Promise<ObjectValue>;
  /**
   * Upgrades state stored by an older schema version. `state` is the stored JSON object.
   * Without it, state of another version is refused with a clear diagnostic.
   */
  upgradeState?(request: { version: number; state: Record<string, unknown> }, diags: Diagnostics): Promise<ObjectValue>;
}
