import type { AttributePath } from './attribute-path';
import { formatAttributePath } from './attribute-path';
import { checkSchema } from './check-schema';
import { conformValue } from './conform-value';
import type { DataSourceDefinition } from './data-source-definition';
import type { FunctionDefinition, FunctionResult } from './function-definition';
import type { Diagnostic } from './diagnostic';
import { diagnosticFromException } from './diagnostic-error';
import { Diagnostics } from './diagnostics';
import { findUnknownPaths } from './find-unknown-paths';
import { silentLogger, type Logger } from './logger';
import { planAttributes } from './plan-attributes';
import { proposeNewState } from './propose-new-state';
import type { ProviderDefinition } from './provider-definition';
import type { ResourceDefinition } from './resource-definition';
import type { Schema } from './schema';
import { schemaType } from './schema-type';
import { validateAttributes } from './validate-attributes';
import { isObjectValue, isUnknown, valuesEqual, type ObjectValue, type Value } from './value';

/** The schemas of a provider, as returned by {@link FrameworkServer.getSchema}. */
export interface SchemaResponse {
  /** The provider block's schema. */
  readonly provider: Schema;
  /** Resource schemas by type name. */
  readonly resources: Readonly<Record<string, Schema>>;
  /** Data source schemas by type name. */
  readonly dataSources: Readonly<Record<string, Schema>>;
  /** Problems found in the definitions (errors are provider bugs). */
  readonly diagnostics: readonly Diagnostic[];
}

/** A state (or null: no object) with the diagnostics of the operation that produced it. */
export interface StateResponse {
  /** The resulting state; null when there is none (deleted, gone, or failed before existing). */
  readonly state: ObjectValue | null;
  /** What the user should know. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The result of {@link FrameworkServer.planResourceChange}. */
export interface PlanResponse {
  /** The planned state; null when the resource is to be destroyed. */
  readonly planned: ObjectValue | null;
  /** Attributes whose change forces the resource to be replaced. */
  readonly requiresReplace: readonly AttributePath[];
  /** What the user should know. */
  readonly diagnostics: readonly Diagnostic[];
  /** The provider's private data to carry with the plan (Terraform's `planned_private`); undefined keeps the prior's. */
  readonly plannedPrivate?: Uint8Array;
}

/** The input of {@link FrameworkServer.upgradeResourceState}. */
export interface UpgradeStateRequest {
  /** The schema version the state was written with. */
  readonly version: number;
  /** The stored state, as parsed from JSON. */
  readonly rawState: Record<string, unknown>;
  /** The stored state read with the current schema's types, or why that failed. */
  readonly currentState: ObjectValue | Error;
}

/** Options of {@link FrameworkServer}. */
export interface FrameworkServerOptions {
  /**
   * Where to log (exception stacks go to `debug`).
   * @default silentLogger
   */
  readonly logger?: Logger;
}

/**
 * Implements the semantics of every provider operation natively, over a {@link ProviderDefinition}.
 *
 * It knows nothing of gRPC or msgpack: the protocol layer decodes requests into values, calls the
 * matching method, and encodes what comes back. Every call into provider code is guarded: an
 * exception becomes an error diagnostic (its stack is logged at debug level, never shown).
 */
export class FrameworkServer<P = unknown> {
  private readonly logger: Logger;
  private readonly resources = new Map<string, ResourceDefinition<P>>();
  private readonly dataSources = new Map<string, DataSourceDefinition<P>>();
  private providerData: P | undefined;
  private schemaResponse: SchemaResponse | undefined;

  /**
   * @param definition - The provider to serve.
   * @param options - See {@link FrameworkServerOptions}.
   */
  constructor(
    private readonly definition: ProviderDefinition<P>,
    options: FrameworkServerOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    for (const resource of definition.resources) this.resources.set(resource.typeName, resource);
    for (const dataSource of definition.dataSources) this.dataSources.set(dataSource.typeName, dataSource);
  }

