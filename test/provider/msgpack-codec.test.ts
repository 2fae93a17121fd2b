import fc from 'fast-check';
import { isUnknown, unknown, unknownWith, type TfType, type Value } from '../../lib/provider/framework';
import { decodeMsgpackValue, encodeMsgpackValue, typeToJsonBytes, type CtyType } from '../../lib/provider/protocol';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s+/g, ''), 'hex');

const thing: TfType = {
  object: {
    id: 'string',
    size: 'number',
    enabled: 'bool',
    tags: { map: 'string' },
    steps: { list: { object: { name: 'string', retries: 'number' } } },
    spec: { object: { title: 'string', labels: { set: 'string' } } },
  },
};

describe('msgpack DynamicValue codec', () => {
  test('encodes an object with sorted keys, compact integers and nil for absent attributes', () => {
    expect(hex(encodeMsgpackValue({ b: 1, a: 'x' }, { object: { a: 'string', b: 'number', c: 'bool' } }))).toBe('83a161a178a16201a163c0');
  });

  test('encodes unknown as extension 0 with one zero byte, at any depth', () => {
    expect(hex(encodeMsgpackValue(unknown, 'string'))).toBe('d40000');
    expect(hex(encodeMsgpackValue([unknown], { list: 'number' }))).toBe('91d40000');
    expect(hex(encodeMsgpackValue(unknownWith({ notNull: true }), 'string'))).toBe('d40000');
  });

  test('round-trips nested objects, lists of objects, maps, sets, nulls and unknowns', () => {
    const value: Value = {
      id: unknown,
      size: 2.5,
      enabled: null,
      tags: { team: 'data', env: 'prod' },
      steps: [
        { name: 'extract', retries: 3 },
        { name: 'load', retries: null },
      ],
      spec: { title: 'T', labels: ['a', 'b'] },
    };
    const decoded = decodeMsgpackValue(encodeMsgpackValue(value, thing), thing) as Record<string, Value>;
    expect(isUnknown(decoded.id)).toBe(true);
    expect({ ...decoded, id: 'x' }).toEqual({ ...value, id: 'x' });
  });

  test('decodes a missing attribute as null so every attribute is present', () => {
    const decoded = decodeMsgpackValue(bytes('81 a1 61 a1 78'), { object: { a: 'string', b: 'number' } });
    expect(decoded).toEqual({ a: 'x', b: null });
  });

  test.each([
    ['positive fixint', '05', 5],
    ['negative fixint', 'ff', -1],
    ['uint8', 'cc c8', 200],
    ['uint16', 'cd 01 00', 256],
    ['uint32', 'ce 00 01 00 00', 65536],
    ['uint64', 'cf 00 00 00 01 00 00 00 00', 4294967296],
    ['int8', 'd0 80', -128],
    ['int16', 'd1 ff 00', -256],
    ['int32', 'd2 ff ff 00 00', -65536],
    ['int64', 'd3 ff ff ff ff 00 00 00 00', -4294967296],
    ['float32', 'ca 3f c0 00 00', 1.5],
    ['float64', 'cb 3f b9 99 99 99 99 99 9a', 0.1],
    ['string (cty writes numbers that fit neither int64 nor float64 as strings)', 'a4 31 65 32 30', 1e20],
  ])('decodes a number written as %s', (_name, h, expected) => {
    expect(decodeMsgpackValue(bytes(h), 'number')).toBe(expected);
  });

  test('encodes whole numbers as integers and others as float64', () => {
    expect(hex(encodeMsgpackValue(-200, 'number'))).toBe('d1ff38');
    expect(hex(encodeMsgpackValue(2 ** 40, 'number'))).toBe('cf0000010000000000');
    expect(hex(encodeMsgpackValue(0.5, 'number'))).toBe('cb3fe0000000000000');
    expect(hex(encodeMsgpackValue(2 ** 60, 'number'))).toBe('cb43b0000000000000');
  });

  test('decodes every extension type as unknown', () => {
    for (const h of ['d4 00 00', 'd5 07 00 00', 'c7 00 05', 'd6 01 00 00 00 00']) expect(isUnknown(decodeMsgpackValue(bytes(h), 'string'))).toBe(true);
  });

  test('keeps the refinements of an unknown value (extension 12)', () => {
    // map{1: false (not null), 2: "ab"}
    const refined = decodeMsgpackValue(bytes('c7 07 0c 82 01 c2 02 a2 61 62'), 'string');
    expect(isUnknown(refined)).toBe(true);
    expect(isUnknown(refined) && refined.refinements).toEqual({ notNull: true, stringPrefix: 'ab' });
    // map{3: [1, true], 4: [10.5, false]} on a number
    const bounded = decodeMsgpackValue(bytes('c7 11 0c 82 03 92 01 c3 04 92 cb 40 25 00 00 00 00 00 00 c2'), 'number');
    expect(isUnknown(bounded) && bounded.refinements).toEqual({ numberMin: { value: 1, inclusive: true }, numberMax: { value: 10.5, inclusive: false } });
    // map{5: 1, 6: 3} on a list
    const sized = decodeMsgpackValue(bytes('c7 05 0c 82 05 01 06 03'), { list: 'string' });
    expect(isUnknown(sized) && sized.refinements).toEqual({ lengthMin: 1, lengthMax: 3 });
  });

  test('decodes a malformed refinement payload as a plain unknown instead of failing', () => {
    const value = decodeMsgpackValue(bytes('c7 03 0c 92 c1 00'), 'string');
    expect(value).toBe(unknown);
  });

  test('decodes a dynamic value from [type JSON, value] and encodes it back byte for byte', () => {
    const type: CtyType = 'dynamic';
    const typeJson = typeToJsonBytes({ list: 'string' });
    const input = Buffer.concat([bytes('92'), bytes(`c4 ${typeJson.length.toString(16).padStart(2, '0')}`), typeJson, bytes('92 a1 61 a1 62')]);
    const value = decodeMsgpackValue(input, type);
    expect(value).toEqual(['a', 'b']);
    expect(hex(encodeMsgpackValue(value, type))).toBe(hex(input));
  });

  test('encodes a new dynamic value with the type Terraform would infer (tuples and objects)', () => {
    const encoded = encodeMsgpackValue({ n: 1, l: ['x', true] }, 'dynamic');
    const decodedWithType = decodeMsgpackValue(encoded, 'dynamic');
    expect(decodedWithType).toEqual({ n: 1, l: ['x', true] });
    expect(encoded.subarray(0, 60).toString('latin1')).toContain('["object",{"l":["tuple",["string","bool"]],"n":"number"}]');
  });

  test('encodes null and unknown dynamic values without a type wrapper', () => {
    expect(hex(encodeMsgpackValue(null, 'dynamic'))).toBe('c0');
    expect(hex(encodeMsgpackValue(unknown, 'dynamic'))).toBe('d40000');
    expect(decodeMsgpackValue(bytes('c0'), 'dynamic')).toBeNull();
  });

  test('round-trips arbitrary values of a dynamic attribute', () => {
    const json = fc.letrec<{ v: Value }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.string(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(json, (value) => {
        const normal = JSON.parse(JSON.stringify(value)) as Value; // -0 becomes 0
        expect(decodeMsgpackValue(encodeMsgpackValue(normal, 'dynamic'), 'dynamic')).toEqual(normal);
      }),
    );
  });

  test('fails with the path when a value does not match its type', () => {
    expect(() => decodeMsgpackValue(bytes('81 a4 73 69 7a 65 a1 78'), { object: { size: 'number' } })).toThrow('size: a number is required, got "x"');
    expect(() => decodeMsgpackValue(bytes('81 a1 7a 01'), { object: { a: 'number' } })).toThrow('z: unsupported attribute');
    expect(() => encodeMsgpackValue({ steps: [{ name: 3 }] }, { object: { steps: { list: { object: { name: 'string' } } } } })).toThrow(
      'steps[0].name: a string is required, got number',
    );
    expect(() => encodeMsgpackValue({ tags: { 'a b': 1 } }, { object: { tags: { map: 'string' } } })).toThrow('tags["a b"]: a string is required, got number');
    const nested = encodeMsgpackValue({ steps: [{ name: 'x' }, { name: 'y' }] }, { object: { steps: { list: { object: { name: 'string' } } } } });
    expect(() => decodeMsgpackValue(nested, { object: { steps: { list: { object: { name: 'number' } } } } })).toThrow('steps[0].name: a number is required, got "x"');
    const mapped = encodeMsgpackValue({ tags: { k: 'v' } }, { object: { tags: { map: 'string' } } });
    expect(() => decodeMsgpackValue(mapped, { object: { tags: { map: 'bool' } } })).toThrow('tags["k"]: a bool is required');
  });

  test('fails on truncated input instead of reading past the end', () => {
    expect(() => decodeMsgpackValue(bytes('a5 61 62'), 'string')).toThrow('unexpected end of data');
  });
});
