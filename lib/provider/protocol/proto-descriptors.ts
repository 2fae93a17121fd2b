/**
 * The messages of tfplugin6.proto and go-plugin.proto as data, for the protobuf codec.
 *
 * This table and the .proto files say the same thing (a test checks it); the table exists so the
 * provider needs no .proto parser at start-up.
 */

/**
 * How a field's value is encoded. `map` is a map from string keys to the message named in `message`,
 * or to strings when `message` is not set.
 */
export type FieldKind = 'string' | 'bytes' | 'bool' | 'int64' | 'uint32' | 'enum' | 'message' | 'map';

/** One field of a message. */
export interface FieldDescriptor {
  /** Field name, as in the .proto file. */
  readonly name: string;
  /** Field number. */
  readonly no: number;
  /** Encoding. */
  readonly kind: FieldKind;
  /** Full name of the message type (for `message` fields, and `map` fields of messages). */
  readonly message?: string;
  /** True for `repeated` fields. */
  readonly repeated?: boolean;
  /** True for fields in a `oneof`: encoded whenever set, even with a default value. */
  readonly oneof?: boolean;
}

const dv = 'tfplugin6.DynamicValue';
const diagnostics: FieldDescriptor = { name: 'diagnostics', no: 0, kind: 'message', message: 'tfplugin6.Diagnostic', repeated: true };
const f = (name: string, no: number, kind: FieldKind, extra: Partial<FieldDescriptor> = {}): FieldDescriptor => ({ name, no, kind, ...extra });
const msg = (name: string, no: number, message: string, extra: Partial<FieldDescriptor> = {}): FieldDescriptor => ({ name, no, kind: 'message', message, ...extra });
const diagsAt = (no: number): FieldDescriptor => ({ ...diagnostics, no });

