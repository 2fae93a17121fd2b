import type { AttributePath } from './attribute-path';
import type { Diagnostics } from './diagnostics';
import { nestedElements } from './nested-elements';
import type { AttributeSchema } from './schema';
import { isUnknown, type ObjectValue } from './value';

/**
 * Runs every attribute's validators on a configuration, recursively through nested attributes.
 * Unknown and null values are skipped: they are checked again once known.
 */
export function validateAttributes(
  attributes: Readonly<Record<string, AttributeSchema>>,
  config: ObjectValue,
  path: AttributePath,
  diags: Diagnostics,
): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = config[name] ?? null;
    if (value === null || isUnknown(value)) continue;
    const attrPath = [...path, name];
    if (attribute.deprecationMessage) diags.addWarning('Deprecated Attribute', attribute.deprecationMessage, attrPath);
    for (const validator of attribute.validators ?? []) validator.validate(value, attrPath, diags);
    if (attribute.nested) {
      for (const element of nestedElements(attribute.nested, value)) {
        const elementPath = element.step === undefined ? attrPath : [...attrPath, element.step];
        validateAttributes(attribute.nested.attributes, element.value, elementPath, diags);
      }
    }
  }
}
