/**
 * Running a query, directly: the rows a session may see that match, then a page of them (ordered
 * or in storage order) or of their groups, with the counts the answer reports.
 */
import type { Aggregate } from '../../../src/sandbox/query/aggregate.js';
import type { Condition } from '../../../src/sandbox/query/filter.js';
import { pageOf, rowsWithRecordNo, runQuery, selectRows, type QuerySpec } from '../../../src/sandbox/query/run.js';
import { buildObject } from '../../../src/sandbox/table.js';
import { allRows, failureOf, objectOf, type Row } from './objects.js';

const RECORDS: Row[] = [
  { RECORDNO: '1', NAME: 'a', AMOUNT: '30', ENTITY: null },
  { RECORDNO: '2', NAME: 'b', AMOUNT: '10', ENTITY: 'E1' },
  { RECORDNO: '3', NAME: 'A', AMOUNT: '20', ENTITY: 'E2' },
  { RECORDNO: '4', NAME: 'b', AMOUNT: null, ENTITY: null },
  { RECORDNO: '5', NAME: 'c', AMOUNT: '40', ENTITY: 'E1' },
];
const obj = objectOf({ RECORDNO: 'INTEGER', NAME: 'TEXT', AMOUNT: 'DECIMAL', ENTITY: 'TEXT' }, RECORDS);
const notE2 = (r: number): boolean => RECORDS[r]!.ENTITY !== 'E2';
const spec = (s: Partial<QuerySpec>): QuerySpec => ({ fields: ['RECORDNO'], aggregates: [], where: null, caseInsensitive: false, orderBy: [], offset: 0, pageSize: 100, ...s });
const rowsOf = (a: ReturnType<typeof runQuery>) => ('rows' in a ? { rows: [...a.rows], total: a.total, remaining: a.remaining } : a);

describe('selectRows', () => {
  const amountOver15: Condition = { t: 'cmp', field: 'AMOUNT', op: '>', value: '15' };
  test('visible and matching rows, in storage order', () => {
    expect([...selectRows(obj, null, null)]).toEqual([0, 1, 2, 3, 4]);
    expect([...selectRows(obj, amountOver15, null)]).toEqual([0, 2, 4]);
    expect([...selectRows(obj, amountOver15, notE2)]).toEqual([0, 4]);
    expect([...selectRows(obj, null, notE2)]).toEqual([0, 1, 3, 4]);
  });
  test('compile options apply (case-insensitive text)', () => {
    expect([...selectRows(obj, { t: 'cmp', field: 'NAME', op: '=', value: 'A' }, null, { caseInsensitive: true })]).toEqual([0, 2]);
  });
});

describe('runQuery', () => {
  test('a page in storage order, with the total and what remains after it', () => {
    expect(rowsOf(runQuery(obj, spec({ offset: 1, pageSize: 2 }), null))).toEqual({ rows: [1, 2], total: 5, remaining: 2 });
    expect(rowsOf(runQuery(obj, spec({ offset: 4, pageSize: 2 }), null))).toEqual({ rows: [4], total: 5, remaining: 0 });
    expect(rowsOf(runQuery(obj, spec({ offset: 9, pageSize: 2 }), null))).toEqual({ rows: [], total: 5, remaining: 0 });
  });

  test('an ordered page of the visible, matching rows', () => {
    const q = spec({ where: { t: 'null', field: 'AMOUNT', negate: true }, orderBy: [{ col: obj.column('AMOUNT'), descending: true }], pageSize: 2 });
    expect(rowsOf(runQuery(obj, q, notE2))).toEqual({ rows: [4, 0], total: 3, remaining: 1 });
  });

  test('case-insensitive filters', () => {
    expect(rowsOf(runQuery(obj, spec({ where: { t: 'in', field: 'NAME', values: ['a'], negate: false }, caseInsensitive: true }), null))).toEqual({ rows: [0, 2], total: 2, remaining: 0 });
  });

  test('with aggregates: a page of groups, counted as groups', () => {
    const count: Aggregate = { fn: 'count', field: 'RECORDNO' };
    const q = spec({ fields: ['NAME'], aggregates: [count], orderBy: [{ col: obj.column('NAME'), descending: false }], offset: 1, pageSize: 2 });
    expect(runQuery(obj, q, null)).toEqual({
      total: 4,
      remaining: 1,
      groups: [
        { keys: ['a'], values: ['1'] },
        { keys: ['b'], values: ['2'] },
      ],
    });
    expect(runQuery(obj, spec({ fields: [], aggregates: [count] }), notE2)).toEqual({ total: 1, remaining: 0, groups: [{ keys: [], values: ['4'] }] });
  });

  test('an unknown field in the condition fails before any row is read', () => {
    expect(failureOf(() => runQuery(obj, spec({ where: { t: 'null', field: 'NOPE', negate: false } }), null))).toEqual(["Unknown field 'NOPE' for object THING"]);
  });
});

describe('pageOf', () => {
  test('the slice [offset, offset + size), empty beyond the end', () => {
    expect([...pageOf(allRows(5), 0, 2)]).toEqual([0, 1]);
    expect([...pageOf(allRows(5), 3, 10)]).toEqual([3, 4]);
    expect([...pageOf(allRows(5), 7, 10)]).toEqual([]);
  });
});

describe('rowsWithRecordNo', () => {
  test('rows whose RECORDNO is one of the keys, in storage order, visible ones only', () => {
    expect(rowsWithRecordNo(obj, ['5', '1', '99', 'x'], null)).toEqual([0, 4]);
    expect(rowsWithRecordNo(obj, ['3', '2'], notE2)).toEqual([1]);
    expect(rowsWithRecordNo(obj, [], null)).toEqual([]);
  });
  test('an object without RECORDNO has no rows by key', () => {
    expect(rowsWithRecordNo(buildObject('NOTES', { records: [{ NAME: '1' }] }), ['1'], null)).toEqual([]);
  });
});
