import type { AttributePathStep } from './attribute-path';
import type { NestedAttributes } from './schema';
import { isObjectValue, isUnknown, type ObjectValue, type Value } from './value';

/** One object of a nested attribute value. */
export interface NestedElement {
  /** The step from the nested attribute to this object: list or set index, map key; none for `single`. */
  readonly step?: AttributePathStep;
  /** The object. */
  readonly value: ObjectValue;
}

/**
 * Lists the objects of a nested attribute value. Unknown and null values, and unknown elements,
 * have no objects to list.
 */
export function nestedElements(nested: NestedAttributes, value: Value): NestedElement[] {
  if (value === null || isUnknown(value)) return [];
  if (nested.nesting === 'single') return isObjectValue(value) ? [{ value }] : [];
  if (nested.nesting === 'map') {
    if (!isObjectValue(value)) return [];
    return Object.entries(value).flatMap(([key, item]) => (isObjectValue(item) ? [{ step: { key }, value: item }] : []));
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i) => (isObjectValue(item) ? [{ step: i, value: item }] : []));
}

/**
 * The object at `step` (a list index or map key; none for `single`) of a nested attribute value,
 * or null when there is none. Sets have no addressable elements: always null.
 */
export function nestedElementAt(nested: NestedAttributes, value: Value, step: AttributePathStep | undefined): ObjectValue | null {
  if (value === null || isUnknown(value)) return null;
  let found: Value | undefined;
  if (nested.nesting === 'single') found = value;
  else if (nested.nesting === 'list' && Array.isArray(value) && typeof step === 'number') found = value[step];
  else if (nested.nesting === 'map' && isObjectValue(value) && typeof step === 'object') found = value[step.key];
  return found !== undefined && isObjectValue(found) ? found : null;
}

/**
 * Rebuilds a nested attribute value with each of its objects replaced by `replace(element)`;
 * everything else (unknown elements, null) is kept.
 */
export function rebuildNested(nested: NestedAttributes, value: Value, replace: (element: NestedElement) => ObjectValue): Value {
  const elements = nestedElements(nested, value);
  if (elements.length === 0) return value;
  if (nested.nesting === 'single') return replace(elements[0]);
  if (Array.isArray(value)) {
    const out = value.slice();
    for (const element of elements) out[element.step as number] = replace(element);
    return out;
  }
  const out: ObjectValue = { ...(value as ObjectValue) };
  for (const element of elements) out[(element.step as { key: string }).key] = replace(element);
  return out;
}
