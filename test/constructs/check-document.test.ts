import { Lazy, Testing, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { checkDocument } from '../../lib/constructs/check-document';

const stack = new TerraformStack(Testing.app(), 'tokens');
const variable = (name: string, type: string) => new TerraformVariable(stack, name, { type });

const valid = () => ({
  definition_version: 1,
  name: 'orders',
  source: { connection: { id: 42 } },
  destination: { connection: { id: 17 } },
  sync: { frequency: 5 },
  tables: [{ name: 'public.orders' }] as Record<string, unknown>[],
  transformations: [] as Record<string, unknown>[],
});

describe('checkDocument skips unresolved tokens', () => {
  const cases: { scenario: string; change: (d: ReturnType<typeof valid>) => void }[] = [
    { scenario: 'a number token as a connection id', change: (d) => (d.source.connection.id = variable('source', 'number').numberValue) },
    { scenario: 'a number token as definition_version', change: (d) => (d.definition_version = Token.asNumber(variable('version', 'number').value)) },
    { scenario: 'a string token inside the name', change: (d) => (d.name = `${variable('env', 'string').stringValue}-orders`) },
    { scenario: 'a list token as the tables', change: (d) => (d.tables = variable('tables', 'list(any)').listValue as never) },
    { scenario: 'a transformation on a table whose name is a token', change: (d) => { const t = variable('table', 'string').stringValue; d.tables = [{ name: t }]; d.transformations = [{ type: 'history_mode', table: t }]; } },
    { scenario: 'a transformation type that is a token', change: (d) => (d.transformations = [{ type: variable('type', 'string').stringValue, table: 'public.orders' }]) },
    { scenario: 'a token as the whole sync block', change: (d) => (d.sync = Lazy.anyValue({ produce: () => ({ frequency: 5 }) }) as never) },
    { scenario: 'a list token as included columns', change: (d) => (d.tables = [{ name: 'public.orders', columns: { include: variable('columns', 'list(string)').listValue } }]) },
  ];
  test.each(cases)('$scenario', ({ change }) => {
    const document = valid();
    change(document);
    expect(checkDocument(document)).toEqual([]);
  });
});

describe('checkDocument next to tokens', () => {
  test('fails on a known value next to a token, quoting the value', () => {
    const document = valid();
    document.source.connection.id = variable('source2', 'number').numberValue;
    document.tables = [{ name: 'public.orders', columns: { include: [] } }];
    expect(checkDocument(document).map((i) => `${i.path}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "tables[0].columns.include: list at least one column, or leave the list out (got [])",
      ]
    `);
  });

  test('fails on a transformation naming a missing table when the names are known', () => {
    const document = valid();
    document.transformations = [{ type: 'history_mode', table: 'public.missing' }];
    expect(checkDocument(document).map((i) => i.code)).toEqual(['unknown_table']);
  });
});
