import { type ObjectValue, type Value } from '../framework';
import { typeFromJson, type CtyType } from './cty-type';
import { rememberDynamicType } from './dynamic-type-registry';
import { dynamicTypeFromJson } from './dynamic-type-json';

/**
 * Reads a value of type `type` from Terraform's JSON value encoding (stored state, and the JSON
 * form of DynamicValue): `dynamic` values are `{"value": ..., "type": ...}`; numbers may be
 * written as strings. Objects are read leniently: a missing attribute becomes null and an
 * attribute the type does not have is dropped (state written by an older schema of the same
 * version number).
 *
 * @throws When the JSON does not match the type (with the path of the mismatch).
 */
export function decodeJsonValue(json: unknown, type: CtyType, path = ''): Value {
  const fail = (message: string): never => {
    throw new Error(path ? `${path}: ${message}` : message);
  };
  if (json === null || json === undefined) return null;
  if (type === 'dynamic') {
    if (typeof json !== 'object' || Array.isArray(json) || !('type' in json)) return fail('a dynamic value must be {"value", "type"}');
    const wrapper = json as { value?: unknown; type: unknown };
    // Parsed once per distinct type (the type object is then shared, and so are its JSON bytes
    // when the value is sent back): every stored pipeline carries the same type of `definition`.
    const text = JSON.stringify(wrapper.type) as string | undefined;
    const concrete = text === undefined ? typeFromJson(wrapper.type) : dynamicTypeFromJson(text);
    const value = decodeJsonValue(wrapper.value, concrete, path);
    rememberDynamicType(value, concrete);
    return value;
  }
  if (type === 'string') {
    if (typeof json === 'string') return json;
    if (typeof json === 'number' || typeof json === 'boolean') return String(json);
    return fail('a string is required');
  }
  if (type === 'number') {
    if (typeof json === 'number') return json;
    if (typeof json === 'string' && json.trim() !== '' && !Number.isNaN(Number(json))) return Number(json);
    return fail('a number is required');
  }
  if (type === 'bool') {
    if (typeof json === 'boolean') return json;
    if (json === 'true' || json === 'false') return json === 'true';
    return fail('a bool is required');
  }
  if ('list' in type || 'set' in type || 'tuple' in type) {
    if (!Array.isArray(json)) return fail('a list is required');
    return json.map((item, i) => {
      const element = 'tuple' in type ? type.tuple[i] : 'list' in type ? type.list : type.set;
      if (element === undefined) fail(`a tuple of ${(type as { tuple: CtyType[] }).tuple.length} elements is required`);
      return decodeJsonValue(item, element, `${path}[${i}]`);
    });
  }
  if (typeof json !== 'object' || Array.isArray(json)) return fail('an object is required');
  const source = json as Record<string, unknown>;
  const out: ObjectValue = {};
  if ('map' in type) {
    for (const [key, item] of Object.entries(source)) out[key] = decodeJsonValue(item, type.map, `${path}[${JSON.stringify(key)}]`);
    return out;
  }
  for (const [name, attrType] of Object.entries(type.object)) {
    out[name] = decodeJsonValue(source[name], attrType, path ? `${path}.${name}` : name);
  }
  return out;
}
