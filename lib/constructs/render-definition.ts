import { Token } from 'cdktf';
import { isPlainObject } from './check-document';
import { escapeTemplates } from './escape-templates';

/** Copies `{}` objects and lists at every depth, leaving out keys whose value is undefined or null (absent in a document); tokens are kept as they are. */
function plain(value: unknown): unknown {
  if (Token.isUnresolved(value)) return value;
  if (Array.isArray(value)) return value.map(plain);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined && item !== null) out[key] = plain(item);
    return out;
  }
  return value;
}

/**
 * The `definition` attribute of `integrateio_pipeline` as Terraform JSON: the document itself
 * (snake_case, as in YAML files), a plain object so that `addOverride('definition.…')` can change
 * a field. Unresolved tokens stay as they are (Terraform resolves them); empty `transformations`
 * and `hooks` lists are left out, like the canonical form does.
 *
 * The attribute is dynamic: Terraform passes the value as written and the provider checks it
 * strictly, so nothing is renamed or added here. `${` and `%{` in strings are escaped so Terraform
 * does not read them as templates.
 */
export function renderDefinition(document: unknown): unknown {
  const rendered = plain(document);
  if (!isPlainObject(rendered)) return rendered;
  for (const key of ['transformations', 'hooks']) {
    const list = rendered[key];
    if (Array.isArray(list) && list.length === 0) delete rendered[key];
  }
  return escapeTemplates(rendered);
}
