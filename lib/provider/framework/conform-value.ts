import type { AttributePath } from './attribute-path';
import { formatAttributePath } from './attribute-path';
import { typeToString, type TfType } from './tf-type';
import { isObjectValue, isUnknown, type Value } from './value';

/**
 * Brings a value produced by provider code into the exact shape of `type`.
 *
 * Objects get every attribute (missing ones become null) and lose attributes the type does not
 * have; unknown values are kept. Values of the wrong kind are reported in `problems` (and replaced
 * by null), so that a provider bug surfaces as a clear diagnostic rather than an encoding failure.
 *
 * @param problems - Receives one sentence per mismatch.
 */
export function conformValue(value: unknown, type: TfType, path: AttributePath, problems: string[]): Value {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) return value;
  const wrong = (): null => {
    problems.push(`${formatAttributePath(path) || 'the value'} must be ${typeToString(type)}, got ${describe(value)}`);
    return null;
  };
  if (type === 'dynamic') return value as Value;
  if (type === 'string') return typeof value === 'string' ? value : wrong();
  if (type === 'bool') return typeof value === 'boolean' ? value : wrong();
  if (type === 'number') return typeof value === 'number' && !Number.isNaN(value) ? value : wrong();
  if ('list' in type || 'set' in type) {
    if (!Array.isArray(value)) return wrong();
    const element = 'list' in type ? type.list : type.set;
    return value.map((item, i) => conformValue(item, element, [...path, i], problems));
  }
  if (!isObjectValue(value)) return wrong();
  const out: Record<string, Value> = {};
  if ('map' in type) {
    for (const [key, item] of Object.entries(value)) out[key] = conformValue(item, type.map, [...path, { key }], problems);
    return out;
  }
  for (const [name, attrType] of Object.entries(type.object)) out[name] = conformValue(value[name], attrType, [...path, name], problems);
  return out;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
