import { isObjectValue, isUnknown, type Value } from '../framework';
import type { CtyType } from './cty-type';
import { rememberedDynamicType } from './dynamic-type-registry';

/**
 * The type to send for a value of a `dynamic` attribute: the type it was received with when it
 * came from Terraform, else inferred the way Terraform's `jsondecode` does (arrays are tuples,
 * objects are objects; null and unknown elements are `dynamic`).
 */
export function inferCtyType(value: Value): CtyType {
  const remembered = rememberedDynamicType(value);
  if (remembered) return remembered;
  if (value === null || isUnknown(value)) return 'dynamic';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return { tuple: value.map(inferCtyType) };
  if (isObjectValue(value)) {
    const object: Record<string, CtyType> = {};
    for (const [name, item] of Object.entries(value)) object[name] = inferCtyType(item);
    return { object };
  }
  return 'dynamic';
}
