/**
 * Reading the pages: requests go out as the client's concurrency allows (both slots busy), each
 * record is turned into the check's row as it is read from the response (a user check's, by its
 * worker, a page of records in one ask), and each page's rows go to the spool as the response is read.
 *
 * A set read through a cursor (see pages.ts) is opened with readByQuery; only when Intacct counts
 * exactly what the audit counted are its readMore pages asked for (a count that differs means the
 * query string does not say what the query said, e.g. a private entity's records that readByQuery
 * does not see, or that the records changed: the set is read with `query` pages instead). Each
 * readMore page says where it lies in the cursor (totalcount − numremaining − count), so pages
 * answered in any order, or a page lost to a repeated request, are placed or noticed exactly; a
 * cursor that fails or skips is read again from the start with `query` pages, whose order is the
 * list's own, so the list's honesty on failure is theirs:
 *
 * a query page that fails ends its list there (its later pages are not asked for); the pages
 * before it still make a correct first part of the list. A page whose total count differs from
 * the audit's count says the records changed while they were read.
 */
import type { ExecuteOptions, FunctionOutcome } from '../intacct/client.js';
import type { FunctionData, ReadFunction, XmlRecord } from '../intacct/functions.js';
import type { SampleRecord } from '../model/check.js';
import { sampleRecordOf } from '../facts/records.js';
import { intacctDateOrder } from '../facts/filters.js';
import { pickColumns } from '../kit/samples.js';
import type { Redactor } from '../assemble/redact.js';
import { collectGarbage } from '../util/collect-garbage.js';
import { AbortError, errorLine, raceAbort, throwIfAborted, UserCheckError } from '../util/errors.js';
import type { ListPlan, ListSet } from './plan.js';
import { byPlace, CURSOR_PAGE_SIZE, cursorPages, nextRequest, offsetPages, openPage, pagesIn, tieOf, type Page, type SetMode } from './pages.js';
import { spoolLine, type PageFile, type Spool } from './spool.js';

/** Records a request's pages hold from which its answer (a few megabytes) is collected once read. */
const COLLECT_AFTER_ROWS = 10_000;

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

/** How one set of a list was read. */
export interface SetFetch {
  /** Page files in the set's page order, as many as were read in a row from the first. */
  files: string[];
  /** Pages the set has in the way it was read last, and how many were read in a row from the first. */
  pagesPlanned: number;
  pagesRead: number;
  /** The files are sorted runs in the cursor's order (merge them), not pages in the list's order (concatenate them). */
  runs: boolean;
}

/** What reading one list's pages came to. */
export interface ListFetch {
  sets: SetFetch[];
  /** The first failure, when a page could not be read. */
  failure?: string;
  /** Set when Intacct counted differently while the pages were read. */
  changedTo?: number;
}

export interface FetchOptions {
  sessions: (entityId: string | undefined) => Promise<PageSource>;
  concurrency: number;
  maxFunctionsPerRequest: number;
  maxCells: number;
  spool: Spool;
  redactor?: Redactor;
  signal?: AbortSignal;
  onProgress?: (e: FetchProgress) => void;
}

interface SetState {
  mode: SetMode;
  generation: number;
  /** Page index → its file, for the pages read. */
  files: Map<number, string>;
  planned: number;
  /** Index of the first query page that failed. */
  failedAt: number;
  totals: Set<number>;
}

/** The pages every list will need, in the ways the sets are read when nothing goes wrong. */
export function plannedPages(lists: readonly ListPlan[], modes: readonly SetMode[][]): { pages: number; rows: number } {
  let pages = 0;
  let rows = 0;
  lists.forEach((list, l) => {
    if (list.problem) return;
    list.sets.forEach((set, s) => {
      pages += pagesIn(set.count, modes[l]![s]!.kind);
      rows += set.count;
    });
  });
  return { pages, rows };
}

