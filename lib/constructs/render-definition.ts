import { escapeTemplateText } from './escape-templates';
import { isToken } from './is-token';

/** True for `{}`-style objects (not class instances such as tokens). */
function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The rendered copy of a value, in one pass: `{}` objects and lists are copied at every depth,
 * keys whose value is undefined or null (absent in a document) left out, every literal string
 * and object key escaped for Terraform JSON (`${` and `%{` start templates there); tokens (token
 * objects, list and map tokens) are kept as they are, and the token markers cdktf encodes into
 * strings are not escaped. Class instances other than tokens are kept as they are.
 */
function render(value: unknown): unknown {
  if (typeof value === 'string') return escapeTemplateText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // A list token is a list of one encoded string (or number).
    if (value.length === 1 && isToken(value)) return value;
    return value.map(render);
  }
  if (!isPlainObject(value)) return value;
  if (typeof value.resolve === 'function') return value;
  const keys = Object.keys(value);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    // A map token is an object whose key is an encoded marker (`&{TfToken[…]}`).
    if (key.includes('&{') && isToken(value)) return value;
    const item = value[key];
    if (item !== undefined && item !== null) out[escapeTemplateText(key)] = render(item);
  }
  return out;
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
 *
 * The result is a new value (the document is not changed): it is made in one pass, since a
 * stack's synth renders every pipeline twice (cdktf's preparing pass, then the output).
 */
export function renderDefinition(document: unknown): unknown {
  if (document === null || typeof document !== 'object' || Array.isArray(document) || !isPlainObject(document)) return copyPlain(document);
  const rendered = render(document) as Record<string, unknown>;
  for (const key of ['transformations', 'hooks']) {
    const list = rendered[key];
    if (Array.isArray(list) && list.length === 0) delete rendered[key];
  }
  return rendered;
}

/**
 * What is rendered of a value that is not a document (not a `{}` object): a copy of its lists and
 * `{}` objects without their absent (undefined or null) keys, not escaped; the provider reports it.
 */
function copyPlain(value: unknown): unknown {
  if (isToken(value)) return value;
  if (Array.isArray(value)) return value.map(copyPlain);
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined && item !== null) out[key] = copyPlain(item);
    return out;
  }
  return value;
}
