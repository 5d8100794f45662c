/**
 * Deletions in the audit trail as Re-Leased meets them. From the day the integration was connected
 * (`integration.connectedOn`) a deleted record may have been linked, so those count; earlier ones
 * cannot have been (nothing was linked yet): they are read too and listed in the evidence, not
 * counted. At the top level of a multi-entity company, rows owned by an entity are included.
 */
import { and, recordSample, toIntacctDate, type FilterSpec, type RecordSample } from '../facts/index.js';
import type { CheckContext, Evidence, FactResult } from '../model/check.js';
import type { DataCheckDefinition } from './data.js';
import { read, showPrivate, type Judged } from './define.js';
import { deletions } from './records.js';
import { formatCount, plural } from './words.js';

type EarlierReads = { earlier?: Judged<RecordSample> };

/** ISO date: the later of two, either may be absent. */
const later = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined ? a : a > b ? a : b);

const from = (date: string): FilterSpec => ({ op: 'greaterthanorequalto', field: 'ACCESSTIME', value: toIntacctDate(date) });
const before = (date: string): FilterSpec => ({ op: 'lessthan', field: 'ACCESSTIME', value: toIntacctDate(date) });

/**
 * The record set and the evidence of a deletions check over `objectTypes`, counting from `since`
 * (e.g. the sync-from date; absent = any date) or from the connection date when that is later.
 */
export function deletionsSinceConnection(
  objectTypes: string[],
  since?: (ctx: CheckContext) => string | undefined,
): Pick<DataCheckDefinition<EarlierReads>, 'reads' | 'records' | 'evidence'> {
  const earlierSet = (ctx: CheckContext) => {
    const connected = ctx.integration.connectedOn;
    const start = since?.(ctx);
    if (connected === undefined || (start !== undefined && connected <= start)) return undefined;
    return deletions(objectTypes, start ? and(from(start), before(connected)) : before(connected), { showPrivate: showPrivate(ctx) });
  };
  return {
    reads: (ctx) => {
      const set = earlierSet(ctx);
      return set ? { earlier: read(recordSample(set.query), 'deletions before the integration was connected', { onError: 'evaluate' }) } : {};
    },
    records: (ctx) => {
      const start = later(since?.(ctx), ctx.integration.connectedOn);
      return [deletions(objectTypes, start ? from(start) : undefined, { showPrivate: showPrivate(ctx) })];
    },
    evidence: (f, ctx) => (f.earlier ? [earlierEvidence(f.earlier, ctx.integration.connectedOn!)] : []),
  };
}

function earlierEvidence(result: FactResult<RecordSample>, connectedOn: string): Evidence {
  const what = `deletions before the integration was connected on ${connectedOn}`;
  if (!result.ok) return { source: result.request.function, object: 'AUDITHISTORY', observed: null, note: `${what} could not be read: ${result.error.message}` };
  const rows = result.value.sample.map((r) => `${r['OBJECTTYPE']} ${r['OBJECTKEY']}`);
  const more = result.value.count > rows.length ? ` and ${formatCount(result.value.count - rows.length)} more` : '';
  return {
    source: 'query',
    object: 'AUDITHISTORY',
    field: 'ACCESSTIME',
    observed: result.value.count,
    note: `${plural(result.value.count, 'deletion')} before the integration was connected on ${connectedOn}: nothing was linked yet, so not counted${rows.length ? `: ${rows.join(', ')}${more}` : ''}`,
  };
}
