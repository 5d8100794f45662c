/**
 * contacts.deleted-contacts — customers and vendors deleted in Intacct.
 *
 * A deleted Intacct contact cannot be detected by Re-Leased: the linked Re-Leased contact raises
 * a sync error the next time it is edited or invoiced. Contacts sync whenever used, so dates do
 * not matter here.
 */
import { dataCheck, DELETION_COLUMNS, deletions, docs, plural } from '../src/kit/index.js';

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
    version: 1,
  },

  // Reading the audit trail needs a permission many Web Services users lack: then it is manual, naming it.
  records: () => [deletions(['customer', 'vendor'])],
  sample: { columns: DELETION_COLUMNS, keyField: 'OBJECTKEY', objectField: 'OBJECTTYPE' },

  found: (n) =>
    `${plural(n, 'customer or vendor deletion', 'customer and vendor deletions')} in the audit trail: linked Re-Leased contacts will raise sync errors; archive or unlink them in Re-Leased.`,
  clean: 'The audit trail shows no deleted customers or vendors.',
  note: 'AUDITHISTORY, access mode D (delete), object types customer and vendor, any date',
});