/** Every message the provider encodes or decodes, by full name. */
export const messageDescriptors: Readonly<Record<string, readonly FieldDescriptor[]>> = {
  'tfplugin6.DynamicValue': [f('msgpack', 1, 'bytes'), f('json', 2, 'bytes')],
  'tfplugin6.Diagnostic': [f('severity', 1, 'enum'), f('summary', 2, 'string'), f('detail', 3, 'string'), msg('attribute', 4, 'tfplugin6.AttributePath')],
  'tfplugin6.FunctionError': [f('text', 1, 'string', { oneof: true }), f('function_argument', 2, 'int64', { oneof: true })],
  'tfplugin6.Function': [
    msg('parameters', 1, 'tfplugin6.Function.Parameter', { repeated: true }),
    msg('return', 3, 'tfplugin6.Function.Return'),
    f('summary', 4, 'string'),
    f('description', 5, 'string'),
  ],
  'tfplugin6.Function.Parameter': [
    f('name', 1, 'string'),
    f('type', 2, 'bytes'),
    f('allow_null_value', 3, 'bool'),
    f('allow_unknown_values', 4, 'bool'),
    f('description', 5, 'string'),
  ],
  'tfplugin6.Function.Return': [f('type', 1, 'bytes')],
  'tfplugin6.AttributePath': [msg('steps', 1, 'tfplugin6.AttributePath.Step', { repeated: true })],
  'tfplugin6.AttributePath.Step': [
    f('attribute_name', 1, 'string', { oneof: true }),
    f('element_key_string', 2, 'string', { oneof: true }),
    f('element_key_int', 3, 'int64', { oneof: true }),
  ],
  'tfplugin6.RawState': [f('json', 1, 'bytes'), f('flatmap', 2, 'map')],
  'tfplugin6.Schema': [f('version', 1, 'int64'), msg('block', 2, 'tfplugin6.Schema.Block')],
  'tfplugin6.Schema.Block': [
    f('version', 1, 'int64'),
    msg('attributes', 2, 'tfplugin6.Schema.Attribute', { repeated: true }),
    f('description', 4, 'string'),
    f('description_kind', 5, 'enum'),
    f('deprecated', 6, 'bool'),
  ],
  'tfplugin6.Schema.Attribute': [
    f('name', 1, 'string'),
    f('type', 2, 'bytes'),
    msg('nested_type', 10, 'tfplugin6.Schema.Object'),
    f('description', 3, 'string'),
    f('required', 4, 'bool'),
    f('optional', 5, 'bool'),
    f('computed', 6, 'bool'),
    f('sensitive', 7, 'bool'),
    f('description_kind', 8, 'enum'),
    f('deprecated', 9, 'bool'),
  ],
  'tfplugin6.Schema.Object': [msg('attributes', 1, 'tfplugin6.Schema.Attribute', { repeated: true }), f('nesting', 3, 'enum')],
  'tfplugin6.ServerCapabilities': [f('plan_destroy', 1, 'bool'), f('get_provider_schema_optional', 2, 'bool')],
  'tfplugin6.GetMetadata.Request': [],
  'tfplugin6.GetMetadata.Response': [
    msg('server_capabilities', 1, 'tfplugin6.ServerCapabilities'),
    diagsAt(2),
    msg('data_sources', 3, 'tfplugin6.GetMetadata.DataSourceMetadata', { repeated: true }),
    msg('resources', 4, 'tfplugin6.GetMetadata.ResourceMetadata', { repeated: true }),
    msg('functions', 5, 'tfplugin6.GetMetadata.FunctionMetadata', { repeated: true }),
  ],
  'tfplugin6.GetMetadata.FunctionMetadata': [f('name', 1, 'string')],
  'tfplugin6.GetMetadata.DataSourceMetadata': [f('type_name', 1, 'string')],
  'tfplugin6.GetMetadata.ResourceMetadata': [f('type_name', 1, 'string')],
  'tfplugin6.GetProviderSchema.Request': [],
  'tfplugin6.GetProviderSchema.Response': [
    msg('provider', 1, 'tfplugin6.Schema'),
    f('resource_schemas', 2, 'map', { message: 'tfplugin6.Schema' }),
    f('data_source_schemas', 3, 'map', { message: 'tfplugin6.Schema' }),
    diagsAt(4),
    msg('server_capabilities', 6, 'tfplugin6.ServerCapabilities'),
    f('functions', 7, 'map', { message: 'tfplugin6.Function' }),
  ],
  'tfplugin6.GetFunctions.Request': [],
  'tfplugin6.GetFunctions.Response': [f('functions', 1, 'map', { message: 'tfplugin6.Function' }), diagsAt(2)],
  'tfplugin6.CallFunction.Request': [f('name', 1, 'string'), msg('arguments', 2, dv, { repeated: true })],
  'tfplugin6.CallFunction.Response': [msg('result', 1, dv), msg('error', 2, 'tfplugin6.FunctionError')],
  'tfplugin6.ValidateProviderConfig.Request': [msg('config', 1, dv)],
  'tfplugin6.ValidateProviderConfig.Response': [diagsAt(2)],
  'tfplugin6.UpgradeResourceState.Request': [f('type_name', 1, 'string'), f('version', 2, 'int64'), msg('raw_state', 3, 'tfplugin6.RawState')],
  'tfplugin6.UpgradeResourceState.Response': [msg('upgraded_state', 1, dv), diagsAt(2)],
  'tfplugin6.ValidateResourceConfig.Request': [f('type_name', 1, 'string'), msg('config', 2, dv)],
  'tfplugin6.ValidateResourceConfig.Response': [diagsAt(1)],
  'tfplugin6.ValidateDataResourceConfig.Request': [f('type_name', 1, 'string'), msg('config', 2, dv)],
  'tfplugin6.ValidateDataResourceConfig.Response': [diagsAt(1)],
  'tfplugin6.ConfigureProvider.Request': [f('terraform_version', 1, 'string'), msg('config', 2, dv)],
  'tfplugin6.ConfigureProvider.Response': [diagsAt(1)],
  'tfplugin6.ReadResource.Request': [f('type_name', 1, 'string'), msg('current_state', 2, dv), f('private', 3, 'bytes')],
  'tfplugin6.ReadResource.Response': [msg('new_state', 1, dv), diagsAt(2), f('private', 3, 'bytes')],
  'tfplugin6.PlanResourceChange.Request': [
    f('type_name', 1, 'string'),
    msg('prior_state', 2, dv),
    msg('proposed_new_state', 3, dv),
    msg('config', 4, dv),
    f('prior_private', 5, 'bytes'),
  ],
  'tfplugin6.PlanResourceChange.Response': [
    msg('planned_state', 1, dv),
    msg('requires_replace', 2, 'tfplugin6.AttributePath', { repeated: true }),
    f('planned_private', 3, 'bytes'),
    diagsAt(4),
  ],
  'tfplugin6.ApplyResourceChange.Request': [
    f('type_name', 1, 'string'),
    msg('prior_state', 2, dv),
    msg('planned_state', 3, dv),
    msg('config', 4, dv),
    f('planned_private', 5, 'bytes'),
  ],
  'tfplugin6.ApplyResourceChange.Response': [msg('new_state', 1, dv), f('private', 2, 'bytes'), diagsAt(3)],
  'tfplugin6.ImportResourceState.Request': [f('type_name', 1, 'string'), f('id', 2, 'string')],
  'tfplugin6.ImportResourceState.ImportedResource': [f('type_name', 1, 'string'), msg('state', 2, dv), f('private', 3, 'bytes')],
  'tfplugin6.ImportResourceState.Response': [msg('imported_resources', 1, 'tfplugin6.ImportResourceState.ImportedResource', { repeated: true }), diagsAt(2)],
  'tfplugin6.ReadDataSource.Request': [f('type_name', 1, 'string'), msg('config', 2, dv)],
  'tfplugin6.ReadDataSource.Response': [msg('state', 1, dv), diagsAt(2)],
  'tfplugin6.StopProvider.Request': [],
  'tfplugin6.StopProvider.Response': [f('Error', 1, 'string')],
  'plugin.Empty': [],
  'plugin.StdioData': [f('channel', 1, 'enum'), f('data', 2, 'bytes')],
  'plugin.ConnInfo': [f('service_id', 1, 'uint32'), f('network', 2, 'string'), f('address', 3, 'string')],
};
