/**
 * The query language of the `query` function, as XML: `<select>` (fields and aggregates),
 * `<filter>` (one top-level operator; `and`/`or` with at least two conditions) and `<orderby>`.
 * Field names are resolved here, so an unknown one fails before any row is read.
 */
import { Errors, FunctionFailure } from '../errors.js';
import type { ObjectState } from '../table.js';
import { child, childText, children, elementNames, textOf, type XNode } from '../xml.js';
import { AGGREGATE_FUNCTIONS, type Aggregate, type AggregateFn } from './aggregate.js';
import { fieldColumn } from './fields.js';
import type { CompareOp, Condition } from './filter.js';
import type { Ordering } from './order.js';

function invalid(detail: string): never {
  throw new FunctionFailure([Errors.queryFailed(detail)]);
}

/** `<select>`: plain fields (also the group-by keys) and aggregates, in request order. */
export function parseSelect(obj: ObjectState, select: XNode | undefined): { fields: string[]; aggregates: Aggregate[] } {
  const fields: string[] = [];
  const aggregates: Aggregate[] = [];
  for (const name of elementNames(select)) {
    for (const c of children(select, name)) {
      const field = fieldColumn(obj, textOf(c)).def.ID;
      if (name === 'field') fields.push(field);
      else if (AGGREGATE_FUNCTIONS.has(name)) aggregates.push({ fn: name as AggregateFn, field });
      else invalid(`Invalid select: unknown element <${name}>`);
    }
  }
  if (fields.length === 0 && aggregates.length === 0) invalid('query: <select> needs at least one <field> (selecting all fields is not supported)');
  return { fields, aggregates };
}

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
    if (!FILTER_OPS.has(name)) invalid(`Invalid filter: unknown operator <${name}>`);
    for (const c of children(node, name)) out.push({ op: name, node: c });
  }
  return out;
}

function filterCondition(op: string, node: XNode): Condition {
  if (op === 'and' || op === 'or') {
    const items = operatorChildren(node).map((c) => filterCondition(c.op, c.node));
    if (items.length < 2) invalid(`Invalid filter: <${op}> needs at least two conditions`);
    return { t: op, items };
  }
  const field = childText(node, 'field');
  if (field === undefined || field.trim() === '') invalid(`Invalid filter: <${op}> needs a <field>`);
  const values = children(node, 'value').map(textOf);
  const one = (): string => {
    if (values.length !== 1) invalid(`Invalid filter: <${op}> on ${field} needs exactly one <value>`);
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
      if (values.length !== 2) invalid(`Invalid filter: <between> on ${field} needs exactly two <value>s`);
      return { t: 'between', field, low: values[0]!, high: values[1]! };
    case 'in':
    case 'notin':
      if (values.length < 1 || values.length > 1000) invalid(`Invalid filter: <${op}> on ${field} needs 1 to 1000 <value>s`);
      return { t: 'in', field, values, negate: op === 'notin' };
    default:
      return { t: 'cmp', field, op: COMPARISON_OPS[op]!, value: one() };
  }
}

/** `<filter>` as a condition; no filter element means every row. Fields are checked when compiled. */
export function parseFilter(filter: XNode | undefined): Condition | null {
  if (!filter) return null;
  const tops = operatorChildren(filter);
  if (tops.length !== 1) invalid(`Invalid filter: exactly one top-level operator is allowed, found ${tops.length}`);
  return filterCondition(tops[0]!.op, tops[0]!.node);
}

/** `<orderby>`: `<order>` elements with a `<field>` and an optional `<descending/>`. */
export function parseOrderBy(obj: ObjectState, orderby: XNode | undefined): Ordering[] {
  return children(orderby, 'order').map((o) => {
    const field = childText(o, 'field');
    if (field === undefined || field.trim() === '') invalid('Invalid orderby: <order> needs a <field>');
    return { col: fieldColumn(obj, field), descending: child(o, 'descending') !== undefined };
  });
}
