import type { AttributePath } from './attribute-path';
import type { Diagnostics } from './diagnostics';
import type { ObjectValue, Value } from './value';

/**
 * What a {@link PlanModifier} sees about one attribute while a resource change is planned.
 */
export interface PlanModifierRequest {
  /** Where the attribute is. */
  readonly path: AttributePath;
  /** The configured value (null when not configured; may be unknown). */
  readonly config: Value;
  /** The value in prior state (null on create). */
  readonly prior: Value;
  /** The value planned so far (after default planning and earlier modifiers). */
  readonly planned: Value;
  /** True when the resource does not exist yet. */
  readonly creating: boolean;
  /** The whole prior state (null on create). */
  readonly priorState: ObjectValue | null;
  /** The whole configuration. */
  readonly configState: ObjectValue;
}

/** What a {@link PlanModifier} decides. Omitted fields leave things as they are. */
export interface PlanModifierResult {
  /** The new planned value of the attribute. */
  readonly planned?: Value;
  /** True when changing this attribute needs the resource to be destroyed and created again. */
  readonly requiresReplace?: boolean;
}

/**
 * A named, reusable rule that adjusts the plan of one attribute, declared in the schema.
 *
 * Modifiers run in the order they are listed, on create and update (never on destroy).
 */
export interface PlanModifier {
  /** What the modifier does, for documentation. */
  readonly description: string;
  /** Decides the attribute's plan. */
  modify(request: PlanModifierRequest, diags: Diagnostics): PlanModifierResult | void;
}
