import { isObjectValue, type AttributeSchema, type ObjectValue, type Value } from '../framework';
import { definitionAttributes } from './definition-schema';

const ATTRIBUTES = definitionAttributes('configurable');

function toValue(doc: unknown, schema: AttributeSchema): Value {
  if (doc === undefined || doc === null) return null;
  const nested = schema.nested;
  if (!nested) return doc as Value;
  if (nested.nesting === 'list') return (doc as unknown[]).map((item) => objectToValue(item, nested.attributes));
  return objectToValue(doc, nested.attributes);
}

function objectToValue(doc: unknown, attributes: Record<string, AttributeSchema>): ObjectValue {
  const source = (doc ?? {}) as Record<string, unknown>;
  const out: ObjectValue = {};
  for (const [name, schema] of Object.entries(attributes)) out[name] = toValue(source[name], schema);
  return out;
}

/**
 * Converts a definition document (as the API and lib/definition give it) into the Terraform value
 * of the `definition` attribute: every attribute present, null where the document has nothing.
 */
export function documentToValue(doc: unknown): ObjectValue {
  return objectToValue(doc, ATTRIBUTES);
}

/**
 * Converts the Terraform value of `definition` back into a document: null attributes are left out,
 * as the document has no nulls. The value must be fully known.
 */
export function valueToDocument(value: Value): unknown {
  if (Array.isArray(value)) return value.map(valueToDocument);
  if (isObjectValue(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== null) out[key] = valueToDocument(v);
    return out;
  }
  return value;
}

/**
 * The value of the resource's `definition` attribute (a dynamic attribute) for a document read from
 * the API, on import or drift: the document itself, without nulls; Terraform gives it object and
 * tuple types, which `-generate-config-out` writes as plain HCL.
 */
export function documentToDefinitionValue(doc: unknown): ObjectValue {
  return JSON.parse(JSON.stringify(doc ?? {})) as ObjectValue;
}

/**
 * The `definition` of a state written by schema version 0 (a nested attribute whose every field
 * was present, null when absent), as the document it stood for: nulls dropped at every depth.
 */
export function legacyDefinitionValue(stored: unknown): Value {
  if (stored === null || stored === undefined) return null;
  return valueToDocument(stored as Value) as Value;
}
