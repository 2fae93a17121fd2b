import { Token } from 'cdktf';

/**
 * Escapes the literal parts of a string for Terraform JSON, where `${` and `%{` start template
 * sequences; the token markers cdktf encodes into strings (`${TfToken[…]}`) are left alone.
 */
function escapeString(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, '$$${').replace(/%\{/g, '%%{');
}

/**
 * A rendered value with every literal string and object key escaped for Terraform JSON, so that a
 * definition text such as a pipeline named `backfill ${x}` reaches the provider as written instead
 * of failing as a reference. Tokens (token objects, and the token markers inside strings) pass
 * through: they are Terraform expressions on purpose.
 */
export function escapeTemplates(value: unknown): unknown {
  if (typeof value === 'string') return escapeString(value);
  if (Token.isUnresolved(value)) return value;
  if (Array.isArray(value)) return value.map(escapeTemplates);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeString(k), escapeTemplates(v)]));
  }
  return value;
}
