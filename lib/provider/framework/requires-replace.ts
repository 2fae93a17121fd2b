import type { PlanModifier, PlanModifierRequest } from './plan-modifier';
import { valuesEqual } from './value';

/**
 * Marks the resource for replacement when the attribute's planned value differs from state.
 *
 * Terraform then shows `# forces replacement` next to the attribute. Nothing happens on create.
 *
 * @example
 * region: { description: 'Region.', type: 'string', required: true, planModifiers: [requiresReplace()] }
 */
export function requiresReplace(): PlanModifier {
  return requiresReplaceIf(() => true, 'If the value of this attribute changes, Terraform will destroy and recreate the resource.');
}

/**
 * Like {@link requiresReplace}, but only when `condition` also holds for the change.
 *
 * @param condition - Called only for a real change of an existing resource.
 * @param description - What the condition is, for documentation.
 */
export function requiresReplaceIf(condition: (req: PlanModifierRequest) => boolean, description: string): PlanModifier {
  return {
    description,
    modify(req) {
      if (req.creating || valuesEqual(req.planned, req.prior)) return;
      if (condition(req)) return { requiresReplace: true };
    },
  };
}
