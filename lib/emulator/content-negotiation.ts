import { EmulatorHttpError } from './errors';

/** A parsed media type: `type/subtype` in lower case and its parameters (names in lower case). */
export interface MediaType {
  /** `type/subtype`, lower case, e.g. `application/yaml`. */
  readonly essence: string;
  /** Parameters such as `charset`, names in lower case, values unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses one media type such as `application/yaml; charset=utf-8`; undefined when it is not one. */
export function parseMediaType(text: string): MediaType | undefined {
  const [head, ...rest] = text.split(';');
  const [type, subtype, extra] = head.trim().split('/');
  if (extra !== undefined || !type || !subtype || !TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name !== '') params[name] = value;
  }
  return { essence: `${type}/${subtype}`.toLowerCase(), params };
}

/** Media types of a definition written in YAML. */
export const YAML_MEDIA_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'] as const;
/** The media type of a definition written in JSON. */
export const JSON_MEDIA_TYPE = 'application/json';

function unsupportedMediaType(what: string): EmulatorHttpError {
  return new EmulatorHttpError(415, 'unsupported_media_type', `${what}: send the body with Content-Type application/yaml (or text/yaml, application/x-yaml) or application/json`);
}

function checkCharset(type: MediaType): void {
  const charset = type.params.charset;
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new EmulatorHttpError(415, 'unsupported_media_type', `charset ${JSON.stringify(charset)} is not supported: send the body as UTF-8`);
  }
}

/**
 * The format of a definition body from its Content-Type header.
 *
 * @throws EmulatorHttpError 415 when the header is missing or names another type or charset.
 */
export function definitionFormatOf(contentType: string | undefined): 'yaml' | 'json' {
  if (contentType === undefined || contentType.trim() === '') throw unsupportedMediaType('the Content-Type header is missing');
  const type = parseMediaType(contentType);
  if (type === undefined) throw unsupportedMediaType('the Content-Type header is not a media type');
  if (type.essence === JSON_MEDIA_TYPE) {
    checkCharset(type);
    return 'json';
  }
  if ((YAML_MEDIA_TYPES as readonly string[]).includes(type.essence)) {
    checkCharset(type);
    return 'yaml';
  }
  throw unsupportedMediaType(`Content-Type ${type.essence} is not supported`);
}

/**
 * Checks that a body is JSON (key management and operator endpoints).
 *
 * @throws EmulatorHttpError 415 otherwise.
 */
export function requireJsonBody(contentType: string | undefined): void {
  const type = contentType === undefined ? undefined : parseMediaType(contentType);
  if (type?.essence !== JSON_MEDIA_TYPE) {
    throw new EmulatorHttpError(415, 'unsupported_media_type', 'this endpoint takes a JSON body: send Content-Type application/json');
  }
  checkCharset(type);
}

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const item of header.split(',')) {
    if (item.trim() === '') continue;
    const type = parseMediaType(item);
    if (type === undefined) continue;
    const q = type.params.q === undefined ? 1 : Number(type.params.q);
    const [t, s] = type.essence.split('/');
    ranges.push({ type: t, subtype: s, q: Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0 });
  }
  return ranges;
}

/** The quality the Accept ranges give to one offered type: the most specific matching range wins. */
function qualityOf(offer: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = offer.split('/');
  let best = -1;
  let specificity = -1;
  for (const r of ranges) {
    const s = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (s > specificity) {
      specificity = s;
      best = r.q;
    }
  }
  return specificity < 0 ? 0 : best;
}

/** The representation chosen for a definition: its format and the Content-Type to answer with. */
export interface DefinitionRepresentation {
  /** The text format. */
  readonly format: 'yaml' | 'json';
  /** The Content-Type header of the answer. */
  readonly contentType: string;
}

const OFFERS: readonly { essence: string; format: 'yaml' | 'json' }[] = [
  { essence: 'application/yaml', format: 'yaml' },
  { essence: 'application/json', format: 'json' },
  { essence: 'text/yaml', format: 'yaml' },
  { essence: 'application/x-yaml', format: 'yaml' },
];

/**
 * Chooses how to answer GET /pipelines/{id}/definition from the Accept header: YAML
 * (`application/yaml`, `text/yaml`, `application/x-yaml`) or JSON, honouring q-values; YAML when
 * the header is missing, empty, holds no readable media range, or is `*\/*`; ties go to YAML.
 *
 * @throws EmulatorHttpError 406 when the caller accepts neither.
 */
export function negotiateDefinition(accept: string | undefined): DefinitionRepresentation {
  const ranges = accept === undefined ? [] : parseAccept(accept);
  if (ranges.length === 0) return { format: 'yaml', contentType: 'application/yaml; charset=utf-8' };
  let chosen: { essence: string; format: 'yaml' | 'json' } | undefined;
  let bestQ = 0;
  for (const offer of OFFERS) {
    const q = qualityOf(offer.essence, ranges);
    if (q > bestQ) {
      bestQ = q;
      chosen = offer;
    }
  }
  if (chosen === undefined) {
    throw new EmulatorHttpError(406, 'not_acceptable', 'the definition is served as application/yaml (also text/yaml, application/x-yaml) or application/json: set Accept to one of them');
  }
  return { format: chosen.format, contentType: `${chosen.essence}; charset=utf-8` };
}
