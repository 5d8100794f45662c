/**
 * ar.account-labels-disabled — Accounts Receivable account labels are switched off.
 *
 * With account labels on, AR invoice and adjustment lines carry a label instead of a GL account, but Re-Leased
 * sends GL account codes only.
 *
 * The catalog preference decides; the label object adds evidence: a query refused because the
 * feature is off proves labels are off, while existing label records prove nothing (they are kept
 * when the feature is switched off). Its twin ap.account-labels-disabled decides the same way.
 */
import {
  catalogSetting,
  defineCheck,
  docs,
  facts,
  failureEvidence,
  plural,
  read,
  setting,
  unverifiedNote,
  verb,
  type CheckMeta,
  type CheckOutcome,
  type Evidence,
} from '../src/kit/index.js';

export default accountLabelsCheck(
  { module: 'AR', setting: 'arAccountLabels' },
  {
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
    docs: [docs.releasedLimitations, docs.arAccountLabelsHelp, docs.arAccountLabelsApi],
    version: 1,
  },
);

/** What differs between this check and its AP twin. */
export interface Ledger {
  module: 'AR' | 'AP';
  /** Settings catalog key of "Enable account labels". */
  setting: string;
}

/** The account-label check of one ledger (AR here, AP in ap.account-labels-disabled). */
export function accountLabelsCheck(ledger: Ledger, meta: CheckMeta) {
  const { module } = ledger;
  const object = `${module}ACCOUNTLABEL`;
  return defineCheck({
    meta,

    // Both reads are judged here: a refused label query is evidence, and settles it even when the
    // preferences cannot be read.
    needs: (ctx) => ({
      prefs: setting(ctx, ledger.setting, module, { onError: 'evaluate' }),
      labels: read(
        facts.recordSample({
          object,
          filter: { op: 'equalto', field: 'STATUS', value: 'active' },
          fields: ['RECORDNO', 'ACCOUNTLABEL', 'DESCRIPTION', 'GLACCOUNTNO', 'STATUS'],
          limit: 5,
        }),
        `the ${module} account labels (${object})`,
        { onError: 'evaluate' },
      ),
    }),

    evaluate: ({ prefs, labels }, ctx): CheckOutcome => {
      // 1. What the label object says.
      let featureOffByQuery = false;
      const secondary: Evidence[] = [];
      if (labels.ok) {
        secondary.push({
          source: 'query',
          object,
          field: 'STATUS',
          observed: labels.value.count,
          note: 'active account labels; label records are kept when the feature is switched off, so they do not show whether it is on',
        });
      } else if (labels.error.kind === 'not-subscribed') {
        featureOffByQuery = true;
        secondary.push({
          ...failureEvidence(labels),
          observed: 'refused: feature off',
          note: `Intacct refused to list ${object} because account labels are not enabled (${labels.error.message})`,
        });
      } else {
        secondary.push(failureEvidence(labels));
      }

      // 2. The preference decides, unless it cannot be read and the refused query settles it.
      const state = catalogSetting(ctx, ledger.setting, prefs, { extra: secondary });
      if (state.kind === 'outcome') {
        if (featureOffByQuery && state.outcome.status !== 'error') {
          return {
            status: 'pass',
            summary: `${module} account labels are off: Intacct refuses to list ${object} because the feature is not enabled (the preference itself was not found).`,
            evidence: state.outcome.evidence,
          };
        }
        if (featureOffByQuery && !prefs.ok) {
          return {
            status: 'pass',
            summary: `${module} account labels are off: Intacct refuses to list ${object} because the feature is not enabled (the ${module} preferences could not be read).`,
            evidence: state.outcome.evidence,
          };
        }
        return state.outcome;
      }
      const { read: pref, entry, evidence } = state;
      if (pref.on && featureOffByQuery) {
        return {
          status: 'manual',
          summary: `Conflicting evidence: ${pref.preference} says ${module} account labels are on${unverifiedNote(entry)}, but Intacct refuses to list ${object} as if the feature were off. Check "${entry.label}" by hand.`,
          evidence: [evidence, ...secondary],
        };
      }
      if (pref.on) {
        const active = labels.ok ? ` ${plural(labels.value.count, 'active label')} ${verb(labels.value.count, 'exists', 'exist')}.` : '';
        return {
          status: 'fail',
          summary: `${module} account labels are enabled (${pref.preference} = "${pref.value}")${unverifiedNote(entry)}: Re-Leased sends GL account codes, which Intacct does not take on lines while labels are on.${active}`,
          evidence: [evidence, ...secondary],
        };
      }
      return {
        status: 'pass',
        summary: `${module} account labels are off (${pref.preference} = "${pref.value}")${unverifiedNote(entry)}.`,
        evidence: [evidence, ...secondary],
      };
    },
  });
}
