/**
 * Ordering only as far as the page: whatever path a page takes (quickselect on one numeric or
 * dictionary key, a bounded heap, or a full sort when the page is most of the rows), it equals
 * the same page of a full stable sort with NULLs last ascending and first descending.
 */
import fc from 'fast-check';
import { orderedPage, topRows, type Ordering } from '../../../src/sandbox/query/order.js';
import type { Column, ObjectState } from '../../../src/sandbox/table.js';
import { allRows, dictionaryObjectOf, objectOf, type Row } from './objects.js';

const TYPES = { AMOUNT: 'DECIMAL', NAME: 'TEXT', DAY: 'DATE' };

/** The sort key of a row: null for NULL, empty or unparseable values. */
function keyOf(col: Column, row: number): number | string | null {
  if (col.kind !== 'text') {
    const n = col.number(row);
    return Number.isNaN(n) ? null : n;
  }
  const t = col.text(row);
  return t === null || t === '' ? null : t;
}

/** The reference: a full stable sort of `rows`, then the page. */
function expectedPage(rows: Int32Array, orders: Ordering[], offset: number, pageSize: number): number[] {
  const sorted = [...rows].sort((a, b) => {
    for (const { col, descending } of orders) {
      const x = keyOf(col, a);
      const y = keyOf(col, b);
      if (x === y) continue;
      if (x === null) return descending ? -1 : 1;
      if (y === null) return descending ? 1 : -1;
      const c = x < y ? -1 : 1;
      return descending ? -c : c;
    }
    return a - b;
  });
  return sorted.slice(offset, offset + pageSize);
}

const order = (obj: ObjectState, field: string, descending = false): Ordering => ({ col: obj.column(field), descending });

describe('orderedPage', () => {
  const records: Row[] = [
    { AMOUNT: '5', NAME: 'b', DAY: '01/02/2024' },
    { AMOUNT: null, NAME: 'a', DAY: '12/31/2023' },
    { AMOUNT: '-1', NAME: null, DAY: null },
    { AMOUNT: '5', NAME: '', DAY: '01/02/2024' },
    { AMOUNT: '10', NAME: 'B', DAY: '06/01/2023' },
  ];
  const obj = objectOf(TYPES, records);

  test('numbers ascending, NULLs last, ties in storage order', () => {
    expect([...orderedPage(allRows(5), [order(obj, 'AMOUNT')], 0, 10)]).toEqual([2, 0, 3, 4, 1]);
  });
  test('descending puts NULLs first', () => {
    expect([...orderedPage(allRows(5), [order(obj, 'AMOUNT', true)], 0, 10)]).toEqual([1, 4, 0, 3, 2]);
  });
  test('dates as dates; text in code-unit order with empty as NULL', () => {
    expect([...orderedPage(allRows(5), [order(obj, 'DAY')], 0, 10)]).toEqual([4, 1, 0, 3, 2]);
    expect([...orderedPage(allRows(5), [order(obj, 'NAME')], 0, 10)]).toEqual([4, 1, 0, 2, 3]);
  });
  test('a second key breaks ties of the first', () => {
    expect([...orderedPage(allRows(5), [order(obj, 'AMOUNT'), order(obj, 'NAME', true)], 0, 10)]).toEqual([2, 3, 0, 4, 1]);
  });
  test('offset and page size cut the ordered rows; beyond the end is empty', () => {
    expect([...orderedPage(allRows(5), [order(obj, 'AMOUNT')], 1, 2)]).toEqual([0, 3]);
    expect([...orderedPage(allRows(5), [order(obj, 'AMOUNT')], 5, 2)]).toEqual([]);
    expect([...orderedPage(allRows(5), [order(obj, 'NAME'), order(obj, 'DAY')], 9, 2)]).toEqual([]);
  });
  test('only the given rows are ordered (a filtered subset keeps its row numbers)', () => {
    expect([...orderedPage(Int32Array.from([1, 3, 4]), [order(obj, 'AMOUNT', true)], 0, 10)]).toEqual([1, 4, 3]);
  });

  test('any page of any ordering equals the page of a full stable sort, for plain and dictionary columns', () => {
    const row = fc.record({
      AMOUNT: fc.constantFrom(null, '', '0', '1', '-3.5', '7', '7.0', '1e3'),
      NAME: fc.constantFrom(null, '', 'a', 'A', 'b', 'ab', 'é', 'Z'),
      DAY: fc.constantFrom(null, '01/01/2024', '12/31/2023', '02/29/2024', '07/04/2020'),
    });
    const spec = fc.record({
      rows: fc.array(row, { maxLength: 120 }),
      keep: fc.double({ min: 0, max: 1, noNaN: true }),
      orders: fc.array(fc.record({ field: fc.constantFrom('AMOUNT', 'NAME', 'DAY'), descending: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      offset: fc.nat({ max: 130 }),
      pageSize: fc.integer({ min: 1, max: 60 }),
      dictionary: fc.boolean(),
    });
    fc.assert(
      fc.property(spec, (s) => {
        const obj = s.dictionary ? dictionaryObjectOf(TYPES, s.rows) : objectOf(TYPES, s.rows);
        // A filtered subset, as a scan returns it (every other row when keep < 0.5).
        const rows = s.keep < 0.5 ? allRows(s.rows.length).filter((r) => r % 2 === 0) : allRows(s.rows.length);
        const orders = s.orders.map((o) => order(obj, o.field, o.descending));
        expect([...orderedPage(rows, orders, s.offset, s.pageSize)]).toEqual(expectedPage(rows, orders, s.offset, s.pageSize));
      }),
      { numRuns: 400 },
    );
  });
});

describe('topRows', () => {
  const byValueDesc = (values: number[]) => (a: number, b: number) => values[b]! - values[a]! || a - b;

  test('the first `need` rows under the comparison, in order, whether it heaps or sorts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), fc.integer({ min: 0, max: 80 }), (values, need) => {
        const cmp = byValueDesc(values);
        const expected = [...allRows(values.length)].sort(cmp).slice(0, need);
        expect([...topRows(allRows(values.length), cmp, need)]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('nothing is asked, nothing is returned', () => {
    expect([...topRows(allRows(10), (a, b) => a - b, 0)]).toEqual([]);
    expect([...topRows(new Int32Array(0), (a, b) => a - b, 5)]).toEqual([]);
  });
});
