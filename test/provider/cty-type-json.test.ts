import { typeFromJson, typeToJson, type CtyType } from '../../lib/provider/protocol';

describe('JSON encoding of types (schema type bytes and dynamic values)', () => {
  test.each<[string, CtyType, unknown]>([
    ['a primitive', 'string', 'string'],
    ['dynamic', 'dynamic', 'dynamic'],
    ['a list', { list: 'string' }, ['list', 'string']],
    ['a set of numbers', { set: 'number' }, ['set', 'number']],
    ['a map of bools', { map: 'bool' }, ['map', 'bool']],
    ['an object', { object: { b: 'number', a: 'string' } }, ['object', { a: 'string', b: 'number' }]],
    ['an object with optional attributes', { object: { a: 'string', b: 'number' }, optional: ['b'] }, ['object', { a: 'string', b: 'number' }, ['b']]],
    ['a tuple', { tuple: ['string', { list: 'bool' }] }, ['tuple', ['string', ['list', 'bool']]]],
  ])('writes %s the way Terraform reads it', (_name, type, json) => {
    expect(typeToJson(type)).toEqual(json);
    expect(typeToJson(typeFromJson(json))).toEqual(json);
  });

  test('leaves out optional names that are not attributes and the list when empty', () => {
    expect(typeToJson({ object: { a: 'string' }, optional: ['zzz'] })).toEqual(['object', { a: 'string' }]);
  });

  test.each([['"str"'], ['["list"]'], ['["object",[]]'], ['42']])('fails on the invalid type %s', (text) => {
    expect(() => typeFromJson(JSON.parse(text))).toThrow('invalid type');
  });
});
