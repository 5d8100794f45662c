/**
 * transactions.deleted-invoices — AR invoices and AP bills deleted in Intacct within the sync window.
 *
 * Deletions do not sync: an invoice already in Re-Leased stays there until someone voids it by
 * hand. Reversing (not deleting) is the way that syncs. Useful for monitoring after go-live: with
 * `integration.connectedOn`, deletions before the connection are listed but not counted.
 */
import { dataCheck, DELETION_COLUMNS, deletionsSinceConnection, docs, plural, type CheckContext } from '../src/kit/index.js';

/** Counted from the sync-from date, or from the connection when that is later. */
const since = (ctx: CheckContext): string => (ctx.integration.connectedOn && ctx.integration.connectedOn > ctx.syncFrom ? ctx.integration.connectedOn : ctx.syncFrom);
const connectedWords = (ctx: CheckContext): string => (since(ctx) === ctx.syncFrom ? ctx.syncFrom : `${since(ctx)} (when the integration was connected)`);

export default dataCheck({
  meta: {
    id: 'transactions.deleted-invoices',
    title: 'Invoices and bills deleted in Intacct',
    severity: 'info',
    category: 'transactions',
    why: 'Invoices and bills deleted in Intacct do not sync: one already in Re-Leased stays there until it is voided by hand. Reversed transactions do sync (as a void).',
    remediation: [
      'For each deletion listed, find the invoice in Re-Leased (by number) and void it there by hand if it was synced.',
      'From now on, reverse instead of deleting: Accounts Receivable > Invoices > Reverse, or Accounts Payable > Bills > Reverse.',
    ],
    docs: [docs.releasedLimitations, docs.auditTrailsApi, docs.invoicesApi],
    version: 2,
  },

  // Reading the audit trail needs a permission many Web Services users lack: then it is manual, naming it.
  ...deletionsSinceConnection(['arinvoice', 'apbill'], (ctx) => ctx.syncFrom),
  sample: { columns: DELETION_COLUMNS, keyField: 'OBJECTKEY', objectField: 'OBJECTTYPE' },

  found: (n, _breakdown, ctx) =>
    `${plural(n, 'invoice or bill deletion', 'invoice and bill deletions')} since ${connectedWords(ctx)}: any already in Re-Leased must be voided there by hand.`,
  clean: (ctx) => `The audit trail shows no AR invoice or AP bill deleted since ${connectedWords(ctx)}.`,
  note: (ctx) => `AUDITHISTORY, access mode D (delete), object types arinvoice and apbill, ACCESSTIME on or after ${since(ctx)}${ctx.entityId === undefined ? ', entity-owned rows included' : ''}`,
  action: (row) =>
    `Find ${row['OBJECTTYPE'] === 'apbill' ? 'bill' : 'invoice'} ${row['OBJECTKEY'] ?? ''} in Re-Leased and void it there by hand if it was synced.`,
});
