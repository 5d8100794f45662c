/**
 * currency.foreign-currency-transactions — AR invoices and AP bills in the sync window (or still
 * open) in a currency other than the base currency of their entity.
 *
 * Re-Leased syncs transactions in the local currency only; these will raise sync errors.
 */
import {
  baseCurrenciesFromFacts,
  describeSyncWindow,
  entityDetails,
  financialSetup,
  foreignCurrencyFilter,
} from '../src/facts/index.js';
import type { Evidence } from '../src/model/check.js';
import { baseCurrencyEvidence, withBaseCurrency } from './lib/currency.js';
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

export default defineCheck({
  meta: {
    id: 'currency.foreign-currency-transactions',
    title: 'No invoices or bills in a foreign currency',
    severity: 'warning',
    category: 'currency',
    why: 'Re-Leased syncs invoices and bills in the local (base) currency only; foreign-currency transactions dated in the sync window, or still open, fail to sync.',
    remediation: [
      'Settle or close the open foreign-currency invoices and bills before go-live (Accounts Receivable > Invoices, Accounts Payable > Bills).',
      'Or choose a later sync-from date in Re-Leased if only old, settled transactions are affected.',
      'Keep recording foreign-currency business outside the integration, or in base currency, from go-live on.',
    ],
    docs: [DOCS.releasedLimitations, DOCS.invoicesApi, DOCS.billsApi, DOCS.multiBaseCurrency],
    version: 1,
  },

  needs: (ctx) => ({
    setup: need(financialSetup()),
    entities: need(entityDetails()),
    ARINVOICE: need(transactionSample(ctx, 'ARINVOICE', foreignCurrencyFilter(), ['BASECURR'])),
    APBILL: need(transactionSample(ctx, 'APBILL', foreignCurrencyFilter(), ['BASECURR'])),
  }),

  evaluate: (facts, ctx) => {
    const bases = baseCurrenciesFromFacts(facts.setup, facts.entities, ctx.entityId);
    const extra: Evidence[] = 'problem' in bases ? [] : [baseCurrencyEvidence(bases)];
    return evaluateData(
      OBJECTS.map((o) => ({
        fact: facts[o],
        what: TRANSACTION_LABEL[o].many,
        row: (rec) => withBaseCurrency(bases, transactionRow(o)(rec)),
        dateColumn: 'WHENCREATED',
      })),
      {
        columns: [...TRANSACTION_COLUMNS, 'BASECURRENCY'],
        keyField: 'RECORDNO',
        objectField: 'OBJECT',
        found: (n, breakdown) =>
          `${plural(n, 'transaction')} in the sync window or still open (${breakdown}) ${verb(n, 'is', 'are')} in a currency other than their base currency and will not sync.`,
        clean: `No AR invoice or AP bill in the sync window (from ${ctx.syncFrom}, or still open) is in a foreign currency.`,
        note: `sync window: ${describeSyncWindow(ctx.syncFrom, TRANSACTION_WINDOW)}`,
      },
      extra,
    );
  },
});
