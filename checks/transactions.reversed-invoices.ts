/**
 * transactions.reversed-invoices — AR invoices and AP bills reversed, in the sync window.
 *
 * A reversal syncs: it voids the Re-Leased invoice, and leaves a sync error for the record that
 * must then be unlinked by hand. Which records are reversed is read from Intacct at run time
 * (lookup: the STATE value of a reversed original, or its reversal field); when the definition
 * does not identify them, a person has to look.
 */
import { dataCheck, docs, facts, plural, reversalBasis, TRANSACTION_COLUMNS, TRANSACTION_WINDOW, transactionName, transactions, verb, type TransactionObject } from '../src/kit/index.js';

const OBJECTS: TransactionObject[] = ['ARINVOICE', 'APBILL'];
const UNIDENTIFIED = {
  status: 'manual' as const,
  hint: 'Look for reversed invoices and bills by hand (Accounts Receivable > Invoices, Accounts Payable > Bills, filtered on state), and tell the maintainers which STATE value Intacct shows for them.',
};

export default dataCheck({
  meta: {
    id: 'transactions.reversed-invoices',
    title: 'Invoices and bills reversed in Intacct',
    severity: 'info',
    category: 'transactions',
    why: 'A reversed invoice or bill syncs to Re-Leased and voids the Re-Leased invoice, but leaves a sync error on the record that must be unlinked by hand.',
    remediation: [
      'Let the next sync run (or start one from the Sync Results page in Re-Leased): each reversal listed voids its Re-Leased invoice.',
      'Then, on the Sync Results page, unlink each invoice or bill listed that shows a sync error, so Re-Leased stops retrying it.',
      'From now on, expect this after every reversal in Intacct; reverse rather than delete, since deletions do not sync at all.',
    ],
    docs: [docs.releasedLimitations, docs.releasedUnlink, docs.releasedSync, docs.reverseInvoiceHelp],
    version: 1,
  },

  ...reversalBasis(
    OBJECTS,
    (identified) => (identified ? 'those records are counted' : 'reversed records cannot be identified'),
    (marks) => marks.reversed !== undefined,
  ),
  records: (ctx) => OBJECTS.map((o) => ({ ...transactions(ctx, o, facts.reversedOriginals(o)), onFailure: { 'unknown-object': UNIDENTIFIED } })),
  sample: { columns: [...TRANSACTION_COLUMNS, 'STATE'], keyField: 'RECORDNO', objectField: 'OBJECT' },

  found: (n, breakdown) =>
    `${plural(n, 'transaction')} in the sync window or still open (${breakdown}) ${verb(n, 'was', 'were')} reversed: each voids its Re-Leased invoice on the next sync and leaves a sync error to unlink on the Sync Results page.`,
  clean: (ctx) => `No AR invoice or AP bill in the sync window (from ${ctx.syncFrom}, or still open) was reversed.`,
  note: (ctx) => `sync window: ${facts.describeSyncWindow(ctx.syncFrom, TRANSACTION_WINDOW)}`,
  action: (row) =>
    `After the next sync, unlink ${transactionName(row)} on Re-Leased's Sync Results page if it shows a sync error (its reversal voids the Re-Leased invoice).`,
});
