/**
 * Where in a value something is: a list of steps from the root object.
 *
 * A string step is an attribute name, a number step a list (or set) index, `{ key }` a map key.
 *
 * @example
 * const path: AttributePath = ['definition', 'steps', 2, 'name'];
 * const tag: AttributePath = ['tags', { key: 'team' }];
 */
export type AttributePath = readonly AttributePathStep[];

/** One step of an {@link AttributePath}. */
export type AttributePathStep = string | number | { readonly key: string };

/**
 * Renders a path the way a Terraform user writes it: `definition.steps[2].name`, `tags["team"]`.
 */
export function formatAttributePath(path: AttributePath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'string') out += out === '' ? step : `.${step}`;
    else if (typeof step === 'number') out += `[${step}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}
