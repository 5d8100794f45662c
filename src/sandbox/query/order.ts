/**
 * Ordering for `query`'s `<orderby>`, and only as far as the page asked for: ordering a million
 * rows to show a page of 25 does not sort a million rows. One numeric (or dictionary-ranked) key
 * goes through quickselect; other orderings keep a bounded heap of offset+pagesize rows. Ties keep
 * storage order, and NULLs sort last ascending, first descending (as Oracle does).
 */
import type { Column } from '../table.js';

/** Compares two row numbers (or positions); negative when the first comes first. */
export type RowCompare = (a: number, b: number) => number;

/** One `<order>`: a column and its direction. */
export interface Ordering {
  col: Column;
  descending: boolean;
}

/**
 * Sort keys are pulled out of the columns once (numbers, or dictionary ranks, or text), so the
 * comparisons of a sort touch plain arrays only.
 */
function extractKey(col: Column, rows: Int32Array): { num: Float64Array } | { str: (string | null)[] } {
  const n = rows.length;
  if (col.kind !== 'text') {
    const num = new Float64Array(n);
    for (let k = 0; k < n; k++) num[k] = col.number(rows[k]!);
    return { num };
  }
  const dict = col.dictionary;
  if (dict) {
    const order = dict.values.map((v, code) => ({ v, code })).filter((x) => x.v !== null && x.v !== '');
    order.sort((a, b) => (a.v! < b.v! ? -1 : a.v! > b.v! ? 1 : 0));
    const rank = new Float64Array(dict.values.length).fill(NaN);
    order.forEach((x, r) => (rank[x.code] = r));
    const num = new Float64Array(n);
    for (let k = 0; k < n; k++) num[k] = rank[dict.code(rows[k]!)]!;
    return { num };
  }
  const str = new Array<string | null>(n);
  for (let k = 0; k < n; k++) {
    const v = col.text(rows[k]!);
    str[k] = v === '' ? null : v;
  }
  return { str };
}

/** Compares positions in `rows` by one key; NULLs last when ascending, first when descending (as Oracle). */
function keyCompare(key: { num: Float64Array } | { str: (string | null)[] }, descending: boolean): RowCompare {
  const sign = descending ? -1 : 1;
  if ('num' in key) {
    const num = key.num;
    return (a, b) => {
      const x = num[a]!;
      const y = num[b]!;
      if (x !== x || y !== y) return x !== x && y !== y ? 0 : (x !== x ? 1 : -1) * sign;
      return x < y ? -sign : x > y ? sign : 0;
    };
  }
  const str = key.str;
  return (a, b) => {
    const x = str[a];
    const y = str[b];
    if (x === null || y === null) return x === null && y === null ? 0 : (x === null ? 1 : -1) * sign;
    return x! < y! ? -sign : x! > y! ? sign : 0;
  };
}

function combined(compares: RowCompare[]): RowCompare {
  if (compares.length === 1) {
    const only = compares[0]!;
    return (a, b) => only(a, b) || a - b;
  }
  return (a, b) => {
    for (const c of compares) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return a - b; // stable: storage order breaks ties
  };
}

/** k-th smallest value of `a` (0-based); reorders `a`. Iterative quickselect, O(n) on average. */
function quickselect(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * One numeric (or ranked) sort key: find the need-th key by quickselect, keep only the rows at or
 * before it, and sort those few. Linear in the rows, whatever their order.
 */
function topByNumber(num: Float64Array, descending: boolean, need: number): Int32Array {
  const n = num.length;
  const key = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = num[k]!;
    key[k] = v !== v ? (descending ? -Infinity : Infinity) : descending ? -v : v;
  }
  const take = Math.min(need, n);
  if (take === 0) return new Int32Array(0);
  const threshold = quickselect(key.slice(), take - 1);
  const picked = new Int32Array(take);
  let m = 0;
  for (let k = 0; k < n && m < take; k++) if (key[k]! < threshold) picked[m++] = k;
  for (let k = 0; k < n && m < take; k++) if (key[k] === threshold) picked[m++] = k;
  return picked.sort((a, b) => key[a]! - key[b]! || a - b);
}

/** The rows of the page [offset, offset+pageSize) of `rows` ordered by `orders`. */
export function orderedPage(rows: Int32Array, orders: Ordering[], offset: number, pageSize: number): Int32Array {
  if (orders.length === 1) {
    const key = extractKey(orders[0]!.col, rows);
    if ('num' in key) {
      const top = topByNumber(key.num, orders[0]!.descending, offset + pageSize).subarray(Math.min(offset, rows.length));
      return top.map((p) => rows[p]!);
    }
  }
  const cmp = combined(orders.map((o) => keyCompare(extractKey(o.col, rows), o.descending)));
  const positions = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) positions[k] = k;
  const top = topRows(positions, cmp, offset + pageSize).subarray(Math.min(offset, rows.length));
  return top.map((p) => rows[p]!);
}

/** The first `need` rows of `rows` under `cmp`, in order. */
export function topRows(rows: Int32Array, cmp: RowCompare, need: number): Int32Array {
  if (need <= 0) return new Int32Array(0);
  if (need * 4 >= rows.length) return Int32Array.from(rows).sort(cmp).subarray(0, need);
  // Max-heap (worst on top) of the best `need` rows seen so far.
  const heap = new Int32Array(need);
  let size = 0;
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(heap[i]!, heap[p]!) <= 0) break;
      const t = heap[i]!;
      heap[i] = heap[p]!;
      heap[p] = t;
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && cmp(heap[l]!, heap[m]!) > 0) m = l;
      if (r < size && cmp(heap[r]!, heap[m]!) > 0) m = r;
      if (m === i) return;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  };
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (size < need) {
      heap[size++] = row;
      up(size - 1);
    } else if (cmp(row, heap[0]!) < 0) {
      heap[0] = row;
      down(0);
    }
  }
  return heap.subarray(0, size).sort(cmp);
}
