/**
 * One order of "most recent first" everywhere: a record with no date comes first, as Intacct's
 * `query` orders a date descending (NULLs first, as Oracle does, and as the sandbox's query does:
 * src/sandbox/query/order.ts). Rows C (March), A (January) and B (no date) are B C A in a combined
 * sample, in a cursor page sorted on our side, and in two sets merged into one list.
 */
import { join } from 'node:path';
import { intacctDateOrder, newerFirst } from '../../src/facts/index.js';
import { combineSamples } from '../../src/kit/samples.js';
import { Spool, spoolLine, type SpooledRow } from '../../src/worklists/spool.js';
import { interleave } from '../../src/worklists/write.js';
import { tempDir } from '../cli/helpers.js';

const C = { RECORDNO: 'C', WHENCREATED: '03/10/2024' };
const A = { RECORDNO: 'A', WHENCREATED: '01/10/2024' };
const B = { RECORDNO: 'B', WHENCREATED: null };

test('newerFirst: undated first, then the latest date', () => {
  const keys = [intacctDateOrder('01/10/2024'), Number.NaN, intacctDateOrder('03/10/2024')];
  expect([...keys].sort(newerFirst)).toEqual([Number.NaN, intacctDateOrder('03/10/2024'), intacctDateOrder('01/10/2024')]);
});

test('a combined sample puts the undated record first, as query does', () => {
  const sample = { object: 'ARINVOICE', count: 3, sample: [C, A, B], fields: ['RECORDNO', 'WHENCREATED'] };
  const affected = combineSamples([{ sample, row: (r) => r, dateColumn: 'WHENCREATED' }], { columns: ['RECORDNO', 'WHENCREATED'], keyField: 'RECORDNO' });
  expect(affected.sample.map((r) => r['RECORDNO'])).toEqual(['B', 'C', 'A']);
});

test('a cursor page sorted on our side and two sets merged agree with the sample', async () => {
  const spool = await Spool.create(join(tempDir('preflight-recency-'), 'spool'));
  const page = spool.page(true);
  for (const r of [C, A, B]) {
    const order = intacctDateOrder(r.WHENCREATED);
    page.add(spoolLine(order, 'E1', r, ['RECORDNO']), order);
  }
  page.finish();
  expect([...spool.merged([page.path])].map((r) => r.values[0])).toEqual(['B', 'C', 'A']);

  // Two sets, each most recent first: [B (no date), A (January)] and [C (March)].
  const first = spool.page(true);
  for (const r of [B, A]) first.add(spoolLine(intacctDateOrder(r.WHENCREATED), 'E1', r, ['RECORDNO']), intacctDateOrder(r.WHENCREATED));
  first.finish();
  const second = spool.page(true);
  second.add(spoolLine(intacctDateOrder(C.WHENCREATED), 'E1', C, ['RECORDNO']), intacctDateOrder(C.WHENCREATED));
  second.finish();
  const streams = [first, second].map((p) => ({ rows: spool.concatenated([p.path]) as Generator<SpooledRow>, short: false }));
  expect([...interleave(streams)].map((r) => r.values[0])).toEqual(['B', 'C', 'A']);
});
