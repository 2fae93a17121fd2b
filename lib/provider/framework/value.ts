/**
 * The value model shared by schemas, plans and state.
 *
 * Values are plain JavaScript data: `null`, strings, numbers, booleans, arrays (lists, sets and
 * tuples) and plain objects (objects and maps). A value Terraform does not know yet (it will be
 * known after apply) is the {@link unknown} sentinel, or an {@link UnknownValue} that carries
 * refinements Terraform sent along with it.
 */

/**
 * The brand property of {@link UnknownValue}. A registered symbol, so that two copies of the
 * framework in one process still agree on what is unknown.
 */
export const UNKNOWN_BRAND: unique symbol = Symbol.for('integrateio.terraform.unknown');

/**
 * What Terraform already knows about an unknown value (cty "refinements"). All fields are optional.
 */
export interface UnknownRefinements {
  /** `true` when the value is known not to be null once it is known. */
  readonly notNull?: boolean;
  /** A known prefix of a string value. */
  readonly stringPrefix?: string;
  /** A lower bound of a number value. */
  readonly numberMin?: { readonly value: number; readonly inclusive: boolean };
  /** An upper bound of a number value. */
  readonly numberMax?: { readonly value: number; readonly inclusive: boolean };
  /** A lower bound of the length of a collection. */
  readonly lengthMin?: number;
  /** An upper bound of the length of a collection. */
  readonly lengthMax?: number;
}

/** A value that Terraform will only know after apply. Test with {@link isUnknown}. */
export interface UnknownValue {
  /** Brand: distinguishes an unknown from any object value. */
  readonly [UNKNOWN_BRAND]: true;
  /** What Terraform knows about the future value, when it said so. */
  readonly refinements?: UnknownRefinements;
}

/** A Terraform value: see the module description. */
export type Value = null | string | number | boolean | UnknownValue | Value[] | ObjectValue;

/** An object or map value: attribute (or key) names to values. */
export interface ObjectValue {
  [name: string]: Value;
}

/** The unknown value without refinements (a frozen singleton). */
export const unknown: UnknownValue = Object.freeze({ [UNKNOWN_BRAND]: true as const });

/**
 * An unknown value carrying refinements; returns the {@link unknown} singleton when there are none.
 */
export function unknownWith(refinements: UnknownRefinements): UnknownValue {
  if (Object.keys(refinements).length === 0) return unknown;
  return Object.freeze({ [UNKNOWN_BRAND]: true as const, refinements: Object.freeze({ ...refinements }) });
}

/** True when `value` is unknown (with or without refinements). */
export function isUnknown(value: unknown): value is UnknownValue {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[UNKNOWN_BRAND] === true;
}

/** True when `value` is a plain object value (not null, not an array, not unknown). */
export function isObjectValue(value: unknown): value is ObjectValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/** True when `value` contains no unknown value at any depth. */
export function isFullyKnown(value: Value): boolean {
  if (isUnknown(value)) return false;
  if (Array.isArray(value)) return value.every(isFullyKnown);
  if (isObjectValue(value)) return Object.values(value).every(isFullyKnown);
  return true;
}

/**
 * Deep equality of two values. Unknown equals unknown (refinements are ignored); object key
 * order does not matter; array order does.
 */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isUnknown(a) || isUnknown(b)) return isUnknown(a) && isUnknown(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (isObjectValue(a) && isObjectValue(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && valuesEqual(a[k], b[k]));
  }
  return false;
}
