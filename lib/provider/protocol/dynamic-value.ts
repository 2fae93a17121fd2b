import { isObjectValue, type ObjectValue, type Schema, type Value } from '../framework';
import { schemaType } from '../framework';
import { fromTfType, type CtyType } from './cty-type';
import { decodeJsonValue } from './json-value';
import { decodeMsgpackValue, encodeMsgpackValue } from './msgpack-value';
import type { DynamicValueMessage } from './proto-messages';
import { utf8Text } from './utf8-text';

/** The wire type of the objects a schema describes (the framework works it out once per schema). */
export function schemaCtyType(schema: Schema): CtyType {
  return fromTfType(schemaType(schema));
}

/**
 * Reads a `tfplugin6.DynamicValue` holding an object of `schema` (msgpack, or JSON when only that
 * is set); an absent or nil value is null.
 *
 * @throws When the value does not match the schema.
 */
export function decodeDynamicObject(message: DynamicValueMessage | undefined, schema: Schema): ObjectValue | null {
  const type = schemaCtyType(schema);
  let value: Value = null;
  if (message?.msgpack && message.msgpack.length > 0) value = decodeMsgpackValue(message.msgpack, type);
  else if (message?.json && message.json.length > 0) value = decodeJsonValue(JSON.parse(utf8Text(message.json)), type);
  if (value !== null && !isObjectValue(value)) throw new Error('expected an object');
  return value;
}

/** Writes an object of `schema` (or null) as a msgpack `tfplugin6.DynamicValue`. */
export function encodeDynamicObject(value: ObjectValue | null, schema: Schema): DynamicValueMessage {
  return { msgpack: encodeMsgpackValue(value, schemaCtyType(schema)) };
}
