import { messageDescriptors, type FieldDescriptor } from './proto-descriptors';
import { ProtoReader, ProtoWriter, WireType } from './protobuf-wire';
import { utf8Text } from './utf8-text';

/** A decoded (or to-be-encoded) message: field names as in the .proto file. */
export type ProtoMessage = Record<string, unknown>;

function fieldsOf(typeName: string): readonly FieldDescriptor[] {
  const fields = messageDescriptors[typeName];
  if (!fields) throw new Error(`protobuf: no descriptor for ${typeName}`);
  return fields;
}

/**
 * Encodes `message` as the protobuf message `typeName`. Fields that are undefined, or hold the
 * default value outside a oneof, are left out (proto3).
 */
export function encodeMessage(typeName: string, message: ProtoMessage): Buffer {
  const writer = new ProtoWriter();
  for (const field of fieldsOf(typeName)) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (field.kind === 'map') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const entry = new ProtoWriter();
        entry.tag(1, WireType.lengthDelimited).bytes(Buffer.from(key, 'utf8'));
        const encoded = field.message ? encodeMessage(field.message, item as ProtoMessage) : Buffer.from(String(item), 'utf8');
        entry.tag(2, WireType.lengthDelimited).bytes(encoded);
        writer.tag(field.no, WireType.lengthDelimited).bytes(entry.finish());
      }
    } else if (field.repeated) {
      for (const item of value as unknown[]) writeValue(writer, field, item);
    } else if (field.oneof || !isDefault(value)) {
      writeValue(writer, field, value);
    }
  }
  return writer.finish();
}

function isDefault(value: unknown): boolean {
  return value === 0 || value === false || value === '' || (value instanceof Uint8Array && value.length === 0);
}

function writeValue(writer: ProtoWriter, field: FieldDescriptor, value: unknown): void {
  switch (field.kind) {
    case 'string':
      writer.tag(field.no, WireType.lengthDelimited).bytes(Buffer.from(value as string, 'utf8'));
      return;
    case 'bytes':
      writer.tag(field.no, WireType.lengthDelimited).bytes(value as Uint8Array);
      return;
    case 'bool':
      writer.tag(field.no, WireType.varint).varint(value ? 1 : 0);
      return;
    case 'int64':
    case 'uint32':
    case 'enum':
      writer.tag(field.no, WireType.varint).varint(value as number);
      return;
    case 'message':
      writer.tag(field.no, WireType.lengthDelimited).bytes(encodeMessage(field.message as string, value as ProtoMessage));
      return;
    case 'map':
      throw new Error('protobuf: map handled by encodeMessage');
  }
}

/**
 * Decodes the protobuf message `typeName`. Absent scalar fields get their default, absent
 * repeated fields `[]`, absent maps `{}`; absent messages and oneof members stay undefined.
 * Fields not in the descriptor are skipped.
 */
export function decodeMessage(typeName: string, bytes: Uint8Array): ProtoMessage {
  const { fields, byNumber } = decodePlan(typeName);
  const out: ProtoMessage = {};
  for (const field of fields) {
    if (field.repeated) out[field.name] = [];
    else if (field.kind === 'map') out[field.name] = {};
    else if (!field.oneof && field.kind !== 'message') out[field.name] = defaultOf(field);
  }
  const reader = new ProtoReader(bytes);
  while (!reader.done()) {
    const { fieldNumber, wireType } = reader.tag();
    const field = byNumber.get(fieldNumber);
    if (!field) {
      reader.skip(wireType);
      continue;
    }
    if (field.kind === 'map') {
      const entry = new ProtoReader(reader.bytes());
      let key = '';
      let value: unknown = field.message ? decodeMessage(field.message, EMPTY_BYTES) : '';
      while (!entry.done()) {
        const t = entry.tag();
        if (t.fieldNumber === 1) key = utf8Text(entry.bytes());
        else if (t.fieldNumber === 2) value = field.message ? decodeMessage(field.message, entry.bytes()) : utf8Text(entry.bytes());
        else entry.skip(t.wireType);
      }
      (out[field.name] as Record<string, unknown>)[key] = value;
      continue;
    }
    const value = readValue(reader, field, wireType);
    if (field.repeated) (out[field.name] as unknown[]).push(value);
    else out[field.name] = value;
  }
  return out;
}

/** The fields of a message type, and the same by field number: worked out once per type. */
interface DecodePlan {
  readonly fields: readonly FieldDescriptor[];
  readonly byNumber: ReadonlyMap<number, FieldDescriptor>;
}

const decodePlans = new Map<string, DecodePlan>();

function decodePlan(typeName: string): DecodePlan {
  let plan = decodePlans.get(typeName);
  if (plan === undefined) {
    const fields = fieldsOf(typeName);
    plan = { fields, byNumber: new Map(fields.map((field) => [field.no, field])) };
    decodePlans.set(typeName, plan);
  }
  return plan;
}

/**
 * The value of an absent `bytes` field, shared by every decoded message: it has no bytes to change
 * (allocating one per field cost more than the rest of decoding a small message).
 */
const EMPTY_BYTES = new Uint8Array(0);

function defaultOf(field: FieldDescriptor): unknown {
  switch (field.kind) {
    case 'string':
      return '';
    case 'bytes':
      return EMPTY_BYTES;
    case 'bool':
      return false;
    default:
      return 0;
  }
}

function readValue(reader: ProtoReader, field: FieldDescriptor, wireType: number): unknown {
  switch (field.kind) {
    case 'string':
      return utf8Text(reader.bytes());
    case 'bytes':
      return reader.bytes();
    case 'bool':
      return reader.varint() !== 0;
    case 'message':
      return decodeMessage(field.message as string, reader.bytes());
    default:
      if (wireType !== WireType.varint) throw new Error(`protobuf: field ${field.name} has wire type ${wireType}`);
      return reader.varint();
  }
}
