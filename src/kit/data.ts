/**
 * Data checks: count the records that match, and show the most recent of them. A data check is
 * declared, not programmed: the record sets it reads (each one query, kept as data), the columns
 * of its sample and how a row is keyed, and the words for "found" and "clean". It passes when no
 * record matches and fails with the total count from Intacct and up to 25 records when some do;
 * a failed read is reported by the engine's failure policy, never as a pass or a fail.
 *
 * The definition stays on the check (`records`, `sample`, `row`, `action`), so worklists page
 * through the same queries for every matching record rather than the sample: each set's fact
 * result carries the query exactly as sent (`request.sent`, filters resolved) and the entity
 * session it ran in (`request.entityId`), `rowBuilder` turns a record into the check's row as the
 * sample does, and `recordAction` says what to do about it.
 */
import { isUnsubscribed, objectApplications, recordSample, type RecordSample, type RecordSampleSpec } from '../facts/index.js';
import type { Check, CheckContext, CheckMeta, CheckOutcome, Evidence, FactNeed, FactResult, FailureRules, SampleRecord } from '../model/check.js';
import { failureOutcome, type FailedFact } from '../evaluate/failure-policy.js';
import { defineCheck, read, type NeedValues, type Read, type Succeeded } from './define.js';
import { combineSamples, sampleEvidence, type SampleLayout } from './samples.js';
import { formatCount } from './words.js';

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

type Text<F> = string | ((ctx: CheckContext, facts: F) => string);

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
  /**
   * A verdict the other facts settle before any record is counted, e.g. `manual` when this company's
   * data cannot tell the records apart; undefined = count as usual. With it, a record set's failed
   * read comes to the check too (reported by the same failure policy), so `settle` is heard first.
   */
  settle?: (facts: NeedValues<X>, ctx: CheckContext) => CheckOutcome | undefined;
  /** Summary when records match: `breakdown` counts each set ("40 AR invoices, 1 AP bill"). */
  found: (count: number, breakdown: string, ctx: CheckContext, facts: NeedValues<X>) => string;
  /** Summary when nothing matches. */
  clean: Text<NeedValues<X>>;
  /** Added to the evidence of each query (e.g. the sync window in words). */
  note?: Text<NeedValues<X>>;
  /**
   * What to do about one record, in a line: the last column of the check's worklist. Given the row
   * in the sample's columns. Default: the first step of `meta.remediation`.
   */
  action?: string | ((row: SampleRecord, ctx: CheckContext) => string);
}

/** A check built by `dataCheck`: its definition stays readable on it. */
export type DataCheck<X extends Record<string, FactNeed> = Record<string, FactNeed>> = DataCheckDefinition<X> & Check;

/** How a record of `set` becomes a row of the check (before columns are picked): the set's `row`, then the check's. */
export function rowBuilder<X extends Record<string, FactNeed>>(
  def: Pick<DataCheckDefinition<X>, 'row'>,
  set: RecordSet,
  others: NeedValues<X>,
  ctx: CheckContext,
): (rec: SampleRecord) => SampleRecord {
  return (rec) => {
    const own = set.row ? set.row(rec) : rec;
    return def.row ? def.row(own, others, ctx) : own;
  };
}

/** What to do about one record (a row in the sample's columns): the check's `action`, else its first remediation step. */
export function recordAction(check: DataCheck, row: SampleRecord, ctx: CheckContext): string {
  const { action } = check;
  if (typeof action === 'function') return action(row, ctx);
  return action ?? check.meta.remediation[0] ?? '';
}

export function isDataCheck(check: object): check is DataCheck {
  const c = check as Partial<DataCheck>;
  return typeof c.records === 'function' && typeof c.sample === 'object' && c.sample !== null && typeof c.found === 'function';
}

