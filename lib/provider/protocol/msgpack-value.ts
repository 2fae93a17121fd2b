import { isObjectValue, isUnknown, unknown, unknownWith, type ObjectValue, type UnknownRefinements, type Value } from '../framework';
import { type CtyType } from './cty-type';
import { dynamicTypeFromJson, dynamicTypeJsonBytes } from './dynamic-type-json';
import { utf8Text } from './utf8-text';
import { rememberDynamicType, rememberedDynamicType } from './dynamic-type-registry';
import { inferCtyType } from './infer-cty-type';
import { MsgpackReader } from './msgpack-reader';
import { MsgpackWriter } from './msgpack-writer';

/** cty's extension type for an unknown value that carries refinements. */
const REFINED_UNKNOWN_EXT = 12;
/** The encoding of an unknown value: fixext1, type 0, one zero byte (what cty writes). */
const UNKNOWN_BYTES = Buffer.from([0xd4, 0x00, 0x00]);

/**
 * Encodes a value of type `type` as msgpack the way go-cty does: objects carry every attribute
 * (nil when absent), unknown values are extension 0, numbers are integers when whole and safe and
 * float64 otherwise, and `dynamic` values travel as `[type JSON, value]`.
 *
 * @throws When the value does not fit the type (with the path of the mismatch).
 */
export function encodeMsgpackValue(value: Value, type: CtyType): Buffer {
  const writer = new MsgpackWriter();
  writeValue(writer, value, type, []);
  return writer.finish();
}

/**
 * Decodes msgpack written by Terraform as a value of type `type`. Every extension value is an
 * unknown (refinements of extension 12 are kept on the unknown value); numbers written as strings
 * (cty does so for numbers that fit neither int64 nor float64) are parsed.
 *
 * @throws When the bytes do not match the type (with the path of the mismatch).
 */
export function decodeMsgpackValue(bytes: Uint8Array, type: CtyType): Value {
  const reader = new MsgpackReader(bytes);
  return readValue(reader, type, []);
}

/** {@link decodeMsgpackValue} for an object type, where null means "no object". */
export function decodeMsgpackObject(bytes: Uint8Array, type: CtyType): ObjectValue | null {
  const value = decodeMsgpackValue(bytes, type);
  if (value === null || isObjectValue(value)) return value;
  throw new Error('msgpack: expected an object at the top level');
}

/**
 * Where a value is, as the steps from the top: an attribute name, a list index, or a map key. Kept
 * on one stack per call and turned into text only for an error, so that reading a value makes no
 * path strings.
 */
type PathStep = string | number | { readonly key: string };

