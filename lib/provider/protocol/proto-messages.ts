/**
 * TypeScript shapes of the tfplugin6 messages the provider handles, field names as in
 * tfplugin6.proto. Decoded requests have every scalar field (defaults filled in); responses may
 * leave fields out.
 */

/** `tfplugin6.DynamicValue`. */
export interface DynamicValueMessage {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

/** `tfplugin6.AttributePath.Step`: exactly one member is set. */
export interface AttributePathStepMessage {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
}

/** `tfplugin6.AttributePath`. */
export interface AttributePathMessage {
  steps: AttributePathStepMessage[];
}

/** `tfplugin6.Diagnostic`; severity 1 is ERROR, 2 WARNING. */
export interface DiagnosticMessage {
  severity: number;
  summary: string;
  detail: string;
  attribute?: AttributePathMessage;
}

/** `tfplugin6.Schema.Attribute`. */
export interface SchemaAttributeMessage {
  name: string;
  type?: Uint8Array;
  nested_type?: SchemaObjectMessage;
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  description_kind?: number;
  deprecated?: boolean;
}

/** `tfplugin6.Schema.Object`; nesting 1 SINGLE, 2 LIST, 3 SET, 4 MAP. */
export interface SchemaObjectMessage {
  attributes: SchemaAttributeMessage[];
  nesting: number;
}

/** `tfplugin6.Schema`. */
export interface SchemaMessage {
  version: number;
  block: { version: number; attributes: SchemaAttributeMessage[]; description: string; description_kind?: number; deprecated?: boolean };
}

/** Request messages that carry a type name and a configuration. */
export interface TypedConfigRequest {
  type_name: string;
  config?: DynamicValueMessage;
}

/** `tfplugin6.UpgradeResourceState.Request`. */
export interface UpgradeResourceStateRequest {
  type_name: string;
  version: number;
  raw_state?: { json: Uint8Array; flatmap: Record<string, string> };
}

/** `tfplugin6.ReadResource.Request`. */
export interface ReadResourceRequest {
  type_name: string;
  current_state?: DynamicValueMessage;
  private: Uint8Array;
}

/** `tfplugin6.PlanResourceChange.Request`. */
export interface PlanResourceChangeRequest {
  type_name: string;
  prior_state?: DynamicValueMessage;
  proposed_new_state?: DynamicValueMessage;
  config?: DynamicValueMessage;
  prior_private: Uint8Array;
}

/** `tfplugin6.ApplyResourceChange.Request`. */
export interface ApplyResourceChangeRequest {
  type_name: string;
  prior_state?: DynamicValueMessage;
  planned_state?: DynamicValueMessage;
  config?: DynamicValueMessage;
  planned_private: Uint8Array;
}

/** `tfplugin6.ImportResourceState.Request`. */
export interface ImportResourceStateRequest {
  type_name: string;
  id: string;
}

/** `tfplugin6.CallFunction.Request`. */
export interface CallFunctionRequest {
  name: string;
  arguments: DynamicValueMessage[];
}
