/**
 * currency.company-settings — multi-currency and multiple base currencies as configured.
 *
 * Context for the currency checks: always `pass` once read, with the settings as evidence.
 */
import { entityDetails, financialSetup } from '../src/facts/index.js';
import type { Evidence } from '../src/model/check.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { failedRead, failureEvidence, type FailedFact } from './lib/outcome.js';

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
    docs: [DOCS.financialSetup, DOCS.entities, DOCS.multiBaseCurrency, DOCS.releasedTopLevel],
    version: 1,
  },

  needs: () => ({ setup: need(financialSetup()), entities: need(entityDetails()) }),

  evaluate: (facts, ctx) => {
    if (!facts.setup.ok) return failedRead(facts.setup as FailedFact, 'the financial setup (getFinancialSetup)');
    const s = facts.setup.value;
    const evidence: Evidence[] = [
      { source: 'getFinancialSetup', field: 'baseCurrency', observed: s.baseCurrency || null },
      { source: 'getFinancialSetup', field: 'multiCurrency', observed: s.multiCurrency },
      { source: 'getFinancialSetup', field: 'multiBaseCurrency', observed: s.multiBaseCurrency },
    ];
    let entityText = '';
    if (facts.entities.ok) {
      const list = facts.entities.value;
      if (list.length) {
        evidence.push({ source: 'readEntityDetails', field: 'currency', observed: list.map((e) => `${e.id}: ${e.currency}`).join(', ') });
        const own = ctx.entityId ? list.find((e) => e.id === ctx.entityId) : undefined;
        entityText = own ? `; audited entity ${own.id} uses ${own.currency}` : `; ${list.length} entit${list.length === 1 ? 'y' : 'ies'} (${list.map((e) => `${e.id} ${e.currency}`).join(', ')})`;
      }
    } else if (s.multiBaseCurrency) {
      evidence.push(failureEvidence(facts.entities as FailedFact));
      entityText = '; entity currencies could not be read';
    }
    const base = s.multiBaseCurrency ? 'multiple base currencies' : `base currency ${s.baseCurrency || '(not returned)'}`;
    const multi = s.multiCurrency ? 'multi-currency on' : 'single transaction currency';
    return { status: 'pass', summary: `Company uses ${base}, ${multi}${entityText}.`, evidence };
  },
});
