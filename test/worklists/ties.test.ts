/**
 * Records of one day in one fixed order: WHENCREATED has day precision, so Intacct may return
 * same-day records in any order. The kit's record sets order by the date, then RECORDNO (both
 * descending), a set so ordered is still read through a cursor, and its cursor pages are sorted
 * on both keys on our side, so the worklist's first rows are the sample whatever order the
 * cursor gave.
 */
import { join } from 'node:path';
import { intacctDateOrder } from '../../src/facts/index.js';
import { modeOf, tieOf } from '../../src/worklists/pages.js';
import type { ListSet } from '../../src/worklists/plan.js';
import { Spool, spoolLine } from '../../src/worklists/spool.js';
import { tempDir } from '../cli/helpers.js';

const ORDER = [
  { field: 'WHENCREATED', descending: true },
  { field: 'RECORDNO', descending: true },
];

function set(orderBy: { field: string; descending?: boolean }[]): ListSet {
  return {
    query: { function: 'query', object: 'ARINVOICE', select: ['RECORDNO', 'WHENCREATED'], filter: { op: 'lessthan', field: 'TOTALENTERED', value: '0' }, orderBy },
    count: 3000,
    fields: ['RECORDNO', 'WHENCREATED'],
    row: (r) => r,
    dateColumn: 'WHENCREATED',
    ownEntity: false,
  };
}

test('a set ordered by date, then RECORDNO, both descending, is read through a cursor', () => {
  expect(modeOf(set(ORDER)).kind).toBe('cursor');
  expect(modeOf(set([ORDER[0]!])).kind).toBe('cursor');
  // Any other second key (or RECORDNO ascending) is an order the cursor's rows cannot be given.
  expect(modeOf(set([ORDER[0]!, { field: 'RECORDNO' }])).kind).toBe('offset');
  expect(modeOf(set([ORDER[0]!, { field: 'TOTALDUE', descending: true }])).kind).toBe('offset');
  expect(tieOf(set(ORDER), { RECORDNO: '1042' })).toBe(1042);
  expect(tieOf(set([ORDER[0]!]), { RECORDNO: '1042' })).toBeNull();
});

test('cursor pages of same-day records come back by date, then RECORDNO highest first, whatever the cursor order', async () => {
  const spool = await Spool.create(join(tempDir('preflight-ties-'), 'spool'));
  // 30 pages of 50 rows: five days, record numbers shuffled, a few rows without a date.
  let seed = 11;
  const next = () => (seed = (seed * 48271) % 2147483647);
  const numbers = Array.from({ length: 1500 }, (_, i) => i + 1);
  for (let i = numbers.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [numbers[i], numbers[j]] = [numbers[j]!, numbers[i]!];
  }
  const cursor = numbers.map((no) => ({ no, when: no % 37 === 0 ? Number.NaN : intacctDateOrder(`03/0${1 + (next() % 5)}/2024`) }));
  const s = set(ORDER);
  const paths: string[] = [];
  for (let p = 0; p < 30; p++) {
    const file = spool.page(true);
    for (const r of cursor.slice(p * 50, (p + 1) * 50)) {
      const tie = tieOf(s, { RECORDNO: String(r.no) });
      file.add(spoolLine(r.when, 'E1', { RECORDNO: r.no }, ['RECORDNO'], tie), r.when, tie);
    }
    file.finish();
    paths.push(file.path);
  }
  const key = (w: number) => (Number.isNaN(w) ? Infinity : w);
  const expected = [...cursor].sort((a, b) => key(b.when) - key(a.when) || b.no - a.no || 0).map((r) => r.no);
  expect([...spool.merged(paths)].map((r) => r.values[0])).toEqual(expected);
});
