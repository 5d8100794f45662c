/**
 * currency.company-settings — multi-currency and multiple base currencies as configured.
 *
 * Context for the currency checks: always `pass` once read, with the settings as evidence.
 */
import { defineCheck, docs, facts, failureEvidence, read, type Evidence } from '../src/kit/index.js';

export default defineCheck({
  meta: {
    id: 'currency.company-settings',
    title: 'Currency settings of the company',
    severity: 'info',
    category: 'currency',
    why: 'Re-Leased syncs local-currency contacts and transactions only; knowing whether the company has multiple transaction or base currencies tells how much the currency checks matter.',
    remediation: [
      'Nothing to fix here. Transaction currencies: Company > Setup > Multi-currency; multiple base currencies: Multi-Entity Management configuration.',
      'In a multi-base-currency company, connect Re-Leased at the entity whose base currency is the local currency.',
    ],
    docs: [docs.financialSetup, docs.entities, docs.multiBaseCurrency, docs.releasedTopLevel],
    version: 1,
  },

  // The entity currencies only add detail: the check goes on without them.
  needs: () => ({
    setup: read(facts.financialSetup(), 'the financial setup (getFinancialSetup)'),
    entities: read(facts.entityDetails(), 'the entity currencies (readEntityDetails)', { onError: 'evaluate' }),
  }),

  evaluate: ({ setup, entities }, ctx) => {
    const s = setup.value;
    const evidence: Evidence[] = [
      { source: 'getFinancialSetup', field: 'baseCurrency', observed: s.baseCurrency || null },
      { source: 'getFinancialSetup', field: 'multiCurrency', observed: s.multiCurrency },
      { source: 'getFinancialSetup', field: 'multiBaseCurrency', observed: s.multiBaseCurrency },
    ];
    let entityText = '';
    if (entities.ok) {
      const list = entities.value;
      if (list.length) {
        evidence.push({ source: 'readEntityDetails', field: 'currency', observed: list.map((e) => `${e.id}: ${e.currency}`).join(', ') });
        const own = ctx.entityId ? list.find((e) => e.id === ctx.entityId) : undefined;
        entityText = own ? `; audited entity ${own.id} uses ${own.currency}` : `; ${list.length} entit${list.length === 1 ? 'y' : 'ies'} (${list.map((e) => `${e.id} ${e.currency}`).join(', ')})`;
      }
    } else if (s.multiBaseCurrency) {
      evidence.push(failureEvidence(entities));
      entityText = '; entity currencies could not be read';
    }
    const base = s.multiBaseCurrency ? 'multiple base currencies' : `base currency ${s.baseCurrency || '(not returned)'}`;
    const multi = s.multiCurrency ? 'multi-currency on' : 'single transaction currency';
    return { status: 'pass', summary: `Company uses ${base}, ${multi}${entityText}.`, evidence };
  },
});
