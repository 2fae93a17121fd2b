import type { PlanModifier } from './plan-modifier';
import { isUnknown } from './value';

/**
 * Keeps the prior state value of a computed attribute instead of planning it as unknown.
 *
 * Use it for values that never change once the resource exists (an id, a creation time): an update
 * then shows the value instead of `(known after apply)`. On create, when the configured value is
 * unknown, or when the prior value is null, it does nothing.
 *
 * @example
 * id: { description: 'Id.', type: 'string', computed: true, planModifiers: [useStateForUnknown()] }
 */
export function useStateForUnknown(): PlanModifier {
  return {
    description: 'Once set, the value of this attribute in state will not change.',
    modify(req) {
      if (req.creating || req.prior === null || !isUnknown(req.planned) || isUnknown(req.config)) return;
      return { planned: req.prior };
    },
  };
}
