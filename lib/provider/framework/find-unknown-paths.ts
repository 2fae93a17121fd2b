import type { AttributePath } from './attribute-path';
import type { TfType } from './tf-type';
import { isObjectValue, isUnknown, type Value } from './value';

/**
 * Lists where `value` (of type `type`) still contains unknown values; empty when fully known.
 */
export function findUnknownPaths(value: Value, type: TfType, path: AttributePath = []): AttributePath[] {
  if (isUnknown(value)) return [path];
  if (value === null || typeof type === 'string') return [];
  const found: AttributePath[] = [];
  if (('list' in type || 'set' in type) && Array.isArray(value)) {
    const element = 'list' in type ? type.list : type.set;
    value.forEach((item, i) => found.push(...findUnknownPaths(item, element, [...path, i])));
  } else if ('map' in type && isObjectValue(value)) {
    for (const [key, item] of Object.entries(value)) found.push(...findUnknownPaths(item, type.map, [...path, { key }]));
  } else if ('object' in type && isObjectValue(value)) {
    for (const [name, attrType] of Object.entries(type.object)) found.push(...findUnknownPaths(value[name] ?? null, attrType, [...path, name]));
  }
  return found;
}
