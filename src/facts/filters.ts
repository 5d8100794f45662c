/**
 * Filters for `query` facts. A filter is plain data (the `Filter` of the read functions), except
 * where it depends on what another fact returned (the base currency of each entity): such a part
 * is a `DynamicFilter`, resolved by the gatherer once its facts are in. Every filter has a
 * canonical text form, so two checks asking for the same records share one read.
 */
import type { Filter } from '../intacct/functions.js';
import { isFactError, type FactDef, type FactError, type FactLookup, type GatherContext } from '../model/check.js';

// The catalogue's own helpers include it (facts.isFactError), for user facts that resolve filters.
export { isFactError };

/** A filter part computed from other facts (e.g. "currency differs from the entity's base"). */
export interface DynamicFilter {
  /** Canonical name of this part, unique for what it selects (goes into the fact key). */
  dynamic: string;
  dependsOn: FactDef[];
  resolve(ctx: GatherContext, lookup: FactLookup): Filter | FactError;
}

export type FilterSpec = Filter | DynamicFilter | { and: FilterSpec[] } | { or: FilterSpec[] };

export function isDynamic(spec: FilterSpec): spec is DynamicFilter {
  return 'dynamic' in spec;
}

export function and(...parts: (FilterSpec | undefined)[]): FilterSpec {
  const kept = parts.filter((p): p is FilterSpec => p !== undefined);
  if (kept.length === 0) throw new Error('and() needs at least one filter');
  return kept.length === 1 ? kept[0]! : { and: kept };
}

export function or(...parts: FilterSpec[]): FilterSpec {
  if (parts.length === 0) throw new Error('or() needs at least one filter');
  return parts.length === 1 ? parts[0]! : { or: parts };
}

/** Canonical text of a filter spec: the same selection always gives the same text. */
export function filterKey(spec: FilterSpec | undefined): string {
  if (spec === undefined) return '*';
  if (isDynamic(spec)) return `@${spec.dynamic}`;
  if ('and' in spec) return `and(${spec.and.map(filterKey).join(',')})`;
  if ('or' in spec) return `or(${spec.or.map(filterKey).join(',')})`;
  if ('values' in spec) return `${spec.op}(${spec.field},[${spec.values.map((v) => JSON.stringify(v)).join(',')}])`;
  if ('value' in spec) return `${spec.op}(${spec.field},${JSON.stringify(spec.value)})`;
  return `${spec.op}(${spec.field})`;
}

/** Facts the dynamic parts of a spec depend on. */
export function filterDependencies(spec: FilterSpec | undefined): FactDef[] {
  if (spec === undefined) return [];
  if (isDynamic(spec)) return spec.dependsOn;
  if ('and' in spec) return spec.and.flatMap(filterDependencies);
  if ('or' in spec) return spec.or.flatMap(filterDependencies);
  return [];
}

/** The plain filter to send, or the error of a dependency that made it impossible to build. */
export function resolveFilter(spec: FilterSpec, ctx: GatherContext, lookup: FactLookup): Filter | FactError {
  if (isDynamic(spec)) return spec.resolve(ctx, lookup);
  if ('and' in spec || 'or' in spec) {
    const parts = 'and' in spec ? spec.and : spec.or;
    const resolved: Filter[] = [];
    for (const p of parts) {
      const r = resolveFilter(p, ctx, lookup);
      if (isFactError(r)) return r;
      resolved.push(r);
    }
    if (resolved.length === 1) return resolved[0]!;
    return 'and' in spec ? { and: resolved } : { or: resolved };
  }
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Dates: the audit speaks ISO (YYYY-MM-DD); `query` filters and results use MM/DD/YYYY.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2018-01-01` → `01/01/2018`. Throws on anything else (syncFrom is validated before the audit). */
export function toIntacctDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got "${iso}"`);
  return `${m[2]}/${m[3]}/${m[1]}`;
}

/** Sortable number for an Intacct date or timestamp (`MM/DD/YYYY` or `MM/DD/YYYY HH:MM:SS`); NaN if not one. */
export function intacctDateOrder(value: string | number | null | undefined): number {
  if (typeof value !== 'string') return Number.NaN;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value.trim());
  if (!m) return Number.NaN;
  const [, mo, d, y, h = '0', mi = '0', s = '0'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

// ---------------------------------------------------------------------------------------------
// The sync window

export interface SyncWindowOptions {
  /** Date field of the transaction: WHENCREATED, or ENTRY_DATE for GL entries. */
  dateField: string;
  /**
   * Field whose non-zero value means the record is still open (TOTALDUE): such records count
   * whatever their date. Omit for records that count only inside the window (journal lines).
   */
  openField?: string;
}

/**
 * Transactions Re-Leased will sync: dated on or after the sync-from date, or still open.
 * Re-Leased syncs only transactions dated on or after the date chosen at connection, but an
 * invoice still due from before it will be paid, adjusted or credited after go-live.
 */
export function syncWindowFilter(syncFrom: string, opts: SyncWindowOptions): Filter {
  const inWindow: Filter = { op: 'greaterthanorequalto', field: opts.dateField, value: toIntacctDate(syncFrom) };
  if (!opts.openField) return inWindow;
  return { or: [inWindow, { op: 'notequalto', field: opts.openField, value: '0' }] };
}

/** Words for evidence and summaries: what the window covers. */
export function describeSyncWindow(syncFrom: string, opts: SyncWindowOptions): string {
  const dated = `${opts.dateField} on or after ${syncFrom}`;
  return opts.openField ? `${dated}, or still open (${opts.openField} not 0)` : dated;
}

// ---------------------------------------------------------------------------------------------
// Filters in words, for evidence: `(WHENCREATED >= 01/01/2018 OR TOTALDUE != 0) AND TOTALENTERED < 0`

const SYMBOL: Record<string, string> = {
  equalto: '=',
  notequalto: '!=',
  lessthan: '<',
  lessthanorequalto: '<=',
  greaterthan: '>',
  greaterthanorequalto: '>=',
  like: 'LIKE',
  notlike: 'NOT LIKE',
};

export function describeFilter(filter: Filter | undefined, nested = false): string {
  if (filter === undefined) return 'all records';
  if ('and' in filter || 'or' in filter) {
    const parts = 'and' in filter ? filter.and : filter.or;
    const text = parts.map((p) => describeFilter(p, true)).join('and' in filter ? ' AND ' : ' OR ');
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  switch (filter.op) {
    case 'isnull':
      return `${filter.field} is empty`;
    case 'isnotnull':
      return `${filter.field} is set`;
    case 'between':
      return `${filter.field} between ${filter.values[0]} and ${filter.values[1]}`;
    case 'in':
    case 'notin':
      return `${filter.field} ${filter.op === 'in' ? 'in' : 'not in'} (${filter.values.join(', ')})`;
    default:
      return `${filter.field} ${SYMBOL[filter.op] ?? filter.op} ${filter.value}`;
  }
}
