/**
 * currency.foreign-currency-contacts — customers and vendors in a currency other than the base
 * currency of their entity.
 *
 * Re-Leased syncs contacts in the local currency only; a contact whose default currency is set
 * and differs from the base currency cannot sync. Only active contacts count: the limitation
 * article's own remedy is to detach the contact and make it inactive in Intacct, so an inactive
 * foreign-currency contact is one already dealt with. Those are listed in the evidence instead.
 * With the Re-Leased account's currency in the profile (integration.currency), every contact is
 * compared with that instead of its entity's base currency.
 */
import {
  baseCurrencyColumn,
  comparedCurrency,
  contactName,
  contacts,
  dataCheck,
  docs,
  facts,
  failureEvidence,
  foreignCurrency,
  formatCount,
  plural,
  read,
  verb,
  type CheckContext,
  type ContactObject,
  type Evidence,
  type FactResult,
} from '../src/kit/index.js';

const OBJECTS: ContactObject[] = ['CUSTOMER', 'VENDOR'];
const ACTIVE = { op: 'equalto', field: 'STATUS', value: 'active' } as const;
const INACTIVE = { op: 'equalto', field: 'STATUS', value: 'inactive' } as const;
const currency = baseCurrencyColumn();

const inactive = (ctx: CheckContext, object: ContactObject) => contacts(ctx, object, facts.and(INACTIVE, foreignCurrency(ctx)));

/** The remedy already applied: how many inactive foreign-currency contacts, and which. */
function remedied(object: ContactObject, result: FactResult<facts.RecordSample>, ctx: CheckContext): Evidence {
  const set = inactive(ctx, object);
  if (!result.ok) return { ...failureEvidence(result), note: `inactive foreign-currency ${set.what} could not be read: ${result.error.message}` };
  const ids = result.value.sample.map((r) => set.row!(r)['ID']).filter((id) => typeof id === 'string');
  const more = result.value.count > ids.length ? ` and ${formatCount(result.value.count - ids.length)} more` : '';
  return {
    source: 'query',
    object,
    field: 'STATUS',
    observed: result.value.count,
    note: `inactive ${set.what} in a foreign currency: the remedy already applied (detached and made inactive), not counted${ids.length ? `: ${ids.join(', ')}${more}` : ''}`,
  };
}

export default dataCheck({
  meta: {
    id: 'currency.foreign-currency-contacts',
    title: 'No customers or vendors in a foreign currency',
    severity: 'warning',
    category: 'currency',
    why:
      'Re-Leased syncs contacts in the local (base) currency only; an active customer or vendor with another default currency cannot sync. Inactive ones are the remedy already applied (detached and made inactive): the evidence lists them, they are not counted. ' +
      "Each contact is compared with its entity's base currency, or, when the config gives the Re-Leased account's currency (integration.currency, --currency), with that.",
    remediation: [
      'For each active contact listed: detach it from the integration in Re-Leased, make the Intacct customer or vendor inactive (Accounts Receivable > Customers, or Accounts Payable > Vendors > Edit > Status: Inactive).',
      'Create a new contact in the base currency in Re-Leased and let it sync to Intacct.',
      'Or, if the currency was set by mistake and the contact has no foreign-currency transactions, clear its Default currency in Intacct.',
    ],
    docs: [docs.releasedLimitations, docs.financialSetup, docs.entities, docs.transactionCurrencies],
    version: 3,
  },

  // Each record beside the base currency of its entity (BASECURRENCY): read first, as the filter needs it.
  // Inactive ones are read too, for the evidence only.
  reads: (ctx) => ({
    ...currency.reads!(ctx),
    inactiveCUSTOMER: read(facts.recordSample(inactive(ctx, 'CUSTOMER').query), 'inactive foreign-currency customers', { onError: 'evaluate' }),
    inactiveVENDOR: read(facts.recordSample(inactive(ctx, 'VENDOR').query), 'inactive foreign-currency vendors', { onError: 'evaluate' }),
  }),
  row: currency.row!,
  evidence: (f, ctx) => [
    ...currency.evidence!(f, ctx),
    ...OBJECTS.map((o) => (facts.isUnsubscribed(f[`inactive${o}`]) ? undefined : remedied(o, f[`inactive${o}`], ctx))).filter((e): e is Evidence => e !== undefined),
  ],
  records: (ctx) => OBJECTS.map((o) => contacts(ctx, o, facts.and(ACTIVE, foreignCurrency(ctx)))),
  sample: { columns: ['OBJECT', 'ID', 'NAME', 'CURRENCY', 'BASECURRENCY', 'MEGAENTITYID', 'STATUS'], keyField: 'ID', objectField: 'OBJECT' },

  found: (n, breakdown, ctx) =>
    `${plural(n, 'active contact')} (${breakdown}) ${verb(n, 'has', 'have')} a default currency other than ${comparedCurrency(ctx)} and cannot sync to Re-Leased.`,
  clean: (ctx) =>
    ctx.integration.currency === undefined
      ? 'Every active customer and vendor with a default currency uses the base currency of its entity.'
      : `Every active customer and vendor with a default currency uses ${comparedCurrency(ctx)}.`,
  note: (ctx) =>
    `active (STATUS = active), CURRENCY set and different from ${ctx.integration.currency ? `${ctx.integration.currency} (integration.currency)` : "the base currency of the record's entity"}`,
  action: (row) =>
    `Detach ${contactName(row)} from the integration in Re-Leased and make it inactive in Intacct, then create it again in Re-Leased in ${row['BASECURRENCY'] ?? 'the base currency'}; or, if ${row['CURRENCY'] ?? 'its currency'} was set by mistake and it has no foreign-currency transactions, clear its default currency.`,
});
