/**
 * The protocol's shared helpers for reading requests: UTF-8 text read in place (the same text as
 * Buffer#toString) and dynamic types parsed once per distinct text (the same type every time).
 */
import fc from 'fast-check';
import { typeFromJson, typeToJson } from '../../lib/provider/protocol/cty-type';
import { dynamicTypeFromJson, dynamicTypeJsonBytes } from '../../lib/provider/protocol/dynamic-type-json';
import { utf8Text } from '../../lib/provider/protocol/utf8-text';

describe('utf8Text', () => {
  test('reads the same text as Buffer#toString, for any bytes (invalid sequences included) and any range', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = start + (bytes.length === 0 ? 0 : b % (bytes.length - start + 1));
        expect(utf8Text(bytes, start, end)).toBe(Buffer.from(bytes.subarray(start, end)).toString('utf8'));
      }),
    );
  });

  test('reads short and long text, ASCII or not, out of a view into a larger buffer', () => {
    const big = Buffer.from(`xx${'é'.repeat(40)}yy${'a'.repeat(60)}`, 'utf8');
    const view = new Uint8Array(big.buffer, big.byteOffset + 2, big.length - 2);
    expect(utf8Text(view)).toBe(big.subarray(2).toString('utf8'));
    expect(utf8Text(Buffer.from('name'))).toBe('name');
    expect(utf8Text(Buffer.from('naïve'))).toBe('naïve');
  });
});

describe('dynamicTypeFromJson', () => {
  test('parses a type text like typeFromJson and returns the very same type for the same text', () => {
    const text = '["object",{"name":"string","tables":["tuple",[["object",{"name":"string"}]]]}]';
    const first = dynamicTypeFromJson(text);
    expect(first).toEqual(typeFromJson(JSON.parse(text)));
    expect(dynamicTypeFromJson(text)).toBe(first);
  });

  test('fails on a text that is not a type, every time', () => {
    expect(() => dynamicTypeFromJson('["nope"]')).toThrow('invalid type');
    expect(() => dynamicTypeFromJson('["nope"]')).toThrow('invalid type');
    expect(() => dynamicTypeFromJson('{')).toThrow();
  });

  test('encodes a type to the same bytes as its JSON form, once per type object', () => {
    const type = dynamicTypeFromJson('["list","number"]');
    const bytes = dynamicTypeJsonBytes(type);
    expect(bytes.toString('utf8')).toBe(JSON.stringify(typeToJson(type)));
    expect(dynamicTypeJsonBytes(type)).toBe(bytes);
    expect(dynamicTypeJsonBytes('string').toString('utf8')).toBe('"string"');
  });
});
