import type { AttributePath } from './attribute-path';
import { formatAttributePath } from './attribute-path';
import type { AttributeSchema, Schema } from './schema';

/**
 * Finds mistakes in a schema definition (a programming error, reported before Terraform uses it).
 *
 * @returns One sentence per problem; empty when the schema is sound.
 */
export function checkSchema(schema: Schema): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(schema.version) || schema.version < 0) problems.push(`version ${schema.version} must be a whole number ≥ 0`);
  checkAttributes(schema.attributes, [], problems);
  return problems;
}

function checkAttributes(attributes: Readonly<Record<string, AttributeSchema>>, path: AttributePath, problems: string[]): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const at = formatAttributePath([...path, name]);
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) problems.push(`${at}: attribute names use lowercase letters, digits and underscores`);
    if ((attribute.type === undefined) === (attribute.nested === undefined)) problems.push(`${at}: set exactly one of type and nested`);
    const modes = [attribute.required, attribute.optional, attribute.computed].filter(Boolean).length;
    if (modes === 0) problems.push(`${at}: set one of required, optional, computed`);
    if (attribute.required && (attribute.optional || attribute.computed)) problems.push(`${at}: required excludes optional and computed`);
    if (!attribute.description) problems.push(`${at}: every attribute needs a description`);
    if (attribute.nested) checkAttributes(attribute.nested.attributes, [...path, name], problems);
  }
}
