/**
 * The Terraform type system as the framework sees it.
 *
 * A `TfType` describes the shape of an attribute value. Primitive types are strings; collection
 * and structural types are small objects. `dynamic` means "any type, decided by the configuration".
 *
 * @example
 * const tags: TfType = { map: 'string' };
 * const step: TfType = { object: { name: 'string', retries: 'number' }, optional: ['retries'] };
 */
export type TfType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | { readonly list: TfType }
  | { readonly set: TfType }
  | { readonly map: TfType }
  | { readonly object: Readonly<Record<string, TfType>>; readonly optional?: readonly string[] };

/** The primitive members of {@link TfType}. */
export type TfPrimitiveType = 'string' | 'number' | 'bool';

/** True when `type` is `string`, `number` or `bool`. */
export function isPrimitiveType(type: TfType): type is TfPrimitiveType {
  return type === 'string' || type === 'number' || type === 'bool';
}

/**
 * The element type of a list, set or map type, or `undefined` for any other type.
 */
export function elementTypeOf(type: TfType): TfType | undefined {
  if (typeof type === 'string') return undefined;
  if ('list' in type) return type.list;
  if ('set' in type) return type.set;
  if ('map' in type) return type.map;
  return undefined;
}

/**
 * A short human-readable name of a type, as Terraform prints it (`list(string)`, `object({...})`).
 */
export function typeToString(type: TfType): string {
  if (typeof type === 'string') return type;
  if ('list' in type) return `list(${typeToString(type.list)})`;
  if ('set' in type) return `set(${typeToString(type.set)})`;
  if ('map' in type) return `map(${typeToString(type.map)})`;
  const attrs = Object.keys(type.object)
    .sort()
    .map((k) => `${k}=${typeToString(type.object[k])}`);
  return `object({${attrs.join(', ')}})`;
}
