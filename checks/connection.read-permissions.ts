/**
 * connection.read-permissions — can the Web Services user read every object the integration
 * works with?
 *
 * One cheap probe per object (RECORDNO, page size 1). Here a permission denial is the very
 * evidence looked for, so it is a `fail`; any other probe failure (timeout, 5xx) is `error`.
 * Writes cannot be tried by a read-only tool, so they stay for a person to confirm.
 */
import { defineCheck, docs, facts, failureEvidence, plural, read, type CheckOutcome, type Evidence, type FailedFact } from '../src/kit/index.js';

/** Objects Re-Leased itself reads or writes (AUDITHISTORY and GLENTRY serve optional checks only). */
export const INTEGRATION_OBJECTS = [
  'CUSTOMER',
  'VENDOR',
  'ARINVOICE',
  'APBILL',
  'ARPYMT',
  'APPYMT',
  'ARADJUSTMENT',
  'APADJUSTMENT',
  'GLACCOUNT',
  'TAXDETAIL',
  'LOCATION',
  'DEPARTMENT',
] as const;

const WRITES_NOTE = 'Write permissions (create customers, vendors, invoices, bills, payments) cannot be verified by a read-only tool: confirm them on the user\'s role.';

export default defineCheck({
  meta: {
    id: 'connection.read-permissions',
    title: 'Web Services user can read the objects the integration uses',
    severity: 'blocker',
    category: 'connection',
    why:
      'Re-Leased reads and writes customers, vendors, invoices, bills, payments, adjustments, accounts, tax details and ' +
      'dimensions with the Web Services user; any object it may not read makes the sync fail for that record type.',
    remediation: [
      'Run this audit with the same Web Services user Re-Leased will use.',
      'Grant the missing permissions: Company > Admin > Users (user-based permissions) or Company > Admin > Roles (role-based), with List, View, Add and Edit on Accounts Receivable, Accounts Payable, General Ledger (accounts), Taxes and Company (locations, departments).',
      'Check the user type: permissions beyond its ceiling have no effect (use a Business user).',
    ],
    docs: [docs.permissionCeiling, docs.wsUsers, docs.releasedConnect],
    version: 1,
  },

  // A denial is the very evidence looked for, so the check judges every probe's failure.
  needs: () => Object.fromEntries(INTEGRATION_OBJECTS.map((o) => [o, read(facts.objectProbe(o), o, { onError: 'evaluate' })])),

  evaluate: (probes): CheckOutcome => {
    const denied: string[] = [];
    const broken: FailedFact[] = [];
    const notApplying: string[] = [];
    const evidence: Evidence[] = [];
    for (const object of INTEGRATION_OBJECTS) {
      const probe = probes[object]!;
      if (probe.ok) {
        evidence.push({ source: 'query', object, observed: 'readable' });
      } else if (facts.isUnsubscribed(probe)) {
        // Its application is not subscribed: nothing of it to read, nor for Re-Leased to write.
        notApplying.push(object);
        evidence.push({ source: 'get_applications', object, observed: 'not subscribed', note: probe.error.message });
      } else if (probe.error.kind === 'permission') {
        denied.push(object);
        evidence.push({ ...failureEvidence(probe), observed: 'permission denied' });
      } else {
        broken.push(probe);
        evidence.push(failureEvidence(probe));
      }
    }
    evidence.push({ source: 'note', observed: null, note: WRITES_NOTE });
    const notProbed = broken.length ? ` ${plural(broken.length, 'object')} could not be probed (${broken.map((b) => b.request.object).join(', ')}).` : '';
    const notApplied = notApplying.length ? ` ${notApplying.join(', ')} did not apply (application not subscribed).` : '';
    if (denied.length) {
      return {
        status: 'fail',
        summary: `The Web Services user may not read ${denied.join(', ')}.${notProbed}${notApplied} Write permissions cannot be verified by a read-only tool.`,
        evidence,
      };
    }
    if (broken.length) {
      return {
        status: 'error',
        summary: `Could not probe ${broken.map((b) => `${b.request.object} (${b.error.message})`).join(', ')}; the other objects are readable.${notApplied} Write permissions cannot be verified by a read-only tool.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: `All ${plural(INTEGRATION_OBJECTS.length - notApplying.length, 'object')} the integration uses ${notApplying.length ? 'here ' : ''}are readable.${notApplied} Write permissions cannot be verified by a read-only tool: confirm them on the user's role.`,
      evidence,
    };
  },
});
