/**
 * Running a query over one object: the rows a session may see that match the condition (a full
 * scan; there are no indexes), then either the ordered page of those rows or the page of their
 * aggregate groups. What a query returns, not how the protocol writes it.
 */
import type { ObjectState } from '../table.js';
import { aggregateGroups, type Aggregate, type Group } from './aggregate.js';
import { both, compileCondition, scan, type CompileOptions, type Condition, type RowPredicate } from './filter.js';
import { orderedPage, type Ordering } from './order.js';

export interface QuerySpec {
  /** Selected fields (the group-by keys when there are aggregates). */
  fields: string[];
  aggregates: Aggregate[];
  where: Condition | null;
  caseInsensitive: boolean;
  orderBy: Ordering[];
  offset: number;
  pageSize: number;
}

/** A page of rows, or of groups when the query has aggregates; `total` counts all of them. */
export type QueryAnswer = { total: number; remaining: number } & ({ rows: Int32Array } | { groups: Group[] });

/** Rows of `obj` that `visible` admits and `where` matches, in storage order. */
export function selectRows(obj: ObjectState, where: Condition | null, visible: RowPredicate | null, opts: CompileOptions = {}): Int32Array {
  return scan(obj, both(visible, where ? compileCondition(where, obj, opts) : null));
}

/** The page [offset, offset + pageSize) of `items` (empty beyond the end). */
export function pageOf(items: Int32Array, offset: number, pageSize: number): Int32Array {
  return items.subarray(Math.min(offset, items.length), Math.min(items.length, offset + pageSize));
}

function remainingAfter(total: number, offset: number, count: number): number {
  return Math.max(0, total - offset - count);
}

export function runQuery(obj: ObjectState, spec: QuerySpec, visible: RowPredicate | null): QueryAnswer {
  const rows = selectRows(obj, spec.where, visible, { caseInsensitive: spec.caseInsensitive });
  const { offset, pageSize } = spec;
  if (spec.aggregates.length > 0) {
    const all = aggregateGroups(obj, rows, spec.fields, spec.aggregates, spec.orderBy);
    const groups = all.slice(offset, offset + pageSize);
    return { total: all.length, remaining: remainingAfter(all.length, offset, groups.length), groups };
  }
  const page = spec.orderBy.length > 0 ? orderedPage(rows, spec.orderBy, offset, pageSize) : pageOf(rows, offset, pageSize);
  return { total: rows.length, remaining: remainingAfter(rows.length, offset, page.length), rows: page };
}

/** Rows whose RECORDNO, as text, is one of `keys` (the `read` function), in storage order. */
export function rowsWithRecordNo(obj: ObjectState, keys: string[], visible: RowPredicate | null): number[] {
  const wanted = new Set(keys);
  const found: number[] = [];
  if (wanted.size === 0 || !obj.byId.has('RECORDNO')) return found;
  const recordNo = obj.column('RECORDNO');
  for (let i = 0; i < obj.size; i++) if (wanted.has(recordNo.text(i) ?? '') && (!visible || visible(i))) found.push(i);
  return found;
}
