/**
 * contacts.inactive-contacts — inactive customers and vendors.
 *
 * An inactive Intacct contact arrives in Re-Leased archived. Nothing breaks; it is worth knowing
 * before matching contacts at onboarding.
 */
import { evaluateData } from './lib/data-check.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { plural } from './lib/outcome.js';
import { CONTACT_LABEL, contactRow, contactSample, type ContactObject } from './lib/records.js';

const OBJECTS: ContactObject[] = ['CUSTOMER', 'VENDOR'];
const INACTIVE = { op: 'equalto', field: 'STATUS', value: 'inactive' } as const;

export default defineCheck({
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
    docs: [DOCS.releasedLimitations, DOCS.customersApi, DOCS.vendorsApi],
    version: 1,
  },

  needs: (ctx) => ({
    CUSTOMER: need(contactSample(ctx, 'CUSTOMER', INACTIVE)),
    VENDOR: need(contactSample(ctx, 'VENDOR', INACTIVE)),
  }),

  evaluate: (facts) =>
    evaluateData(
      OBJECTS.map((o) => ({ fact: facts[o], what: CONTACT_LABEL[o].many, row: contactRow(o), dateColumn: 'WHENMODIFIED' })),
      {
        columns: ['OBJECT', 'ID', 'NAME', 'STATUS', 'CURRENCY', 'MEGAENTITYID', 'WHENMODIFIED'],
        keyField: 'ID',
        objectField: 'OBJECT',
        found: (n, breakdown) => `${plural(n, 'inactive contact')} (${breakdown}) will arrive in Re-Leased archived.`,
        clean: 'No inactive customers or vendors.',
        note: 'STATUS = inactive, any date',
      },
    ),
});
