/**
 * currency.foreign-currency-transactions — AR invoices and AP bills in the sync window (or still
 * open) in a currency other than the base currency of their entity.
 *
 * Re-Leased syncs transactions in the local currency only; these will raise sync errors. With the
 * Re-Leased account's currency in the profile (integration.currency), every transaction is
 * compared with that instead.
 */
import {
  baseCurrencyColumn,
  comparedCurrency,
  dataCheck,
  docs,
  facts,
  foreignCurrency,
  plural,
  TRANSACTION_COLUMNS,
  TRANSACTION_WINDOW,
  transactionName,
  transactions,
  verb,
} from '../src/kit/index.js';

export default dataCheck({
  meta: {
    id: 'currency.foreign-currency-transactions',
    title: 'No invoices or bills in a foreign currency',
    severity: 'warning',
    category: 'currency',
    why:
      'Re-Leased syncs invoices and bills in the local (base) currency only; foreign-currency transactions dated in the sync window, or still open, fail to sync. ' +
      "Each is compared with its entity's base currency, or, when the config gives the Re-Leased account's currency (integration.currency, --currency), with that.",
    remediation: [
      'Settle or close the open foreign-currency invoices and bills before go-live (Accounts Receivable > Invoices, Accounts Payable > Bills).',
      'Or choose a later sync-from date in Re-Leased if only old, settled transactions are affected.',
      'Keep recording foreign-currency business outside the integration, or in base currency, from go-live on.',
    ],
    docs: [docs.releasedLimitations, docs.invoicesApi, docs.billsApi, docs.multiBaseCurrency],
    version: 2,
  },

  // Each record beside the base currency of its entity (BASECURRENCY): read first, as the filter needs it.
  ...baseCurrencyColumn(),
  records: (ctx) => [
    transactions(ctx, 'ARINVOICE', foreignCurrency(ctx), ['BASECURR']),
    transactions(ctx, 'APBILL', foreignCurrency(ctx), ['BASECURR']),
  ],
  sample: { columns: [...TRANSACTION_COLUMNS, 'BASECURRENCY'], keyField: 'RECORDNO', objectField: 'OBJECT' },

  found: (n, breakdown, ctx) =>
    `${plural(n, 'transaction')} in the sync window or still open (${breakdown}) ${verb(n, 'is', 'are')} in a currency other than ${comparedCurrency(ctx)} and will not sync.`,
  clean: (ctx) =>
    `No AR invoice or AP bill in the sync window (from ${ctx.syncFrom}, or still open) is in ${ctx.integration.currency === undefined ? 'a foreign currency' : `a currency other than ${comparedCurrency(ctx)}`}.`,
  note: (ctx) => `sync window: ${facts.describeSyncWindow(ctx.syncFrom, TRANSACTION_WINDOW)}`,
  action: (row) =>
    Number(row['TOTALDUE'] ?? 0) !== 0
      ? `Settle or close ${transactionName(row)} (${row['TOTALDUE']} ${row['CURRENCY'] ?? ''} due) before go-live.`
      : `${transactionName(row)} is settled: choose a later sync-from date in Re-Leased if it must not sync, or keep it out of the integration.`,
});
