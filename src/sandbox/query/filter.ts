/**
 * Conditions of `query` filters and `readByQuery` query strings, compiled once into a predicate
 * over row numbers. Compiling (rather than interpreting the tree for every row) keeps a scan of a
 * million generated rows well inside the modelled server time: operands are parsed once, LIKE
 * patterns become one RegExp, and on dictionary columns a condition is decided once per distinct
 * value. Comparisons follow SQL: a NULL (or empty) value satisfies no comparison except IS NULL.
 */
import { Errors, FunctionFailure } from '../errors.js';
import type { Column, ObjectState } from '../table.js';
import { isNull, parseOperand, toComparable } from '../values.js';
import { fieldColumn } from './fields.js';

export type CompareOp = '=' | '<>' | '<' | '>' | '<=' | '>=';

export type Condition =
  | { t: 'cmp'; field: string; op: CompareOp; value: string }
  | { t: 'between'; field: string; low: string; high: string }
  | { t: 'in'; field: string; values: string[]; negate: boolean }
  | { t: 'like'; field: string; pattern: string; negate: boolean }
  | { t: 'null'; field: string; negate: boolean }
  | { t: 'and' | 'or'; items: Condition[] }
  | { t: 'not'; item: Condition };

export type RowPredicate = (row: number) => boolean;

export interface CompileOptions {
  caseInsensitive?: boolean;
  /** readByQuery: translate DB codes (STATUS 'T') to the labels stored in the fixture. */
  legacyCodes?: boolean;
}

function likeRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let src = '';
  for (const ch of pattern) {
    if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, caseInsensitive ? 'i' : '');
}

/** A per-value test plus, for numeric kinds, a per-number test (the fast path). */
interface Leaf {
  onText: (v: string | null) => boolean;
  onNumber?: (n: number) => boolean;
}

function leafFor(c: Exclude<Condition, { t: 'and' | 'or' | 'not' }>, col: Column, opts: CompileOptions): Leaf {
  const ci = opts.caseInsensitive === true;
  const translate = (v: string): string => (opts.legacyCodes && col.def.legacy?.[v] !== undefined ? col.def.legacy[v]! : v);
  const norm = (v: string): string => (ci ? v.toLowerCase() : v);
  const numeric = col.kind !== 'text';
  const operand = (v: string): number => {
    const n = parseOperand(col.kind, v);
    if (Number.isNaN(n)) {
      const what = col.kind === 'number' ? 'a number' : col.kind === 'date' ? 'a date (MM/DD/YYYY)' : 'a timestamp (MM/DD/YYYY HH:MM:SS)';
      throw new FunctionFailure([Errors.queryFailed(`Invalid value '${v}' for field ${col.def.ID}: expected ${what}`)]);
    }
    return n;
  };
  const numOf = (v: string | null): number => (isNull(v) ? NaN : toComparable(col.kind, v!));

  switch (c.t) {
    case 'null':
      return c.negate
        ? { onText: (v) => !isNull(v), onNumber: numeric ? (n) => !Number.isNaN(n) : undefined }
        : { onText: (v) => isNull(v), onNumber: numeric ? (n) => Number.isNaN(n) : undefined };
    case 'like': {
      const re = likeRegExp(translate(c.pattern), ci);
      return { onText: (v) => !isNull(v) && re.test(v!) !== c.negate };
    }
    case 'in': {
      if (numeric) {
        const set = new Set(c.values.map((v) => operand(translate(v))));
        const onNumber = (n: number): boolean => !Number.isNaN(n) && set.has(n) !== c.negate;
        return { onNumber, onText: (v) => onNumber(numOf(v)) };
      }
      const set = new Set(c.values.map((v) => norm(translate(v))));
      return { onText: (v) => !isNull(v) && set.has(norm(v!)) !== c.negate };
    }
    case 'between': {
      if (numeric) {
        const lo = operand(c.low);
        const hi = operand(c.high);
        const onNumber = (n: number): boolean => n >= lo && n <= hi;
        return { onNumber, onText: (v) => onNumber(numOf(v)) };
      }
      const lo = norm(translate(c.low));
      const hi = norm(translate(c.high));
      return { onText: (v) => !isNull(v) && norm(v!) >= lo && norm(v!) <= hi };
    }
    case 'cmp': {
      if (numeric) {
        const x = operand(translate(c.value));
        const onNumber = numberTest(c.op, x);
        return { onNumber, onText: (v) => onNumber(numOf(v)) };
      }
      const x = norm(translate(c.value));
      const test = textTest(c.op, x);
      return { onText: (v) => !isNull(v) && test(norm(v!)) };
    }
  }
}

