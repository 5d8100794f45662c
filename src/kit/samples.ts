/**
 * Samples of several reads (customers and vendors, invoices and bills) as one `affected` list:
 * counts add up, and the sample keeps the most recent records first. And the evidence of one
 * sampled read: how many records matched which filter.
 */
import { describeFilter, intacctDateOrder, MAX_SAMPLE, newerFirst, type RecordSample } from '../facts/index.js';
import type { Affected, Evidence, SampleRecord } from '../model/check.js';
import type { Succeeded } from './define.js';

export interface SamplePart {
  sample: RecordSample;
  /** Turns a raw record of this read into a row with the check's columns. */
  row(rec: SampleRecord): SampleRecord;
  /** Field of the row used to order the combined sample (most recent first). */
  dateColumn?: string;
}

export interface SampleLayout {
  /** Columns of the sample, in display order. */
  columns: string[];
  /** Field identifying a record within its object (RECORDNO, CUSTOMERID, …). */
  keyField: string;
  /** When rows are of different objects: the column naming each row's object (its key is object + key field). */
  objectField?: string;
}

export function combineSamples(parts: SamplePart[], layout: SampleLayout & { object?: string }): Affected {
  const rows = parts.flatMap((p) =>
    p.sample.sample.map((rec, index) => {
      const row = p.row(rec);
      return { row, when: p.dateColumn ? intacctDateOrder(row[p.dateColumn]) : Number.NaN, index };
    }),
  );
  // Each part is already newest first (undated first, as `query` orders); a stable sort on the date interleaves them.
  rows.sort((a, b) => newerFirst(a.when, b.when) || a.index - b.index);
  const affected: Affected = {
    count: parts.reduce((n, p) => n + p.sample.count, 0),
    sample: rows.slice(0, MAX_SAMPLE).map((r) => pickColumns(r.row, layout.columns)),
    columns: layout.columns,
    keyField: layout.keyField,
  };
  if (layout.object) affected.object = layout.object;
  if (layout.objectField) affected.objectField = layout.objectField;
  return affected;
}

/** The row's values for the check's columns, in order; a missing value is null. */
export function pickColumns(row: SampleRecord, columns: string[]): SampleRecord {
  const out: SampleRecord = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

/** Evidence of one sampled query: how many records matched which filter (as sent). */
export function sampleEvidence(fact: Succeeded<RecordSample>, note?: string): Evidence {
  const sent = fact.request.sent;
  const filter = sent && sent.function === 'query' ? describeFilter(sent.filter) : undefined;
  const parts = [filter ? `filter: ${filter}` : undefined, note].filter(Boolean);
  return {
    source: 'query',
    object: fact.value.object,
    observed: fact.value.count,
    ...(parts.length ? { note: parts.join('; ') } : {}),
  };
}
