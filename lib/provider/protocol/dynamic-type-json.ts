import { typeFromJson, typeToJsonBytes, type CtyType } from './cty-type';

/** How many distinct type texts {@link dynamicTypeFromJson} keeps (the oldest go first). */
const PARSED_LIMIT = 256;

const parsed = new Map<string, CtyType>();
const encoded = new WeakMap<object, Buffer>();

/**
 * The type of a `dynamic` value from its JSON text (see {@link typeFromJson}), parsed once per
 * distinct text: Terraform sends the same type with every value of an attribute (the whole
 * `definition` document's type, per resource and per request). The type returned is shared, and
 * types are never changed once made.
 *
 * @throws When the text is not a type.
 */
export function dynamicTypeFromJson(text: string): CtyType {
  let type = parsed.get(text);
  if (type === undefined) {
    type = typeFromJson(JSON.parse(text));
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value as string);
    parsed.set(text, type);
  }
  return type;
}

/**
 * The JSON bytes of a type (see {@link typeToJsonBytes}), made once per type object: a value sent
 * back as it came carries the very type object {@link dynamicTypeFromJson} returned. Callers must
 * not change the bytes.
 */
export function dynamicTypeJsonBytes(type: CtyType): Buffer {
  if (typeof type === 'string') return typeToJsonBytes(type);
  let bytes = encoded.get(type);
  if (bytes === undefined) {
    bytes = typeToJsonBytes(type);
    encoded.set(type, bytes);
  }
  return bytes;
}
