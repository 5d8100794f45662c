/**
 * so.subtotal-dimensions-from-lines — Order Entry subtotals take their dimensions from the lines.
 *
 * Re-Leased cannot set subtotal dimensions by hand, so sales transactions (Order Entry) sync only when Intacct
 * defaults subtotal dimensions from the line items (2025 R1). not-applicable when Order Entry is
 * not subscribed.
 */
import type { FactResult } from '../src/model/check.js';
import { defineCheck } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { evaluateSubtotals, subtotalNeeds, type SubtotalModule } from './lib/subtotals.js';

const MODULE: SubtotalModule = {
  app: 'SO',
  name: 'Order Entry',
  lineKey: 'soLineDimensionsInSubtotals',
  distributeKey: 'soDistributeSubtotalsAtEntity',
};

export default defineCheck({
  meta: {
    id: 'so.subtotal-dimensions-from-lines',
    title: 'Order Entry subtotals take dimensions from line items',
    severity: 'blocker',
    category: 'so',
    why:
      'Re-Leased cannot enter subtotal dimensions; Order Entry transactions sync only when Intacct takes subtotal dimensions ' +
      'from the line items (and, in a multi-entity company, distributes subtotals at the entity level).',
    remediation: [
      'At the top level: Order Entry > Setup > Configuration > select "Use line-item dimensions in subtotals", then Save.',
      'In a multi-entity company, at each entity Re-Leased posts to: Order Entry > Setup > Configuration > select "Distribute subtotals at the entity level" (2025 R1 or later), then Save.',
      'Re-run this audit at the top level to confirm every entity.',
    ],
    docs: [DOCS.oeSubtotals, DOCS.poSubtotalsTop, DOCS.releasedKeyAspects],
    version: 1,
  },

  needs: (ctx) => subtotalNeeds(ctx, MODULE),

  evaluate: (facts, ctx) => evaluateSubtotals(facts as Record<string, FactResult | undefined>, ctx, MODULE),
});
