/**
 * so.subtotal-dimensions-from-lines — Order Entry subtotals take their dimensions from the lines.
 *
 * Re-Leased cannot set subtotal dimensions by hand, so sales transactions (Order Entry) sync only
 * when Intacct defaults subtotal dimensions from the line items (2025 R1). Judged where Re-Leased
 * creates records (the integration profile): at the top level "Use line-item dimensions in
 * subtotals" decides; in an entity (Top-Level syncing off), that entity's "Distribute subtotals
 * at the entity level" — read in a session there, whichever level the audit signed in at.
 * not-applicable when Order Entry is not subscribed, or when the profile says Re-Leased does not
 * post through it (`integration.orderEntry: false`: AR invoices directly). Its twin
 * po.subtotal-dimensions-from-lines decides the same way for Purchasing.
 */
import {
  cannotRead,
  catalogSetting,
  defineCheck,
  docs,
  facts,
  read,
  recordsAt,
  recordsEntity,
  recordsPlace,
  unverifiedNote,
  type CheckMeta,
  type CheckOutcome,
  type Evidence,
  type FactNeed,
  type FactResult,
  type IntegrationProfile,
} from '../src/kit/index.js';

export default subtotalsCheck(
  {
    app: 'SO',
    name: 'Order Entry',
    profileKey: 'orderEntry',
    flag: 'order-entry',
    direct: 'AR invoices',
    lineKey: 'soLineDimensionsInSubtotals',
    distributeKey: 'soDistributeSubtotalsAtEntity',
  },
  {
    id: 'so.subtotal-dimensions-from-lines',
    title: 'Order Entry subtotals take dimensions from line items',
    severity: 'blocker',
    category: 'so',
    why:
      'Re-Leased cannot enter subtotal dimensions; when it posts sales through Order Entry, they sync only if Intacct takes subtotal dimensions ' +
      'from the line items where Re-Leased creates records: at the top level "Use line-item dimensions in subtotals", in an entity (Top-Level syncing off) ' +
      'that entity\'s "Distribute subtotals at the entity level". When Re-Leased posts AR invoices directly (integration.orderEntry: false), this does not apply.',
    remediation: [
      'With Top-Level syncing: at the top level, Order Entry > Setup > Configuration > select "Use line-item dimensions in subtotals", then Save.',
      'Without Top-Level syncing: in the entity Re-Leased is connected to, Order Entry > Setup > Configuration > select "Distribute subtotals at the entity level" (2025 R1 or later), then Save.',
      'If Re-Leased posts AR invoices directly and never uses Order Entry, say so in the config file ("integration": { "orderEntry": false }) or with --no-order-entry.',
    ],
    docs: [docs.oeSubtotals, docs.poSubtotalsTop, docs.releasedKeyAspects, docs.releasedTopLevel],
    version: 2,
  },
);

/** What differs between this check and its Purchasing twin. */
export interface SubtotalModule {
  app: 'SO' | 'PO';
  /** Order Entry, Purchasing. */
  name: string;
  /** The profile key that says whether Re-Leased posts through the module, and its flag. */
  profileKey: keyof Pick<IntegrationProfile, 'orderEntry' | 'purchasing'>;
  flag: string;
  /** What Re-Leased posts instead when it does not use the module: AR invoices, AP bills. */
  direct: string;
  /** Settings catalog keys of the two settings: at the top level, and per entity. */
  lineKey: string;
  distributeKey: string;
}

/** The subtotal check of one module (Order Entry here, Purchasing in po.subtotal-dimensions-from-lines). */
export function subtotalsCheck(m: SubtotalModule, meta: CheckMeta) {
  const profileText = (value: boolean) => `integration.${m.profileKey}: ${value}`;
  return defineCheck({
    meta,

    // Nothing to read when the profile says Re-Leased does not use the module. Otherwise the
    // subscriptions, and the one setting that decides, where Re-Leased creates records.
    needs: (ctx) => {
      if (ctx.integration[m.profileKey] === false) return {} as Record<string, FactNeed>;
      const at = recordsAt(ctx);
      const where = at === undefined ? '' : typeof at === 'string' ? ` at entity ${at}` : ' at the top level';
      return {
        applications: read(facts.applications(), 'the subscribed applications'),
        prefs: read(facts.companyPrefs(m.app, at), `the ${m.app} preferences${where}`, { onError: 'evaluate' }),
      } as Record<string, FactNeed>;
    },

    evaluate: (values, ctx): CheckOutcome => {
      const used = ctx.integration[m.profileKey];
      if (used === false) {
        return {
          status: 'not-applicable',
          summary: `Re-Leased does not post through ${m.name} (${profileText(false)}: ${m.direct} directly), so its subtotal settings do not apply.`,
          evidence: [{ source: 'config', field: `integration.${m.profileKey}`, observed: false, note: `the integration profile: Re-Leased posts ${m.direct} directly` }],
        };
      }
      const apps = values['applications'] as FactResult<string[]>;
      if (!apps.ok) return cannotRead(apps, 'the subscribed applications');
      const appsEvidence: Evidence = { source: 'get_applications', observed: apps.value.join(', ') };
      if (!apps.value.includes(m.app)) {
        if (used === true) {
          return {
            status: 'manual',
            summary: `The integration profile says Re-Leased posts through ${m.name} (${profileText(true)}), but ${m.name} (${m.app}) is not subscribed: correct the profile, or subscribe to ${m.name} and run the audit again.`,
            evidence: [appsEvidence],
          };
        }
        return {
          status: 'not-applicable',
          summary: `${m.name} (${m.app}) is not subscribed, so its subtotal settings do not apply.`,
          evidence: [appsEvidence],
        };
      }

      // Where Re-Leased creates records: the top level's line-item option, or the entity's distribute option.
      const entity = recordsEntity(ctx);
      const key = entity === undefined ? m.lineKey : m.distributeKey;
      const place = recordsPlace(ctx);
      const prefs = values['prefs'] as FactResult<facts.CompanyPrefs>;
      const state = catalogSetting(ctx, key, prefs, { extra: [appsEvidence], ...(place ? { place } : {}) });
      if (state.kind === 'outcome') return state.outcome;
      const { read: pref, entry, evidence } = state;
      const setting = entity === undefined ? '"Use line-item dimensions in subtotals"' : '"Distribute subtotals at the entity level"';
      const at = place ? ` at ${place}` : '';
      const text = `${setting} is ${pref.on ? 'on' : 'off'}${at} (${pref.preference} = "${pref.value}")${unverifiedNote(entry)}`;
      const where = place ? `, where Re-Leased creates records` : '';
      if (pref.on) {
        return { status: 'pass', summary: `${m.name}: ${text}${where}; subtotal lines take their dimensions from the lines.`, evidence: [appsEvidence, evidence] };
      }
      const notUsed = used === undefined ? ` If Re-Leased will not post through ${m.name} (${m.direct} directly), set ${profileText(false)} (--no-${m.flag}).` : '';
      return {
        status: 'fail',
        summary: `${m.name}: ${text}${where}: subtotal lines would need dimensions typed in by hand, which Re-Leased cannot do.${notUsed}`,
        evidence: [appsEvidence, evidence],
      };
    },
  });
}
