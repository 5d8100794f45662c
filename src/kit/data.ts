/**
 * Data checks: count the records that match, and show the most recent of them. A data check is
 * declared, not programmed: the record sets it reads (each one query, kept as data), the columns
 * of its sample and how a row is keyed, and the words for "found" and "clean". It passes when no
 * record matches and fails with the total count from Intacct and up to 25 records when some do;
 * a failed read is reported by the engine's failure policy, never as a pass or a fail.
 *
 * The definition stays on the check (`records`, `sample`, `row`), so code that needs every
 * matching record rather than the sample (worklists) can page through the same queries: each
 * set's fact result carries the query exactly as sent (`request.sent`, filters resolved) and the
 * entity session it ran in (`request.entityId`), and the outcome's `affected` names the key field.
 */
import { recordSample, type RecordSample, type RecordSampleSpec } from '../facts/index.js';
import type { Check, CheckContext, CheckMeta, CheckOutcome, Evidence, FactNeed, FactResult, FailureRules, SampleRecord } from '../model/check.js';
import { failureOutcome } from '../evaluate/failure-policy.js';
import { defineCheck, read, type NeedValues, type Read, type Succeeded } from './define.js';
import { combineSamples, sampleEvidence, type SampleLayout } from './samples.js';

/** One read of a data check: a query for the records, and how its records become rows. */
export interface RecordSet {
  /** The need's name, e.g. `ARINVOICE`: unique within the check. */
  name: string;
  /** The records in the plural, e.g. "AR invoices" (summaries, failures). */
  what: string;
  /** In the singular, e.g. "AR invoice" (default: `what` without a final s). */
  one?: string;
  /** The query: object, filter, fields, order (most recent first), entity-private records. */
  query: RecordSampleSpec;
  /** Turns a record into a row with the check's columns (default: as read). */
  row?: (rec: SampleRecord) => SampleRecord;
  /** Column ordering rows of several sets into one sample (most recent first). */
  dateColumn?: string;
  /** Per kind of failure: `manual` where a person can confirm instead, and what to do. */
  onFailure?: FailureRules;
}

type Text = string | ((ctx: CheckContext) => string);

export interface DataCheckDefinition<X extends Record<string, FactNeed> = Record<string, never>> {
  meta: CheckMeta;
  /** Other facts it reads (read before the record sets), e.g. the base currencies for a column. */
  reads?: (ctx: CheckContext) => X;
  /** The record sets it counts and samples, in the order their counts are told. */
  records: (ctx: CheckContext) => RecordSet[];
  /** Columns of the sample and how a row is keyed. */
  sample: SampleLayout;
  /** Derived columns, from the other facts (applied after each set's own `row`). */
  row?: (row: SampleRecord, facts: NeedValues<X>, ctx: CheckContext) => SampleRecord;
  /** Evidence from the other facts, after the evidence of each query. */
  evidence?: (facts: NeedValues<X>, ctx: CheckContext) => Evidence[];
  /** Summary when records match: `breakdown` counts each set ("40 AR invoices, 1 AP bill"). */
  found: (count: number, breakdown: string, ctx: CheckContext) => string;
  /** Summary when nothing matches. */
  clean: Text;
  /** Added to the evidence of each query (e.g. the sync window in words). */
  note?: Text;
}

/** A check built by `dataCheck`: its definition stays readable on it. */
export type DataCheck<X extends Record<string, FactNeed> = Record<string, FactNeed>> = DataCheckDefinition<X> & Check;

export function isDataCheck(check: object): check is DataCheck {
  const c = check as Partial<DataCheck>;
  return typeof c.records === 'function' && typeof c.sample === 'object' && c.sample !== null && typeof c.found === 'function';
}

export function dataCheck<X extends Record<string, FactNeed> = Record<string, never>>(def: DataCheckDefinition<X>): DataCheck<X> {
  const text = (t: Text | undefined, ctx: CheckContext): string | undefined => (typeof t === 'function' ? t(ctx) : t);
  const check = defineCheck<Record<string, FactNeed>>({
    meta: def.meta,
    needs: (ctx) => {
      const needs: Record<string, FactNeed> = { ...(def.reads?.(ctx) ?? {}) };
      for (const set of def.records(ctx)) {
        if (set.name in needs) throw new Error(`record set "${set.name}" has the name of another need`);
        needs[set.name] = recordNeed(set);
      }
      return needs;
    },
    evaluate: (facts, ctx) => {
      const others = facts as unknown as NeedValues<X>;
      const parts = def.records(ctx).map((set) => ({ set, result: facts[set.name] as FactResult<RecordSample> }));
      const note = text(def.note, ctx);
      const evidence: Evidence[] = parts.flatMap((p) => (p.result.ok ? [sampleEvidence(p.result, note)] : []));
      const extra = def.evidence?.(others, ctx) ?? [];
      for (const p of parts) {
        // Reached only when a set is judged by the check itself: the engine reports the others.
        if (!p.result.ok) return failureOutcome([{ result: p.result, need: recordNeed(p.set) }], [...evidence, ...extra]);
      }
      const ok = parts.map((p) => ({ set: p.set, sample: (p.result as Succeeded<RecordSample>).value }));
      const affected = combineSamples(
        ok.map(({ set, sample }) => ({
          sample,
          row: (rec: SampleRecord) => {
            const own = set.row ? set.row(rec) : rec;
            return def.row ? def.row(own, others, ctx) : own;
          },
          ...(set.dateColumn ? { dateColumn: set.dateColumn } : {}),
        })),
        { ...def.sample, ...(def.sample.objectField ? {} : { object: ok[0]!.sample.object }) },
      );
      const breakdown = ok.map(({ set, sample }) => `${sample.count.toLocaleString('en-US')} ${sample.count === 1 ? (set.one ?? set.what.replace(/s$/, '')) : set.what}`).join(', ');
      evidence.push(...extra);
      if (affected.count === 0) return { status: 'pass', summary: text(def.clean, ctx)!, evidence, affected } satisfies CheckOutcome;
      return { status: 'fail', summary: def.found(affected.count, breakdown, ctx), evidence, affected } satisfies CheckOutcome;
    },
  });
  return { ...def, ...check } as DataCheck<X>;
}

/** The need of one record set: its query as a sampled read, described for the failure policy. */
function recordNeed(set: RecordSet): Read<RecordSample> {
  return read(recordSample(set.query), set.what, set.onFailure ? { onFailure: set.onFailure } : {});
}
