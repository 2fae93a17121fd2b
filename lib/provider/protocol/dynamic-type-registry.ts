import type { CtyType } from './cty-type';

const types = new WeakMap<object, CtyType>();

/**
 * Remembers the exact type Terraform gave a list, set, map, tuple or object decoded from a
 * `dynamic` attribute, so that encoding the same value back uses the same type (a list stays a
 * list rather than becoming a tuple). Values are held weakly.
 */
export function rememberDynamicType(value: unknown, type: CtyType): void {
  if (typeof value === 'object' && value !== null) types.set(value, type);
}

/** The type remembered by {@link rememberDynamicType}, if any. */
export function rememberedDynamicType(value: unknown): CtyType | undefined {
  return typeof value === 'object' && value !== null ? types.get(value) : undefined;
}
