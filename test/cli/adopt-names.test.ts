import { assignNames, resourceNameOf, safeStem } from '../../lib/cli/adopt/names';

describe('safeStem', () => {
  test.each([
    ['orders-to-snowflake', 'orders-to-snowflake'],
    ['Orders To Snowflake', 'orders-to-snowflake'],
    ['orders_to_snowflake', 'orders-to-snowflake'],
    ['Café Orders → Snowflake ✨', 'cafe-orders-snowflake'],
    ['  --weird..name--  ', 'weird-name'],
    ['заказы', ''],
    ['📦📦', ''],
    ['../../etc/passwd', 'etc-passwd'],
    ['CON', 'con-pipeline'],
    ['a'.repeat(300), 'a'.repeat(80)],
  ])('%j → %j', (name, stem) => {
    expect(safeStem(name)).toBe(stem);
  });
});

describe('resourceNameOf', () => {
  test.each([
    ['orders-to-snowflake', 'orders_to_snowflake'],
    ['2024-backfill', 'p_2024_backfill'],
  ])('%j → %j', (stem, name) => {
    expect(resourceNameOf(stem)).toBe(name);
  });
});

describe('assignNames', () => {
  test('collisions: the oldest keeps the plain name, the others get their id; names are unique and valid', () => {
    const names = assignNames([
      { id: 7, name: 'Orders' },
      { id: 3, name: 'orders' },
      { id: 9, name: 'orders_' },
      { id: 4, name: 'orders-7' },
      { id: 11, name: 'заказы' },
      { id: 12, name: '📦' },
      { id: 13, name: 'p-2024' },
      { id: 14, name: '2024' },
    ]);
    const stems = [...names.values()].map((n) => n.fileStem);
    const resources = [...names.values()].map((n) => n.resourceName);
    expect(names.get(3)?.fileStem).toBe('orders');
    expect(names.get(4)?.fileStem).toBe('orders-7');
    expect(names.get(7)?.fileStem).toBe('orders-7-2');
    expect(names.get(9)?.fileStem).toBe('orders-9');
    expect(names.get(11)?.fileStem).toBe('pipeline-11');
    expect(names.get(13)?.resourceName).toBe('p_2024');
    expect(names.get(14)?.resourceName).toBe('p_2024_14');
    expect(new Set(stems).size).toBe(stems.length);
    expect(new Set(resources).size).toBe(resources.length);
    for (const r of resources) expect(r).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
  });

  test('the same pipelines give the same names in any order', () => {
    const list = [
      { id: 1, name: 'a' },
      { id: 2, name: 'A' },
      { id: 3, name: 'b' },
    ];
    expect(assignNames([...list].reverse())).toEqual(assignNames(list));
  });
});
