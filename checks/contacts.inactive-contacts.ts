/**
 * contacts.inactive-contacts — inactive customers and vendors.
 *
 * An inactive Intacct contact arrives in Re-Leased archived. Nothing breaks; it is worth knowing
 * before matching contacts at onboarding.
 */
import { contactName, contacts, dataCheck, docs, plural } from '../src/kit/index.js';

const INACTIVE = { op: 'equalto', field: 'STATUS', value: 'inactive' } as const;

export default dataCheck({
  meta: {
    id: 'contacts.inactive-contacts',
    title: 'Inactive customers and vendors',
    severity: 'info',
    category: 'contacts',
    why: 'Inactive customers and vendors sync to Re-Leased as archived contacts; tenants or suppliers still in use should be active first.',
    remediation: [
      'Review the list; reactivate any contact still in use: Accounts Receivable > Customers (or Accounts Payable > Vendors) > Edit > Status: Active.',
      'Leave the others inactive: they arrive archived in Re-Leased.',
    ],
    docs: [docs.releasedLimitations, docs.customersApi, docs.vendorsApi],
    version: 1,
  },

  records: (ctx) => [contacts(ctx, 'CUSTOMER', INACTIVE), contacts(ctx, 'VENDOR', INACTIVE)],
  sample: { columns: ['OBJECT', 'ID', 'NAME', 'STATUS', 'CURRENCY', 'MEGAENTITYID', 'WHENMODIFIED'], keyField: 'ID', objectField: 'OBJECT' },

  found: (n, breakdown) => `${plural(n, 'inactive contact')} (${breakdown}) will arrive in Re-Leased archived.`,
  clean: 'No inactive customers or vendors.',
  note: 'STATUS = inactive, any date',
  action: (row) =>
    `If ${contactName(row)} is still in use, make it active again in Intacct (Edit > Status: Active); otherwise leave it: it arrives archived in Re-Leased.`,
});
