/**
 * Deletions from the audit trail (AUDITHISTORY, access mode D = delete). Reading it needs a
 * permission many Web Services users lack; then the check is `manual` and says which.
 */
import { recordSample, type FilterSpec, type RecordSample } from '../../src/facts/index.js';
import type { CheckOutcome, Evidence, FactDef } from '../../src/model/check.js';
import { failedRead, type FailedFact } from './outcome.js';

export const AUDIT_PERMISSION =
  '"View" permission for custom reports (Platform Services subscription), which AUDITHISTORY requires';

export const DELETION_COLUMNS = ['OBJECTTYPE', 'OBJECTKEY', 'OBJECTDESC', 'ACCESSTIME', 'USERID', 'SOURCE'];

export function deletionSample(objectTypes: string[], extra?: FilterSpec): FactDef<RecordSample> {
  const base: FilterSpec[] = [
    { op: 'equalto', field: 'ACCESSMODE', value: 'D' },
    { op: 'in', field: 'OBJECTTYPE', values: objectTypes },
  ];
  return recordSample({
    object: 'AUDITHISTORY',
    filter: { and: extra ? [...base, extra] : base },
    fields: [...DELETION_COLUMNS, 'ACCESSMODE'],
    orderBy: [{ field: 'ACCESSTIME', descending: true }],
  });
}

/** Permission denied (or Platform Services missing) → manual naming the permission; other failures → error. */
export function auditHistoryFailure(fact: FailedFact, what: string, evidence: Evidence[]): CheckOutcome {
  const personCanFix = fact.error.kind === 'permission' || fact.error.kind === 'not-subscribed';
  return failedRead(fact, what, {
    status: personCanFix ? 'manual' : 'error',
    extra: evidence,
    ...(personCanFix
      ? {
          hint: `The Web Services user needs the ${AUDIT_PERMISSION}: grant it in Company > Admin > Users (or Roles) > Platform Services, or review deletions by hand in Company > Audit trail.`,
        }
      : {}),
  });
}
