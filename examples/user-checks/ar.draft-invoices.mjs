// An example user check (load it with --checks-dir examples/user-checks).
//
// A user check has the same shape as a built-in one: metadata, the facts it needs, and a pure
// `evaluate`. It never receives the Intacct client: it describes one read function per fact, the
// engine sends it (read-only allowlist included), and `evaluate` gets the result as plain data.

/** AR invoices still in Draft state, created on or after the sync-from date. */
function draftInvoices(syncFrom) {
  const [year, month, day] = syncFrom.split('-');
  return {
    key: `example:draft-ar-invoices:${syncFrom}`,
    request: () => ({
      function: 'query',
      object: 'ARINVOICE',
      select: ['RECORDNO', 'RECORDID', 'CUSTOMERID', 'WHENCREATED', 'TOTALENTERED', 'CURRENCY'],
      filter: {
        and: [
          { op: 'equalto', field: 'STATE', value: 'Draft' },
          { op: 'greaterthanorequalto', field: 'WHENCREATED', value: `${month}/${day}/${year}` },
        ],
      },
      orderBy: [{ field: 'WHENCREATED', descending: true }],
      pageSize: 25,
    }),
    // `totalCount` is the number of matches in Intacct; only the 25 most recent are transferred.
    interpret: (data) => ({ count: data.totalCount ?? data.records.length, sample: data.records }),
  };
}

export default {
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

  needs: (ctx) => ({ drafts: { fact: draftInvoices(ctx.syncFrom) } }),

  evaluate: ({ drafts }) => {
    const { count, sample } = drafts.value;
    const evidence = [{ source: 'query', object: 'ARINVOICE', field: 'STATE', observed: count, note: 'AR invoices in Draft state' }];
    const affected = {
      count,
      sample: sample.map((r) => ({ RECORDNO: r.RECORDNO, RECORDID: r.RECORDID, CUSTOMERID: r.CUSTOMERID, WHENCREATED: r.WHENCREATED, TOTALENTERED: r.TOTALENTERED, CURRENCY: r.CURRENCY })),
      columns: ['RECORDNO', 'RECORDID', 'CUSTOMERID', 'WHENCREATED', 'TOTALENTERED', 'CURRENCY'],
      object: 'ARINVOICE',
      keyField: 'RECORDNO',
    };
    if (count === 0) return { status: 'pass', summary: 'No AR invoice is in draft.', evidence, affected };
    return { status: 'fail', summary: `${count} AR invoice${count === 1 ? ' is' : 's are'} still in draft.`, evidence, affected };
  },
};