export async function fetchPages(lists: readonly ListPlan[], modes: readonly SetMode[][], opts: FetchOptions): Promise<ListFetch[]> {
  const state = lists.map((list, l) => ({
    failure: undefined as string | undefined,
    sets: list.sets.map((set, s): SetState => {
      const mode = list.problem ? ({ kind: 'offset' } as const) : modes[l]![s]!;
      return { mode, generation: 0, files: new Map(), planned: list.problem ? 0 : pagesIn(set.count, mode.kind), failedAt: Infinity, totals: new Set() };
    }),
  }));
  const ready: Page[] = [];
  lists.forEach((list, l) => {
    if (list.problem) return;
    list.sets.forEach((set, s) => {
      const mode = state[l]!.sets[s]!.mode;
      const at = { list: l, set: s, generation: 0 };
      if (mode.kind === 'cursor') ready.push(openPage(set, mode.query, at));
      else ready.push(...offsetPages(set, at));
    });
  });
  ready.sort(byPlace);
  const { pages, rows } = plannedPages(lists, state.map((s) => s.sets.map((x) => x.mode)));
  let pagesDone = 0;
  let rowsDone = 0;

  const setOf = (p: Page) => state[p.list]!.sets[p.set]!;
  // A list that failed needs no more query pages (they could not be placed after the failure);
  // its cursors go on, since a set read through one is used only whole.
  const current = (p: Page) => setOf(p).generation === p.generation && (p.kind !== 'offset' || state[p.list]!.failure === undefined);
  const fail = (page: Page, message: string) => {
    const s = setOf(page);
    if (page.index < s.failedAt) s.failedAt = page.index;
    state[page.list]!.failure ??= message;
  };
  /** A cursor that cannot be used: the set is read again from the start with query pages. */
  const fallBack = (page: Page) => {
    const s = setOf(page);
    for (const path of s.files.values()) opts.spool.discard(path);
    s.files.clear();
    s.mode = { kind: 'offset' };
    s.generation += 1;
    s.planned = pagesIn(lists[page.list]!.sets[page.set]!.count, 'offset');
    if (state[page.list]!.failure !== undefined) return;
    ready.push(...offsetPages(lists[page.list]!.sets[page.set]!, { list: page.list, set: page.set, generation: s.generation }));
    ready.sort(byPlace);
  };

  /** Takes in a page that was read: its file, or what it says about the set. */
  const settle = (page: Page, outcome: FunctionOutcome | undefined, file: PageFile, problem: string | undefined): void => {
    const s = setOf(page);
    const set = lists[page.list]!.sets[page.set]!;
    if (!current(page)) {
      opts.spool.discard(file.path);
      return;
    }
    if (page.kind === 'offset') {
      if (problem !== undefined || !outcome?.ok) {
        opts.spool.discard(file.path);
        fail(page, problem ?? 'no answer for this page');
        return;
      }
      if (outcome.data.totalCount !== undefined) s.totals.add(outcome.data.totalCount);
      s.files.set(page.index, file.path);
    } else {
      const index = problem === undefined && outcome?.ok ? cursorIndex(page, outcome.data, set.count, file.rows) : undefined;
      if (index === undefined || s.files.has(index)) {
        opts.spool.discard(file.path);
        fallBack(page);
        return;
      }
      s.files.set(index, file.path);
      if (page.kind === 'open' && s.planned > 1) {
        ready.push(...cursorPages(set, (outcome as { data: FunctionData }).data.resultId!, { list: page.list, set: page.set, generation: s.generation }));
        ready.sort(byPlace);
      }
    }
    pagesDone += 1;
    rowsDone += file.rows;
  };

  let inFlight = 0;
  /** Set when the phase failed or was interrupted: a worker waiting for pages stops instead. */
  let stopped = false;
  let wake: (() => void) | undefined;
  const changed = () => {
    wake?.();
    wake = undefined;
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      if (stopped) return;
      throwIfAborted(opts.signal);
      // A list that failed, or a set read again another way, needs none of its waiting pages.
      for (let i = ready.length - 1; i >= 0; i--) if (!current(ready[i]!)) ready.splice(i, 1);
      const live = nextRequest(ready, lists, { maxFunctions: opts.maxFunctionsPerRequest, maxCells: opts.maxCells, freeSlots: opts.concurrency - inFlight });
      if (live.length === 0) {
        if (inFlight === 0) return;
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      inFlight += 1;
      try {
        await readRequest(live);
      } finally {
        inFlight -= 1;
        changed();
      }
      opts.onProgress?.({ type: 'worklists', phase: 'reading', pagesDone, pages: Math.max(pages, pagesDone), rowsDone, rows });
    }
  };

  const readRequest = async (live: Page[]): Promise<void> => {
    const read = live.map((page) => new PageRows(lists[page.list]!, page, opts.spool.page(page.kind !== 'offset'), opts.redactor, opts.signal));
    let outcomes: FunctionOutcome[] | undefined;
    let failure: string | undefined;
    let reading = -1;
    try {
      const source = await opts.sessions(live[0]!.entityId);
      outcomes = await raceAbort(
        source.execute(
          live.map((p) => p.fn),
          {
            onRecord: (i, rec) => {
              // Records come function by function: a page is finished when the next one starts.
              if (i !== reading) read[reading]?.finish();
              reading = i;
              read[i]!.add(rec);
            },
          },
        ),
        opts.signal,
      );
      // The answer is garbage now; a large one is collected at once (see collectGarbage).
      if (live.reduce((n, p) => n + p.rows, 0) >= COLLECT_AFTER_ROWS) collectGarbage();
    } catch (e) {
      if (isStop(e)) throw e;
      failure = errorLine(e);
    } finally {
      for (const r of read) r.finish();
    }
    // In page order: a user check's rows are made by the worker once their page is read.
    for (const r of read) await r.settled();
    for (const [i, page] of live.entries()) {
      const outcome = outcomes?.[i];
      const problem = failure ?? (outcome && !outcome.ok ? errorLine(outcome.error) : undefined) ?? read[i]!.problem;
      settle(page, outcome, read[i]!.file, problem);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  } catch (e) {
    stopped = true;
    throw e;
  } finally {
    changed();
  }

  return lists.map((list, l) => {
    const s = state[l]!;
    const sets = s.sets.map((x): SetFetch => {
      let n = 0;
      while (n < x.failedAt && x.files.has(n)) n++;
      return { files: Array.from({ length: n }, (_, i) => x.files.get(i)!), pagesPlanned: x.planned, pagesRead: n, runs: x.mode.kind === 'cursor' };
    });
    const counted = list.sets.map((set, i) => [...s.sets[i]!.totals].find((t) => t !== set.count));
    const changedSets = counted.some((t) => t !== undefined);
    return {
      sets,
      ...(s.failure !== undefined ? { failure: s.failure } : {}),
      ...(changedSets ? { changedTo: list.sets.reduce((n, set, i) => n + (counted[i] ?? set.count), 0) } : {}),
    };
  });
}

/**
 * Where a cursor page lies in its set (its page index), from what the gateway said of it; undefined
 * when it is not exactly the page it should be (a count that differs from the audit's, a page cut
 * short, a position that is not a page's).
 */
function cursorIndex(page: Page, data: FunctionData, count: number, rows: number): number | undefined {
  const total = data.totalCount;
  const remaining = data.numRemaining ?? 0;
  if (total !== count) return undefined;
  const start = total - remaining - rows;
  if (start < 0 || start % CURSOR_PAGE_SIZE !== 0) return undefined;
  const index = start / CURSOR_PAGE_SIZE;
  if (page.kind === 'open' && index !== 0) return undefined;
  if (page.kind === 'more' && index === 0) return undefined;
  // Every page but the last is full; the cursor must go on where there is more.
  if (rows !== Math.min(CURSOR_PAGE_SIZE, count - start)) return undefined;
  if (remaining > 0 && page.kind === 'open' && !data.resultId) return undefined;
  return index;
}

/**
 * The rows of one page as they are read, straight to its spool file; and the first problem turning a
 * record into a row. A user check's records are kept until the page is read (plain JSON, one page)
 * and made rows in one ask of the worker, which has the time limit and the run's abort signal.
 */
class PageRows {
  problem: string | undefined;
  /** A user check's records of this page, waiting to be made rows by the worker. */
  private records: SampleRecord[] | undefined;
  private done: Promise<void> | undefined;

  constructor(
    private readonly list: ListPlan,
    private readonly page: Page,
    readonly file: PageFile,
    private readonly redactor: Redactor | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {
    if (this.set.rows) this.records = [];
  }

  private get set(): ListSet {
    return this.list.sets[this.page.set]!;
  }

  /** The page is read: its rows are made (a user check's, by the worker) and its file finished; `settled` waits for it. */
  finish(): void {
    if (this.done) return;
    this.done = this.make();
    // Awaited by settled(); until then a failure is held, not unhandled.
    this.done.catch(() => undefined);
  }

  settled(): Promise<void> {
    this.finish();
    return this.done!;
  }

  private async make(): Promise<void> {
    try {
      const records = this.records;
      this.records = undefined;
      if (records?.length && this.problem === undefined) {
        let rows: SampleRecord[];
        try {
          rows = await this.set.rows!(records, this.signal);
        } catch (e) {
          if (isStop(e)) throw e;
          this.problem = rowProblem(e);
          return;
        }
        for (const [i, row] of rows.entries()) {
          this.write(records[i]!, row);
          if (this.problem !== undefined) return;
        }
      }
    } finally {
      this.file.finish();
    }
  }

  add(rec: XmlRecord): void {
    if (this.problem !== undefined) return;
    const set = this.set;
    if (this.records) {
      this.records.push(sampleRecordOf(rec, set.fields));
      return;
    }
    const read = sampleRecordOf(rec, set.fields);
    let row: SampleRecord;
    try {
      row = set.row(read);
    } catch (e) {
      if (isStop(e)) throw e;
      this.problem = rowProblem(e);
      return;
    }
    this.write(read, row);
  }

  /** `read`: the record as read (its tie-breaking key), `row`: the check's row made of it. */
  private write(read: SampleRecord, row: SampleRecord): void {
    const set = this.set;
    try {
      const shown = pickColumns(row, this.list.layout.columns);
      // A redacted report's worklists are redacted with the same pseudonyms: learned here, applied
      // when written. The redactor keeps the values it learns, so they are copied off the response
      // first (a string cut from the response body would keep the whole body alive).
      if (this.redactor) this.redactor.learnRecord(detached(shown), objectOf(shown, this.list));
      const own = set.ownEntity ? row['MEGAENTITYID'] : undefined;
      const entity = own !== undefined ? String(own ?? '') : (set.entityId ?? this.list.sessionEntity);
      const order = set.dateColumn ? intacctDateOrder(row[set.dateColumn]) : Number.NaN;
      const tie = tieOf(set, read);
      this.file.add(spoolLine(order, entity, shown, this.list.layout.columns, tie), order, tie);
    } catch (e) {
      if (isStop(e)) throw e;
      this.problem = rowProblem(e);
    }
  }
}

function rowProblem(e: unknown): string {
  return `a record could not be turned into a row of the check: ${errorLine(e)}`;
}

/** The run's own stops (an interrupt, a user check over its time limit): never a page's problem. */
function isStop(e: unknown): boolean {
  return e instanceof AbortError || e instanceof UserCheckError;
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
