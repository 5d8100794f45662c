/**
 * Which worklists a run writes, from what the audit already knows: every data check that found
 * records, each of its record sets with the query exactly as the audit sent it (filters resolved),
 * the entity session it ran in and the count Intacct gave; and, from the check's own definition,
 * how a record becomes its row, the row's key and entity, whether a waiver covers it, and what to
 * do about it. A user data check built with the kit is planned exactly like a built-in one.
 */
import type { ReadFunction } from '../intacct/functions.js';
import type { RecordSample } from '../facts/records.js';
import { isUnsubscribed } from '../facts/subscriptions.js';
import { isDataCheck, recordAction, rowBuilder, type DataCheck } from '../kit/data.js';
import type { NeedValues } from '../kit/define.js';
import type { EvaluatedCheck } from '../evaluate/evaluate.js';
import type { FactStore } from '../gather/store.js';
import { normaliseRecordKey } from '../assemble/policy.js';
import { errorLine } from '../util/errors.js';
import type { CheckContext, FactNeed, FactResult, RunContext, SampleRecord } from '../model/check.js';
import type { CheckResult, Severity } from '../model/result.js';
import { batchActionsOf, batchRowsOf, type BatchActions, type BatchRows } from '../model/isolated.js';

export type QueryFunction = Extract<ReadFunction, { function: 'query' }>;

/** One record set of a worklist: its query as sent, and how its records become rows. */
export interface ListSet {
  query: QueryFunction;
  /** Entity session the sample was read in; absent = the audit's own session. */
  entityId?: string;
  /** Matching records when the audit counted them. */
  count: number;
  /** Fields of a record as the sample reads them (those selected, and optional ones the company lacks). */
  fields: string[];
  /** A record as read → the check's row (the set's `row`, then the check's). */
  row: (rec: SampleRecord) => SampleRecord;
  /** Set for a user check's set: its rows are made in the worker, a page's records at once (`row` is not used). */
  rows?: BatchRows;
  /** Column of the row ordering several sets into one list (most recent first). */
  dateColumn?: string;
  /** The record carries its own entity (MEGAENTITYID); otherwise it is the session's. */
  ownEntity: boolean;
  /** The company has entities (as the audit read them): a top-level read's showprivate then matters. */
  entities?: boolean;
}

/** Where a row's key comes from (as `recordKey` reads it): the key field, and the object or the column naming it. */
export interface ListLayout {
  columns: string[];
  keyField?: string;
  objectField?: string;
  object?: string;
}

export interface ListPlan {
  id: string;
  title: string;
  severity: Severity;
  /** File name in the worklists folder. */
  file: string;
  /** The check's affected.count: what a complete list holds. */
  count: number;
  layout: ListLayout;
  sets: ListSet[];
  /** Entity of the audit's session ('' at top level): the entity of records that carry none. */
  sessionEntity: string;
  /** What to do about one row (in the sample's columns). */
  action: (row: SampleRecord) => string;
  /** Set for a user check: the actions of some rows at once, asked of the worker (`action` is not used). */
  actions?: BatchActions;
  /** An active waiver: its reason, and the record keys it is limited to (absent = every record). */
  waiver?: { reason: string; records?: ReadonlySet<string> };
  /** Set when the list cannot be read at all (the check's definition failed): why. */
  problem?: string;
}

/** The worklists of the checks that found records, in the order of the checks. */
export function planWorklists(evaluated: EvaluatedCheck[], results: CheckResult[], store: FactStore, ctx: RunContext): ListPlan[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const lists: ListPlan[] = [];
  for (const e of evaluated) {
    const check = e.prepared.check;
    const result = byId.get(check.meta.id);
    const count = e.outcome.affected?.count ?? 0;
    if (!isDataCheck(check) || !result || e.outcome.status !== 'fail' || count === 0 || !e.prepared.needs) continue;
    const affected = e.outcome.affected!;
    const base: ListPlan = {
      id: check.meta.id,
      title: result.title,
      severity: result.severity,
      file: `${check.meta.id}.csv`,
      count,
      layout: { columns: affected.columns, keyField: affected.keyField, objectField: affected.objectField, object: affected.object },
      sets: [],
      sessionEntity: ctx.entityId ?? '',
      action: () => '',
      ...(result.waiver?.state === 'active'
        ? { waiver: { reason: result.waiver.reason, ...(result.waiver.records ? { records: new Set(result.waiver.records.map(normaliseRecordKey)) } : {}) } }
        : {}),
    };
    try {
      lists.push({ ...base, ...listOf(check, e.prepared.needs, store, { ...ctx, options: e.prepared.options }) });
    } catch (err) {
      // A user check whose definition throws here still has its finding; only its worklist is missing.
      lists.push({ ...base, problem: `the check's record sets could not be read again: ${errorLine(err)}` });
    }
  }
  return lists;
}

function listOf(check: DataCheck, needs: Record<string, FactNeed>, store: FactStore, ctx: CheckContext): Pick<ListPlan, 'sets' | 'action' | 'actions' | 'problem'> {
  const values: Record<string, FactResult> = {};
  for (const [name, need] of Object.entries(needs)) {
    const r = store.get(need.fact.key);
    if (r) values[name] = r;
  }
  const others = values as unknown as NeedValues<Record<string, FactNeed>>;
  const sets: ListSet[] = [];
  for (const set of check.records(ctx)) {
    const need = needs[set.name];
    const fact = need ? (values[set.name] as FactResult<RecordSample> | undefined) : undefined;
    // A set of an application the company does not subscribe to did not apply: it has no records.
    if (isUnsubscribed(fact)) continue;
    if (!fact?.ok) return { sets: [], action: () => '', problem: `the read of ${set.what} is not in this run` };
    if (fact.value.count === 0) continue;
    const sent = fact.request.sent;
    if (sent?.function !== 'query') return { sets: [], action: () => '', problem: `${set.what} were not read with a query that can be paged` };
    sets.push({
      query: sent,
      ...(fact.request.entityId ? { entityId: fact.request.entityId } : {}),
      count: fact.value.count,
      fields: fact.value.fields,
      row: rowBuilder(check, set, others, ctx),
      ...(batchRowsOf(set) ? { rows: batchRowsOf(set)! } : {}),
      ...(set.dateColumn ? { dateColumn: set.dateColumn } : {}),
      ownEntity: sent.select.includes('MEGAENTITYID'),
      ...((ctx.entities?.length ?? 0) > 0 ? { entities: true } : {}),
    });
  }
  const actions = batchActionsOf(check);
  return { sets, action: (row) => recordAction(check, row, ctx), ...(actions ? { actions } : {}) };
}
