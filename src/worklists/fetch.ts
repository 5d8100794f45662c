/**
 * Reading the pages: requests go out as the client's concurrency allows (both slots busy), each
 * record is turned into the check's row as it is read from the response, and each page's rows go
 * to the spool before the next request of that slot. A page that fails ends its list there (its
 * later pages are not asked for); the pages before it still make a correct first part of the
 * list. A page whose total count differs from the audit's count says the records changed while
 * they were read.
 */
import type { ExecuteOptions, FunctionOutcome } from '../intacct/client.js';
import type { ReadFunction, XmlRecord } from '../intacct/functions.js';
import type { SampleRecord } from '../model/check.js';
import { sampleRecordOf } from '../facts/records.js';
import { intacctDateOrder } from '../facts/filters.js';
import { pickColumns } from '../kit/samples.js';
import type { Redactor } from '../assemble/redact.js';
import { AbortError, errorLine, raceAbort, throwIfAborted } from '../util/errors.js';
import type { ListPlan } from './plan.js';
import type { Page } from './pages.js';
import { spoolLine, type PageFile, type Spool } from './spool.js';

/** Where pages are read: a session (the audit's own, or one at an entity). */
export interface PageSource {
  execute(fns: ReadFunction[], opts: ExecuteOptions): Promise<FunctionOutcome[]>;
}

export interface FetchProgress {
  type: 'worklists';
  phase: 'reading';
  pagesDone: number;
  pages: number;
  rowsDone: number;
  rows: number;
}

/** What reading one list's pages came to. */
export interface ListFetch {
  /** Per set: the pages it has, and how many of them were read in a row from the first (the rest were not read, or failed). */
  pagesPlanned: number[];
  pagesRead: number[];
  /** The first failure, when a page could not be read. */
  failure?: string;
  /** Set when Intacct counted differently while the pages were read. */
  changedTo?: number;
}

export interface FetchOptions {
  sessions: (entityId: string | undefined) => Promise<PageSource>;
  concurrency: number;
  spool: Spool;
  redactor?: Redactor;
  signal?: AbortSignal;
  onProgress?: (e: FetchProgress) => void;
}

export async function fetchPages(lists: readonly ListPlan[], requests: readonly Page[][], opts: FetchOptions): Promise<ListFetch[]> {
  const state = lists.map((list) => ({
    done: list.sets.map(() => new Set<number>()),
    /** Per set, the index of the first page that failed. */
    failedAt: list.sets.map(() => Infinity),
    failure: undefined as string | undefined,
    totals: list.sets.map(() => new Set<number>()),
    planned: list.sets.map(() => 0),
  }));
  for (const request of requests) for (const p of request) state[p.list]!.planned[p.set]! += 1;
  const pages = requests.reduce((n, r) => n + r.length, 0);
  const rows = requests.reduce((n, r) => n + r.reduce((m, p) => m + p.rows, 0), 0);
  let pagesDone = 0;
  let rowsDone = 0;
  const fail = (page: Page, message: string) => {
    const s = state[page.list]!;
    if (page.index < s.failedAt[page.set]!) s.failedAt[page.set] = page.index;
    s.failure ??= message;
  };

  const queue = [...requests];
  const worker = async (): Promise<void> => {
    for (let request = queue.shift(); request; request = queue.shift()) {
      throwIfAborted(opts.signal);
      // A list that failed needs none of its later pages.
      const live = request.filter((p) => state[p.list]!.failure === undefined);
      if (live.length === 0) continue;
      const read = live.map((page) => new PageRows(lists[page.list]!, page, opts.spool, opts.redactor));
      let outcomes: FunctionOutcome[] | undefined;
      let failure: string | undefined;
      try {
        const source = await opts.sessions(live[0]!.entityId);
        outcomes = await raceAbort(
          source.execute(
            live.map((p) => p.fn),
            { onRecord: (i, rec) => read[i]!.add(rec) },
          ),
          opts.signal,
        );
      } catch (e) {
        if (e instanceof AbortError) throw e;
        failure = errorLine(e);
      } finally {
        for (const r of read) r.finish();
      }
      for (const [i, page] of live.entries()) {
        const outcome = outcomes?.[i];
        const problem = failure ?? (outcome && !outcome.ok ? errorLine(outcome.error) : undefined) ?? read[i]!.problem;
        if (problem !== undefined || !outcome?.ok) {
          fail(page, problem ?? 'no answer for this page');
          continue;
        }
        const total = outcome.data.totalCount;
        if (total !== undefined) state[page.list]!.totals[page.set]!.add(total);
        state[page.list]!.done[page.set]!.add(page.index);
        pagesDone += 1;
        rowsDone += read[i]!.rows;
      }
      opts.onProgress?.({ type: 'worklists', phase: 'reading', pagesDone, pages, rowsDone, rows });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));

  return lists.map((list, l) => {
    const s = state[l]!;
    const pagesRead = list.sets.map((_, i) => {
      let n = 0;
      while (n < s.failedAt[i]! && s.done[i]!.has(n)) n++;
      return n;
    });
    const counted = list.sets.map((set, i) => [...s.totals[i]!].find((t) => t !== set.count));
    const changed = counted.some((t) => t !== undefined);
    return {
      pagesPlanned: s.planned,
      pagesRead,
      ...(s.failure !== undefined ? { failure: s.failure } : {}),
      ...(changed ? { changedTo: list.sets.reduce((n, set, i) => n + (counted[i] ?? set.count), 0) } : {}),
    };
  });
}

/** The rows of one page as they are read, straight to its spool file; and the first problem turning a record into a row. */
class PageRows {
  problem: string | undefined;
  private readonly file: PageFile;

  constructor(
    private readonly list: ListPlan,
    private readonly page: Page,
    spool: Spool,
    private readonly redactor: Redactor | undefined,
  ) {
    this.file = spool.page(page.list, page.set, page.index);
  }

  get rows(): number {
    return this.file.rows;
  }

  finish(): void {
    this.file.finish();
  }

  add(rec: XmlRecord): void {
    if (this.problem !== undefined) return;
    const set = this.list.sets[this.page.set]!;
    try {
      const row = set.row(sampleRecordOf(rec, set.fields));
      const shown = pickColumns(row, this.list.layout.columns);
      // A redacted report's worklists are redacted with the same pseudonyms: learned here, applied
      // when written. The redactor keeps the values it learns, so they are copied off the response
      // first (a string cut from the response body would keep the whole body alive).
      if (this.redactor) this.redactor.learnRecord(detached(shown), objectOf(shown, this.list));
      const own = set.ownEntity ? row['MEGAENTITYID'] : undefined;
      const entity = own !== undefined ? String(own ?? '') : (set.entityId ?? this.list.sessionEntity);
      const order = set.dateColumn ? intacctDateOrder(row[set.dateColumn]) : Number.NaN;
      this.file.add(spoolLine(order, entity, shown, this.list.layout.columns));
    } catch (e) {
      this.problem = `a record could not be turned into a row of the check: ${errorLine(e)}`;
    }
  }
}

/** The row with its text values in strings of their own. */
function detached(row: SampleRecord): SampleRecord {
  const out: SampleRecord = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'string' ? (' ' + v).slice(1) : v;
  return out;
}

/** The object of a row (for its key and redaction): its object column, or the list's object. */
export function objectOf(row: Record<string, string | number | null>, list: Pick<ListPlan, 'layout'>): string | undefined {
  const own = list.layout.objectField ? row[list.layout.objectField] : undefined;
  const object = typeof own === 'string' && own !== '' ? own : list.layout.object;
  return object?.toUpperCase();
}
