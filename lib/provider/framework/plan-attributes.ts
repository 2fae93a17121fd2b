import type { AttributePath } from './attribute-path';
import type { Diagnostics } from './diagnostics';
import { nestedElementAt, rebuildNested } from './nested-elements';
import type { AttributeSchema } from './schema';
import { isUnknown, unknown, type ObjectValue, type Value } from './value';

/** The inputs of {@link planAttributes} that stay the same at every depth. */
export interface PlanContext {
  /** True when the resource does not exist yet. */
  readonly creating: boolean;
  /** True when the proposed state differs from the prior state (always true on create). */
  readonly changed: boolean;
  /** The whole prior state (null on create). */
  readonly priorState: ObjectValue | null;
  /** The whole configuration. */
  readonly configState: ObjectValue;
  /** Receives the paths whose change requires replacement. */
  readonly requiresReplace: AttributePath[];
  /** Receives the modifiers' diagnostics. */
  readonly diags: Diagnostics;
}

/**
 * The framework's default planning of one object's attributes, recursively:
 * when something changed, computed attributes the configuration leaves null become unknown;
 * then each attribute's plan modifiers run in order.
 *
 * @param planned - Terraform's proposed new state for this object.
 * @param config - The configured object (null when the object is not configured).
 * @param prior - The prior object (null when there is none).
 */
export function planAttributes(
  attributes: Readonly<Record<string, AttributeSchema>>,
  planned: ObjectValue,
  config: ObjectValue | null,
  prior: ObjectValue | null,
  path: AttributePath,
  ctx: PlanContext,
): ObjectValue {
  const out: ObjectValue = { ...planned };
  for (const [name, attribute] of Object.entries(attributes)) {
    const attrPath = [...path, name];
    const configured = config?.[name] ?? null;
    const previous = prior?.[name] ?? null;
    let value: Value = planned[name] ?? null;
    if (ctx.changed && attribute.computed && configured === null) {
      value = unknown;
    } else if (attribute.nested && !isUnknown(configured)) {
      const nested = attribute.nested;
      value = rebuildNested(nested, value, (element) => {
        // Set elements have no identity: the element stands for its own configuration.
        const configElement = nested.nesting === 'set' ? element.value : nestedElementAt(nested, configured, element.step);
        const priorElement = nestedElementAt(nested, previous, element.step);
        const stepPath = element.step === undefined ? attrPath : [...attrPath, element.step];
        return planAttributes(nested.attributes, element.value, configElement, priorElement, stepPath, ctx);
      });
    }
    for (const modifier of attribute.planModifiers ?? []) {
      const result = modifier.modify(
        {
          path: attrPath,
          config: configured,
          prior: previous,
          planned: value,
          creating: ctx.creating,
          priorState: ctx.priorState,
          configState: ctx.configState,
        },
        ctx.diags,
      );
      if (!result) continue;
      if (result.planned !== undefined) value = result.planned;
      if (result.requiresReplace) ctx.requiresReplace.push(attrPath);
    }
    out[name] = value;
  }
  return out;
}
