/**
 * currency.foreign-currency-contacts — customers and vendors in a currency other than the base
 * currency of their entity.
 *
 * Re-Leased syncs contacts in the local currency only; a contact whose default currency is set
 * and differs from the base currency cannot sync.
 */
import {
  baseCurrenciesFromFacts,
  entityDetails,
  financialSetup,
  foreignCurrencyFilter,
} from '../src/facts/index.js';
import { baseCurrencyEvidence, withBaseCurrency } from './lib/currency.js';
import type { Evidence } from '../src/model/check.js';
import { evaluateData } from './lib/data-check.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { plural, verb } from './lib/outcome.js';
import { CONTACT_LABEL, contactRow, contactSample, type ContactObject } from './lib/records.js';

const OBJECTS: ContactObject[] = ['CUSTOMER', 'VENDOR'];

export default defineCheck({
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
    docs: [DOCS.releasedLimitations, DOCS.financialSetup, DOCS.entities, DOCS.transactionCurrencies],
    version: 1,
  },

  needs: (ctx) => ({
    setup: need(financialSetup()),
    entities: need(entityDetails()),
    CUSTOMER: need(contactSample(ctx, 'CUSTOMER', foreignCurrencyFilter())),
    VENDOR: need(contactSample(ctx, 'VENDOR', foreignCurrencyFilter())),
  }),

  evaluate: (facts, ctx) => {
    const bases = baseCurrenciesFromFacts(facts.setup, facts.entities, ctx.entityId);
    const extra: Evidence[] = 'problem' in bases ? [] : [baseCurrencyEvidence(bases)];
    return evaluateData(
      OBJECTS.map((o) => ({
        fact: facts[o],
        what: CONTACT_LABEL[o].many,
        row: (rec) => withBaseCurrency(bases, contactRow(o)(rec)),
        dateColumn: 'WHENMODIFIED',
      })),
      {
        columns: ['OBJECT', 'ID', 'NAME', 'CURRENCY', 'BASECURRENCY', 'MEGAENTITYID', 'STATUS'],
        keyField: 'ID',
        objectField: 'OBJECT',
        found: (n, breakdown) =>
          `${plural(n, 'contact')} (${breakdown}) ${verb(n, 'has', 'have')} a default currency other than their base currency and cannot sync to Re-Leased.`,
        clean: 'Every customer and vendor with a default currency uses the base currency of its entity.',
        note: 'CURRENCY set and different from the base currency of the record\'s entity',
      },
      extra,
    );
  },
});
