import type { PlanModifier } from './plan-modifier';
import type { TfType } from './tf-type';
import type { Validator } from './validator';

/**
 * The schema of a provider, resource or data source: a versioned set of attributes.
 *
 * @example
 * const schema: Schema = {
 *   version: 0,
 *   description: 'A thing.',
 *   attributes: {
 *     id: { description: 'Identifier.', type: 'string', computed: true, planModifiers: [useStateForUnknown()] },
 *     name: { description: 'Name.', type: 'string', required: true, validators: [stringNotEmpty()] },
 *   },
 * };
 */
export interface Schema {
  /**
   * Version of the state layout; bump it when stored state must be upgraded.
   * @default 0
   */
  readonly version: number;
  /** What the provider, resource or data source is, for documentation. */
  readonly description: string;
  /** Attributes by name. */
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
}

/** How the objects of a nested attribute are grouped. */
export type NestingMode = 'single' | 'list' | 'set' | 'map';

/**
 * Nested attributes: an object (or a list, set or map of objects) whose own attributes have
 * schemas, so they can be required, optional, computed, validated and documented one by one.
 */
export interface NestedAttributes {
  /** `single` for one object; `list`, `set`, `map` for collections of objects. */
  readonly nesting: NestingMode;
  /** The attributes of each object. */
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
}

/**
 * The schema of one attribute.
 *
 * Exactly one of `type` and `nested` is set. Exactly one of `required`, `optional`, `computed`
 * holds, except `optional` with `computed` (the provider fills the value when the user leaves it
 * out).
 */
export interface AttributeSchema {
  /** What the attribute means and accepts, for documentation. */
  readonly description: string;
  /** The type of a plain attribute. */
  readonly type?: TfType;
  /** The nested attributes of a nested attribute. */
  readonly nested?: NestedAttributes;
  /** The user must set it. */
  readonly required?: boolean;
  /** The user may set it. */
  readonly optional?: boolean;
  /** The provider sets it (alone: read-only; with `optional`: defaulted by the provider). */
  readonly computed?: boolean;
  /** Terraform hides the value in its output. */
  readonly sensitive?: boolean;
  /** When set, the attribute is deprecated and this says what to use instead. */
  readonly deprecationMessage?: string;
  /** Plan modifiers, applied in order after the framework's default planning. */
  readonly planModifiers?: readonly PlanModifier[];
  /** Validators of the configured value, run on validate (unknown and null values are skipped). */
  readonly validators?: readonly Validator[];
}
