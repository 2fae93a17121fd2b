import type { AttributeSchema, NestedAttributes, Schema } from './schema';
import type { TfType } from './tf-type';

const schemaTypes = new WeakMap<object, TfType>();

/**
 * The type of the values a schema describes: an object type with one attribute per schema
 * attribute (nested attributes become objects, or lists, sets or maps of objects). Worked out once
 * per attributes object (every request of a resource type needs it, and schemas never change once
 * served); the type returned is shared and must not be changed.
 */
export function schemaType(schema: Pick<Schema, 'attributes'>): TfType {
  let type = schemaTypes.get(schema.attributes);
  if (type === undefined) {
    type = attributesType(schema.attributes);
    schemaTypes.set(schema.attributes, type);
  }
  return type;
}

/** The object type of a set of attributes; optional attributes are listed as `optional`. */
export function attributesType(attributes: Readonly<Record<string, AttributeSchema>>): TfType {
  const object: Record<string, TfType> = {};
  const optional: string[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    object[name] = attributeType(attribute);
    if (!attribute.required) optional.push(name);
  }
  return optional.length > 0 ? { object, optional } : { object };
}

/** The type of one attribute's value. */
export function attributeType(attribute: AttributeSchema): TfType {
  if (attribute.nested) return nestedType(attribute.nested);
  return attribute.type ?? 'dynamic';
}

/** The type of a nested attribute's value. */
export function nestedType(nested: NestedAttributes): TfType {
  const element = attributesType(nested.attributes);
  switch (nested.nesting) {
    case 'single':
      return element;
    case 'list':
      return { list: element };
    case 'set':
      return { set: element };
    case 'map':
      return { map: element };
  }
}
