/**
 * readByQuery's result sets, directly: paging to the end closes a set, readMore by object finds
 * the latest one, idle sets expire and the oldest are evicted beyond the cap.
 */
import { ResultSets } from '../../../src/sandbox/query/result-sets.js';
import { allRows, objectOf } from './objects.js';

const obj = objectOf({ NAME: 'TEXT' }, [], 'CUSTOMER');
const other = objectOf({ NAME: 'TEXT' }, [], 'VENDOR');
const rows = allRows(7);
const page = (p: { rows: Int32Array; total: number; remaining: number; resultId: string } | undefined) =>
  p && { rows: [...p.rows], total: p.total, remaining: p.remaining, open: p.resultId !== '' };

describe('ResultSets', () => {
  test('pages through the rows; the set closes with its last page', () => {
    const sets = new ResultSets();
    const first = sets.first(obj, rows, ['NAME'], 3);
    expect(page(first)).toEqual({ rows: [0, 1, 2], total: 7, remaining: 4, open: true });
    expect(first.fields).toEqual(['NAME']);
    const id = first.resultId;
    expect(sets.objectOf(id)).toBe(obj);
    expect(page(sets.next(id))).toEqual({ rows: [3, 4, 5], total: 7, remaining: 1, open: true });
    const last = sets.next(id)!;
    expect(page(last)).toEqual({ rows: [6], total: 7, remaining: 0, open: false });
    expect(sets.next(id)).toBeUndefined();
    expect(sets.objectOf(id)).toBeUndefined();
    expect(sets.idForObject('CUSTOMER')).toBeUndefined();
  });

  test('a result that fits in one page opens no set', () => {
    const sets = new ResultSets();
    expect(page(sets.first(obj, rows, ['NAME'], 7))).toEqual({ rows: [0, 1, 2, 3, 4, 5, 6], total: 7, remaining: 0, open: false });
    expect(page(sets.first(obj, new Int32Array(0), ['NAME'], 7))).toEqual({ rows: [], total: 0, remaining: 0, open: false });
    expect(sets.idForObject('customer')).toBeUndefined();
  });

  test('readMore by object finds the set opened last on it (any case)', () => {
    const sets = new ResultSets();
    const a = sets.first(obj, rows, [], 2).resultId;
    const b = sets.first(obj, rows, [], 2).resultId;
    const v = sets.first(other, rows, [], 2).resultId;
    expect(sets.idForObject('customer')).toBe(b);
    expect(sets.idForObject('VENDOR')).toBe(v);
    // The older set stays readable by its id.
    expect(page(sets.next(a))).toEqual({ rows: [2, 3], total: 7, remaining: 3, open: true });
  });

  test('an idle set expires; reading it keeps it alive', () => {
    let now = 1_000;
    const sets = new ResultSets(16, 100, () => now);
    const id = sets.first(obj, rows, [], 2).resultId;
    now += 100;
    expect(sets.next(id)).toBeDefined();
    now += 100;
    expect(sets.objectOf(id)).toBe(obj);
    now += 101;
    expect(sets.objectOf(id)).toBeUndefined();
    expect(sets.next(id)).toBeUndefined();
  });

  test('beyond the cap, the oldest sets are evicted', () => {
    const sets = new ResultSets(2);
    const ids = [0, 1, 2].map(() => sets.first(obj, rows, [], 1).resultId);
    expect(ids.map((id) => sets.objectOf(id) !== undefined)).toEqual([false, true, true]);
  });
});
