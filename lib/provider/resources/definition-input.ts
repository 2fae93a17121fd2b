import type { PathSegment } from '../../definition/path';
import { isObjectValue, isUnknown, type AttributeSchema, type TfType, type Value } from '../framework';
import { definitionAttributes } from './definition-schema';

const ATTRIBUTES = definitionAttributes('configurable');

/** A Terraform `definition` value read as a document, with what is not known yet. */
export interface DefinitionInput {
  /**
   * The document: Terraform's values converted the way Terraform converts a value to a typed
   * attribute (a number where text is expected becomes text, `"5"` where a number is expected
   * becomes 5, `"true"` a bool), and every unknown value replaced by a placeholder of the expected
   * type (unique, so that two unknowns never look like duplicates).
   */
  readonly document: unknown;
  /** The field paths of the unknown values, in document order. */
  readonly unknownPaths: readonly PathSegment[][];
  /**
   * True when `JSON.stringify(document)` stands for exactly this document (false when it holds a
   * number that is not finite, which JSON writes as null, or a `__proto__` key, which JSON leaves
   * out): the document can then be remembered by its JSON text.
   */
  readonly plainJson: boolean;
}

/** One step of the guide: the schema of a field, or nothing for a key the document does not have. */
type Guide = AttributeSchema | undefined;

interface Walk {
  readonly unknownPaths: PathSegment[][];
  counter: number;
  plainJson: boolean;
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Terraform's conversion of a primitive to `type`, when Terraform would make one. */
function convertPrimitive(value: Value, type: TfType): Value {
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (type === 'number' && typeof value === 'string' && NUMBER.test(value)) return Number(value);
  if (type === 'bool' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function placeholderOfType(type: TfType, walk: Walk): unknown {
  walk.counter += 1;
  if (type === 'string') return `\u{E000}unknown-${walk.counter}`;
  if (type === 'number') return 2 ** 40 + walk.counter;
  if (type === 'bool') return false;
  if (typeof type === 'object' && ('list' in type || 'set' in type)) return [];
  return {};
}

/** A value of the expected type that passes the shape check; its own problems are never reported. */
function placeholder(guide: Guide, walk: Walk): unknown {
  if (!guide) return 0;
  if (guide.type) return placeholderOfType(guide.type, walk);
  const nested = guide.nested!;
  if (nested.nesting !== 'single') return [];
  const out: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(nested.attributes)) if (child.required) out[name] = placeholder(child, walk);
  return out;
}

function readTyped(value: Value, type: TfType, path: PathSegment[], walk: Walk): unknown {
  if (typeof type === 'object' && ('list' in type || 'set' in type) && Array.isArray(value)) {
    const element = 'list' in type ? type.list : type.set;
    const itemGuide: Guide = { description: '', type: element };
    return value.map((item, i) => readChild(item, itemGuide, path, i, walk));
  }
  if (typeof type === 'object' && 'map' in type && isObjectValue(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') walk.plainJson = false;
      out[key] = readChild(item, { description: '', type: type.map }, path, key, walk);
    }
    return out;
  }
  if (typeof type === 'string') {
    const converted = convertPrimitive(value, type);
    if (typeof converted === 'number' && !Number.isFinite(converted)) walk.plainJson = false;
    return converted;
  }
  return readValue(value, undefined, path, walk);
}

/**
 * {@link readValue} of the child `segment` of the value at `path`. The path is one stack for the
 * whole walk (copied only where a value is unknown), rather than a new array per value.
 */
function readChild(value: Value, guide: Guide, path: PathSegment[], segment: PathSegment, walk: Walk): unknown {
  path.push(segment);
  const out = readValue(value, guide, path, walk);
  path.pop();
  return out;
}

function readValue(value: Value, guide: Guide, path: PathSegment[], walk: Walk): unknown {
  if (isUnknown(value)) {
    walk.unknownPaths.push([...path]);
    return placeholder(guide, walk);
  }
  if (value === null) return null;
  if (guide?.type) return readTyped(value, guide.type, path, walk);
  const nested = guide?.nested;
  if (Array.isArray(value)) {
    const element: Guide = nested?.nesting === 'list' ? { description: '', nested: { nesting: 'single', attributes: nested.attributes } } : undefined;
    return value.map((item, i) => readChild(item, element, path, i, walk));
  }
  if (isObjectValue(value)) {
    const attributes = nested?.nesting === 'single' ? nested.attributes : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') walk.plainJson = false;
      out[key] = readChild(item, attributes?.[key], path, key, walk);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) walk.plainJson = false;
  return value;
}

/**
 * Reads the Terraform value of `definition` (any type: Terraform passes it as written) as a
 * document for lib/definition, recording where values are unknown. Unknown keys are kept, so that
 * the check reports them.
 */
export function readDefinitionValue(value: Value): DefinitionInput {
  const walk: Walk = { unknownPaths: [], counter: 0, plainJson: true };
  const guide: AttributeSchema = { description: '', nested: { nesting: 'single', attributes: ATTRIBUTES } };
  const document = readValue(value, guide, [], walk);
  return { document, unknownPaths: walk.unknownPaths, plainJson: walk.plainJson };
}
