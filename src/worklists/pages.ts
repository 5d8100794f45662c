/**
 * The pages a worklist phase reads, and how they are packed into requests. Each record set is
 * read again with its own query at the largest page size `query` allows; the count is known, so
 * every page (its offset and how many records it holds) is known before the first is sent, and
 * pages of different checks share requests. A request is limited by the client's functions per
 * request and by the records it carries (cells: records × fields), so the response a request
 * brings back stays small however large the company.
 */
import type { ListPlan, QueryFunction } from './plan.js';

/** The largest page `query` returns (readByQuery/readMore stop at 1,000). */
export const QUERY_PAGE_SIZE = 2000;

/**
 * Cells (records × fields) one request may bring back: about 4 MB of XML, read with the lean
 * record reader (see src/intacct/record-scan.ts), so two requests in flight hold some 10 MB of
 * response whatever the size of the company. Larger requests save round trips but each response
 * body stays in memory until the next full garbage collection (measured by `npm run bench`).
 */
export const CELLS_PER_REQUEST = 120_000;

export interface Page {
  /** Index of its list, of its set within the list, and of the page within the set. */
  list: number;
  set: number;
  index: number;
  offset: number;
  /** Records the page holds when nothing changed since the count. */
  rows: number;
  fn: QueryFunction;
  entityId?: string;
}

/** Every page of every list, list by list, set by set, in order. */
export function pagesOf(lists: readonly ListPlan[], pageSize = QUERY_PAGE_SIZE): Page[] {
  const pages: Page[] = [];
  lists.forEach((list, l) => {
    if (list.problem) return;
    list.sets.forEach((set, s) => {
      for (let offset = 0, index = 0; offset < set.count; offset += pageSize, index++) {
        pages.push({
          list: l,
          set: s,
          index,
          offset,
          rows: Math.min(pageSize, set.count - offset),
          fn: { ...set.query, pageSize, offset },
          ...(set.entityId ? { entityId: set.entityId } : {}),
        });
      }
    });
  });
  return pages;
}

export function cellsOf(page: Page): number {
  return page.rows * Math.max(1, page.fn.select.length);
}

/**
 * Packs pages into requests, one entity session per request. Pages go in order of their place in
 * their set (every set's first page, then every second page, …), each into the first request with
 * room: small lists share a request, a small page fills the room a large one left, and the lists
 * grow evenly, so a read that fails part-way cuts each list as little as it can (a list is only
 * written up to where all its sets were read).
 */
export function packRequests(pages: readonly Page[], limits: { maxFunctions: number; maxCells: number }): Page[][] {
  const bySession = new Map<string, Page[]>();
  for (const p of pages) {
    const key = p.entityId ?? '';
    const group = bySession.get(key);
    if (group) group.push(p);
    else bySession.set(key, [p]);
  }
  const requests: Page[][] = [];
  for (const group of bySession.values()) {
    const bins: { pages: Page[]; cells: number }[] = [];
    const sorted = [...group].sort((a, b) => a.index - b.index || a.list - b.list || a.set - b.set);
    for (const page of sorted) {
      const cells = cellsOf(page);
      const bin = bins.find((b) => b.pages.length < limits.maxFunctions && b.cells + cells <= limits.maxCells);
      if (bin) {
        bin.pages.push(page);
        bin.cells += cells;
      } else {
        bins.push({ pages: [page], cells });
      }
    }
    // Within a request, pages go in list order (the order the gateway answers them in).
    for (const b of bins) requests.push(b.pages.sort((a, b2) => a.list - b2.list || a.set - b2.set || a.index - b2.index));
  }
  return requests;
}
