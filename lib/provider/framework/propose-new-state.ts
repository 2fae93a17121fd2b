import type { AttributeSchema } from './schema';
import { nestedElementAt, rebuildNested } from './nested-elements';
import type { ObjectValue } from './value';

/**
 * Terraform's "proposed new state", simplified: the configuration, where computed attributes the
 * configuration leaves null keep their prior value.
 *
 * Terraform computes this itself and sends it with every plan request; the framework uses this
 * function only when it is missing (in tests, for example).
 */
export function proposeNewState(
  attributes: Readonly<Record<string, AttributeSchema>>,
  prior: ObjectValue | null,
  config: ObjectValue,
): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const configured = config[name] ?? null;
    const previous = prior?.[name] ?? null;
    if (attribute.computed && configured === null) {
      out[name] = previous;
    } else if (attribute.nested && attribute.nested.nesting !== 'set') {
      const nested = attribute.nested;
      out[name] = rebuildNested(nested, configured, (element) =>
        proposeNewState(nested.attributes, nestedElementAt(nested, previous, element.step), element.value),
      );
    } else {
      out[name] = configured;
    }
  }
  return out;
}
