import { errorDiagnostic, type Diagnostic, type FrameworkServer, type Logger, type ObjectValue, type Schema, type Value } from '../framework';
import { attributePathToProto, diagnosticsToProto } from './diagnostics-to-proto';
import { decodeDynamicObject, encodeDynamicObject, schemaCtyType } from './dynamic-value';
import type { GrpcMethod } from './grpc-server';
import { decodeJsonValue } from './json-value';
import { decodeMessage, encodeMessage, type ProtoMessage } from './proto-codec';
import type {
  ApplyResourceChangeRequest,
  CallFunctionRequest,
  ImportResourceStateRequest,
  PlanResourceChangeRequest,
  ReadResourceRequest,
  TypedConfigRequest,
  UpgradeResourceStateRequest,
} from './proto-messages';
import { decodeMsgpackValue, encodeMsgpackValue } from './msgpack-value';
import { fromTfType } from './cty-type';
import { functionsToProto, schemaFingerprint, schemaResponseMessage, type PrecomputedSchema } from './precomputed-schema';

/** Options of {@link createProviderMethods}. */
export interface ProviderMethodsOptions {
  /** Where to log. */
  readonly logger: Logger;
  /** Called after `plugin.GRPCController/Shutdown` was answered. */
  readonly onShutdown: () => void;
  /**
   * Loads the schema answer encoded at build time (called on the first GetProviderSchema, so that
   * reading it costs nothing before the handshake); served only when it encodes the current schema.
   */
  readonly precomputedSchema?: () => PrecomputedSchema | undefined;
}

/** A value Terraform sent that does not match the schema: reported as a diagnostic, not a crash. */
function invalidValue(what: string, error: unknown): Diagnostic {
  return errorDiagnostic(
    'Invalid Value From Terraform',
    `The provider could not read the ${what} Terraform sent: ${(error as Error).message}. Check that Terraform and the provider versions are compatible.`,
  );
}

/**
 * The gRPC methods of a provider: `tfplugin6.Provider` (converting each request into a
 * {@link FrameworkServer} call and its result back into a response) and go-plugin's controller,
 * stdio and broker services.
 */
