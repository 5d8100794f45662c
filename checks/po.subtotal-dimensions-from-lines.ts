/**
 * po.subtotal-dimensions-from-lines — Purchasing subtotals take their dimensions from the lines.
 *
 * Re-Leased cannot set subtotal dimensions by hand, so purchasing transactions sync only when Intacct
 * defaults subtotal dimensions from the line items (2025 R1). not-applicable when Purchasing is
 * not subscribed or the profile says Re-Leased posts AP bills directly (`integration.purchasing:
 * false`). Decided where Re-Leased creates records, as its twin so.subtotal-dimensions-from-lines
 * decides for Order Entry.
 */
import { docs } from '../src/kit/index.js';
import { subtotalsCheck } from './so.subtotal-dimensions-from-lines.js';

export default subtotalsCheck(
  {
    app: 'PO',
    name: 'Purchasing',
    profileKey: 'purchasing',
    flag: 'purchasing',
    direct: 'AP bills',
    lineKey: 'poLineDimensionsInSubtotals',
    distributeKey: 'poDistributeSubtotalsAtEntity',
  },
  {
    id: 'po.subtotal-dimensions-from-lines',
    title: 'Purchasing subtotals take dimensions from line items',
    severity: 'blocker',
    category: 'po',
    why:
      'Re-Leased cannot enter subtotal dimensions; when it posts purchases through Purchasing, they sync only if Intacct takes subtotal dimensions ' +
      'from the line items where Re-Leased creates records: at the top level "Use line-item dimensions in subtotals", in an entity (Top-Level syncing off) ' +
      'that entity\'s "Distribute subtotals at the entity level". When Re-Leased posts AP bills directly (integration.purchasing: false), this does not apply.',
    remediation: [
      'With Top-Level syncing: at the top level, Purchasing > Setup > Configuration > select "Use line-item dimensions in subtotals", then Save.',
      'Without Top-Level syncing: in the entity Re-Leased is connected to, Purchasing > Setup > Configuration > select "Distribute subtotals at the entity level" (2025 R1 or later), then Save.',
      'If Re-Leased posts AP bills directly and never uses Purchasing, say so in the config file ("integration": { "purchasing": false }) or with --no-purchasing.',
    ],
    docs: [docs.poSubtotalsTop, docs.oeSubtotals, docs.releasedKeyAspects, docs.releasedTopLevel],
    version: 2,
  },
);
