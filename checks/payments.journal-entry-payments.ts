/**
 * payments.journal-entry-payments — posted journal-entry lines in the sync window that name a
 * customer or vendor.
 *
 * Payments recorded as journal entries do not sync to Re-Leased. Intacct does not mark a journal
 * line as "a payment", so this is a heuristic: a GL line tagged with a customer or vendor is the
 * usual sign of a payment or receipt booked in the General Ledger rather than in AR or AP.
 *
 * Lines posted by the AR and AP sub-ledgers (cash receipts, disbursements, …) carry a customer or
 * vendor too, and which journals those are is company data, so the config narrows the check:
 * `checkOptions: { "payments.journal-entry-payments": { "excludeJournals": ["CRJ"] } }`. The
 * journal filter is sent to Intacct (it is part of the read, so of the fact key), never applied
 * after the count.
 */
import { dataCheck, docs, facts, plural, showPrivate, verb, type CheckContext } from '../src/kit/index.js';

const WINDOW = { dateField: 'ENTRY_DATE' };
const HEURISTIC = 'Heuristic: journal lines naming a customer or vendor are often payments or receipts; review each before acting.';
const JOURNAL_LIST = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

/** Journal scope from the check's options: `journals` empty = every journal. */
interface JournalScope {
  journals: string[];
  excludeJournals: string[];
}

function journalScope(ctx: CheckContext): JournalScope {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
  return { journals: list(ctx.options?.journals), excludeJournals: list(ctx.options?.excludeJournals) };
}

function journalFilter(scope: JournalScope): facts.FilterSpec | undefined {
  const parts: facts.FilterSpec[] = [];
  if (scope.journals.length) parts.push({ op: 'in', field: 'JOURNAL', values: scope.journals });
  if (scope.excludeJournals.length) parts.push({ op: 'notin', field: 'JOURNAL', values: scope.excludeJournals });
  return parts.length ? facts.and(...parts) : undefined;
}

/** " (in journal GJ, excluding journal CRJ)" for summaries; '' when every journal is read. */
function inScope(ctx: CheckContext): string {
  const scope = describeScope(journalScope(ctx));
  return scope ? ` (${scope})` : '';
}

/** The journals in words: '' when every journal is read. */
function describeScope(scope: JournalScope): string {
  const words: string[] = [];
  if (scope.journals.length) words.push(`in journal${scope.journals.length === 1 ? '' : 's'} ${scope.journals.join(', ')}`);
  if (scope.excludeJournals.length) words.push(`excluding journal${scope.excludeJournals.length === 1 ? '' : 's'} ${scope.excludeJournals.join(', ')}`);
  return words.join(', ');
}

export default dataCheck({
  meta: {
    id: 'payments.journal-entry-payments',
    title: 'No payments recorded as journal entries',
    severity: 'warning',
    category: 'payments',
    why: 'Payments entered as General Ledger journal entries do not sync from Intacct, so the Re-Leased invoices they settle stay unpaid there. Lines posted by the AR and AP sub-ledger journals name customers and vendors too; the config file can exclude those journals (checkOptions).',
    remediation: [
      'Review each journal entry listed (General Ledger > Journal entries, batch number shown).',
      'Where it records a customer receipt or vendor payment, reverse the journal entry and record the payment in Accounts Receivable > Receive payments (or Accounts Payable > Pay bills) against the invoice or bill.',
      'From go-live, record customer and vendor payments only in AR and AP.',
      'If the lines found were posted by the AR or AP sub-ledgers (e.g. a cash receipts or disbursements journal), leave those journals out in the config file: checkOptions: { "payments.journal-entry-payments": { "excludeJournals": ["<journal symbol>"] } } (or list only the journals to review with "journals").',
    ],
    docs: [docs.releasedLimitations, docs.journalEntriesApi, docs.arPaymentsApi],
    version: 1,
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          excludeJournals: { ...JOURNAL_LIST, description: 'Journal symbols to leave out, e.g. the AR/AP sub-ledger journals (CRJ, …).' },
          journals: { ...JOURNAL_LIST, description: 'Only these journal symbols; empty = every journal.' },
        },
      },
      defaults: { excludeJournals: [], journals: [] },
    },
  },

  // Without permission on journal entries a person can still review them by hand: manual, saying what to grant.
  records: (ctx) => [
    {
      name: 'lines',
      what: 'journal entry lines',
      query: {
        object: 'GLENTRY',
        filter: facts.and(
          { op: 'equalto', field: 'STATE', value: 'Posted' },
          facts.syncWindowFilter(ctx.syncFrom, WINDOW),
          { or: [{ op: 'isnotnull', field: 'CUSTOMERID' }, { op: 'isnotnull', field: 'VENDORID' }] },
          journalFilter(journalScope(ctx)),
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
      },
      dateColumn: 'ENTRY_DATE',
      onFailure: {
        permission: {
          status: 'manual',
          hint: 'Grant the Web Services user List and View on General Ledger > Journal entries, or review journal entries that name customers or vendors by hand.',
        },
        'not-subscribed': { status: 'manual' },
      },
    },
  ],
  sample: {
    columns: ['RECORDNO', 'BATCHNO', 'JOURNAL', 'ENTRY_DATE', 'CUSTOMERID', 'CUSTOMERNAME', 'VENDORID', 'VENDORNAME', 'ACCOUNTNO', 'AMOUNT', 'TR_TYPE', 'CURRENCY', 'DESCRIPTION'],
    keyField: 'RECORDNO',
  },

  found: (n, _breakdown, ctx) =>
    `${plural(n, 'posted journal entry line')} from ${ctx.syncFrom} on${inScope(ctx)} ${verb(n, 'names', 'name')} a customer or vendor: any that record payments will not sync. ${HEURISTIC}`,
  clean: (ctx) =>
    `No posted journal entry line from ${ctx.syncFrom} on${inScope(ctx)} names a customer or vendor (heuristic: payments booked without a customer or vendor are not detected).`,
  note: (ctx) => {
    const scope = describeScope(journalScope(ctx));
    return `posted lines, ${facts.describeSyncWindow(ctx.syncFrom, WINDOW)}${scope ? `, ${scope}` : ', all journals'}, with CUSTOMERID or VENDORID set. ${HEURISTIC}`;
  },
});
