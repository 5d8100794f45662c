/**
 * currency.foreign-currency-contacts — customers and vendors in a currency other than the base
 * currency of their entity.
 *
 * Re-Leased syncs contacts in the local currency only; a contact whose default currency is set
 * and differs from the base currency cannot sync.
 */
import { baseCurrencyColumn, contacts, dataCheck, docs, facts, plural, verb } from '../src/kit/index.js';

export default dataCheck({
  meta: {
    id: 'currency.foreign-currency-contacts',
    title: 'No customers or vendors in a foreign currency',
    severity: 'warning',
    category: 'currency',
    why: 'Re-Leased syncs contacts in the local (base) currency only; a customer or vendor with another default currency cannot sync.',
    remediation: [
      'For each contact listed: detach it from the integration in Re-Leased, make the Intacct customer or vendor inactive (Accounts Receivable > Customers, or Accounts Payable > Vendors > Edit > Status: Inactive).',
      'Create a new contact in the base currency in Re-Leased and let it sync to Intacct.',
      'Or, if the currency was set by mistake and the contact has no foreign-currency transactions, clear its Default currency in Intacct.',
    ],
    docs: [docs.releasedLimitations, docs.financialSetup, docs.entities, docs.transactionCurrencies],
    version: 1,
  },

  // Each record beside the base currency of its entity (BASECURRENCY): read first, as the filter needs it.
  ...baseCurrencyColumn(),
  records: (ctx) => [contacts(ctx, 'CUSTOMER', facts.foreignCurrencyFilter()), contacts(ctx, 'VENDOR', facts.foreignCurrencyFilter())],
  sample: { columns: ['OBJECT', 'ID', 'NAME', 'CURRENCY', 'BASECURRENCY', 'MEGAENTITYID', 'STATUS'], keyField: 'ID', objectField: 'OBJECT' },

  found: (n, breakdown) =>
    `${plural(n, 'contact')} (${breakdown}) ${verb(n, 'has', 'have')} a default currency other than their base currency and cannot sync to Re-Leased.`,
  clean: 'Every customer and vendor with a default currency uses the base currency of its entity.',
  note: 'CURRENCY set and different from the base currency of the record\'s entity',
});
