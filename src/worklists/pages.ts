/**
 * The pages a worklist phase reads. A record set whose filter readByQuery can express is read
 * through a server-side cursor: one `readByQuery` (the query runs once, its first 1,000 records
 * come back with a resultId), then `readMore` pages of 1,000, each costing the gateway only the
 * records it returns. Any other set is read with its own `query` at the largest page size `query`
 * allows, by offset: each such page is a fresh query (the reference notes: "each offset call is a
 * fresh query"). The count is known, so every page of either kind is known before the first is
 * sent. Requests carry pages of several checks, within the client's functions per request and a
 * budget of cells (records × fields), so a response stays a few megabytes however large the
 * company.
 */
import type { ReadFunction } from '../intacct/functions.js';
import type { ListPlan, ListSet } from './plan.js';
import { readByQueryString } from './query-string.js';

/** The largest page `query` returns. */
export const QUERY_PAGE_SIZE = 2000;
/** The largest page readByQuery and readMore return. */
export const CURSOR_PAGE_SIZE = 1000;

/**
 * Cells (records × fields) one request may bring back: about 9 MB of XML, 24 cursor pages of a
 * dozen fields, read with the lean record reader (see src/intacct/record-scan.ts) one record at a
 * time. Larger requests save round trips; each response body is held while it is read.
 */
export const CELLS_PER_REQUEST = 300_000;

/** How a set is read: through a cursor (its readByQuery query string), or by `query` offsets. */
export type SetMode = { kind: 'cursor'; query: string } | { kind: 'offset' };

/** One function of the phase: a cursor opened, a cursor page, or a query page. */
export interface Page {
  /** Index of its list, of its set within the list, and of the page within the set. */
  list: number;
  set: number;
  index: number;
  kind: 'open' | 'more' | 'offset';
  /** Records the page holds when nothing changed since the count. */
  rows: number;
  fn: ReadFunction;
  entityId?: string;
  /** The set's reading it belongs to (a set read again another way starts a new one). */
  generation: number;
}

/**
 * How a set is read: through a cursor when readByQuery can say what its query says and the list's
 * order can be restored from the cursor's (the query orders by the set's date, most recent first,
 * then perhaps by RECORDNO, highest first, as the kit's record sets do; or not at all: the rows
 * are then sorted by those keys on our side); else by `query` offsets.
 */
export function modeOf(set: ListSet): SetMode {
  const order = set.query.orderBy ?? [];
  const desc = (i: number, field: string | undefined) => field !== undefined && order[i]!.descending === true && order[i]!.field.toUpperCase() === field.toUpperCase();
  const byDate = order.length === 0 || (order.length <= 2 && desc(0, set.dateColumn) && (order.length === 1 || desc(1, 'RECORDNO')));
  if (!byDate || set.count <= 0) return { kind: 'offset' };
  const translated = readByQueryString(set.query, { entities: set.entities === true });
  return translated.ok ? { kind: 'cursor', query: translated.query } : { kind: 'offset' };
}

/** The number ordering a set's records of one date (its second key, RECORDNO descending), or null when its query has none. */
export function tieOf(set: ListSet, rec: Record<string, string | number | null>): number | null {
  const second = set.query.orderBy?.[1];
  if (second?.field.toUpperCase() !== 'RECORDNO') return null;
  const value = rec['RECORDNO'];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

export function pagesIn(count: number, kind: SetMode['kind']): number {
  return Math.ceil(count / (kind === 'cursor' ? CURSOR_PAGE_SIZE : QUERY_PAGE_SIZE));
}

function rowsOf(count: number, index: number, pageSize: number): number {
  return Math.max(0, Math.min(pageSize, count - index * pageSize));
}

/** Every query page of a set, by offset. */
export function offsetPages(set: ListSet, at: { list: number; set: number; generation: number }): Page[] {
  const pages: Page[] = [];
  for (let index = 0; index * QUERY_PAGE_SIZE < set.count; index++) {
    pages.push({
      ...at,
      index,
      kind: 'offset',
      rows: rowsOf(set.count, index, QUERY_PAGE_SIZE),
      fn: { ...set.query, pageSize: QUERY_PAGE_SIZE, offset: index * QUERY_PAGE_SIZE },
      ...(set.entityId ? { entityId: set.entityId } : {}),
    });
  }
  return pages;
}

/** The readByQuery that opens a set's cursor (its first page). */
export function openPage(set: ListSet, query: string, at: { list: number; set: number; generation: number }): Page {
  return {
    ...at,
    index: 0,
    kind: 'open',
    rows: rowsOf(set.count, 0, CURSOR_PAGE_SIZE),
    fn: { function: 'readByQuery', object: set.query.object, fields: set.query.select, query, pageSize: CURSOR_PAGE_SIZE },
    ...(set.entityId ? { entityId: set.entityId } : {}),
  };
}

/** The readMore pages 1 … of an opened cursor. */
export function cursorPages(set: ListSet, resultId: string, at: { list: number; set: number; generation: number }): Page[] {
  const pages: Page[] = [];
  for (let index = 1; index * CURSOR_PAGE_SIZE < set.count; index++) {
    pages.push({
      ...at,
      index,
      kind: 'more',
      rows: rowsOf(set.count, index, CURSOR_PAGE_SIZE),
      fn: { function: 'readMore', resultId },
      ...(set.entityId ? { entityId: set.entityId } : {}),
    });
  }
  return pages;
}

export function cellsOf(page: Page, lists: readonly ListPlan[]): number {
  const set = lists[page.list]!.sets[page.set]!;
  return page.rows * Math.max(1, set.query.select.length);
}

/**
 * Which pages go out next, in one request: pages of one entity session, in order of their place
 * in their set (every set's first page, then every second page, …, as `ready` is kept), each
 * while there is room. When fewer pages are waiting than the free slots could carry, they are
 * shared between the slots (two requests of half the cursors each run side by side).
 */
export function nextRequest(ready: Page[], lists: readonly ListPlan[], limits: { maxFunctions: number; maxCells: number; freeSlots: number }): Page[] {
  if (ready.length === 0) return [];
  const session = ready[0]!.entityId ?? '';
  const same = ready.filter((p) => (p.entityId ?? '') === session);
  const cells = same.reduce((n, p) => n + cellsOf(p, lists), 0);
  const share = Math.max(1, limits.freeSlots);
  const maxFunctions = Math.min(limits.maxFunctions, Math.max(1, Math.ceil(same.length / share)));
  const maxCells = Math.min(limits.maxCells, Math.max(1, Math.ceil(cells / share)));
  const taken: Page[] = [];
  let used = 0;
  for (const page of same) {
    if (taken.length >= maxFunctions) break;
    const c = cellsOf(page, lists);
    if (taken.length > 0 && used + c > maxCells) continue;
    taken.push(page);
    used += c;
  }
  const chosen = new Set(taken);
  const rest = ready.filter((p) => !chosen.has(p));
  ready.length = 0;
  ready.push(...rest);
  // Within a request, pages go in list order; a cursor's pages in its order.
  return taken.sort((a, b) => a.list - b.list || a.set - b.set || a.index - b.index);
}

/** Keeps `ready` in order of place in the set, then list, then set. */
export function byPlace(a: Page, b: Page): number {
  return a.index - b.index || a.list - b.list || a.set - b.set;
}
