/**
 * transactions.attachments — AR invoices and AP bills with attachments.
 *
 * Attachments on Intacct invoices do not sync: the transactions arrive in Re-Leased without them.
 */
import { dataCheck, docs, facts, plural, TRANSACTION_COLUMNS, TRANSACTION_WINDOW, transactionName, transactions, verb } from '../src/kit/index.js';

const HAS_ATTACHMENT = { op: 'isnotnull', field: 'SUPDOCID' } as const;

export default dataCheck({
  meta: {
    id: 'transactions.attachments',
    title: 'Invoices and bills with attachments',
    severity: 'info',
    category: 'transactions',
    why: 'Attachments on Intacct invoices and bills do not sync: the transactions reach Re-Leased without their documents.',
    remediation: [
      'Decide where documents live after go-live; if Re-Leased users need them, upload them to the Re-Leased invoice by hand.',
      'Attachments stay available in Intacct: Company > Attachments, or the transaction\'s Attachments field.',
    ],
    docs: [docs.releasedLimitations, docs.attachmentsApi, docs.billsApi],
    version: 1,
  },

  records: (ctx) => [transactions(ctx, 'ARINVOICE', HAS_ATTACHMENT, ['SUPDOCID']), transactions(ctx, 'APBILL', HAS_ATTACHMENT, ['SUPDOCID'])],
  sample: { columns: [...TRANSACTION_COLUMNS, 'SUPDOCID'], keyField: 'RECORDNO', objectField: 'OBJECT' },

  found: (n, breakdown) =>
    `${plural(n, 'transaction')} in the sync window or still open (${breakdown}) ${verb(n, 'has', 'have')} attachments, which will not reach Re-Leased.`,
  clean: (ctx) => `No AR invoice or AP bill in the sync window (from ${ctx.syncFrom}, or still open) has an attachment.`,
  note: (ctx) => `sync window: ${facts.describeSyncWindow(ctx.syncFrom, TRANSACTION_WINDOW)}`,
  action: (row) =>
    `Attachment ${row['SUPDOCID'] ?? ''} of ${transactionName(row)} stays in Intacct: upload it to the Re-Leased invoice by hand if Re-Leased users need it.`,
});
