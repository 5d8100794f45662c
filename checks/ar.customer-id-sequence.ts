/**
 * ar.customer-id-sequence — a document sequence numbers new customers.
 *
 * Re-Leased creates customers without a CUSTOMERID; Intacct then takes the ID from the document
 * sequence assigned in AR configuration. Without one, every new tenant fails to sync.
 */
import { companyPrefs, objectLookup } from '../src/facts/index.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { evaluateIdSequence } from './lib/id-sequence.js';

const SETTING = 'customerIdSequence';

export default defineCheck({
  meta: {
    id: 'ar.customer-id-sequence',
    title: 'Customer IDs are numbered by a document sequence',
    severity: 'blocker',
    category: 'ar',
    why: 'Re-Leased sends no Customer ID when it creates a customer; Intacct must generate it from a document sequence, or the new contact fails to sync.',
    remediation: [
      'Create a sequence if none fits: Company > Setup > Settings > Document sequence (a letter prefix such as C- avoids leading-zero problems).',
      'Assign it: Accounts Receivable > Setup > Configuration > Document sequencing > Customers, then Save.',
      'Existing customers keep their IDs; only new ones are numbered.',
    ],
    docs: [DOCS.releasedLimitations, DOCS.documentSequences, DOCS.customersApi],
    version: 1,
  },

  needs: (ctx) => ({
    prefs: need(companyPrefs(ctx.catalog[SETTING]?.application ?? 'AR')),
    lookup: need(objectLookup('CUSTOMER')),
  }),

  evaluate: (facts, ctx) =>
    evaluateIdSequence(ctx, { catalogKey: SETTING, prefs: facts.prefs, lookup: facts.lookup, idField: 'CUSTOMERID', contacts: 'customers' }),
});