export function dataCheck<X extends Record<string, FactNeed> = Record<string, never>>(def: DataCheckDefinition<X>): DataCheck<X> {
  const text = (t: Text<NeedValues<X>> | undefined, ctx: CheckContext, facts: NeedValues<X>): string | undefined => (typeof t === 'function' ? t(ctx, facts) : t);
  const check = defineCheck<Record<string, FactNeed>>({
    meta: def.meta,
    needs: (ctx) => {
      const needs: Record<string, FactNeed> = { ...(def.reads?.(ctx) ?? {}) };
      for (const set of def.records(ctx)) {
        if (set.name in needs) throw new Error(`record set "${set.name}" has the name of another need`);
        needs[set.name] = recordNeed(set, def.settle !== undefined);
      }
      return needs;
    },
    evaluate: (facts, ctx) => {
      const others = facts as unknown as NeedValues<X>;
      const settled = def.settle?.(others, ctx);
      if (settled) return settled;
      const all = def.records(ctx).map((set) => ({ set, result: facts[set.name] as FactResult<RecordSample> }));
      // A set of an application the company does not subscribe to does not apply: the rest decide.
      const skipped = all.filter((p) => isUnsubscribed(p.result));
      const parts = all.filter((p) => !isUnsubscribed(p.result));
      const note = text(def.note, ctx, others);
      const evidence: Evidence[] = parts.flatMap((p) => (p.result.ok ? [sampleEvidence(p.result, note)] : []));
      evidence.push(...skipped.map((p) => skippedEvidence(p.set, p.result)));
      const extra = def.evidence?.(others, ctx) ?? [];
      const failed = parts.filter((p): p is typeof p & { result: FailedFact } => !p.result.ok);
      // Reached only for sets the check judges itself (those of a subscribed application).
      if (failed.length) return failureOutcome(failed.map((p) => ({ result: p.result, need: enginePolicy(p.set) })), [...evidence, ...extra]);
      const notApplied = skipped.length ? ` ${skippedWords(skipped.map((p) => p.set))} did not apply: ${skipped.map((p) => reason(p.result)).join('; ')}.` : '';
      if (all.length === 0) return { status: 'pass', summary: text(def.clean, ctx, others)!, evidence: extra } satisfies CheckOutcome; // nothing to look for
      if (parts.length === 0) {
        return { status: 'not-applicable', summary: `Does not apply: ${skipped.map((p) => reason(p.result)).join('; ')}.`, evidence: [...evidence, ...extra] } satisfies CheckOutcome;
      }
      const ok = parts.map((p) => ({ set: p.set, sample: (p.result as Succeeded<RecordSample>).value }));
      const affected = combineSamples(
        ok.map(({ set, sample }) => ({
          sample,
          row: rowBuilder(def, set, others, ctx),
          ...(set.dateColumn ? { dateColumn: set.dateColumn } : {}),
        })),
        { ...def.sample, ...(def.sample.objectField ? {} : { object: ok[0]!.sample.object }) },
      );
      const breakdown = ok.map(({ set, sample }) => `${formatCount(sample.count)} ${sample.count === 1 ? (set.one ?? set.what.replace(/s$/, '')) : set.what}`).join(', ');
      evidence.push(...extra);
      if (affected.count === 0) return { status: 'pass', summary: `${text(def.clean, ctx, others)!}${notApplied}`, evidence, affected } satisfies CheckOutcome;
      return { status: 'fail', summary: `${def.found(affected.count, breakdown, ctx, others)}${notApplied}`, evidence, affected } satisfies CheckOutcome;
    },
  });
  return { ...def, ...check } as DataCheck<X>;
}

/**
 * The need of one record set: its query as a sampled read, described for the failure policy. A set
 * of an object some application brings is judged by the check, which sets it aside when the
 * company does not subscribe to that application (as is every set of a check that can `settle`);
 * its other failures get the same policy.
 */
function recordNeed(set: RecordSet, judged: boolean): FactNeed<RecordSample> {
  const need = enginePolicy(set);
  return judged || objectApplications(set.query.object).length ? { ...need, onError: 'evaluate' } : need;
}

function enginePolicy(set: RecordSet): Read<RecordSample> {
  return read(recordSample(set.query), set.what, set.onFailure ? { onFailure: set.onFailure } : {});
}

function reason(result: FactResult): string {
  return result.ok ? '' : result.error.message;
}

/** "AP bills", "AR invoices and AP bills": the sets that did not apply, for a summary. */
function skippedWords(sets: RecordSet[]): string {
  const words = sets.map((s) => s.what);
  const text = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0]!;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function skippedEvidence(set: RecordSet, result: FactResult): Evidence {
  return { source: 'get_applications', object: set.query.object.toUpperCase(), observed: 'not subscribed', note: `${set.what}: not read (${reason(result)})` };
}
