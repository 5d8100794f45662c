/**
 * transactions.deleted-invoices — AR invoices and AP bills deleted in Intacct within the sync window.
 *
 * Deletions do not sync: an invoice already in Re-Leased stays there until someone voids it by
 * hand. Reversing (not deleting) is the way that syncs. Useful for monitoring after go-live.
 */
import { toIntacctDate } from '../src/facts/index.js';
import { evaluateData } from './lib/data-check.js';
import { auditHistoryFailure, DELETION_COLUMNS, deletionSample } from './lib/audit-history.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { plural } from './lib/outcome.js';

export default defineCheck({
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
    docs: [DOCS.releasedLimitations, DOCS.auditTrailsApi, DOCS.invoicesApi],
    version: 1,
  },

  needs: (ctx) => ({
    deletions: need(
      deletionSample(['arinvoice', 'apbill'], { op: 'greaterthanorequalto', field: 'ACCESSTIME', value: toIntacctDate(ctx.syncFrom) }),
    ),
  }),

  evaluate: (facts, ctx) =>
    evaluateData([{ fact: facts.deletions, what: 'the audit trail (AUDITHISTORY)', row: (r) => r, dateColumn: 'ACCESSTIME' }], {
      columns: DELETION_COLUMNS,
      keyField: 'OBJECTKEY',
      objectField: 'OBJECTTYPE',
      found: (n) =>
        `${plural(n, 'invoice or bill deletion', 'invoice and bill deletions')} since ${ctx.syncFrom}: any already in Re-Leased must be voided there by hand.`,
      clean: `The audit trail shows no AR invoice or AP bill deleted since ${ctx.syncFrom}.`,
      note: `AUDITHISTORY, access mode D (delete), object types arinvoice and apbill, ACCESSTIME on or after ${ctx.syncFrom}`,
      onFailure: auditHistoryFailure,
    }),
});
