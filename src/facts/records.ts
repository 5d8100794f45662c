/**
 * Record samples: how many records match a filter, and the most recent few of them, in ONE
 * `query` function. The count comes from `totalcount` and only the sample is transferred, so the
 * cost of a data check does not grow with the size of the company.
 */
import type { OrderBy } from '../intacct/functions.js';
import type { FactDef, SampleRecord } from '../model/check.js';
import { filterDependencies, filterKey, isFactError, resolveFilter, type FilterSpec } from './filters.js';
import { textOf } from './xml.js';

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
  const order = orderBy.map((o) => `${o.field}${o.descending ? ' desc' : ''}`).join(',');
  const dependsOn = filterDependencies(spec.filter);
  const def: FactDef<RecordSample> = {
    key:
      `sample:${object}|where=${filterKey(spec.filter)}|select=${fields.join(',')}` +
      `|order=${order || '-'}|limit=${limit}${showPrivate ? '|private' : ''}`,
    request: (ctx, lookup) => {
      const filter = spec.filter === undefined ? undefined : resolveFilter(spec.filter, ctx, lookup);
      if (isFactError(filter)) return filter;
      return {
        function: 'query',
        object,
        select: fields,
        ...(filter ? { filter } : {}),
        ...(orderBy.length ? { orderBy } : {}),
        ...(showPrivate ? { showPrivate: true } : {}),
        pageSize: limit,
      };
    },
    interpret: (data) => {
      const sample = data.records.slice(0, limit).map((rec) => {
        const row: SampleRecord = {};
        for (const f of fields) {
          const text = textOf(rec[f]);
          row[f] = text === undefined || text === '' ? null : text;
        }
        return row;
      });
      return { object, count: Math.max(data.totalCount ?? data.count ?? sample.length, sample.length), sample, fields };
    },
  };
  if (dependsOn.length) def.dependsOn = dedupeFacts(dependsOn);
  return def;
}

function dedupeFacts(defs: FactDef[]): FactDef[] {
  const seen = new Map<string, FactDef>();
  for (const d of defs) if (!seen.has(d.key)) seen.set(d.key, d);
  return [...seen.values()];
}