function numberTest(op: CompareOp, x: number): (n: number) => boolean {
  // NaN (NULL) fails every comparison, including <>, as in SQL.
  switch (op) {
    case '=':
      return (n) => n === x;
    case '<>':
      return (n) => n === n && n !== x;
    case '<':
      return (n) => n < x;
    case '>':
      return (n) => n > x;
    case '<=':
      return (n) => n <= x;
    case '>=':
      return (n) => n >= x;
  }
}

function textTest(op: CompareOp, x: string): (v: string) => boolean {
  switch (op) {
    case '=':
      return (v) => v === x;
    case '<>':
      return (v) => v !== x;
    case '<':
      return (v) => v < x;
    case '>':
      return (v) => v > x;
    case '<=':
      return (v) => v <= x;
    case '>=':
      return (v) => v >= x;
  }
}

function compileLeaf(c: Exclude<Condition, { t: 'and' | 'or' | 'not' }>, obj: ObjectState, opts: CompileOptions): RowPredicate {
  const col = fieldColumn(obj, c.field);
  const leaf = leafFor(c, col, opts);
  const dict = col.dictionary;
  if (dict) {
    // Decide once per distinct value; rows then cost one table lookup.
    const verdict = new Uint8Array(dict.values.length);
    for (let k = 0; k < dict.values.length; k++) verdict[k] = leaf.onText(dict.values[k] ?? null) ? 1 : 0;
    return (row) => verdict[dict.code(row)] === 1;
  }
  if (leaf.onNumber) {
    const onNumber = leaf.onNumber;
    const number = col.number;
    return (row) => onNumber(number(row));
  }
  const onText = leaf.onText;
  const text = col.text;
  return (row) => onText(text(row));
}

/** Compiles a condition against an object's schema; unknown fields and bad operands throw FunctionFailure. */
export function compileCondition(c: Condition, obj: ObjectState, opts: CompileOptions = {}): RowPredicate {
  switch (c.t) {
    case 'and': {
      const parts = c.items.map((x) => compileCondition(x, obj, opts));
      if (parts.length === 2) {
        const [a, b] = parts as [RowPredicate, RowPredicate];
        return (row) => a(row) && b(row);
      }
      return (row) => parts.every((p) => p(row));
    }
    case 'or': {
      const parts = c.items.map((x) => compileCondition(x, obj, opts));
      if (parts.length === 2) {
        const [a, b] = parts as [RowPredicate, RowPredicate];
        return (row) => a(row) || b(row);
      }
      return (row) => parts.some((p) => p(row));
    }
    case 'not': {
      const inner = compileCondition(c.item, obj, opts);
      return (row) => !inner(row);
    }
    default:
      return compileLeaf(c, obj, opts);
  }
}

/** Both predicates (null = every row). */
export function both(a: RowPredicate | null, b: RowPredicate | null): RowPredicate | null {
  if (!a) return b;
  if (!b) return a;
  return (r) => a(r) && b(r);
}

/** Full scan (there are no indexes): the matching row numbers, in storage order. */
export function scan(obj: ObjectState, pred: RowPredicate | null): Int32Array {
  const n = obj.size;
  if (!pred) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (pred(i)) out[k++] = i;
  return out.subarray(0, k);
}
