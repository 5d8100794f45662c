/**
 * payments.journal-entry-payments — posted journal-entry lines in the sync window that name a
 * customer or vendor.
 *
 * Payments recorded as journal entries do not sync to Re-Leased. Intacct does not mark a journal
 * line as "a payment", so this is a heuristic: a GL line tagged with a customer or vendor is the
 * usual sign of a payment or receipt booked in the General Ledger rather than in AR or AP.
 */
import { describeSyncWindow, recordSample, syncWindowFilter, and } from '../src/engine/facts/index.js';
import { evaluateData } from './lib/data-check.js';
import { defineCheck, need, showPrivate } from './lib/define.js';
import { DOCS } from './lib/docs.js';
import { failedRead, plural, verb } from './lib/outcome.js';

const WINDOW = { dateField: 'ENTRY_DATE' };
const HEURISTIC = 'Heuristic: journal lines naming a customer or vendor are often payments or receipts; review each before acting.';

export default defineCheck({
  meta: {
    id: 'payments.journal-entry-payments',
    title: 'No payments recorded as journal entries',
    severity: 'warning',
    category: 'payments',
    why: 'Payments entered as General Ledger journal entries do not sync from Intacct, so the Re-Leased invoices they settle stay unpaid there.',
    remediation: [
      'Review each journal entry listed (General Ledger > Journal entries, batch number shown).',
      'Where it records a customer receipt or vendor payment, reverse the journal entry and record the payment in Accounts Receivable > Receive payments (or Accounts Payable > Pay bills) against the invoice or bill.',
      'From go-live, record customer and vendor payments only in AR and AP.',
    ],
    docs: [DOCS.releasedLimitations, DOCS.journalEntriesApi, DOCS.arPaymentsApi],
    version: 1,
  },

  needs: (ctx) => ({
    lines: need(
      recordSample({
        object: 'GLENTRY',
        filter: and(
          { op: 'equalto', field: 'STATE', value: 'Posted' },
          syncWindowFilter(ctx.syncFrom, WINDOW),
          { or: [{ op: 'isnotnull', field: 'CUSTOMERID' }, { op: 'isnotnull', field: 'VENDORID' }] },
        ),
        fields: [
          'RECORDNO',
          'BATCHNO',
          'JOURNAL',
          'ENTRY_DATE',
          'ACCOUNTNO',
          'AMOUNT',
          'TR_TYPE',
          'CUSTOMERID',
          'CUSTOMERNAME',
          'VENDORID',
          'VENDORNAME',
          'CURRENCY',
          'DESCRIPTION',
          'MEGAENTITYID',
        ],
        orderBy: [{ field: 'ENTRY_DATE', descending: true }],
        showPrivate: showPrivate(ctx),
      }),
    ),
  }),

  evaluate: (facts, ctx) =>
    evaluateData([{ fact: facts.lines, what: 'journal entry lines', row: (r) => r, dateColumn: 'ENTRY_DATE' }], {
      columns: ['RECORDNO', 'BATCHNO', 'JOURNAL', 'ENTRY_DATE', 'CUSTOMERID', 'CUSTOMERNAME', 'VENDORID', 'VENDORNAME', 'ACCOUNTNO', 'AMOUNT', 'TR_TYPE', 'CURRENCY', 'DESCRIPTION'],
      keyField: 'RECORDNO',
      found: (n) =>
        `${plural(n, 'posted journal entry line')} from ${ctx.syncFrom} on ${verb(n, 'names', 'name')} a customer or vendor: any that record payments will not sync. ${HEURISTIC}`,
      clean: `No posted journal entry line from ${ctx.syncFrom} on names a customer or vendor (heuristic: payments booked without a customer or vendor are not detected).`,
      note: `posted lines, ${describeSyncWindow(ctx.syncFrom, WINDOW)}, with CUSTOMERID or VENDORID set. ${HEURISTIC}`,
      onFailure: (fact, what, evidence) =>
        failedRead(fact, what, {
          status: fact.error.kind === 'permission' || fact.error.kind === 'not-subscribed' ? 'manual' : 'error',
          extra: evidence,
          hint:
            fact.error.kind === 'permission'
              ? 'Grant the Web Services user List and View on General Ledger > Journal entries, or review journal entries that name customers or vendors by hand.'
              : undefined,
        }),
    }),
});
