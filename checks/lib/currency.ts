/** Evidence wording shared by the currency checks. */
import type { BaseCurrencies } from '../../src/facts/index.js';
import type { Evidence, SampleRecord } from '../../src/model/check.js';
import { baseCurrencyOf } from '../../src/facts/index.js';

export function baseCurrencyEvidence(bases: BaseCurrencies): Evidence {
  if (bases.multiBaseCurrency && !bases.default) {
    return {
      source: 'readEntityDetails',
      field: 'currency',
      observed: Object.entries(bases.byEntity).map(([id, cur]) => `${id}: ${cur}`).join(', '),
      note: "multiple base currencies: each record is compared with the base currency of its entity; records owned by no entity are flagged when their currency is no entity's base currency",
    };
  }
  return { source: 'getFinancialSetup', field: 'baseCurrency', observed: bases.default };
}

/** Adds BASECURRENCY: the base currency of the entity that owns the record. */
export function withBaseCurrency(bases: BaseCurrencies | { problem: string }, row: SampleRecord): SampleRecord {
  return { ...row, BASECURRENCY: 'problem' in bases ? null : baseCurrencyOf(bases, row['MEGAENTITYID']) };
}
