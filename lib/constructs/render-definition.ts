import { Token } from 'cdktf';
import { isPlainObject } from './check-document';

/**
 * The `definition` attribute of `integrateio_pipeline` as Terraform takes it: the document itself,
 * with the document's own (snake_case) keys. The attribute is dynamic: Terraform passes the value
 * as written and the provider checks it strictly, so nothing is renamed, added or dropped here,
 * except keys whose value is `undefined` or `null` (absent in a document). Tokens are kept as they are; Terraform resolves
 * them.
 */
export function renderDefinition(document: unknown): unknown {
  if (Token.isUnresolved(document)) return document;
  if (Array.isArray(document)) return document.map(renderDefinition);
  if (isPlainObject(document)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(document)) if (value !== undefined && value !== null) out[key] = renderDefinition(value);
    return out;
  }
  return document;
}
