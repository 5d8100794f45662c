/**
 * contacts.deleted-contacts — customers and vendors deleted in Intacct.
 *
 * A deleted Intacct contact cannot be detected by Re-Leased: the linked Re-Leased contact raises
 * a sync error the next time it is edited or invoiced. Contacts sync whenever used, so the sync
 * window does not matter here; the connection date does (`integration.connectedOn`): a contact
 * deleted before it was never linked, so those are listed in the evidence and not counted.
 */
import { dataCheck, DELETION_COLUMNS, deletionsSinceConnection, docs, plural, type CheckContext } from '../src/kit/index.js';

const sinceWords = (ctx: CheckContext): string => (ctx.integration.connectedOn ? ` since the integration was connected on ${ctx.integration.connectedOn}` : ' in the audit trail');

export default dataCheck({
  meta: {
    id: 'contacts.deleted-contacts',
    title: 'Customers and vendors deleted in Intacct',
    severity: 'warning',
    category: 'contacts',
    why: 'Re-Leased cannot detect a customer or vendor deleted in Intacct; the linked Re-Leased contact raises a sync error the next time it is edited or invoiced.',
    remediation: [
      'For each deleted contact listed, find the linked contact in Re-Leased and archive it, or unlink it from the integration (Sync Results page).',
      'From now on, make Intacct contacts inactive instead of deleting them (Accounts Receivable > Customers or Accounts Payable > Vendors > Edit > Status: Inactive): inactive contacts sync as archived.',
    ],
    docs: [docs.releasedLimitations, docs.auditTrailsApi, docs.releasedSync],
    version: 2,
  },

  // Reading the audit trail needs a permission many Web Services users lack: then it is manual, naming it.
  ...deletionsSinceConnection(['customer', 'vendor']),
  sample: { columns: DELETION_COLUMNS, keyField: 'OBJECTKEY', objectField: 'OBJECTTYPE' },

  found: (n, _breakdown, ctx) =>
    `${plural(n, 'customer or vendor deletion', 'customer and vendor deletions')}${sinceWords(ctx)}: linked Re-Leased contacts will raise sync errors; archive or unlink them in Re-Leased.`,
  clean: (ctx) => `The audit trail shows no deleted customers or vendors${ctx.integration.connectedOn ? ` since the integration was connected on ${ctx.integration.connectedOn}` : ''}.`,
  note: (ctx) =>
    `AUDITHISTORY, access mode D (delete), object types customer and vendor, ${ctx.integration.connectedOn ? `ACCESSTIME on or after ${ctx.integration.connectedOn}` : 'any date'}${ctx.entityId === undefined ? ', entity-owned rows included' : ''}`,
  action: (row) =>
    `Find ${row['OBJECTTYPE'] ?? 'the contact'} ${row['OBJECTKEY'] ?? ''} in Re-Leased and archive it, or unlink it from the integration (Sync Results page).`,
});
