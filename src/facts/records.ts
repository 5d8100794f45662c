/**
 * Record samples: how many records match a filter, and the most recent few of them, in ONE
 * `query` function. The count comes from `totalcount` and only the sample is transferred, so the
 * cost of a data check does not grow with the size of the company.
 */
import type { OrderBy } from '../intacct/functions.js';
import type { FactDef, FactResult, SampleRecord } from '../model/check.js';
import type { XmlRecord } from '../intacct/functions.js';
import { filterDependencies, filterKey, isFactError, resolveFilter, type FilterSpec } from './filters.js';
import { objectLookup, type ObjectDefinition } from './objects.js';
import { gatedBySubscription } from './subscriptions.js';
import { child, textOf } from './xml.js';

/** Largest sample a check shows (and a report carries). */
export const MAX_SAMPLE = 25;

export interface RecordSampleSpec {
  object: string;
  filter?: FilterSpec;
  /** Fields to transfer for each sampled record. */
  fields: string[];
  /** Most recent first: the date field, descending. */
  orderBy?: OrderBy[];
  /** Sample size, 1–25; default 25. */
  limit?: number;
  /** Include entity-private records in a top-level query of a multi-entity company. */
  showPrivate?: boolean;
  /** Compare text case-insensitively (the query's `caseinsensitive` option), e.g. journal symbols. */
  caseInsensitive?: boolean;
  /**
   * Fields to transfer only where this company's definition of the object (`lookup`) lists them,
   * so a field some companies lack costs a column, not the read. Read as null where not listed.
   */
  optionalFields?: string[];
}

export interface RecordSample {
  object: string;
  /** All matching records in Intacct (totalcount), not just the sample. */
  count: number;
  /** Up to `limit` records in the requested order; field → text, '' and absent as null. */
  sample: SampleRecord[];
  /** The fields each sample record carries. */
  fields: string[];
}

export function recordSample(spec: RecordSampleSpec): FactDef<RecordSample> {
  const object = spec.object.toUpperCase();
  const fields = [...new Set(spec.fields.map((f) => f.toUpperCase()))].sort();
  if (fields.length === 0) throw new Error(`recordSample(${object}) needs at least one field`);
  const limit = Math.min(Math.max(Math.trunc(spec.limit ?? MAX_SAMPLE), 1), MAX_SAMPLE);
  const orderBy = spec.orderBy ?? [];
  const showPrivate = spec.showPrivate === true;
  const caseInsensitive = spec.caseInsensitive === true;
  const order = orderBy.map((o) => `${o.field}${o.descending ? ' desc' : ''}`).join(',');
  const optional = [...new Set((spec.optionalFields ?? []).map((f) => f.toUpperCase()))].filter((f) => !fields.includes(f)).sort();
  const definition = optional.length ? objectLookup(object) : undefined;
  const dependsOn = [...filterDependencies(spec.filter), ...(definition ? [definition] : [])];
  const def: FactDef<RecordSample> = {
    key:
      `sample:${object}|where=${filterKey(spec.filter)}|select=${fields.join(',')}${optional.length ? `|optional=${optional.join(',')}` : ''}` +
      `|order=${order || '-'}|limit=${limit}${showPrivate ? '|private' : ''}${caseInsensitive ? '|ci' : ''}`,
    request: (ctx, lookup) => {
      const filter = spec.filter === undefined ? undefined : resolveFilter(spec.filter, ctx, lookup);
      if (isFactError(filter)) return filter;
      const listed = definition ? listedFields(lookup(definition.key) as FactResult<ObjectDefinition> | undefined) : new Set<string>();
      return {
        function: 'query',
        object,
        select: [...fields, ...optional.filter((f) => listed.has(f))],
        ...(filter ? { filter } : {}),
        ...(orderBy.length ? { orderBy } : {}),
        ...(showPrivate ? { showPrivate: true } : {}),
        ...(caseInsensitive ? { caseInsensitive: true } : {}),
        pageSize: limit,
      };
    },
    interpret: (data) => {
      const sample = data.records.slice(0, limit).map((rec) => sampleRecordOf(rec, [...fields, ...optional]));
      return { object, count: Math.max(data.totalCount ?? data.count ?? sample.length, sample.length), sample, fields: [...fields, ...optional] };
    },
  };
  if (dependsOn.length) def.dependsOn = dedupeFacts(dependsOn);
  return gatedBySubscription(object, def);
}

/** A record as read (field → text), as a sample row of `fields`: '' and absent as null. */
export function sampleRecordOf(rec: XmlRecord, fields: readonly string[]): SampleRecord {
  const row: SampleRecord = {};
  for (const f of fields) {
    const text = textOf(fieldValue(rec, f));
    row[f] = text === undefined || text === '' ? null : text;
  }
  return row;
}

function listedFields(definition: FactResult<ObjectDefinition> | undefined): Set<string> {
  return new Set(definition?.ok ? definition.value.fields.map((f) => f.id.toUpperCase()) : []);
}

/**
 * A selected field of a record. A field of a related object (`JOURNAL.SYMBOL`) may come back under
 * its dotted name or nested (`<JOURNAL><SYMBOL>`): either is read.
 */
function fieldValue(rec: XmlRecord, field: string): XmlRecord[string] | undefined {
  if (field in rec) return rec[field];
  let value: XmlRecord[string] | undefined = rec;
  for (const part of field.split('.')) {
    if (value === undefined || typeof value === 'string' || Array.isArray(value)) return undefined;
    value = child(value, part);
  }
  return value;
}

function dedupeFacts(defs: FactDef[]): FactDef[] {
  const seen = new Map<string, FactDef>();
  for (const d of defs) if (!seen.has(d.key)) seen.set(d.key, d);
  return [...seen.values()];
}
