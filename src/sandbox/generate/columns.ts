/**
 * Columns of generated tables: each value of row i is computed when read, and numeric and
 * low-cardinality columns expose numbers and dictionary codes so the sandbox's compiled filters
 * never parse text on the hot path. Also the lazy `records` view of a generated table.
 */
import type { FixtureColumn, FixtureObject, FixtureTable } from '../fixture.js';
import { formatDate, formatTimestamp } from '../values.js';

export function computed(text: (i: number) => string | null, number?: (i: number) => number): FixtureColumn {
  return number ? { text, number } : { text };
}

export function dictionary(values: (string | null)[], code: (i: number) => number, numeric = false): FixtureColumn {
  const col: FixtureColumn = { text: (i) => values[code(i)] ?? null, dictionary: { values, code } };
  if (numeric) {
    const nums = values.map((v) => (v === null || v === '' ? NaN : Number(v)));
    col.number = (i) => nums[code(i)]!;
  }
  return col;
}

/** The same value on every row (a single-entry dictionary). */
export function constant(value: string | null): FixtureColumn {
  return dictionary([value], () => 0);
}

export function money(cents: (i: number) => number): FixtureColumn {
  return computed(
    (i) => (cents(i) / 100).toFixed(2),
    (i) => cents(i) / 100,
  );
}

/** Days since 1970-01-01; NaN gives a null date. */
export function dateCol(days: (i: number) => number): FixtureColumn {
  return computed(
    (i) => {
      const d = days(i);
      return Number.isNaN(d) ? null : formatDate(d);
    },
    days,
  );
}

/** Seconds since 1970-01-01. */
export function timestampCol(seconds: (i: number) => number): FixtureColumn {
  return computed((i) => formatTimestamp(seconds(i)), seconds);
}

export function integerCol(n: (i: number) => number): FixtureColumn {
  return computed((i) => String(n(i)), n);
}

/** RECORDNO of a generated table: row i is record i + 1. */
export function recordNumbers(): FixtureColumn {
  return integerCol((i) => i + 1);
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A materialised record of row i (for `records` of generated objects). */
function recordAt(table: FixtureTable, ids: string[], i: number): Record<string, string | null> {
  const r: Record<string, string | null> = {};
  for (const id of ids) r[id] = table.columns[id]?.text(i) ?? null;
  return r;
}

/**
 * `records` of a generated object: an array view whose rows are built when read, so code that
 * counts or samples `records` works without a million objects existing at once.
 */
export function virtualRecords(table: FixtureTable): Record<string, string | null>[] {
  const ids = Object.keys(table.columns);
  const target: Record<string, string | null>[] = [];
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop === 'length') return table.size;
      if (typeof prop === 'string' && /^(0|[1-9]\d*)$/.test(prop)) {
        const i = Number(prop);
        return i < table.size ? recordAt(table, ids, i) : undefined;
      }
      if (prop === Symbol.iterator) {
        return function* () {
          for (let i = 0; i < table.size; i++) yield recordAt(table, ids, i);
        };
      }
      return Reflect.get(t, prop, receiver);
    },
    has(t, prop) {
      if (typeof prop === 'string' && /^(0|[1-9]\d*)$/.test(prop)) return Number(prop) < table.size;
      return Reflect.has(t, prop);
    },
    set() {
      return false;
    },
  });
}

/** Number of records of a fixture object, whether JSON records or a generated table. */
export function recordCount(obj: FixtureObject | undefined): number {
  if (!obj) return 0;
  return obj.table ? obj.table.size : obj.records.length;
}
