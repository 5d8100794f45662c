/**
 * ar.account-labels-disabled — Accounts Receivable account labels are switched off.
 *
 * With account labels on, AR invoice and adjustment lines carry a label instead of a GL account, but Re-Leased
 * sends GL account codes only.
 */
import { companyPrefs, recordSample } from '../src/facts/index.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { evaluateAccountLabels } from './lib/account-labels.js';

const SETTING = 'arAccountLabels';

export default defineCheck({
  meta: {
    id: 'ar.account-labels-disabled',
    title: 'Accounts Receivable account labels are disabled',
    severity: 'blocker',
    category: 'ar',
    why: 'Re-Leased sends GL account codes on AR invoice and adjustment lines; with account labels enabled Intacct expects labels instead, so synced transactions fail.',
    remediation: [
      'Open Accounts Receivable > Setup > Configuration (or Company > Admin > Subscriptions > Accounts Receivable > Configure).',
      'Clear "Enable account labels" and Save. Existing labels are kept and can be re-enabled later.',
      'Check that every GL account Re-Leased will use is active and mapped in Re-Leased\'s chart of accounts.',
    ],
    docs: [DOCS.releasedLimitations, DOCS.arAccountLabelsHelp, DOCS.arAccountLabelsApi],
    version: 1,
  },

  needs: (ctx) => ({
    prefs: need(companyPrefs(ctx.catalog[SETTING]?.application ?? 'AR')),
    labels: need(
      recordSample({
        object: 'ARACCOUNTLABEL',
        filter: { op: 'equalto', field: 'STATUS', value: 'active' },
        fields: ['RECORDNO', 'ACCOUNTLABEL', 'DESCRIPTION', 'GLACCOUNTNO', 'STATUS'],
        limit: 5,
      }),
    ),
  }),

  evaluate: (facts, ctx) => evaluateAccountLabels(ctx, { catalogKey: SETTING, prefs: facts.prefs, labels: facts.labels, module: 'AR' }),
});
