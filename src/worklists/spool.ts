/**
 * Rows on their way to a worklist. Pages arrive in any order (two requests in flight, each with
 * pages of several checks), so each page's rows go to a file of their own as soon as its request
 * is read, and nothing holds more than the pages of the requests in flight. Once every page is
 * in, a list's rows are read back set by set, page by page, one line at a time.
 *
 * A spooled row is one JSON line: [order, entity, ...values in the sample's columns], where
 * `order` is the row's date as a number (null when it has none), used to interleave sets.
 */
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

export class Spool {
  private constructor(private readonly dir: string) {}

  static async create(dir: string): Promise<Spool> {
    await mkdir(dir, { recursive: true });
    return new Spool(dir);
  }

  private path(list: number, set: number, page: number): string {
    return join(this.dir, `${list}-${set}-${page}.ndjson`);
  }

  async writePage(list: number, set: number, page: number, lines: readonly string[]): Promise<void> {
    await writeFile(this.path(list, set, page), lines.length ? `${lines.join('\n')}\n` : '');
  }

  /** The rows of pages 0 … pages-1 of one set, in order. */
  async *readSet(list: number, set: number, pages: number): AsyncGenerator<SpooledRow> {
    for (let page = 0; page < pages; page++) {
      const input = createReadStream(this.path(list, set, page), { encoding: 'utf8', highWaterMark: 64 * 1024 });
      const lines = createInterface({ input, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          if (line === '') continue;
          const [order, entity, ...values] = JSON.parse(line) as [number | null, string, ...(string | number | null)[]];
          yield { order: order ?? -Infinity, entity, values };
        }
      } finally {
        lines.close();
        input.destroy();
      }
    }
  }
}