export function createProviderMethods(framework: FrameworkServer, options: ProviderMethodsOptions): Map<string, GrpcMethod> {
  const { logger } = options;
  const methods = new Map<string, GrpcMethod>();
  const unary = (name: string, handler: (request: ProtoMessage) => Promise<ProtoMessage> | ProtoMessage): void => {
    methods.set(`/tfplugin6.Provider/${name}`, {
      kind: 'unary',
      handle: async (bytes) => {
        logger.debug(`tfplugin6: ${name}`);
        return encodeMessage(`tfplugin6.${name}.Response`, await handler(decodeMessage(`tfplugin6.${name}.Request`, bytes)));
      },
    });
  };

  /** Decodes an object of `schema`; a failure becomes a diagnostic in `diags`. */
  const decode = (message: TypedConfigRequest['config'], schema: Schema, what: string, diags: Diagnostic[]): ObjectValue | null => {
    try {
      return decodeDynamicObject(message, schema);
    } catch (error) {
      diags.push(invalidValue(what, error));
      return null;
    }
  };
  const resourceSchema = (typeName: string): Schema => framework.resourceSchema(typeName) ?? emptySchema;
  const dataSourceSchema = (typeName: string): Schema => framework.dataSourceSchema(typeName) ?? emptySchema;

  unary('GetMetadata', () => {
    const schemas = framework.getSchema();
    return {
      server_capabilities: { get_provider_schema_optional: true, plan_destroy: true },
      diagnostics: diagnosticsToProto(schemas.diagnostics),
      resources: Object.keys(schemas.resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(schemas.dataSources).map((type_name) => ({ type_name })),
      functions: [...framework.functions().keys()].map((name) => ({ name })),
    };
  });

  unary('GetFunctions', () => ({ functions: functionsToProto(framework), diagnostics: [] }));

  unary('CallFunction', (req) => {
    const { name, arguments: args } = req as unknown as CallFunctionRequest;
    const fn = framework.functions().get(name);
    if (!fn) return { error: { text: `This provider has no function ${name}. Check the name and the provider version.` } };
    let values: Value[];
    try {
      values = fn.parameters.map((p, i) => decodeMsgpackValue(args[i]?.msgpack ?? new Uint8Array(0), fromTfType(p.type)));
    } catch (error) {
      return { error: { text: `The provider could not read the arguments Terraform sent: ${(error as Error).message}.` } };
    }
    const outcome = framework.callFunction(name, values);
    if ('error' in outcome) return { error: outcome.argument === undefined ? { text: outcome.error } : { text: outcome.error, function_argument: outcome.argument } };
    return { result: { msgpack: encodeMsgpackValue(outcome.result, fromTfType(fn.returnType)) } };
  });

  // The schema answer: the bytes precomputed at build time when they encode this very message.
  methods.set('/tfplugin6.Provider/GetProviderSchema', {
    kind: 'unary',
    handle: async () => {
      logger.debug('tfplugin6: GetProviderSchema');
      const message = schemaResponseMessage(framework);
      const precomputed = options.precomputedSchema?.();
      if (precomputed && precomputed.fingerprint === schemaFingerprint(message)) return precomputed.bytes;
      return encodeMessage('tfplugin6.GetProviderSchema.Response', message);
    },
  });

  unary('ValidateProviderConfig', async (req) => {
    const diags: Diagnostic[] = [];
    const config = decode((req as unknown as TypedConfigRequest).config, framework.getSchema().provider, 'provider configuration', diags);
    if (config) diags.push(...(await framework.validateProviderConfig(config)));
    return { diagnostics: diagnosticsToProto(diags) };
  });

  unary('ConfigureProvider', async (req) => {
    const diags: Diagnostic[] = [];
    const config = decode((req as unknown as TypedConfigRequest).config, framework.getSchema().provider, 'provider configuration', diags);
    if (!diags.length) diags.push(...(await framework.configureProvider(config ?? {})));
    return { diagnostics: diagnosticsToProto(diags) };
  });

  unary('ValidateResourceConfig', async (req) => {
    const { type_name, config } = req as unknown as TypedConfigRequest;
    const diags: Diagnostic[] = [];
    const value = decode(config, resourceSchema(type_name), `configuration of ${type_name}`, diags);
    if (!diags.length) diags.push(...(await framework.validateResourceConfig(type_name, value ?? {})));
    return { diagnostics: diagnosticsToProto(diags) };
  });

  unary('ValidateDataResourceConfig', async (req) => {
    const { type_name, config } = req as unknown as TypedConfigRequest;
    const diags: Diagnostic[] = [];
    const value = decode(config, dataSourceSchema(type_name), `configuration of data source ${type_name}`, diags);
    if (!diags.length) diags.push(...(await framework.validateDataResourceConfig(type_name, value ?? {})));
    return { diagnostics: diagnosticsToProto(diags) };
  });

  unary('UpgradeResourceState', async (req) => {
    const { type_name, version, raw_state } = req as unknown as UpgradeResourceStateRequest;
    const schema = resourceSchema(type_name);
    const json = raw_state?.json ?? new Uint8Array(0);
    if (json.length === 0) {
      const legacy = raw_state && Object.keys(raw_state.flatmap).length > 0;
      const diag = legacy
        ? errorDiagnostic('Unsupported Legacy State', `The state of this ${type_name} is in the flatmap format of Terraform 0.11, which this provider cannot read. Re-import the resource.`)
        : errorDiagnostic('Missing Stored State', `Terraform sent no stored state for this ${type_name}.`);
      return { diagnostics: diagnosticsToProto([diag]) };
    }
    let rawState: Record<string, unknown>;
    try {
      rawState = JSON.parse(Buffer.from(json).toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      return { diagnostics: diagnosticsToProto([invalidValue(`stored state of ${type_name}`, error)]) };
    }
    let currentState: ObjectValue | Error;
    try {
      currentState = decodeJsonValue(rawState, schemaCtyType(schema)) as ObjectValue;
    } catch (error) {
      currentState = error as Error;
    }
    const result = await framework.upgradeResourceState(type_name, { version, rawState, currentState });
    return { upgraded_state: encodeDynamicObject(result.state, schema), diagnostics: diagnosticsToProto(result.diagnostics) };
  });

  unary('ReadResource', async (req) => {
    const { type_name, current_state, private: priv } = req as unknown as ReadResourceRequest;
    const schema = resourceSchema(type_name);
    const diags: Diagnostic[] = [];
    const state = decode(current_state, schema, `state of ${type_name}`, diags);
    if (diags.length || state === null) return { new_state: encodeDynamicObject(state, schema), diagnostics: diagnosticsToProto(diags), private: priv };
    const result = await framework.readResource(type_name, state);
    return { new_state: encodeDynamicObject(result.state, schema), diagnostics: diagnosticsToProto(result.diagnostics), private: priv };
  });

  unary('PlanResourceChange', async (req) => {
    const r = req as unknown as PlanResourceChangeRequest;
    const schema = resourceSchema(r.type_name);
    const diags: Diagnostic[] = [];
    const prior = decode(r.prior_state, schema, `prior state of ${r.type_name}`, diags);
    const proposed = decode(r.proposed_new_state, schema, `proposed state of ${r.type_name}`, diags);
    const config = decode(r.config, schema, `configuration of ${r.type_name}`, diags);
    if (diags.length) return { diagnostics: diagnosticsToProto(diags) };
    const result = await framework.planResourceChange(r.type_name, { prior, proposed, config, priorPrivate: r.prior_private });
    return {
      planned_state: encodeDynamicObject(result.planned, schema),
      requires_replace: result.requiresReplace.map(attributePathToProto),
      planned_private: result.plannedPrivate ?? r.prior_private,
      diagnostics: diagnosticsToProto(result.diagnostics),
    };
  });

  unary('ApplyResourceChange', async (req) => {
    const r = req as unknown as ApplyResourceChangeRequest;
    const schema = resourceSchema(r.type_name);
    const diags: Diagnostic[] = [];
    const prior = decode(r.prior_state, schema, `prior state of ${r.type_name}`, diags);
    const planned = decode(r.planned_state, schema, `planned state of ${r.type_name}`, diags);
    const config = decode(r.config, schema, `configuration of ${r.type_name}`, diags);
    if (diags.length) return { new_state: encodeDynamicObject(prior, schema), diagnostics: diagnosticsToProto(diags) };
    const result = await framework.applyResourceChange(r.type_name, { prior, planned, config });
    return { new_state: encodeDynamicObject(result.state, schema), private: r.planned_private, diagnostics: diagnosticsToProto(result.diagnostics) };
  });

  unary('ImportResourceState', async (req) => {
    const { type_name, id } = req as unknown as ImportResourceStateRequest;
    const result = await framework.importResourceState(type_name, id);
    const imported = result.state ? [{ type_name, state: encodeDynamicObject(result.state, resourceSchema(type_name)) }] : [];
    return { imported_resources: imported, diagnostics: diagnosticsToProto(result.diagnostics) };
  });

  unary('ReadDataSource', async (req) => {
    const { type_name, config } = req as unknown as TypedConfigRequest;
    const schema = dataSourceSchema(type_name);
    const diags: Diagnostic[] = [];
    const value = decode(config, schema, `configuration of data source ${type_name}`, diags);
    if (diags.length || value === null) return { diagnostics: diagnosticsToProto(diags) };
    const result = await framework.readDataSource(type_name, value);
    return { state: encodeDynamicObject(result.state, schema), diagnostics: diagnosticsToProto(result.diagnostics) };
  });

  unary('StopProvider', () => ({ Error: '' }));

  methods.set('/plugin.GRPCController/Shutdown', {
    kind: 'unary',
    handle: async () => {
      logger.debug('plugin: shutdown requested');
      return encodeMessage('plugin.Empty', {});
    },
    afterResponse: options.onShutdown,
  });
  methods.set('/plugin.GRPCStdio/StreamStdio', { kind: 'hold' });
  methods.set('/plugin.GRPCBroker/StartStream', { kind: 'hold' });
  return methods;
}

const emptySchema: Schema = { version: 0, description: '', attributes: {} };
