import type { TfType } from '../framework';

/**
 * The type system of Terraform's values on the wire (go-cty): the framework's {@link TfType} plus
 * tuples, which appear inside values of `dynamic` attributes.
 */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | { readonly list: CtyType }
  | { readonly set: CtyType }
  | { readonly map: CtyType }
  | { readonly object: Readonly<Record<string, CtyType>>; readonly optional?: readonly string[] }
  | { readonly tuple: readonly CtyType[] };

/** Widens a framework type to a wire type (every TfType is a CtyType). */
export function fromTfType(type: TfType): CtyType {
  return type;
}

/**
 * The JSON form of a type, as Terraform expects it in a schema's `type` bytes and in dynamic
 * values: `"string"`, `["list","string"]`, `["object",{"a":"string"},["a"]]`, `["tuple",[...]]`.
 */
export function typeToJson(type: CtyType): unknown {
  if (typeof type === 'string') return type;
  if ('list' in type) return ['list', typeToJson(type.list)];
  if ('set' in type) return ['set', typeToJson(type.set)];
  if ('map' in type) return ['map', typeToJson(type.map)];
  if ('tuple' in type) return ['tuple', type.tuple.map(typeToJson)];
  const attrs: Record<string, unknown> = {};
  for (const name of Object.keys(type.object).sort()) attrs[name] = typeToJson(type.object[name]);
  const optional = (type.optional ?? []).filter((name) => name in type.object).sort();
  return optional.length > 0 ? ['object', attrs, optional] : ['object', attrs];
}

/** The bytes of {@link typeToJson}. */
export function typeToJsonBytes(type: CtyType): Buffer {
  return Buffer.from(JSON.stringify(typeToJson(type)), 'utf8');
}

/** Reads the JSON form of a type (see {@link typeToJson}); throws on anything else. */
export function typeFromJson(json: unknown): CtyType {
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') return json;
  if (Array.isArray(json) && typeof json[0] === 'string') {
    const [kind, arg, extra] = json as [string, unknown, unknown];
    switch (kind) {
      case 'list':
        return { list: typeFromJson(arg) };
      case 'set':
        return { set: typeFromJson(arg) };
      case 'map':
        return { map: typeFromJson(arg) };
      case 'tuple':
        if (Array.isArray(arg)) return { tuple: arg.map(typeFromJson) };
        break;
      case 'object':
        if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
          const object: Record<string, CtyType> = {};
          for (const [name, t] of Object.entries(arg)) object[name] = typeFromJson(t);
          if (Array.isArray(extra)) return { object, optional: extra.map(String) };
          return { object };
        }
        break;
    }
  }
  throw new Error(`invalid type ${JSON.stringify(json)}`);
}
