// An example user check (load it with --checks-dir examples/user-checks).
//
// A user check is built like a built-in one, with the same kit: its metadata, the records it
// counts, the columns of its sample and the words for what it finds. It never receives the Intacct
// client: the kit describes one query, the engine sends it (through the read-only allowlist,
// batched with the built-in checks' reads) and reports a failed read the way it reports any other.
import { dataCheck, plural, transactions, TRANSACTION_COLUMNS, verb } from 'intacct-preflight/kit';

const DRAFT = { op: 'equalto', field: 'STATE', value: 'Draft' };

export default dataCheck({
  meta: {
    id: 'example.draft-ar-invoices',
    title: 'No AR invoices left in draft',
    severity: 'info',
    category: 'ar',
    why: 'Draft invoices in Intacct correspond to invoices awaiting approval in Re-Leased; a backlog of drafts at go-live is worth clearing first.',
    remediation: ['Review the draft invoices in Accounts Receivable > Invoices, then post or delete each one.'],
    docs: [{ title: 'Intacct API: AR invoices', url: 'https://developer.intacct.com/api/accounts-receivable/invoices/' }],
    version: 1,
  },

  // AR invoices in Draft state in the sync window (created on or after the sync-from date, or
  // still open), newest first: one query, which counts them all and transfers the 25 most recent.
  records: (ctx) => [transactions(ctx, 'ARINVOICE', DRAFT)],
  sample: { columns: TRANSACTION_COLUMNS, keyField: 'RECORDNO', objectField: 'OBJECT' },

  found: (n) => `${plural(n, 'AR invoice')} ${verb(n, 'is', 'are')} still in draft.`,
  clean: 'No AR invoice is in draft.',
  note: 'AR invoices in Draft state',
});
