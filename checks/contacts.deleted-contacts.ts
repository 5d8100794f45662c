/**
 * contacts.deleted-contacts — customers and vendors deleted in Intacct.
 *
 * A deleted Intacct contact cannot be detected by Re-Leased: the linked Re-Leased contact raises
 * a sync error the next time it is edited or invoiced. Contacts sync whenever used, so dates do
 * not matter here.
 */
import { evaluateData } from './lib/data-check.js';
import { auditHistoryFailure, DELETION_COLUMNS, deletionSample } from './lib/audit-history.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { plural } from './lib/outcome.js';

export default defineCheck({
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
    docs: [DOCS.releasedLimitations, DOCS.auditTrailsApi, DOCS.releasedSync],
    version: 1,
  },

  needs: () => ({ deletions: need(deletionSample(['customer', 'vendor'])) }),

  evaluate: (facts) =>
    evaluateData([{ fact: facts.deletions, what: 'the audit trail (AUDITHISTORY)', row: (r) => r, dateColumn: 'ACCESSTIME' }], {
      columns: DELETION_COLUMNS,
      keyField: 'OBJECTKEY',
      objectField: 'OBJECTTYPE',
      found: (n) =>
        `${plural(n, 'customer or vendor deletion', 'customer and vendor deletions')} in the audit trail: linked Re-Leased contacts will raise sync errors; archive or unlink them in Re-Leased.`,
      clean: 'The audit trail shows no deleted customers or vendors.',
      note: 'AUDITHISTORY, access mode D (delete), object types customer and vendor, any date',
      onFailure: auditHistoryFailure,
    }),
});