function formatPath(steps: readonly PathStep[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (typeof step === 'string') out = out ? `${out}.${step}` : step;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}

function fail(steps: readonly PathStep[], message: string): never {
  const path = formatPath(steps);
  throw new Error(path ? `${path}: ${message}` : message);
}

const sortedNames = new WeakMap<object, readonly string[]>();

/** The attribute names of an object type in cty's order (sorted), worked out once per type object. */
function sortedAttributeNames(type: { readonly object: Readonly<Record<string, CtyType>> }): readonly string[] {
  let names = sortedNames.get(type);
  if (names === undefined) {
    names = Object.keys(type.object).sort();
    sortedNames.set(type, names);
  }
  return names;
}

function writeValue(w: MsgpackWriter, value: Value, type: CtyType, path: PathStep[]): void {
  if (isUnknown(value)) {
    // An unknown of a known type inside a dynamic attribute travels as [type, unknown], like cty.
    const remembered = type === 'dynamic' ? rememberedDynamicType(value) : undefined;
    if (remembered !== undefined && remembered !== 'dynamic') {
      w.arrayHeader(2);
      w.bin(dynamicTypeJsonBytes(remembered));
    }
    w.raw(UNKNOWN_BYTES);
    return;
  }
  if (type === 'dynamic') {
    if (value === null) {
      w.nil();
      return;
    }
    const concrete = inferCtyType(value);
    w.arrayHeader(2);
    w.bin(dynamicTypeJsonBytes(concrete));
    writeValue(w, value, concrete, path);
    return;
  }
  if (value === null) {
    w.nil();
    return;
  }
  if (type === 'string') {
    if (typeof value !== 'string') fail(path, `a string is required, got ${typeof value}`);
    w.str(value);
  } else if (type === 'number') {
    if (typeof value !== 'number' || Number.isNaN(value)) fail(path, 'a number is required');
    if (Number.isSafeInteger(value)) w.int(value);
    else w.float64(value);
  } else if (type === 'bool') {
    if (typeof value !== 'boolean') fail(path, 'a bool is required');
    w.bool(value);
  } else if ('list' in type || 'set' in type || 'tuple' in type) {
    if (!Array.isArray(value)) fail(path, 'a list is required');
    if ('tuple' in type && type.tuple.length !== value.length) fail(path, `a tuple of ${type.tuple.length} elements is required`);
    w.arrayHeader(value.length);
    value.forEach((item, i) => {
      const element = 'tuple' in type ? type.tuple[i] : 'list' in type ? type.list : type.set;
      path.push(i);
      writeValue(w, item, element, path);
      path.pop();
    });
  } else if ('map' in type) {
    if (!isObjectValue(value)) fail(path, 'a map is required');
    const keys = Object.keys(value).sort();
    w.mapHeader(keys.length);
    for (const key of keys) {
      w.str(key);
      path.push({ key });
      writeValue(w, value[key], type.map, path);
      path.pop();
    }
  } else {
    if (!isObjectValue(value)) fail(path, 'an object is required');
    const names = sortedAttributeNames(type);
    w.mapHeader(names.length);
    for (const name of names) {
      w.str(name);
      path.push(name);
      writeValue(w, value[name] ?? null, type.object[name], path);
      path.pop();
    }
  }
}

function readValue(r: MsgpackReader, type: CtyType, path: PathStep[]): Value {
  const kind = r.peekKind();
  if (kind === 'ext') return readUnknown(r, type);
  if (type === 'dynamic') {
    if (kind === 'nil') return r.nil();
    if (r.arrayHeader() !== 2) fail(path, 'a dynamic value must be a [type, value] pair');
    let concrete: CtyType;
    try {
      concrete = dynamicTypeFromJson(utf8Text(r.strOrBinBytes()));
    } catch (error) {
      return fail(path, `unreadable dynamic type: ${(error as Error).message}`);
    }
    let value = readValue(r, concrete, path);
    // The unknown singleton is shared: an unknown of a known type gets its own object to carry it.
    if (isUnknown(value)) value = Object.freeze({ ...value });
    rememberDynamicType(value, concrete);
    return value;
  }
  if (kind === 'nil') return r.nil();
  if (type === 'string') {
    if (kind !== 'str' && kind !== 'bin') fail(path, 'a string is required');
    return r.str();
  }
  if (type === 'number') {
    if (kind === 'int' || kind === 'float') return r.number();
    if (kind === 'str') {
      const text = r.str();
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) fail(path, `a number is required, got ${JSON.stringify(text)}`);
      return n;
    }
    return fail(path, 'a number is required');
  }
  if (type === 'bool') {
    if (kind !== 'bool') fail(path, 'a bool is required');
    return r.bool();
  }
  if ('list' in type || 'set' in type || 'tuple' in type) {
    if (kind !== 'array') fail(path, 'a list is required');
    const n = r.arrayHeader();
    if ('tuple' in type && n !== type.tuple.length) fail(path, `a tuple of ${type.tuple.length} elements is required`);
    const out: Value[] = [];
    for (let i = 0; i < n; i++) {
      const element = 'tuple' in type ? type.tuple[i] : 'list' in type ? type.list : type.set;
      path.push(i);
      out.push(readValue(r, element, path));
      path.pop();
    }
    return out;
  }
  if (kind !== 'map') fail(path, 'an object is required');
  const n = r.mapHeader();
  const out: ObjectValue = {};
  if ('map' in type) {
    for (let i = 0; i < n; i++) {
      const key = r.str();
      path.push({ key });
      out[key] = readValue(r, type.map, path);
      path.pop();
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const name = r.str();
    const attrType = type.object[name];
    path.push(name);
    if (attrType === undefined) fail(path, 'unsupported attribute');
    out[name] = readValue(r, attrType, path);
    path.pop();
  }
  for (const name of Object.keys(type.object)) if (!(name in out)) out[name] = null;
  return out;
}

function readUnknown(r: MsgpackReader, type: CtyType): Value {
  const ext = r.ext();
  if (ext.type !== REFINED_UNKNOWN_EXT || ext.data.length <= 1 || type === 'dynamic') return unknown;
  try {
    return unknownWith(readRefinements(ext.data));
  } catch {
    // Refinements only add detail; an unreadable one must not fail the request.
    return unknown;
  }
}

function readRefinements(data: Uint8Array): UnknownRefinements {
  const raw = new MsgpackReader(data).any();
  if (typeof raw !== 'object' || raw === null) return {};
  const entries = raw as Record<string, unknown>;
  const refinements: { -readonly [K in keyof UnknownRefinements]: UnknownRefinements[K] } = {};
  const bound = (v: unknown): { value: number; inclusive: boolean } | undefined =>
    Array.isArray(v) && v.length === 2 && typeof v[1] === 'boolean' && !Number.isNaN(Number(v[0])) ? { value: Number(v[0]), inclusive: v[1] } : undefined;
  for (const [key, v] of Object.entries(entries)) {
    switch (key) {
      case '1':
        if (typeof v === 'boolean') refinements.notNull = !v;
        break;
      case '2':
        if (typeof v === 'string') refinements.stringPrefix = v;
        break;
      case '3':
        refinements.numberMin = bound(v);
        break;
      case '4':
        refinements.numberMax = bound(v);
        break;
      case '5':
        if (typeof v === 'number') refinements.lengthMin = v;
        break;
      case '6':
        if (typeof v === 'number') refinements.lengthMax = v;
        break;
    }
  }
  for (const key of Object.keys(refinements) as (keyof UnknownRefinements)[]) if (refinements[key] === undefined) delete refinements[key];
  return refinements;
}
