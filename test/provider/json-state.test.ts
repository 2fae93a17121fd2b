import { decodeJsonValue, encodeMsgpackValue, decodeMsgpackValue, type CtyType } from '../../lib/provider/protocol';

const type: CtyType = {
  object: {
    id: 'string',
    size: 'number',
    on: 'bool',
    tags: { map: 'string' },
    extra: 'dynamic',
    steps: { list: { object: { name: 'string' } } },
  },
};

describe('reading stored state JSON (UpgradeResourceState)', () => {
  test('fills attributes missing from older state with null and drops removed ones', () => {
    const value = decodeJsonValue({ id: 'p1', size: 2, removed_attr: 'x', steps: [{ name: 'a', gone: 1 }] }, type);
    expect(value).toEqual({ id: 'p1', size: 2, on: null, tags: null, extra: null, steps: [{ name: 'a' }] });
  });

  test('unwraps a dynamic attribute stored as {value, type} and keeps its type for encoding', () => {
    const value = decodeJsonValue({ extra: { value: ['a'], type: ['list', 'string'] } }, type) as Record<string, unknown>;
    expect(value.extra).toEqual(['a']);
    const encoded = encodeMsgpackValue(value as never, type);
    expect(encoded.toString('latin1')).toContain('["list","string"]');
    expect(decodeMsgpackValue(encoded, type)).toEqual(value);
  });

  test('accepts numbers and bools written as strings', () => {
    expect(decodeJsonValue({ size: '12.5', on: 'true' }, type)).toMatchObject({ size: 12.5, on: true });
  });

  test('fails with the path when stored JSON does not match the schema', () => {
    expect(() => decodeJsonValue({ steps: [{ name: ['x'] }] }, type)).toThrow('steps[0].name: a string is required');
    expect(() => decodeJsonValue({ size: 'big' }, type)).toThrow('size: a number is required');
  });
});
