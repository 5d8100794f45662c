/**
 * Rows on their way to a worklist. Pages arrive in any order (two requests in flight, each with
 * pages of several checks), so each page's rows go to a file of their own while its response is
 * read, in small synchronous writes: a row is written as soon as it is made, and nothing holds
 * more than a few kilobytes of rows (nor leaves garbage for the old generation to collect). Once
 * every page is in, a list's rows are read back set by set, page by page, one line at a time.
 *
 * A spooled row is one JSON line: [order, tie, entity, ...values in the sample's columns], where
 * `order` is the row's date as a number (null when it has none), used to interleave sets, and
 * `tie` the number ordering rows of one date within a set (its RECORDNO; null when the set's
 * query has no second key).
 */
import { closeSync, existsSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { newerFirstByNumber, recencyKey } from '../facts/recency.js';
import type { SampleRecord } from '../model/check.js';

export interface SpooledRow {
  /** Most recent first: the date as a number; Infinity when the row has none (undated first, see recencyKey). */
  order: number;
  entity: string;
  values: (string | number | null)[];
}

export function spoolLine(order: number, entity: string, row: SampleRecord, columns: readonly string[], tie: number | null = null): string {
  return JSON.stringify([Number.isFinite(order) ? order : null, tie !== null && Number.isFinite(tie) ? tie : null, entity, ...columns.map((c) => row[c] ?? null)]);
}

/** The lines of a file, read synchronously in small chunks (a page's rows are written and read by this process only). */
function* lines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16 * 1024);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      const text = rest + decoder.write(buffer.subarray(0, n));
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        if (end > start) yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

/** Characters of rows gathered before each write. */
const WRITE_CHARS = 4 * 1024;

/**
 * One page's rows in a file of its own. Rows read in the list's order (a `query` page) go out as
 * they are made; rows read in the cursor's order (a readByQuery/readMore page) are held until the
 * page is finished (one page: 1,000 rows at most), sorted most recent first, and written then,
 * so every file is a sorted run.
 */
export class PageFile {
  private fd: number | undefined;
  private parts: string[] = [];
  private size = 0;
  private readonly held: { key: number; tie: number | null; line: string }[] = [];
  private finished = false;
  /** Rows written. */
  rows = 0;

  constructor(
    readonly path: string,
    private readonly sort: boolean,
  ) {}

  add(line: string, order: number, tie: number | null = null): void {
    this.rows += 1;
    if (this.sort) {
      this.held.push({ key: recencyKey(order), tie, line });
      return;
    }
    this.push(line);
  }

  /** Writes what is left and closes the file (an empty page leaves no file). Once only. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.held.length) {
      // By date, then by the tie (RECORDNO) when the set has one; stable: rows that tie on both keep the cursor's order.
      this.held.sort((a, b) => newerFirstByNumber(a.key, a.tie, b.key, b.tie));
      for (const h of this.held) this.push(h.line);
      this.held.length = 0;
    }
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private push(line: string): void {
    this.parts.push(line);
    this.size += line.length + 1;
    if (this.size >= WRITE_CHARS) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.fd ??= openSync(this.path, 'w');
    writeSync(this.fd, `${this.parts.join('\n')}\n`);
    this.parts = [];
    this.size = 0;
  }
}

function parsed(line: string): SpooledRow {
  const [order, , entity, ...values] = JSON.parse(line) as [number | null, number | null, string, ...(string | number | null)[]];
  return { order: recencyKey(order), entity, values };
}

/** Runs merged at once; more are merged in rounds (each round's runs into one file), so open files stay few. */
const MERGE_FAN_IN = 64;

export class Spool {
  private next = 0;
  private constructor(private readonly dir: string) {}

  static async create(dir: string): Promise<Spool> {
    await mkdir(dir, { recursive: true });
    return new Spool(dir);
  }

  /** A new page file; `sort`: its rows arrive in the cursor's order and are sorted when it is finished. */
  page(sort = false): PageFile {
    this.next += 1;
    return new PageFile(join(this.dir, `${this.next}.ndjson`), sort);
  }

  /** Removes a page file that will not be used (a page read again another way). */
  discard(path: string): void {
    rmSync(path, { force: true });
  }

  /** The rows of pages already in the list's order (query pages), page after page. */
  *concatenated(paths: readonly string[]): Generator<SpooledRow> {
    for (const path of paths) {
      if (!existsSync(path)) continue; // a page that held no record
      for (const line of lines(path)) yield parsed(line);
    }
  }

  /**
   * The rows of sorted runs (cursor pages, in the cursor's order) merged most recent first; rows
   * of one date come in the cursor's order (earlier run first), so the result is the stable sort
   * of the whole cursor by date, as `query` orders it.
   */
  *merged(paths: readonly string[]): Generator<SpooledRow> {
    let runs = paths.filter((p) => existsSync(p));
    while (runs.length > MERGE_FAN_IN) {
      const rounds: string[] = [];
      for (let i = 0; i < runs.length; i += MERGE_FAN_IN) {
        const group = runs.slice(i, i + MERGE_FAN_IN);
        const out = this.page();
        for (const line of mergeLines(group)) out.add(line, 0);
        out.finish();
        for (const p of group) this.discard(p);
        rounds.push(out.path);
      }
      runs = rounds.filter((p) => existsSync(p));
    }
    for (const line of mergeLines(runs)) yield parsed(line);
  }
}

/** Lines of sorted runs merged by recency, earlier run first on ties (a binary heap of the runs' heads). */
function* mergeLines(paths: readonly string[]): Generator<string> {
  type Head = { run: number; key: number; tie: number | null; line: string; rest: Generator<string> };
  const heap: Head[] = [];
  const before = (a: Head, b: Head) => {
    const c = newerFirstByNumber(a.key, a.tie, b.key, b.tie);
    return c < 0 || (c === 0 && a.run < b.run);
  };
  const push = (h: Head) => {
    heap.push(h);
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!before(heap[i]!, heap[up]!)) break;
      [heap[i], heap[up]] = [heap[up]!, heap[i]!];
      i = up;
    }
  };
  const pop = (): Head => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < heap.length && before(heap[l]!, heap[best]!)) best = l;
        if (r < heap.length && before(heap[r]!, heap[best]!)) best = r;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best]!, heap[i]!];
        i = best;
      }
    }
    return top;
  };
  const advance = (run: number, rest: Generator<string>) => {
    const n = rest.next();
    if (!n.done) {
      const [order, tie] = lineKeys(n.value);
      push({ run, key: recencyKey(order), tie, line: n.value, rest });
    }
  };
  paths.forEach((p, run) => advance(run, lines(p)));
  while (heap.length) {
    const h = pop();
    yield h.line;
    advance(h.run, h.rest);
  }
}

/** The order and tie numbers a spooled line starts with (null when the row has none). */
function lineKeys(line: string): [number | null, number | null] {
  const first = line.indexOf(',');
  const second = line.indexOf(',', first + 1);
  const num = (text: string) => (text === 'null' ? null : Number(text));
  return [num(line.slice(1, first)), num(line.slice(first + 1, second))];
}
