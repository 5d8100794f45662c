/**
 * Writing a worklist from its spooled pages: the sets of a list are interleaved most recent first
 * exactly as the sample is (by date, then by position within the set, then set order), so the
 * first 25 rows are the report's sample; each row gets its key, entity, waiver and action, is
 * redacted with the report's redactor, and goes to the file in chunks. When a set's pages stop
 * short (a read failed), the list stops there too, so what is written is always a correct first
 * part of the whole list, and its last line says it is incomplete.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { recordKey } from '../assemble/policy.js';
import type { Redactor } from '../assemble/redact.js';
import { newerFirst } from '../facts/recency.js';
import type { Affected, SampleRecord } from '../model/check.js';
import { BOM, cellText, csvText as csvOf } from './csv.js';
import { objectOf, type ListFetch } from './fetch.js';
import type { ListPlan } from './plan.js';
import type { Spool, SpooledRow } from './spool.js';
import { formatCount } from '../util/text.js';

/** Columns every worklist has after the sample's. */
export const EXTRA_COLUMNS = ['RECORDKEY', 'ENTITY', 'WAIVED', 'ACTION'] as const;

/** Rows gathered before each write to the file (small writes leave no large strings behind). */
const CHUNK_ROWS = 20;

/** A user check's rows whose actions are asked of its worker at once. */
const ACTION_ROWS = 500;

/** How a list's rows leave the run: the report's pseudonyms, the run's abort signal, its secrets replaced. */
export interface ListOutput {
  redactor?: Redactor;
  signal?: AbortSignal;
  /** Replaces every secret the run holds (passwords, session ids) in a text. */
  scrub?: (text: string) => string;
}

/**
 * Rows with the run's secrets replaced in every cell, whatever a check (a user check's row code)
 * put there. One scan of the whole chunk finds none in the usual case; only a chunk that holds a
 * secret is scrubbed cell by cell (exact, whatever CSV quoting would later do to the text).
 */
export function scrubbedRows(rows: string[][], scrub: ((text: string) => string) | undefined): string[][] {
  if (!scrub) return rows;
  const joined = rows.map((r) => r.join('\n')).join('\n');
  return scrub(joined) === joined ? rows : rows.map((r) => r.map(scrub));
}

export interface WrittenList {
  rows: number;
  complete: boolean;
  note?: string;
}

/**
 * Writes one list, synchronously for a built-in check (a list is read back from local spool files
 * and written in small pieces: nothing waits on the network, and nothing piles up between awaits);
 * a user check's actions are asked of the worker a chunk of rows at a time (the time limit and the
 * run's abort signal on each ask).
 */
export async function writeList(path: string, list: ListPlan, fetched: ListFetch, spool: Spool, out: ListOutput = {}): Promise<WrittenList> {
  const { redactor, signal } = out;
  const fd = openSync(path, 'wx');
  const csvText = (rows: string[][]) => csvOf(scrubbedRows(rows, out.scrub));
  try {
    const text = (s: string) => (redactor ? redactor.redactText(s) : s);
    writeSync(fd, BOM + csvText([[...list.layout.columns, ...EXTRA_COLUMNS].map(cellText)]));
    const complete = fetched.failure === undefined && fetched.changedTo === undefined && fetched.sets.every((s) => s.pagesRead === s.pagesPlanned);
    // A set read through a cursor is complete or not used (fetch.ts reads it again with query pages).
    const streams = fetched.sets.map((s) => ({ rows: s.runs ? spool.merged(s.files) : spool.concatenated(s.files), short: s.pagesRead < s.pagesPlanned }));
    let rows = 0;
    let chunk: string[][] = [];
    let waiting: { shown: SampleRecord; cells: string[] }[] = [];
    const askActions = async () => {
      const actions = await list.actions!(waiting.map((w) => w.shown), signal);
      waiting.forEach((w, i) => chunk.push([...w.cells, cellText(actions[i])]));
      waiting = [];
      writeSync(fd, csvText(chunk));
      chunk = [];
    };
    for (const row of interleave(streams)) {
      const { shown, cells } = cellsOf(list, row, redactor);
      rows += 1;
      if (list.actions) {
        waiting.push({ shown, cells });
        if (waiting.length >= ACTION_ROWS) await askActions();
        continue;
      }
      chunk.push([...cells, cellText(list.action(shown))]);
      if (chunk.length >= CHUNK_ROWS) {
        writeSync(fd, csvText(chunk));
        chunk = [];
      }
    }
    if (waiting.length) await askActions();
    const note = complete ? undefined : text(incompleteNote(list, rows, fetched));
    if (note) chunk.push([cellText(`INCOMPLETE: ${note}`)]);
    if (chunk.length) writeSync(fd, csvText(chunk));
    fsyncSync(fd);
    return { rows, complete, ...(note ? { note } : {}) };
  } finally {
    closeSync(fd);
  }
}

function incompleteNote(list: ListPlan, rows: number, fetched: ListFetch): string {
  if (fetched.failure !== undefined) return `${formatCount(rows)} of ${formatCount(list.count)} records; reading the rest failed: ${fetched.failure}`;
  // Pages read by offset while records come and go can miss or repeat some: say so, not "n of m".
  return `${formatCount(rows)} records, where the audit counted ${formatCount(list.count)}: the records changed while they were read (Intacct counted ${formatCount(fetched.changedTo!)}), so some may be missing or listed twice; run the audit again for a list that matches`;
}

/** Most recent first across sets, as combineSamples orders a sample; stops where a set stopped short. */
export function* interleave(streams: { rows: Generator<SpooledRow>; short: boolean }[]): Generator<SpooledRow> {
  const heads = streams.map((s) => ({ ...s, next: s.rows.next(), index: 0 }));
  for (;;) {
    let best: (typeof heads)[number] | undefined;
    for (const h of heads) {
      if (h.next.done) {
        // A set that stopped short: nothing after its last row can be placed correctly.
        if (h.short) return;
        continue;
      }
      if (!best) {
        best = h;
        continue;
      }
      const c = newerFirst(h.next.value.order, best.next.value!.order);
      if (c < 0 || (c === 0 && h.index < best.index)) best = h;
    }
    if (!best) return;
    yield best.next.value as SpooledRow;
    best.index += 1;
    best.next = best.rows.next();
  }
}

/** One row of the file: the sample's columns, then key, entity and waiver (its action goes last); and the row its action is asked for. */
function cellsOf(list: ListPlan, spooled: SpooledRow, redactor: Redactor | undefined): { shown: SampleRecord; cells: string[] } {
  const row: SampleRecord = {};
  list.layout.columns.forEach((c, i) => (row[c] = spooled.values[i] ?? null));
  const layout: Affected = { count: list.count, sample: [], ...list.layout };
  const key = recordKey(row, layout);
  const shown = redactor ? redactor.redactRecord(row, objectOf(row, list)) : row;
  const waived = list.waiver && (!list.waiver.records || (key !== undefined && list.waiver.records.has(key))) ? list.waiver.reason : '';
  const text = (s: string) => (redactor ? redactor.redactText(s) : s);
  const cells = [
    ...list.layout.columns.map((c) => cellText(shown[c])),
    cellText(redactor ? (recordKey(shown, layout) ?? '') : (key ?? '')),
    cellText(spooled.entity),
    cellText(text(waived)),
  ];
  return { shown, cells };
}
