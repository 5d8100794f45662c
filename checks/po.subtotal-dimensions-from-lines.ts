/**
 * po.subtotal-dimensions-from-lines — Purchasing subtotals take their dimensions from the lines.
 *
 * Re-Leased cannot set subtotal dimensions by hand, so purchasing transactions sync only when Intacct
 * defaults subtotal dimensions from the line items (2025 R1). not-applicable when Purchasing is
 * not subscribed. Decided as its twin so.subtotal-dimensions-from-lines decides for Order Entry.
 */
import { docs } from '../src/kit/index.js';
import { subtotalsCheck } from './so.subtotal-dimensions-from-lines.js';

export default subtotalsCheck(
  { app: 'PO', name: 'Purchasing', lineKey: 'poLineDimensionsInSubtotals', distributeKey: 'poDistributeSubtotalsAtEntity' },
  {
    id: 'po.subtotal-dimensions-from-lines',
    title: 'Purchasing subtotals take dimensions from line items',
    severity: 'blocker',
    category: 'po',
    why:
      'Re-Leased cannot enter subtotal dimensions; Purchasing transactions sync only when Intacct takes subtotal dimensions ' +
      'from the line items (and, in a multi-entity company, distributes subtotals at the entity level).',
    remediation: [
      'At the top level: Purchasing > Setup > Configuration > select "Use line-item dimensions in subtotals", then Save.',
      'In a multi-entity company, at each entity Re-Leased posts to: Purchasing > Setup > Configuration > select "Distribute subtotals at the entity level" (2025 R1 or later), then Save.',
      'Re-run this audit at the top level to confirm every entity.',
    ],
    docs: [docs.poSubtotalsTop, docs.oeSubtotals, docs.releasedKeyAspects],
    version: 1,
  },
);
