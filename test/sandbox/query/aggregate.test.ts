/**
 * Aggregates computed directly: what each function counts (NULL and empty values are skipped),
 * how numbers are written, grouping and the order of groups, and distinct column values.
 */
import { aggregateGroups, distinctTexts, type Aggregate } from '../../../src/sandbox/query/aggregate.js';
import type { Ordering } from '../../../src/sandbox/query/order.js';
import { allRows, dictionaryObjectOf, objectOf, type Row } from './objects.js';

const TYPES = { STATE: 'TEXT', AMOUNT: 'DECIMAL', DAY: 'DATE', NOTE: 'TEXT' };
const RECORDS: Row[] = [
  { STATE: 'Posted', AMOUNT: '10.50', DAY: '01/02/2024', NOTE: 'b' },
  { STATE: 'Paid', AMOUNT: '0.1', DAY: '12/31/2023', NOTE: null },
  { STATE: 'Posted', AMOUNT: null, DAY: null, NOTE: '' },
  { STATE: 'Paid', AMOUNT: '0.2', DAY: '03/01/2024', NOTE: 'a' },
  { STATE: null, AMOUNT: '-4', DAY: '01/01/2020', NOTE: 'c' },
];
const obj = objectOf(TYPES, RECORDS);
const all = allRows(RECORDS.length);
const agg = (fn: Aggregate['fn'], field: string): Aggregate => ({ fn, field });
const EVERY = [agg('count', 'AMOUNT'), agg('sum', 'AMOUNT'), agg('avg', 'AMOUNT'), agg('min', 'AMOUNT'), agg('max', 'AMOUNT')];

describe('aggregateGroups', () => {
  test('without group-by fields: one group; NULLs are not counted; min/max keep the text of their row', () => {
    expect(aggregateGroups(obj, all, [], EVERY, [])).toEqual([{ keys: [], values: ['4', '6.8', '1.7', '-4', '10.50'] }]);
  });

  test('sums are rounded to 6 decimals, so 0.1 + 0.2 is 0.3', () => {
    expect(aggregateGroups(obj, Int32Array.from([1, 3]), [], [agg('sum', 'AMOUNT'), agg('avg', 'AMOUNT')], [])[0]!.values).toEqual(['0.3', '0.15']);
  });

  test('dates: min and max by date, written as stored', () => {
    expect(aggregateGroups(obj, all, [], [agg('min', 'DAY'), agg('max', 'DAY'), agg('count', 'DAY')], [])[0]!.values).toEqual(['01/01/2020', '03/01/2024', '4']);
  });

  test('text: count skips NULL and empty, min/max in code-unit order, sum and avg add nothing', () => {
    expect(aggregateGroups(obj, all, [], [agg('count', 'NOTE'), agg('min', 'NOTE'), agg('max', 'NOTE'), agg('sum', 'NOTE'), agg('avg', 'NOTE')], [])[0]!.values).toEqual(['3', 'a', 'c', '0', '0']);
  });

  test('over no rows: COUNT 0 and empty aggregates without group-by; no groups with group-by', () => {
    expect(aggregateGroups(obj, new Int32Array(0), [], EVERY, [])).toEqual([{ keys: [], values: ['0', '', '', '', ''] }]);
    expect(aggregateGroups(obj, new Int32Array(0), ['STATE'], EVERY, [])).toEqual([]);
  });

  test('grouped by a field: groups in first-seen order, NULL a group of its own', () => {
    expect(aggregateGroups(obj, all, ['STATE'], [agg('count', 'DAY'), agg('sum', 'AMOUNT')], [])).toEqual([
      { keys: ['Posted'], values: ['1', '10.5'] },
      { keys: ['Paid'], values: ['2', '0.3'] },
      { keys: [null], values: ['1', '-4'] },
    ]);
  });

  test('ordered by a group-by field (NULL as empty, first); orders on other fields do not apply', () => {
    const byState = (descending: boolean): Ordering[] => [{ col: obj.column('STATE'), descending }];
    const keys = (orders: Ordering[]) => aggregateGroups(obj, all, ['STATE'], [agg('count', 'STATE')], orders).map((g) => g.keys[0]);
    expect(keys(byState(false))).toEqual([null, 'Paid', 'Posted']);
    expect(keys(byState(true))).toEqual(['Posted', 'Paid', null]);
    expect(keys([{ col: obj.column('AMOUNT'), descending: true }])).toEqual(['Posted', 'Paid', null]);
  });

  test('grouped by two fields', () => {
    const groups = aggregateGroups(obj, all, ['STATE', 'NOTE'], [agg('count', 'AMOUNT')], [{ col: obj.column('NOTE'), descending: false }]);
    expect(groups.map((g) => [...g.keys, g.values[0]])).toEqual([
      ['Paid', null, '1'],
      ['Posted', '', '0'],
      ['Paid', 'a', '1'],
      ['Posted', 'b', '1'],
      [null, 'c', '1'],
    ]);
  });

  test('a dictionary-backed table gives the same groups', () => {
    const dict = dictionaryObjectOf(TYPES, RECORDS);
    const aggregates = [...EVERY, agg('min', 'NOTE'), agg('count', 'DAY')];
    expect(aggregateGroups(dict, all, ['STATE'], aggregates, [])).toEqual(aggregateGroups(obj, all, ['STATE'], aggregates, []));
  });
});

describe('distinctTexts', () => {
  test('the distinct non-empty values of the first `cap` rows', () => {
    expect([...distinctTexts(obj.column('STATE'), RECORDS.length, 100)].sort()).toEqual(['Paid', 'Posted']);
    expect([...distinctTexts(obj.column('NOTE'), RECORDS.length, 2)]).toEqual(['b']);
  });
  test("a dictionary column gives its whole dictionary, whatever the cap", () => {
    const dict = dictionaryObjectOf(TYPES, RECORDS);
    expect([...distinctTexts(dict.column('NOTE'), RECORDS.length, 1)].sort()).toEqual(['a', 'b', 'c']);
  });
});
