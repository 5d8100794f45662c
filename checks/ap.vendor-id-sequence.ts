/**
 * ap.vendor-id-sequence — a document sequence numbers new vendors.
 *
 * Re-Leased creates vendors (suppliers) without a VENDORID; Intacct then takes the ID from the
 * document sequence assigned in AP configuration. Without one, every new supplier fails to sync.
 */
import { companyPrefs, objectLookup } from '../src/facts/index.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { evaluateIdSequence } from './lib/id-sequence.js';

const SETTING = 'vendorIdSequence';

export default defineCheck({
  meta: {
    id: 'ap.vendor-id-sequence',
    title: 'Vendor IDs are numbered by a document sequence',
    severity: 'blocker',
    category: 'ap',
    why: 'Re-Leased sends no Vendor ID when it creates a vendor; Intacct must generate it from a document sequence, or the new contact fails to sync.',
    remediation: [
      'Create a sequence if none fits: Company > Setup > Settings > Document sequence (e.g. prefix V-).',
      'Assign it: Accounts Payable > Setup > Configuration > Document sequencing > Vendors, then Save.',
      'Existing vendors keep their IDs; only new ones are numbered.',
    ],
    docs: [DOCS.releasedLimitations, DOCS.documentSequences, DOCS.vendorsApi],
    version: 1,
  },

  needs: (ctx) => ({
    prefs: need(companyPrefs(ctx.catalog[SETTING]?.application ?? 'AP')),
    lookup: need(objectLookup('VENDOR')),
  }),

  evaluate: (facts, ctx) =>
    evaluateIdSequence(ctx, { catalogKey: SETTING, prefs: facts.prefs, lookup: facts.lookup, idField: 'VENDORID', contacts: 'vendors' }),
});
