/**
 * The read functions the sandbox answers, each turning a parsed `<function>` child into the XML
 * of its `<result>` (the part after status/function/controlid) and the number of rows it
 * examined (for the cost model). A handler fails by throwing FunctionFailure; it never changes
 * the company. getAPISession lives in server.ts because it needs the session store.
 */
import { randomBytes } from 'node:crypto';
import type { Company } from './company.js';
import { Errors, FunctionFailure } from './errors.js';
import { compileCondition, fieldColumn, type CompareOp, type Condition, type RowPredicate } from './filter.js';
import { QueryStringError, parseQueryString } from './querystring.js';
import { STANDARD_OBJECTS } from './objects.js';
import type { Column, ObjectState } from './table.js';
import { attr, child, childText, children, elementNames, textOf, XmlWriter, type XNode } from './xml.js';

export interface CallContext {
  company: Company;
  /** Entity of the session, null at top level. */
  entity: string | null;
  results: ResultSets;
}

export interface Outcome {
  xml: string;
  /** Rows of the object the function examined (a full scan: there are no indexes). */
  rows: number;
}

export type Handler = (node: XNode, ctx: CallContext, fn: string) => Outcome;

// ---------------------------------------------------------------------------------------------
// readByQuery result sets (for readMore)

interface ResultSet {
  object: ObjectState;
  rows: Int32Array;
  pos: number;
  fields: string[];
  pageSize: number;
  lastUsed: number;
}

/** Open readByQuery result sets; idle ones expire and the oldest are evicted beyond a cap. */
export class ResultSets {
  private readonly sets = new Map<string, ResultSet>();
  private readonly lastByObject = new Map<string, string>();
  constructor(
    private readonly maxSets = 16,
    private readonly idleMs = 30 * 60 * 1000,
  ) {}

