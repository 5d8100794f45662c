/**
 * ar.customer-refunds — customer refunds are enabled in Accounts Receivable.
 *
 * Refunds recorded in Intacct do not sync to Re-Leased; with the feature on, someone may record
 * them and leave the Re-Leased balance out of step. One catalog setting decides: off passes.
 */
import { docs, settingCheck } from '../src/kit/index.js';

export default settingCheck({
  meta: {
    id: 'ar.customer-refunds',
    title: 'Customer refunds are not recorded in Intacct',
    severity: 'info',
    category: 'ar',
    why: 'Refunds recorded in Intacct (2025 R2 and later) do not sync to Re-Leased, so the tenant\'s balance there is not reduced.',
    remediation: [
      'Agree a process: record refunds in Re-Leased too, or adjust the tenant balance there by hand.',
      'If refunds are not needed in Intacct: Accounts Receivable > Setup > Configuration > clear "Enable recording of customer refunds", then Save.',
    ],
    docs: [docs.releasedLimitations, docs.refundsHelp, docs.refundsRelease],
    version: 1,
  },

  setting: 'customerRefunds',
  application: 'AR',
  want: 'off',
  pass: 'Customer refunds are not enabled in Accounts Receivable',
  fail: 'Customer refunds are enabled in Accounts Receivable: refunds recorded in Intacct will not reach Re-Leased',
});
