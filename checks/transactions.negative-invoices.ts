/**
 * transactions.negative-invoices — AR invoices and AP bills with a negative total.
 *
 * Intacct allows "credit invoices" (a negative total); Re-Leased does not sync them. Credits
 * belong in AR or AP adjustments, which sync as credit notes.
 *
 * Reversing an invoice or bill creates a second record that zeroes it out, with a negative total:
 * that is a reversal, not a credit invoice, and is left out. Which records those are is read from
 * Intacct at run time (lookup: the STATE values, or the reversal fields); when the definition does
 * not identify them they are counted as before, and the evidence says so.
 */
import { dataCheck, docs, facts, plural, reversalBasis, TRANSACTION_COLUMNS, TRANSACTION_WINDOW, transactionName, transactions, verb, type TransactionObject } from '../src/kit/index.js';

const OBJECTS: TransactionObject[] = ['ARINVOICE', 'APBILL'];
const NEGATIVE = { op: 'lessthan', field: 'TOTALENTERED', value: '0' } as const;

export default dataCheck({
  meta: {
    id: 'transactions.negative-invoices',
    title: 'No invoices or bills with a negative total',
    severity: 'warning',
    category: 'transactions',
    why: 'A negative ("credit") invoice or bill fails to sync to Re-Leased and raises a sync error; credits sync only as AR or AP adjustments (credit notes). The record Intacct creates to zero out a reversed invoice or bill is not a credit invoice and is left out, identified from what Intacct reports (the STATE values of lookup).',
    remediation: [
      'For each transaction listed: reverse it (Accounts Receivable > Invoices > Reverse, or Accounts Payable > Bills > Reverse), which syncs as a void.',
      'Record the credit as an adjustment instead: Accounts Receivable > Adjustments (or Accounts Payable > Adjustments) > Add, and apply it to the invoice or bill.',
      'Tell the team to use adjustments for credits from now on.',
    ],
    docs: [docs.releasedLimitations, docs.arAdjustmentsApi, docs.invoicesApi],
    version: 2,
  },

  ...reversalBasis(
    OBJECTS,
    (identified) =>
      identified
        ? 'those records are left out (a reversal is not a credit invoice)'
        : 'a record that zeroes out a reversal, if any, cannot be told apart and is counted like any negative invoice',
    (marks) => marks.notZeroing !== undefined,
  ),
  records: (ctx) => OBJECTS.map((o) => transactions(ctx, o, facts.excludingReversals(o, NEGATIVE))),
  sample: { columns: [...TRANSACTION_COLUMNS, 'STATE'], keyField: 'RECORDNO', objectField: 'OBJECT' },

  found: (n, breakdown) =>
    `${plural(n, 'transaction')} in the sync window or still open (${breakdown}) ${verb(n, 'has', 'have')} a negative total: they fail to sync; use adjustments for credits.`,
  clean: (ctx) => `No AR invoice or AP bill in the sync window (from ${ctx.syncFrom}, or still open) has a negative total.`,
  note: (ctx) => `sync window: ${facts.describeSyncWindow(ctx.syncFrom, TRANSACTION_WINDOW)}`,
  action: (row) =>
    `Reverse ${transactionName(row)} (it syncs as a void), then record the credit of ${String(row['TOTALENTERED'] ?? '').replace(/^-/, '')} ${row['CURRENCY'] ?? ''} as an adjustment applied to the ${row['OBJECT'] === 'APBILL' ? 'bill' : 'invoice'}.`,
});
