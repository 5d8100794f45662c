/**
 * payments.unapplied-credits — overpayments and advances not yet applied to an invoice.
 *
 * Unallocated overpayments and prepayments do not reach Re-Leased; once applied to an invoice
 * they come through on the next sync. Open ones count whatever their date.
 */
import { dataCheck, docs, plural, showPrivate, verb } from '../src/kit/index.js';

export default dataCheck({
  meta: {
    id: 'payments.unapplied-credits',
    title: 'Overpayments and advances not yet applied',
    severity: 'info',
    category: 'payments',
    why: 'Overpayments and advance payments reach Re-Leased only once they are applied to an invoice in Intacct; until then tenant balances differ between the systems.',
    remediation: [
      'Apply each credit listed to an open invoice: Accounts Receivable > Receive payments > Apply overpayments / advances (or from the customer\'s balance).',
      'Or refund it outside the integration, noting that refunds do not sync either.',
    ],
    docs: [docs.releasedLimitations, docs.arAdvancesApi, docs.overpaymentsHelp],
    version: 1,
  },

  records: (ctx) => [
    {
      name: 'credits',
      what: 'AR payments',
      query: {
        object: 'ARPYMT',
        filter: {
          and: [
            { op: 'in', field: 'RECORDTYPE', values: ['rp', 'rr'] },
            { op: 'notequalto', field: 'TOTALDUE', value: '0' },
          ],
        },
        fields: ['RECORDNO', 'RECORDTYPE', 'CUSTOMERID', 'CUSTOMERNAME', 'STATE', 'WHENCREATED', 'WHENPAID', 'TOTALENTERED', 'TOTALDUE', 'CURRENCY', 'MEGAENTITYID'],
        orderBy: [{ field: 'WHENCREATED', descending: true }],
        showPrivate: showPrivate(ctx),
      },
      row: (r) => ({ ...r, KIND: r['RECORDTYPE'] === 'rp' ? 'overpayment' : r['RECORDTYPE'] === 'rr' ? 'advance' : (r['RECORDTYPE'] ?? null) }),
      dateColumn: 'WHENCREATED',
    },
  ],
  sample: { columns: ['RECORDNO', 'KIND', 'RECORDTYPE', 'CUSTOMERID', 'CUSTOMERNAME', 'WHENCREATED', 'TOTALENTERED', 'TOTALDUE', 'CURRENCY', 'MEGAENTITYID'], keyField: 'RECORDNO' },

  found: (n) =>
    `${plural(n, 'overpayment or advance', 'overpayments and advances')} not yet applied to an invoice: ${verb(n, 'it reaches', 'they reach')} Re-Leased only once applied.`,
  clean: 'No unapplied overpayments or advances.',
  note: 'ARPYMT with RECORDTYPE rp (overpayment) or rr (advance payment) and an amount still due (TOTALDUE not 0), any date',
  action: (row) =>
    `Apply ${row['KIND'] ?? 'payment'} ${row['RECORDNO'] ?? ''} of ${row['CUSTOMERNAME'] ?? row['CUSTOMERID'] ?? 'the customer'} (${row['TOTALDUE'] ?? ''} ${row['CURRENCY'] ?? ''} unapplied) to an open invoice: Accounts Receivable > Receive payments > Apply overpayments / advances.`,
});
