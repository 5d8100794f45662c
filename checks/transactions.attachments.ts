/**
 * transactions.attachments — AR invoices and AP bills with attachments.
 *
 * Attachments on Intacct invoices do not sync: the transactions arrive in Re-Leased without them.
 */
import { describeSyncWindow } from '../src/facts/index.js';
import { evaluateData } from './lib/data-check.js';
import { defineCheck, need } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { plural, verb } from './lib/outcome.js';
import {
  TRANSACTION_COLUMNS,
  TRANSACTION_LABEL,
  TRANSACTION_WINDOW,
  transactionRow,
  transactionSample,
  type TransactionObject,
} from './lib/records.js';

const OBJECTS: TransactionObject[] = ['ARINVOICE', 'APBILL'];
const HAS_ATTACHMENT = { op: 'isnotnull', field: 'SUPDOCID' } as const;

export default defineCheck({
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
    docs: [DOCS.releasedLimitations, DOCS.attachmentsApi, DOCS.billsApi],
    version: 1,
  },

  needs: (ctx) => ({
    ARINVOICE: need(transactionSample(ctx, 'ARINVOICE', HAS_ATTACHMENT, ['SUPDOCID'])),
    APBILL: need(transactionSample(ctx, 'APBILL', HAS_ATTACHMENT, ['SUPDOCID'])),
  }),

  evaluate: (facts, ctx) =>
    evaluateData(
      OBJECTS.map((o) => ({ fact: facts[o], what: TRANSACTION_LABEL[o].many, row: transactionRow(o), dateColumn: 'WHENCREATED' })),
      {
        columns: [...TRANSACTION_COLUMNS, 'SUPDOCID'],
        keyField: 'RECORDNO',
        objectField: 'OBJECT',
        found: (n, breakdown) =>
          `${plural(n, 'transaction')} in the sync window or still open (${breakdown}) ${verb(n, 'has', 'have')} attachments, which will not reach Re-Leased.`,
        clean: `No AR invoice or AP bill in the sync window (from ${ctx.syncFrom}, or still open) has an attachment.`,
        note: `sync window: ${describeSyncWindow(ctx.syncFrom, TRANSACTION_WINDOW)}`,
      },
    ),
});
