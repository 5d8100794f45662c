/**
 * Small objects for the query engine's unit tests, built the way the sandbox builds them (table.ts):
 * from JSON-style records, or from a generated-style table whose columns carry dictionaries and
 * numbers, so a test can check that the fast paths agree with the plain ones.
 */
import type { FixtureColumn } from '../../../src/sandbox/fixture.js';
import { buildObject, type ObjectState } from '../../../src/sandbox/table.js';

export type Row = Record<string, string | null>;

/** A custom object whose fields have the given DATATYPEs (TEXT, DECIMAL, DATE, TIMESTAMP, ...). */
export function objectOf(types: Record<string, string>, records: Row[], name = 'THING'): ObjectState {
  return buildObject(name, { fields: Object.entries(types).map(([ID, DATATYPE]) => ({ ID, DATATYPE })), records });
}

/** The same records served as a table: every column a dictionary of its distinct values (numbers too). */
export function dictionaryObjectOf(types: Record<string, string>, records: Row[], name = 'THING'): ObjectState {
  const columns: Record<string, FixtureColumn> = {};
  for (const id of Object.keys(types)) {
    const values = [...new Set(records.map((r) => r[id] ?? null))];
    const codes = records.map((r) => values.indexOf(r[id] ?? null));
    columns[id] = { text: (i) => values[codes[i]!] ?? null, dictionary: { values, code: (i) => codes[i]! } };
  }
  return buildObject(name, { fields: Object.entries(types).map(([ID, DATATYPE]) => ({ ID, DATATYPE })), records: [], table: { size: records.length, columns } });
}

/** Row numbers 0…n−1. */
export function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** The error details a FunctionFailure carries, or [] when `f` does not throw one. */
export function failureOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    const errors = (e as { errors?: { description2: string }[] }).errors;
    if (errors) return errors.map((x) => x.description2);
    throw e;
  }
  return [];
}