  /**
   * The provider's schemas, and any mistakes found in them (checked once: a provider's schemas do
   * not change while it runs, and several requests of each launch need them).
   */
  getSchema(): SchemaResponse {
    return (this.schemaResponse ??= this.checkSchemas());
  }

  private checkSchemas(): SchemaResponse {
    const diags = new Diagnostics();
    const check = (kind: string, name: string, schema: Schema): void => {
      for (const problem of checkSchema(schema)) {
        diags.addError('Invalid Provider Schema', `The schema of ${kind} ${name} is invalid: ${problem}. This is a bug in the provider.`);
      }
    };
    check('provider', this.definition.typeName, this.definition.schema);
    const resources: Record<string, Schema> = {};
    for (const [name, r] of this.resources) {
      resources[name] = r.schema;
      check('resource', name, r.schema);
    }
    const dataSources: Record<string, Schema> = {};
    for (const [name, d] of this.dataSources) {
      dataSources[name] = d.schema;
      check('data source', name, d.schema);
    }
    return { provider: this.definition.schema, resources, dataSources, diagnostics: diags.all() };
  }

  /** The schema of a resource type, or undefined for a type this provider does not have. */
  resourceSchema(typeName: string): Schema | undefined {
    return this.resources.get(typeName)?.schema;
  }

  /** The schema of a data source type, or undefined for a type this provider does not have. */
  dataSourceSchema(typeName: string): Schema | undefined {
    return this.dataSources.get(typeName)?.schema;
  }

  /** The provider-defined functions, by name. */
  functions(): ReadonlyMap<string, FunctionDefinition> {
    return new Map((this.definition.functions ?? []).map((fn) => [fn.name, fn]));
  }

