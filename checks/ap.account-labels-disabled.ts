/**
 * ap.account-labels-disabled — Accounts Payable account labels are switched off.
 *
 * With account labels on, AP bill and adjustment lines carry a label instead of a GL account, but Re-Leased
 * sends GL account codes only. Decided as its twin ar.account-labels-disabled decides for AR.
 */
import { docs } from '../src/kit/index.js';
import { accountLabelsCheck } from './ar.account-labels-disabled.js';

export default accountLabelsCheck(
  { module: 'AP', setting: 'apAccountLabels' },
  {
    id: 'ap.account-labels-disabled',
    title: 'Accounts Payable account labels are disabled',
    severity: 'warning',
    category: 'ap',
    why: 'Re-Leased sends GL account codes on AP bill and adjustment lines; with account labels enabled Intacct expects labels instead, so synced transactions fail.',
    remediation: [
      'Open Accounts Payable > Setup > Configuration (or Company > Admin > Subscriptions > Accounts Payable > Configure).',
      'Clear "Enable account labels" and Save. Existing labels are kept and can be re-enabled later.',
      'Check that every GL account Re-Leased will use is active and mapped in Re-Leased\'s chart of accounts.',
    ],
    docs: [docs.releasedLimitations, docs.apAccountLabelsApi, docs.billsApi],
    version: 1,
  },
);
