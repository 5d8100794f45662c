/**
 * Aggregates of `query` (`<count>`, `<sum>`, `<avg>`, `<min>`, `<max>` in `<select>`), grouped by
 * the selected fields, as `COUNT.RECORDNO` and so on; and the distinct values of a column.
 */
import type { Column, ObjectState } from '../table.js';
import type { Ordering } from './order.js';

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max';
export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set<AggregateFn>(['count', 'sum', 'avg', 'min', 'max']);

export interface Aggregate {
  fn: AggregateFn;
  field: string;
}

/** One output row of an aggregate query: the group-by values and one text per aggregate. */
export interface Group {
  keys: (string | null)[];
  values: string[];
}

function formatAggregate(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/**
 * Groups `rows` by the values of `fields` and computes the aggregates of each group, ordered by
 * those of `orders` that are group-by fields (others do not apply to groups). Without group-by
 * fields there is exactly one group, also over no rows (COUNT 0, other aggregates empty). Values
 * that are NULL or empty are not counted; min/max of a number keep the text of their row.
 */
export function aggregateGroups(obj: ObjectState, rows: Int32Array, fields: string[], aggregates: Aggregate[], orders: Ordering[]): Group[] {
  const keyCols = fields.map((f) => obj.column(f));
  const aggCols = aggregates.map((a) => obj.column(a.field));
  interface Acc {
    keys: (string | null)[];
    count: number[];
    sum: number[];
    min: number[];
    max: number[];
    minText: (string | null)[];
    maxText: (string | null)[];
  }
  const groups = new Map<string, Acc>();
  let single: Acc | undefined; // no group-by fields: one group, no per-row key building
  for (const row of rows) {
    let acc: Acc | undefined;
    let keys: (string | null)[] = [];
    let groupKey = '';
    if (keyCols.length === 0) acc = single;
    else {
      keys = keyCols.map((c) => c.text(row));
      groupKey = keys.map((k) => k ?? '\u0001').join('\u0000');
      acc = groups.get(groupKey);
    }
    if (!acc) {
      acc = { keys, count: aggregates.map(() => 0), sum: aggregates.map(() => 0), min: aggregates.map(() => Infinity), max: aggregates.map(() => -Infinity), minText: aggregates.map(() => null), maxText: aggregates.map(() => null) };
      if (keyCols.length === 0) single = acc;
      else groups.set(groupKey, acc);
    }
    for (let k = 0; k < aggregates.length; k++) {
      const col = aggCols[k]!;
      if (col.kind !== 'text') {
        // Numbers are compared without building text; min/max keep the text of their row.
        const n = col.number(row);
        if (n !== n) continue;
        acc.count[k]!++;
        acc.sum[k]! += n;
        if (n < acc.min[k]!) {
          acc.min[k] = n;
          acc.minText[k] = col.text(row);
        }
        if (n > acc.max[k]!) {
          acc.max[k] = n;
          acc.maxText[k] = col.text(row);
        }
      } else {
        const text = col.text(row);
        if (text === null || text === '') continue;
        acc.count[k]!++;
        if (acc.minText[k] === null || text < acc.minText[k]!) acc.minText[k] = text;
        if (acc.maxText[k] === null || text > acc.maxText[k]!) acc.maxText[k] = text;
      }
    }
  }
  const out: Group[] = [];
  if (single) groups.set('', single);
  for (const acc of groups.values()) {
    out.push({
      keys: acc.keys,
      values: aggregates.map((a, k) => {
        switch (a.fn) {
          case 'count':
            return String(acc.count[k]);
          case 'sum':
            return formatAggregate(acc.sum[k]!);
          case 'avg':
            return acc.count[k] ? formatAggregate(acc.sum[k]! / acc.count[k]!) : '';
          case 'min':
            return acc.minText[k] ?? '';
          case 'max':
            return acc.maxText[k] ?? '';
        }
      }),
    });
  }
  if (fields.length === 0 && out.length === 0) out.push({ keys: [], values: aggregates.map((a) => (a.fn === 'count' ? '0' : '')) });
  const orderIdx = orders.map((o) => ({ k: fields.indexOf(o.col.def.ID), d: o.descending ? -1 : 1 })).filter((o) => o.k >= 0);
  if (orderIdx.length > 0) {
    out.sort((a, b) => {
      for (const { k, d } of orderIdx) {
        const x = a.keys[k] ?? '';
        const y = b.keys[k] ?? '';
        if (x !== y) return x < y ? -d : d;
      }
      return 0;
    });
  }
  return out;
}

/**
 * The distinct non-empty texts of a column: a dictionary column's whole dictionary, otherwise the
 * values of its first `cap` rows (enough for the small lists this serves).
 */
export function distinctTexts(col: Column, size: number, cap: number): Set<string> {
  const out = new Set<string>();
  if (col.dictionary) for (const v of col.dictionary.values) out.add(v ?? '');
  else for (let i = 0; i < Math.min(size, cap); i++) out.add(col.text(i) ?? '');
  out.delete('');
  return out;
}
