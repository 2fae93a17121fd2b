import type { AttributeSchema, FunctionDefinition, NestingMode, Schema } from '../framework';
import type { ProtoMessage } from './proto-codec';
import { typeToJsonBytes } from './cty-type';
import type { SchemaAttributeMessage, SchemaMessage } from './proto-messages';

const NESTING: Record<NestingMode, number> = { single: 1, list: 2, set: 3, map: 4 };

/** Converts a framework schema to `tfplugin6.Schema` (nested attributes become `nested_type`). */
export function schemaToProto(schema: Schema): SchemaMessage {
  return {
    version: schema.version,
    block: { version: schema.version, attributes: attributesToProto(schema.attributes), description: schema.description },
  };
}

function attributesToProto(attributes: Readonly<Record<string, AttributeSchema>>): SchemaAttributeMessage[] {
  return Object.keys(attributes)
    .sort()
    .map((name) => {
      const a = attributes[name];
      const message: SchemaAttributeMessage = {
        name,
        description: a.description,
        required: a.required === true,
        optional: a.optional === true,
        computed: a.computed === true,
        sensitive: a.sensitive === true,
        deprecated: a.deprecationMessage !== undefined,
      };
      if (a.nested) message.nested_type = { attributes: attributesToProto(a.nested.attributes), nesting: NESTING[a.nested.nesting] };
      else message.type = typeToJsonBytes(a.type ?? 'dynamic');
      return message;
    });
}

/** Converts a provider-defined function to `tfplugin6.Function`. */
export function functionToProto(fn: FunctionDefinition): ProtoMessage {
  return {
    parameters: fn.parameters.map((p) => ({ name: p.name, type: typeToJsonBytes(p.type), description: p.description })),
    return: { type: typeToJsonBytes(fn.returnType) },
    summary: fn.summary,
    description: fn.description,
  };
}
