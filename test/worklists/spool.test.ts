/**
 * The spool's cursor pages: each page sorted most recent first when it is finished, and the pages
 * merged into the stable sort of the whole cursor (rows of one date in the cursor's order), also
 * when there are more pages than are merged at once.
 */
import { join } from 'node:path';
import { Spool, spoolLine } from '../../src/worklists/spool.js';
import { tempDir } from '../cli/helpers.js';

test('cursor pages come back as the stable sort of the cursor by date, most recent first (NULL first, as query orders)', async () => {
  const spool = await Spool.create(join(tempDir('preflight-spool-'), 'spool'));
  // 150 pages of 40 rows in the cursor's order: dates from a few values, some rows without one.
  const cursor: { order: number; pos: number }[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < 150 * 40; i++) cursor.push({ order: next() % 11 === 0 ? Number.NaN : Date.UTC(2024, 0, 1 + (next() % 30)), pos: i });
  const paths: string[] = [];
  for (let p = 0; p < 150; p++) {
    const file = spool.page(true);
    for (const row of cursor.slice(p * 40, (p + 1) * 40)) file.add(spoolLine(row.order, 'E1', { POS: row.pos }, ['POS']), row.order);
    file.finish();
    paths.push(file.path);
  }
  const key = (o: number) => (Number.isNaN(o) ? Infinity : o);
  const expected = [...cursor].sort((a, b) => key(b.order) - key(a.order)).map((r) => r.pos);
  const merged = [...spool.merged(paths)].map((r) => r.values[0]);
  expect(merged).toEqual(expected);
});
