/**
 * The sandbox's in-memory view of one object: its schema (standard fields merged with the
 * fixture's) and its rows as columns. JSON fixtures are turned into array-backed columns once at
 * start-up; generated companies bring their own compact columns (FixtureTable). Numeric views of
 * text columns are parsed once, on first use, so repeated filters do not re-parse strings.
 */
import type { FixtureColumn, FixtureField, FixtureObject, FixtureTable } from './fixture.js';
import { isStandardObject, objectLabel, standardFields, type FieldDef } from './objects.js';
import { kindOf, toComparable, type ValueKind } from './values.js';

export interface Column {
  readonly def: FieldDef;
  readonly kind: ValueKind;
  readonly text: (i: number) => string | null;
  /** Comparable number (see values.ts) or NaN for null/unparseable. */
  readonly number: (i: number) => number;
  dictionary?: { values: (string | null)[]; code(i: number): number };
}

export interface ObjectState {
  name: string;
  label: string;
  standard: boolean;
  /** Fields in schema order. */
  fields: FieldDef[];
  byId: Map<string, FieldDef>;
  size: number;
  column(id: string): Column;
}

/** Merges fixture fields over standard ones: an override keeps the standard field's position. */
export function mergeFields(objectName: string, extra: FixtureField[] | undefined, recordKeys: Iterable<string>): FieldDef[] {
  const fields = standardFields(objectName);
  const byId = new Map(fields.map((f) => [f.ID, f]));
  for (const f of extra ?? []) {
    const id = f.ID.toUpperCase();
    const existing = byId.get(id);
    if (existing) {
      if (f.LABEL !== undefined) existing.LABEL = f.LABEL;
      if (f.DATATYPE !== undefined) existing.DATATYPE = f.DATATYPE.toUpperCase();
      if (f.REQUIRED !== undefined) existing.REQUIRED = f.REQUIRED;
      if (f.READONLY !== undefined) existing.READONLY = f.READONLY;
      if (f.ISCUSTOM !== undefined) existing.ISCUSTOM = f.ISCUSTOM;
      if (f.VALIDVALUES !== undefined) existing.VALIDVALUES = [...f.VALIDVALUES];
    } else {
      const def: FieldDef = {
        ID: id,
        LABEL: f.LABEL ?? id,
        DESCRIPTION: f.LABEL ?? id,
        DATATYPE: (f.DATATYPE ?? 'TEXT').toUpperCase(),
        REQUIRED: f.REQUIRED ?? false,
        READONLY: f.READONLY ?? false,
        ISCUSTOM: f.ISCUSTOM ?? true,
      };
      if (f.VALIDVALUES) def.VALIDVALUES = [...f.VALIDVALUES];
      fields.push(def);
      byId.set(id, def);
    }
  }
  // A non-standard object without declared fields: its records define them (as text).
  if (!isStandardObject(objectName)) {
    for (const key of recordKeys) {
      const id = key.toUpperCase();
      if (!byId.has(id)) {
        const def: FieldDef = { ID: id, LABEL: id, DESCRIPTION: id, DATATYPE: id === 'RECORDNO' ? 'INTEGER' : 'TEXT', REQUIRED: false, READONLY: false, ISCUSTOM: false };
        fields.push(def);
        byId.set(id, def);
      }
    }
  }
  return fields;
}

function recordKeys(records: Record<string, string | null>[]): Set<string> {
  const keys = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) keys.add(k);
  return keys;
}

/** A column over plain values (JSON fixtures); the numeric view is parsed once, on first use. */
function arrayColumn(def: FieldDef, values: (string | null)[]): Column {
  const kind = kindOf(def.DATATYPE);
  let numbers: Float64Array | null = null;
  const parsed = (): Float64Array => {
    const n = new Float64Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      n[k] = v === null || v === undefined || v === '' ? NaN : toComparable(kind, v);
    }
    return n;
  };
  return {
    def,
    kind,
    text: (i) => values[i] ?? null,
    number: (i) => (numbers ??= parsed())[i]!,
  };
}

/**
 * A column over a FixtureColumn (generated companies). The source's functions are used as they
 * are, without a wrapper, so a filter's per-row call chain stays short.
 */
function sourceColumn(def: FieldDef, source: FixtureColumn): Column {
  const kind = kindOf(def.DATATYPE);
  const text = source.text.bind(source);
  const number =
    source.number?.bind(source) ??
    ((i: number) => {
      const v = text(i);
      return v === null || v === '' ? NaN : toComparable(kind, v);
    });
  const col: Column = { def, kind, text, number };
  if (source.dictionary) col.dictionary = source.dictionary;
  return col;
}

const NULL_COLUMN: FixtureColumn = { text: () => null, number: () => NaN };

/** Builds the sandbox's view of one fixture object. */
export function buildObject(name: string, obj: FixtureObject | undefined): ObjectState {
  const upper = name.toUpperCase();
  const table: FixtureTable | undefined = obj?.table;
  const records = obj?.records ?? [];
  const fields = mergeFields(upper, obj?.fields, table ? Object.keys(table.columns) : recordKeys(records));
  const byId = new Map(fields.map((f) => [f.ID, f]));
  const columns = new Map<string, Column>();
  if (table) {
    const upperColumns = new Map(Object.entries(table.columns).map(([k, c]) => [k.toUpperCase(), c]));
    for (const f of fields) columns.set(f.ID, sourceColumn(f, upperColumns.get(f.ID) ?? NULL_COLUMN));
  } else {
    // Record keys are matched case-insensitively so a hand-written fixture may use any case.
    const keyOf = new Map<string, string[]>();
    for (const k of recordKeys(records)) {
      const list = keyOf.get(k.toUpperCase()) ?? [];
      list.push(k);
      keyOf.set(k.toUpperCase(), list);
    }
    for (const f of fields) {
      const keys = keyOf.get(f.ID) ?? [];
      const values = records.map((r) => {
        for (const k of keys) {
          const v = r[k];
          if (v !== undefined) return v === null ? null : String(v);
        }
        return null;
      });
      columns.set(f.ID, arrayColumn(f, values));
    }
  }
  return {
    name: upper,
    label: objectLabel(upper),
    standard: isStandardObject(upper),
    fields,
    byId,
    size: table ? table.size : records.length,
    column(id: string): Column {
      const c = columns.get(id.toUpperCase());
      if (!c) throw new Error(`no column ${id} in ${upper}`);
      return c;
    },
  };
}