  /**
   * Calls a provider-defined function. An unknown name or an exception becomes a function error
   * (the exception's stack is logged at debug level, never shown).
   */
  callFunction(name: string, args: readonly Value[]): FunctionResult {
    const fn = this.functions().get(name);
    if (!fn) return { error: `This provider has no function ${name}. Check the name and the provider version.` };
    try {
      return fn.run(args);
    } catch (error) {
      this.logger.debug(`exception while calling function ${name}`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return { error: `The function ${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. This is a bug in the provider.` };
    }
  }

  /** Validates the provider configuration (which may contain unknown values). */
  async validateProviderConfig(config: ObjectValue): Promise<readonly Diagnostic[]> {
    const diags = new Diagnostics();
    validateAttributes(this.definition.schema.attributes, config, [], diags);
    const validate = this.definition.validateConfig;
    if (validate) await this.guard(diags, 'validating the provider configuration', () => validate.call(this.definition, config, diags));
    return diags.all();
  }

  /** Configures the provider; the result of `configure` is kept for the resource calls. */
  async configureProvider(config: ObjectValue): Promise<readonly Diagnostic[]> {
    const diags = new Diagnostics();
    await this.guard(diags, 'configuring the provider', async () => {
      this.providerData = await this.definition.configure(config, diags, { logger: this.logger });
    });
    return diags.all();
  }

  /** Validates a resource configuration (which may contain unknown values). */
  async validateResourceConfig(typeName: string, config: ObjectValue): Promise<readonly Diagnostic[]> {
    const diags = new Diagnostics();
    const resource = this.resource(typeName, diags);
    if (!resource) return diags.all();
    validateAttributes(resource.schema.attributes, config, [], diags);
    const validate = resource.validateConfig;
    if (validate) await this.guard(diags, `validating ${typeName}`, () => validate.call(resource, config, diags));
    return diags.all();
  }

  /** Validates a data source configuration (which may contain unknown values). */
  async validateDataResourceConfig(typeName: string, config: ObjectValue): Promise<readonly Diagnostic[]> {
    const diags = new Diagnostics();
    const dataSource = this.dataSource(typeName, diags);
    if (!dataSource) return diags.all();
    validateAttributes(dataSource.schema.attributes, config, [], diags);
    const validate = dataSource.validateConfig;
    if (validate) await this.guard(diags, `validating data source ${typeName}`, () => validate.call(dataSource, config, diags));
    return diags.all();
  }

  /**
   * Brings stored state to the current schema. State of the current version is completed (missing
   * attributes become null, removed ones are dropped); older versions go through the resource's
   * `upgradeState`.
   */
  async upgradeResourceState(typeName: string, request: UpgradeStateRequest): Promise<StateResponse> {
    const diags = new Diagnostics();
    const resource = this.resource(typeName, diags);
    if (!resource) return { state: null, diagnostics: diags.all() };
    const current = resource.schema.version;
    if (request.version > current) {
      diags.addError(
        'Unsupported State Version',
        `The state of this ${typeName} was written by a newer provider (schema version ${request.version}, this provider knows ${current}). Upgrade the provider.`,
      );
      return { state: null, diagnostics: diags.all() };
    }
    if (request.version === current) {
      if (request.currentState instanceof Error) {
        diags.addError('Unreadable Stored State', `The stored state of this ${typeName} does not match its schema: ${request.currentState.message}`);
        return { state: null, diagnostics: diags.all() };
      }
      return { state: this.conformState(resource.schema, request.currentState, diags, 'reading stored state'), diagnostics: diags.all() };
    }
    const upgrade = resource.upgradeState;
    if (!upgrade) {
      diags.addError(
        'Unable To Upgrade State',
        `The state of this ${typeName} has schema version ${request.version}, but the provider cannot upgrade it to version ${current}. This is a bug in the provider.`,
      );
      return { state: null, diagnostics: diags.all() };
    }
    const upgraded = await this.guard(diags, `upgrading the state of ${typeName}`, () =>
      upgrade.call(resource, { version: request.version, state: request.rawState }, diags),
    );
    return { state: upgraded ? this.conformState(resource.schema, upgraded, diags, 'upgrading state') : null, diagnostics: diags.all() };
  }

  /**
   * Refreshes a resource. A null result removes it from state; attributes left out of the result
   * keep their value from `state`.
   */
  async readResource(typeName: string, state: ObjectValue): Promise<StateResponse> {
    const diags = new Diagnostics();
    const resource = this.resource(typeName, diags);
    if (!resource) return { state, diagnostics: diags.all() };
    const result = await this.guard(diags, `reading ${typeName}`, () => resource.read({ state, providerData: this.data() }, diags));
    if (result === undefined) return { state, diagnostics: diags.all() };
    if (result === null) return { state: null, diagnostics: diags.all() };
    return { state: this.finishState(resource.schema, { ...state, ...result }, diags, `reading ${typeName}`), diagnostics: diags.all() };
  }

  /**
   * Plans a create, update or destroy (config or proposed null).
   *
   * Default planning: start from the proposed new state; when it differs from the prior state,
   * computed attributes the configuration leaves null become unknown; attribute plan modifiers run;
   * then the resource's `modifyPlan`. A plan with no change equals the prior state exactly.
   *
   * @param request.proposed - Terraform's proposed new state; computed from config and prior when omitted.
   * @param request.priorPrivate - Terraform's `prior_private`: the private data of the prior state, or,
   * in the second plan of a replacement (prior null), what the first plan returned.
   */
  async planResourceChange(
    typeName: string,
    request: { prior: ObjectValue | null; config: ObjectValue | null; proposed?: ObjectValue | null; priorPrivate?: Uint8Array },
  ): Promise<PlanResponse> {
    const diags = new Diagnostics();
    const resource = this.resource(typeName, diags);
    const { prior, config } = request;
    if (!resource || config === null || request.proposed === null) {
      const planDestroy = resource?.planDestroy;
      if (planDestroy && prior) await this.guard(diags, `planning the destroy of ${typeName}`, () => planDestroy.call(resource, { prior, providerData: this.data() }, diags));
      return { planned: null, requiresReplace: [], diagnostics: diags.all() };
    }
    const proposed = request.proposed ?? proposeNewState(resource.schema.attributes, prior, config);
    const creating = prior === null;
    const requiresReplace: AttributePath[] = [];
    const changed = creating || !valuesEqual(proposed, prior);
    let planned = this.guardSync(diags, `planning ${typeName}`, () =>
      planAttributes(resource.schema.attributes, proposed, config, prior, [], {
        creating,
        changed,
        priorState: prior,
        configState: config,
        requiresReplace,
        diags,
      }),
    );
    if (planned === undefined) return { planned: proposed, requiresReplace, diagnostics: diags.all() };
    const modifyPlan = resource.modifyPlan;
    let plannedPrivate: Uint8Array | undefined;
    if (modifyPlan) {
      const current: ObjectValue = planned;
      const modified = await this.guard(diags, `planning ${typeName}`, () =>
        modifyPlan.call(
          resource,
          {
            config,
            prior,
            planned: current,
            providerData: this.data(),
            requiresReplace: (path: AttributePath) => void requiresReplace.push(path),
            priorPrivate: request.priorPrivate ?? new Uint8Array(),
            setPlannedPrivate: (data: Uint8Array) => void (plannedPrivate = data),
          },
          diags,
        ),
      );
      if (modified) planned = this.conformState(resource.schema, modified, diags, `planning ${typeName}`);
    }
    // A plan equal to the prior state is the prior state itself (its exact types), so Terraform sees
    // no change even when the configuration is written differently (Terraform allows a planned
    // value equal to the prior one for a configured attribute).
    if (prior && valuesEqual(planned, prior)) planned = prior;
    return { planned, requiresReplace, diagnostics: diags.all(), ...(plannedPrivate ? { plannedPrivate } : {}) };
  }

  /**
   * Carries out a planned change: delete (planned null), create (prior null) or update.
   *
   * The resulting state keeps the planned value of attributes the resource left out; an attribute
   * still unknown afterwards is reported as an error. When the operation fails, the state is the
   * prior state for update and delete, and whatever create returned (or null) for create.
   */
  async applyResourceChange(
    typeName: string,
    request: { prior: ObjectValue | null; planned: ObjectValue | null; config: ObjectValue | null },
  ): Promise<StateResponse> {
    const diags = new Diagnostics();
    const resource = this.resource(typeName, diags);
    const { prior, planned, config } = request;
    if (!resource) return { state: prior, diagnostics: diags.all() };
    const providerData = this.data();
    if (planned === null) {
      if (prior === null) return { state: null, diagnostics: diags.all() };
      await this.guard(diags, `deleting ${typeName}`, () => resource.delete({ prior, providerData }, diags));
      return { state: diags.hasErrors() ? prior : null, diagnostics: diags.all() };
    }
    const cfg = config ?? planned;
    if (prior === null) {
      const created = await this.guard(diags, `creating ${typeName}`, () => resource.create({ config: cfg, planned, providerData }, diags));
      if (created === undefined || created === null) return { state: null, diagnostics: diags.all() };
      return { state: this.finishState(resource.schema, { ...planned, ...created }, diags, `creating ${typeName}`), diagnostics: diags.all() };
    }
    const updated = await this.guard(diags, `updating ${typeName}`, () => resource.update({ config: cfg, planned, prior, providerData }, diags));
    if (updated === undefined) return { state: prior, diagnostics: diags.all() };
    return { state: this.finishState(resource.schema, { ...planned, ...updated }, diags, `updating ${typeName}`), diagnostics: diags.all() };
  }

  /** Starts an import from an id; Terraform reads the resource next. */
  async importResourceState(typeName: string, id: string): Promise<StateResponse> {
    const diags = new Diagnostics();
    const resource = this.resource(typeName, diags);
    if (!resource) return { state: null, diagnostics: diags.all() };
    const importState = resource.importState;
    if (!importState) {
      diags.addError('Resource Import Not Supported', `The resource type ${typeName} cannot be imported. Create it with Terraform instead.`);
      return { state: null, diagnostics: diags.all() };
    }
    const imported = await this.guard(diags, `importing ${typeName} ${JSON.stringify(id)}`, () =>
      importState.call(resource, { id, providerData: this.data() }, diags),
    );
    if (imported === undefined) return { state: null, diagnostics: diags.all() };
    return { state: this.finishState(resource.schema, imported, diags, `importing ${typeName}`), diagnostics: diags.all() };
  }

  /** Reads a data source; attributes left out of the result keep their configured value. */
  async readDataSource(typeName: string, config: ObjectValue): Promise<StateResponse> {
    const diags = new Diagnostics();
    const dataSource = this.dataSource(typeName, diags);
    if (!dataSource) return { state: null, diagnostics: diags.all() };
    const result = await this.guard(diags, `reading data source ${typeName}`, () => dataSource.read({ config, providerData: this.data() }, diags));
    if (result === undefined) return { state: null, diagnostics: diags.all() };
    return { state: this.finishState(dataSource.schema, { ...config, ...result }, diags, `reading data source ${typeName}`), diagnostics: diags.all() };
  }

  private data(): P {
    return this.providerData as P;
  }

  private resource(typeName: string, diags: Diagnostics): ResourceDefinition<P> | undefined {
    const resource = this.resources.get(typeName);
    if (!resource) diags.addError('Unknown Resource Type', `This provider has no resource type ${typeName}. Check the type name and the provider version.`);
    return resource;
  }

  private dataSource(typeName: string, diags: Diagnostics): DataSourceDefinition<P> | undefined {
    const dataSource = this.dataSources.get(typeName);
    if (!dataSource) diags.addError('Unknown Data Source Type', `This provider has no data source type ${typeName}. Check the type name and the provider version.`);
    return dataSource;
  }

  /** Shapes provider output to the schema; mismatches become one error diagnostic. */
  private conformState(schema: Schema, value: ObjectValue, diags: Diagnostics, operation: string): ObjectValue {
    const problems: string[] = [];
    const conformed = conformValue(value, schemaType(schema), [], problems);
    if (problems.length > 0) {
      diags.addError(
        'Provider Returned Invalid State',
        `While ${operation}, the provider produced values that do not match the schema: ${problems.join('; ')}. This is a bug in the provider.`,
      );
    }
    return isObjectValue(conformed) ? conformed : {};
  }

  /** {@link conformState}, then reports (and nulls) every value still unknown. */
  private finishState(schema: Schema, value: ObjectValue, diags: Diagnostics, operation: string): ObjectValue {
    const state = this.conformState(schema, value, diags, operation);
    const unknownPaths = findUnknownPaths(state, schemaType(schema));
    for (const path of unknownPaths) {
      diags.addError(
        'Provider Left A Value Unknown',
        `While ${operation}, the provider did not set ${formatAttributePath(path)}, which was unknown in the plan. This is a bug in the provider: report it to its maintainers.`,
        path,
      );
    }
    return unknownPaths.length > 0 ? (replaceUnknowns(state) as ObjectValue) : state;
  }

  /** Runs provider code; an exception becomes a diagnostic and the result `undefined`. */
  private async guard<T>(diags: Diagnostics, operation: string, fn: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      this.report(diags, operation, error);
      return undefined;
    }
  }

  private guardSync<T>(diags: Diagnostics, operation: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      this.report(diags, operation, error);
      return undefined;
    }
  }

  private report(diags: Diagnostics, operation: string, error: unknown): void {
    diags.add(diagnosticFromException(error, operation));
    this.logger.debug(`exception while ${operation}`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

function replaceUnknowns(value: Value): Value {
  if (isUnknown(value)) return null;
  if (Array.isArray(value)) return value.map(replaceUnknowns);
  if (isObjectValue(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceUnknowns(v)]));
  return value;
}
