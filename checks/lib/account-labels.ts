/**
 * Shared evaluation of the AR / AP account-label checks. The catalog preference decides; the
 * label object adds evidence: a query refused because the feature is off proves labels are off,
 * while existing label records prove nothing (they are kept when the feature is switched off).
 */
import type { CompanyPrefs, RecordSample } from '../../src/facts/index.js';
import type { CheckContext, CheckOutcome, Evidence, FactResult } from '../../src/model/check.js';
import { failureEvidence, plural, verb, type FailedFact } from './outcome.js';
import { settingState } from './setting-check.js';
import { unverifiedNote } from './settings.js';

export function evaluateAccountLabels(
  ctx: CheckContext,
  opts: { catalogKey: string; prefs: FactResult<CompanyPrefs>; labels: FactResult<RecordSample>; module: 'AR' | 'AP' },
): CheckOutcome {
  const object = `${opts.module}ACCOUNTLABEL`;
  let featureOffByQuery = false;
  const secondary: Evidence[] = [];
  if (opts.labels.ok) {
    secondary.push({
      source: 'query',
      object,
      field: 'STATUS',
      observed: opts.labels.value.count,
      note: 'active account labels; label records are kept when the feature is switched off, so they do not show whether it is on',
    });
  } else if (opts.labels.error.kind === 'not-subscribed') {
    featureOffByQuery = true;
    secondary.push({
      ...failureEvidence(opts.labels as FailedFact),
      observed: 'refused: feature off',
      note: `Intacct refused to list ${object} because account labels are not enabled (${opts.labels.error.message})`,
    });
  } else {
    secondary.push(failureEvidence(opts.labels as FailedFact));
  }

  const state = settingState(ctx, opts.catalogKey, opts.prefs, { extra: secondary });
  if (state.kind === 'outcome') {
    if (featureOffByQuery && state.outcome.status !== 'error') {
      return {
        status: 'pass',
        summary: `${opts.module} account labels are off: Intacct refuses to list ${object} because the feature is not enabled (the preference itself was not found).`,
        evidence: state.outcome.evidence,
      };
    }
    if (featureOffByQuery && !opts.prefs.ok) {
      return {
        status: 'pass',
        summary: `${opts.module} account labels are off: Intacct refuses to list ${object} because the feature is not enabled (the ${opts.module} preferences could not be read).`,
        evidence: state.outcome.evidence,
      };
    }
    return state.outcome;
  }
  const { read, entry, evidence } = state;
  if (read.on && featureOffByQuery) {
    return {
      status: 'manual',
      summary: `Conflicting evidence: ${read.preference} says ${opts.module} account labels are on${unverifiedNote(entry)}, but Intacct refuses to list ${object} as if the feature were off. Check "${entry.label}" by hand.`,
      evidence: [evidence, ...secondary],
    };
  }
  if (read.on) {
    const active = opts.labels.ok ? ` ${plural(opts.labels.value.count, 'active label')} ${verb(opts.labels.value.count, 'exists', 'exist')}.` : '';
    return {
      status: 'fail',
      summary: `${opts.module} account labels are enabled (${read.preference} = "${read.value}")${unverifiedNote(entry)}: Re-Leased sends GL account codes, which Intacct does not take on lines while labels are on.${active}`,
      evidence: [evidence, ...secondary],
    };
  }
  return {
    status: 'pass',
    summary: `${opts.module} account labels are off (${read.preference} = "${read.value}")${unverifiedNote(entry)}.`,
    evidence: [evidence, ...secondary],
  };
}