  open(set: Omit<ResultSet, 'lastUsed'>): string {
    const id = randomBytes(12).toString('hex');
    this.sets.set(id, { ...set, lastUsed: Date.now() });
    this.lastByObject.set(set.object.name, id);
    while (this.sets.size > this.maxSets) this.sets.delete(this.sets.keys().next().value!);
    return id;
  }
  get(id: string): ResultSet | undefined {
    const set = this.sets.get(id);
    if (!set) return undefined;
    if (Date.now() - set.lastUsed > this.idleMs) {
      this.sets.delete(id);
      return undefined;
    }
    set.lastUsed = Date.now();
    return set;
  }
  idForObject(object: string): string | undefined {
    return this.lastByObject.get(object.toUpperCase());
  }
  close(id: string): void {
    const set = this.sets.get(id);
    this.sets.delete(id);
    if (set && this.lastByObject.get(set.object.name) === id) this.lastByObject.delete(set.object.name);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function fail(...errors: ReturnType<typeof Errors.invalidArgument>[]): never {
  throw new FunctionFailure(errors);
}

/** The object a function reads, checked for existence, permission and feature. */
export function requireObject(ctx: CallContext, fn: string, name: string | undefined): ObjectState {
  if (name === undefined || name.trim() === '') fail(Errors.invalidArgument(`${fn}: the object element is required`));
  const obj = ctx.company.object(name);
  if (!obj) fail(Errors.unknownObject(name.trim()));
  if (ctx.company.denied.has(obj.name)) fail(Errors.permission(fn, obj.name));
  if (ctx.company.disabled.has(obj.name)) fail(Errors.disabled(obj.name));
  return obj;
}

function parseFieldList(obj: ObjectState, text: string | undefined): string[] {
  const t = (text ?? '').trim();
  if (t === '' || t === '*') return obj.fields.map((f) => f.ID);
  return t.split(',').map((f) => fieldColumn(obj, f).def.ID);
}

function parseInteger(fn: string, name: string, text: string | undefined, min: number, max: number, dflt: number): number {
  if (text === undefined || text.trim() === '') return dflt;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < min || n > max) fail(Errors.invalidArgument(`${fn}: ${name} must be a whole number from ${min} to ${max}, got '${text}'`));
  return n;
}

function and(a: RowPredicate | null, b: RowPredicate | null): RowPredicate | null {
  if (!a) return b;
  if (!b) return a;
  return (r) => a(r) && b(r);
}

/** Full scan: the matching row numbers, in storage order. */
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

function writeRecord(w: XmlWriter, element: string, obj: ObjectState, row: number, fields: string[]): void {
  w.open(element);
  for (const f of fields) w.leaf(f, obj.column(f).text(row));
  w.close(element);
}

// ---------------------------------------------------------------------------------------------
// Sorting: a bounded heap keeps only offset+pagesize rows, so ordering a million rows to show a
// page of 25 does not sort a million rows.

type RowCompare = (a: number, b: number) => number;

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
function orderedPage(rows: Int32Array, orders: { col: Column; descending: boolean }[], offset: number, pageSize: number): Int32Array {
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

// ---------------------------------------------------------------------------------------------
// readByQuery / readMore

const readByQuery: Handler = (node, ctx, fn) => {
  const obj = requireObject(ctx, fn, childText(node, 'object'));
  const fields = parseFieldList(obj, childText(node, 'fields'));
  const pageSize = parseInteger(fn, 'pagesize', childText(node, 'pagesize'), 1, 1000, 100);
  const format = (childText(node, 'returnFormat') ?? 'xml').trim().toLowerCase();
  if (format !== 'xml' && format !== '') fail(Errors.invalidArgument(`readByQuery: returnFormat '${format}' is not supported by the sandbox (use xml)`));
  let cond: Condition | null;
  try {
    cond = parseQueryString(childText(node, 'query') ?? '');
  } catch (e) {
    if (e instanceof QueryStringError) fail(Errors.queryFailed(`Invalid query: ${e.message}`));
    throw e;
  }
  const pred = and(ctx.company.visibility(obj, ctx.entity, false), cond ? compileCondition(cond, obj, { legacyCodes: true }) : null);
  const rows = scan(obj, pred);
  return { xml: legacyPage(ctx, obj, rows, 0, pageSize, fields, null), rows: obj.size };
};

function legacyPage(ctx: CallContext, obj: ObjectState, rows: Int32Array, pos: number, pageSize: number, fields: string[], resultId: string | null): string {
  const end = Math.min(rows.length, pos + pageSize);
  const remaining = rows.length - end;
  let id = resultId ?? '';
  if (remaining > 0 && !resultId) id = ctx.results.open({ object: obj, rows, pos: end, fields, pageSize });
  else if (resultId) {
    const set = ctx.results.get(resultId);
    if (set) set.pos = end;
    if (remaining === 0) ctx.results.close(resultId);
  }
  const w = new XmlWriter();
  const element = obj.name.toLowerCase();
  w.open('data', { listtype: element, count: end - pos, totalcount: rows.length, numremaining: remaining, resultId: remaining > 0 ? id : '' });
  for (let k = pos; k < end; k++) writeRecord(w, element, obj, rows[k]!, fields);
  w.close('data');
  return w.toString();
}

const readMore: Handler = (node, ctx, fn) => {
  let id = childText(node, 'resultId');
  const object = childText(node, 'object');
  if ((id === undefined || id === '') && object) id = ctx.results.idForObject(object);
  if (id === undefined || id === '') fail(Errors.invalidArgument('readMore: resultId (or object) is required'));
  const set = ctx.results.get(id);
  if (!set) fail(Errors.queryFailed(`readMore: result set '${id}' does not exist, has been fully read or has expired`));
  if (ctx.company.denied.has(set.object.name)) fail(Errors.permission(fn, set.object.name));
  const size = set.pageSize;
  const start = set.pos;
  const xml = legacyPage(ctx, set.object, set.rows, start, size, set.fields, id);
  return { xml, rows: Math.min(size, set.rows.length - start) };
};

// ---------------------------------------------------------------------------------------------
// query

const COMPARISON_OPS: Record<string, CompareOp> = {
  equalto: '=',
  notequalto: '<>',
  lessthan: '<',
  lessthanorequalto: '<=',
  greaterthan: '>',
  greaterthanorequalto: '>=',
};
const FILTER_OPS = new Set([...Object.keys(COMPARISON_OPS), 'between', 'in', 'notin', 'like', 'notlike', 'isnull', 'isnotnull', 'and', 'or']);

/** Operator elements under a node, each with its name, in a stable order. */
function operatorChildren(node: XNode): { op: string; node: XNode }[] {
  const out: { op: string; node: XNode }[] = [];
  for (const name of elementNames(node)) {
    if (!FILTER_OPS.has(name)) fail(Errors.queryFailed(`Invalid filter: unknown operator <${name}>`));
    for (const c of children(node, name)) out.push({ op: name, node: c });
  }
  return out;
}

function filterCondition(op: string, node: XNode): Condition {
  if (op === 'and' || op === 'or') {
    const items = operatorChildren(node).map((c) => filterCondition(c.op, c.node));
    if (items.length < 2) fail(Errors.queryFailed(`Invalid filter: <${op}> needs at least two conditions`));
    return { t: op, items };
  }
  const field = childText(node, 'field');
  if (field === undefined || field.trim() === '') fail(Errors.queryFailed(`Invalid filter: <${op}> needs a <field>`));
  const values = children(node, 'value').map(textOf);
  const one = (): string => {
    if (values.length !== 1) fail(Errors.queryFailed(`Invalid filter: <${op}> on ${field} needs exactly one <value>`));
    return values[0]!;
  };
  switch (op) {
    case 'isnull':
    case 'isnotnull':
      return { t: 'null', field, negate: op === 'isnotnull' };
    case 'like':
    case 'notlike':
      return { t: 'like', field, pattern: one(), negate: op === 'notlike' };
    case 'between':
      if (values.length !== 2) fail(Errors.queryFailed(`Invalid filter: <between> on ${field} needs exactly two <value>s`));
      return { t: 'between', field, low: values[0]!, high: values[1]! };
    case 'in':
    case 'notin':
      if (values.length < 1 || values.length > 1000) fail(Errors.queryFailed(`Invalid filter: <${op}> on ${field} needs 1 to 1000 <value>s`));
      return { t: 'in', field, values, negate: op === 'notin' };
    default:
      return { t: 'cmp', field, op: COMPARISON_OPS[op]!, value: one() };
  }
}

interface Aggregate {
  fn: 'count' | 'sum' | 'avg' | 'min' | 'max';
  field: string;
}

function parseBool(text: string | undefined): boolean {
  return (text ?? '').trim().toLowerCase() === 'true';
}

const query: Handler = (node, ctx, fn) => {
  const obj = requireObject(ctx, fn, childText(node, 'object'));
  const select = child(node, 'select');
  const fields: string[] = [];
  const aggregates: Aggregate[] = [];
  for (const name of elementNames(select)) {
    for (const c of children(select, name)) {
      const field = fieldColumn(obj, textOf(c)).def.ID;
      if (name === 'field') fields.push(field);
      else if (name === 'count' || name === 'sum' || name === 'avg' || name === 'min' || name === 'max') aggregates.push({ fn: name, field });
      else fail(Errors.queryFailed(`Invalid select: unknown element <${name}>`));
    }
  }
  if (fields.length === 0 && aggregates.length === 0) fail(Errors.queryFailed('query: <select> needs at least one <field> (selecting all fields is not supported)'));

  let cond: Condition | null = null;
  const filter = child(node, 'filter');
  if (filter) {
    const tops = operatorChildren(filter);
    if (tops.length !== 1) fail(Errors.queryFailed(`Invalid filter: exactly one top-level operator is allowed, found ${tops.length}`));
    cond = filterCondition(tops[0]!.op, tops[0]!.node);
  }
  const options = child(node, 'options');
  const caseInsensitive = parseBool(childText(options, 'caseinsensitive'));
  const showPrivate = parseBool(childText(options, 'showprivate'));
  const format = (childText(options, 'returnformat') ?? 'xml').trim().toLowerCase();
  if (format !== 'xml' && format !== '') fail(Errors.invalidArgument(`query: returnformat '${format}' is not supported by the sandbox (use xml)`));
  const pageSize = parseInteger(fn, 'pagesize', childText(node, 'pagesize'), 1, 2000, 100);
  const offset = parseInteger(fn, 'offset', childText(node, 'offset'), 0, 2 ** 31 - 1, 0);
  const orders = children(child(node, 'orderby'), 'order').map((o) => {
    const field = childText(o, 'field');
    if (field === undefined || field.trim() === '') fail(Errors.queryFailed('Invalid orderby: <order> needs a <field>'));
    return { col: fieldColumn(obj, field), descending: child(o, 'descending') !== undefined };
  });

  const pred = and(ctx.company.visibility(obj, ctx.entity, showPrivate), cond ? compileCondition(cond, obj, { caseInsensitive }) : null);
  const rows = scan(obj, pred);

  const w = new XmlWriter();
  if (aggregates.length > 0) {
    const groups = aggregateGroups(obj, rows, fields, aggregates, orders);
    const page = groups.slice(offset, offset + pageSize);
    w.open('data', { listtype: obj.name, totalcount: groups.length, offset, count: page.length, numremaining: Math.max(0, groups.length - offset - page.length) });
    for (const g of page) {
      w.open(obj.name);
      fields.forEach((f, k) => w.leaf(f, g.keys[k]));
      aggregates.forEach((a, k) => w.leaf(`${a.fn.toUpperCase()}.${a.field}`, g.values[k]));
      w.close(obj.name);
    }
    w.close('data');
    return { xml: w.toString(), rows: obj.size };
  }

  let page: Int32Array;
  if (orders.length > 0) {
    page = orderedPage(rows, orders, offset, pageSize);
  } else {
    page = rows.subarray(Math.min(offset, rows.length), Math.min(rows.length, offset + pageSize));
  }
  const remaining = Math.max(0, rows.length - offset - page.length);
  w.open('data', { listtype: obj.name, totalcount: rows.length, offset, count: page.length, numremaining: remaining });
  for (const row of page) writeRecord(w, obj.name, obj, row, fields);
  w.close('data');
  return { xml: w.toString(), rows: obj.size };
};

interface Group {
  keys: (string | null)[];
  values: string[];
}

function formatAggregate(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

function aggregateGroups(obj: ObjectState, rows: Int32Array, fields: string[], aggregates: Aggregate[], orders: { col: Column; descending: boolean }[]): Group[] {
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

// ---------------------------------------------------------------------------------------------
// read, lookup, inspect

const read: Handler = (node, ctx, fn) => {
  const obj = requireObject(ctx, fn, childText(node, 'object'));
  const fields = parseFieldList(obj, childText(node, 'fields'));
  const keys = (childText(node, 'keys') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const wanted = new Set(keys);
  const visible = ctx.company.visibility(obj, ctx.entity, false);
  const found: number[] = [];
  if (wanted.size > 0 && obj.byId.has('RECORDNO')) {
    const recordNo = obj.column('RECORDNO');
    for (let i = 0; i < obj.size; i++) if (wanted.has(recordNo.text(i) ?? '') && (!visible || visible(i))) found.push(i);
  }
  const element = obj.name.toLowerCase();
  const w = new XmlWriter();
  w.open('data', { listtype: element, count: found.length });
  for (const row of found) writeRecord(w, element, obj, row, fields);
  w.close('data');
  return { xml: w.toString(), rows: obj.size };
};

function bool(b: boolean): string {
  return b ? 'true' : 'false';
}

const lookup: Handler = (node, ctx, fn) => {
  const obj = requireObject(ctx, fn, childText(node, 'object'));
  const w = new XmlWriter();
  w.open('data', { listtype: 'All', count: 1 });
  w.open('Type', { Name: obj.name, DocumentType: childText(node, 'docparid') ?? '' });
  w.open('Fields');
  for (const f of obj.fields) {
    w.open('Field');
    w.leaf('ID', f.ID).leaf('LABEL', f.LABEL).leaf('DESCRIPTION', f.DESCRIPTION).leaf('REQUIRED', bool(f.REQUIRED)).leaf('READONLY', bool(f.READONLY)).leaf('DATATYPE', f.DATATYPE);
    if (f.VALIDVALUES && f.VALIDVALUES.length > 0) {
      w.open('VALIDVALUES');
      for (const v of f.VALIDVALUES) w.leaf('VALIDVALUE', v);
      w.close('VALIDVALUES');
    }
    w.leaf('ISCUSTOM', bool(f.ISCUSTOM));
    w.close('Field');
  }
  w.close('Fields');
  w.empty('Relationships');
  w.close('Type');
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};

const inspect: Handler = (node, ctx, fn) => {
  const name = (childText(node, 'object') ?? '').trim();
  const detail = attr(node, 'detail') === '1' || attr(node, 'detail') === 'true';
  const w = new XmlWriter();
  if (name === '*') {
    // Lists every object regardless of permissions and subscriptions, as documented.
    const names = [...new Set([...STANDARD_OBJECTS, ...ctx.company.objects.keys()])].sort();
    w.open('data', { listtype: 'All', count: names.length });
    for (const n of names) w.leaf('type', ctx.company.object(n)?.label ?? n, { typename: n });
    w.close('data');
    return { xml: w.toString(), rows: 0 };
  }
  const obj = requireObject(ctx, fn, name);
  w.open('data', { listtype: 'All', count: 1 });
  w.open('Type', { Name: obj.name });
  w.open('Fields');
  for (const f of obj.fields) {
    if (!detail) {
      w.leaf('Field', f.ID);
      continue;
    }
    w.open('Field');
    w.leaf('Name', f.ID).leaf('GroupName', '').leaf('dataType', f.DATATYPE).leaf('externalDataName', f.ID).leaf('isRequired', bool(f.REQUIRED)).leaf('isReadOnly', bool(f.READONLY)).leaf('maxLength', '').leaf('DisplayLabel', f.LABEL).leaf('Description', f.DESCRIPTION).leaf('id', f.ID).leaf('isCustom', bool(f.ISCUSTOM));
    if (f.VALIDVALUES && f.VALIDVALUES.length > 0) {
      w.open('validValues');
      for (const v of f.VALIDVALUES) w.leaf('validValue', v);
      w.close('validValues');
    }
    w.close('Field');
  }
  w.close('Fields');
  w.close('Type');
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};

// ---------------------------------------------------------------------------------------------
// Company-level legacy functions

const KNOWN_APPLICATIONS = new Set(['GEN', 'ME', 'GL', 'CM', 'AP', 'AR', 'EE', 'PO', 'SO', 'INV', 'PA', 'CS']);

const getCompanyPrefs: Handler = (node, ctx) => {
  const app = (attr(node, 'application') ?? childText(node, 'application') ?? '').trim().toUpperCase();
  if (app === '') fail(Errors.invalidArgument('get_companyprefs: the application attribute is required'));
  if (!KNOWN_APPLICATIONS.has(app)) fail(Errors.invalidArgument(`get_companyprefs: unknown application '${app}'`));
  const fixture = ctx.company.fixture;
  // An entity session answers from the entity's own preferences when the fixture has them.
  const entityPrefs = ctx.entity ? fixture.entityPreferences?.[ctx.entity]?.[app] : undefined;
  const prefs = entityPrefs ?? fixture.preferences[app] ?? {};
  const entries = Object.entries(prefs);
  const w = new XmlWriter();
  w.open('data', { listtype: 'companypref', count: entries.length });
  for (const [preference, value] of entries) {
    w.open('companypref').leaf('application', app).leaf('preference', preference).leaf('prefvalue', value).close('companypref');
  }
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};

const getApplications: Handler = (_node, ctx) => {
  const apps = ctx.company.fixture.applications;
  const w = new XmlWriter();
  w.open('data', { listtype: 'application', count: apps.length });
  for (const a of apps) w.leaf('application', a);
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};

const getFinancialSetup: Handler = (_node, ctx) => {
  const fs = ctx.company.fixture.financialSetup;
  const entity = ctx.entity ? ctx.company.entity(ctx.entity) : undefined;
  const w = new XmlWriter();
  w.open('data').open('financialSetup');
  w.leaf('baseCurrency', entity ? entity.currency : fs.multiBaseCurrency ? '' : fs.baseCurrency)
    .leaf('defaultBook', fs.defaultBook ?? 'ACCRUAL')
    .leaf('firstFiscalMonth', fs.firstFiscalMonth ?? 'January')
    .leaf('multiBaseCurrency', bool(fs.multiBaseCurrency))
    .leaf('multiBook', bool(fs.multiBook ?? false))
    .leaf('multiCurrency', bool(fs.multiCurrency))
    .leaf('multiEntityShared', bool(fs.multiEntityShared ?? ctx.company.fixture.entities.length > 0));
  w.close('financialSetup').close('data');
  return { xml: w.toString(), rows: 0 };
};

const readEntityDetails: Handler = (_node, ctx) => {
  const fixture = ctx.company.fixture;
  const entities = ctx.entity ? fixture.entities.filter((e) => e.id === ctx.entity) : fixture.entities;
  const w = new XmlWriter();
  w.open('data', { listtype: 'entity', count: entities.length });
  for (const e of entities) {
    w.open('entity')
      .leaf('id', e.id)
      .leaf('name', e.name)
      .leaf('recordno', e.recordno)
      .leaf('currency', e.currency || fixture.financialSetup.baseCurrency)
      .leaf('firstfiscalmonth', fixture.financialSetup.firstFiscalMonth ?? 'January')
      .leaf('firstfiscaltaxmonth', fixture.financialSetup.firstFiscalMonth ?? 'January')
      .leaf('weekstart', 'Sunday')
      .close('entity');
  }
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};

/** get_list objects the sandbox serves, mapped to the standard object they list. */
const GET_LIST_OBJECTS: Record<string, string> = {
  customer: 'CUSTOMER',
  vendor: 'VENDOR',
  araccountlabel: 'ARACCOUNTLABEL',
  apaccountlabel: 'APACCOUNTLABEL',
  invoice: 'ARINVOICE',
  bill: 'APBILL',
  arpayment: 'ARPYMT',
  aradjustment: 'ARADJUSTMENT',
};

const getList: Handler = (node, ctx, fn) => {
  const object = (attr(node, 'object') ?? '').trim().toLowerCase();
  const start = parseInteger(fn, 'start', attr(node, 'start'), 0, 2 ** 31 - 1, 0);
  const maxItems = parseInteger(fn, 'maxitems', attr(node, 'maxitems'), 1, 100000, 100);
  const showPrivate = parseBool(attr(node, 'showprivate'));
  if (child(node, 'filter') || child(node, 'sorts')) fail(Errors.invalidArgument('get_list: filter and sorts are not supported by the sandbox; use query'));
  const w = new XmlWriter();
  if (object === 'trxcurrencies') {
    const codes = new Set<string>([ctx.company.fixture.financialSetup.baseCurrency, ...ctx.company.fixture.entities.map((e) => e.currency)]);
    for (const o of ['CUSTOMER', 'VENDOR', 'ARINVOICE', 'APBILL']) {
      const obj = ctx.company.object(o)!;
      const col = obj.column('CURRENCY');
      if (col.dictionary) for (const v of col.dictionary.values) codes.add(v ?? '');
      else for (let i = 0; i < Math.min(obj.size, 100000); i++) codes.add(col.text(i) ?? '');
    }
    const list = [...codes].filter((c) => c !== '').sort();
    const page = list.slice(start, start + maxItems);
    w.leaf('listtype', 'trxcurrencies', { start, end: start + page.length - 1, total: list.length });
    w.open('data');
    for (const c of page) w.open('trxcurrencies').leaf('code', c).close('trxcurrencies');
    w.close('data');
    return { xml: w.toString(), rows: 0 };
  }
  const target = GET_LIST_OBJECTS[object];
  if (!target) fail(Errors.invalidArgument(`get_list: object '${object}' is not served by the sandbox (served: trxcurrencies, ${Object.keys(GET_LIST_OBJECTS).join(', ')})`));
  const obj = requireObject(ctx, fn, target);
  const requested = children(child(node, 'fields'), 'field').map(textOf);
  const fields = requested.length > 0 ? requested.map((f) => fieldColumn(obj, f).def.ID) : obj.fields.map((f) => f.ID);
  const rows = scan(obj, ctx.company.visibility(obj, ctx.entity, showPrivate));
  const page = rows.subarray(Math.min(start, rows.length), Math.min(rows.length, start + maxItems));
  w.leaf('listtype', object, { start, end: start + page.length - 1, total: rows.length });
  w.open('data');
  for (const row of page) {
    w.open(object);
    for (const f of fields) w.leaf(f.toLowerCase(), obj.column(f).text(row));
    w.close(object);
  }
  w.close('data');
  return { xml: w.toString(), rows: obj.size };
};

/** The read functions the sandbox executes (getAPISession is handled by the server). */
export const HANDLERS: Record<string, Handler> = {
  readByQuery,
  readMore,
  query,
  read,
  lookup,
  inspect,
  get_companyprefs: getCompanyPrefs,
  get_applications: getApplications,
  getFinancialSetup,
  readEntityDetails,
  get_list: getList,
};

/** The object a function names, for recording and for object-scoped faults. */
export function functionObject(name: string, node: XNode): string | undefined {
  if (name === 'get_list') {
    const o = attr(node, 'object');
    return o ? (GET_LIST_OBJECTS[o.toLowerCase()] ?? o) : undefined;
  }
  const o = childText(node, 'object');
  return o === undefined || o.trim() === '' || o.trim() === '*' ? undefined : o.trim().toUpperCase();
}
