/**
 * Escapes the literal parts of a string for Terraform JSON, where `${` and `%{` start template
 * sequences; the token markers cdktf encodes into strings (`${TfToken[…]}`) are left alone.
 *
 * @example
 * escapeTemplateText('backfill ${x}'); // 'backfill $${x}'
 */
export function escapeTemplateText(text: string): string {
  // Both sequences need a `{`: most strings have none and are returned as they are.
  if (!text.includes('{')) return text;
  return text.replace(/\$\{(?!TfToken\[)/g, '$$${').replace(/%\{/g, '%%{');
}
