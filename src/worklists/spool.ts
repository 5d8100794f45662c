/**
 * Rows on their way to a worklist. Pages arrive in any order (two requests in flight, each with
 * pages of several checks), so each page's rows go to a file of their own while its response is
 * read, in small synchronous writes: a row is written as soon as it is made, and nothing holds
 * more than a few kilobytes of rows (nor leaves garbage for the old generation to collect). Once
 * every page is in, a list's rows are read back set by set, page by page, one line at a time.
 *
 * A spooled row is one JSON line: [order, entity, ...values in the sample's columns], where
 * `order` is the row's date as a number (null when it has none), used to interleave sets.
 */
import { closeSync, existsSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { SampleRecord } from '../model/check.js';

export interface SpooledRow {
  /** Most recent first: the date as a number; -Infinity when the row has none. */
  order: number;
  entity: string;
  values: (string | number | null)[];
}

export function spoolLine(order: number, entity: string, row: SampleRecord, columns: readonly string[]): string {
  return JSON.stringify([Number.isFinite(order) ? order : null, entity, ...columns.map((c) => row[c] ?? null)]);
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

export class PageFile {
  private fd: number | undefined;
  private parts: string[] = [];
  private size = 0;
  /** Rows written. */
  rows = 0;

  constructor(private readonly path: string) {}

  add(line: string): void {
    this.parts.push(line);
    this.size += line.length + 1;
    this.rows += 1;
    if (this.size >= WRITE_CHARS) this.flush();
  }

  /** Writes what is left and closes the file (an empty page leaves no file). */
  finish(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.fd ??= openSync(this.path, 'w');
    writeSync(this.fd, `${this.parts.join('\n')}\n`);
    this.parts = [];
    this.size = 0;
  }
}

export class Spool {
  private constructor(private readonly dir: string) {}

  static async create(dir: string): Promise<Spool> {
    await mkdir(dir, { recursive: true });
    return new Spool(dir);
  }

  private path(list: number, set: number, page: number): string {
    return join(this.dir, `${list}-${set}-${page}.ndjson`);
  }

  /** The file of one page, written as its rows are made. */
  page(list: number, set: number, page: number): PageFile {
    return new PageFile(this.path(list, set, page));
  }

  /** The rows of pages 0 … pages-1 of one set, in order, read a few kilobytes at a time. */
  *readSet(list: number, set: number, pages: number): Generator<SpooledRow> {
    for (let page = 0; page < pages; page++) {
      const path = this.path(list, set, page);
      if (!existsSync(path)) continue; // a page that held no record
      for (const line of lines(path)) {
        const [order, entity, ...values] = JSON.parse(line) as [number | null, string, ...(string | number | null)[]];
        yield { order: order ?? -Infinity, entity, values };
      }
    }
  }
}
