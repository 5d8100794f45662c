/**
 * The records most data checks look at, described once as record sets: AR invoices and AP bills
 * in the sync window, customers and vendors, and deletions in the audit trail. A check adds its
 * own condition and picks columns from the rows; rows of invoices and bills (or customers and
 * vendors) share columns, so one sample holds both, with OBJECT saying which each row is.
 */
import {
  and,
  baseCurrenciesFromFacts,
  baseCurrencyOf,
  entityDetails,
  financialSetup,
  foreignCurrencyFilter,
  syncWindowFilter,
  type BaseCurrencies,
  type EntityDetail,
  type FilterSpec,
  type FinancialSetup,
  type SyncWindowOptions,
} from '../facts/index.js';
import type { CheckContext, Evidence, SampleRecord } from '../model/check.js';
import type { DataCheckDefinition, RecordSet } from './data.js';
import { read, showPrivate, type Judged, type Read } from './define.js';
import { deepFreeze } from '../util/deep-freeze.js';

/** A record set named by its object, in words from `labels`. */
function named<O extends string>(object: O, labels: Record<O, { one: string; many: string }>): Pick<RecordSet, 'name' | 'what' | 'one'> {
  return { name: object, what: labels[object].many, one: labels[object].one };
}

// ---------------------------------------------------------------------------------------------
// Transactions: AR invoices and AP bills

export type TransactionObject = 'ARINVOICE' | 'APBILL';

export const TRANSACTION_LABEL: Record<TransactionObject, { one: string; many: string }> = deepFreeze({
  ARINVOICE: { one: 'AR invoice', many: 'AR invoices' },
  APBILL: { one: 'AP bill', many: 'AP bills' },
});

const PARTY: Record<TransactionObject, { id: string; name: string }> = {
  ARINVOICE: { id: 'CUSTOMERID', name: 'CUSTOMERNAME' },
  APBILL: { id: 'VENDORID', name: 'VENDORNAME' },
};

/** Re-Leased syncs transactions created on or after the sync-from date, and those still open. */
export const TRANSACTION_WINDOW: SyncWindowOptions = deepFreeze({ dateField: 'WHENCREATED', openField: 'TOTALDUE' });

const TRANSACTION_FIELDS = ['RECORDNO', 'RECORDID', 'STATE', 'WHENCREATED', 'WHENDUE', 'TOTALENTERED', 'TOTALDUE', 'CURRENCY', 'MEGAENTITYID'];

/**
 * Columns shared by invoices and bills. CONTACTID / CONTACTNAME are the invoice's customer or the
 * bill's vendor (CUSTOMERID/CUSTOMERNAME or VENDORID/VENDORNAME); OBJECT says which each row is.
 */
export const TRANSACTION_COLUMNS = deepFreeze([
  'OBJECT',
  'RECORDNO',
  'RECORDID',
  'CONTACTID',
  'CONTACTNAME',
  'WHENCREATED',
  'TOTALENTERED',
  'TOTALDUE',
  'CURRENCY',
  'MEGAENTITYID',
]);

/** Invoices or bills in the sync window (or still open) that also match `condition`, newest first. */
export function transactions(ctx: CheckContext, object: TransactionObject, condition: FilterSpec, extraFields: string[] = []): RecordSet {
  return {
    ...named(object, TRANSACTION_LABEL),
    query: {
      object,
      filter: and(syncWindowFilter(ctx.syncFrom, TRANSACTION_WINDOW), condition),
      fields: [...TRANSACTION_FIELDS, PARTY[object].id, PARTY[object].name, ...extraFields],
      orderBy: [{ field: 'WHENCREATED', descending: true }, { field: 'RECORDNO', descending: true }],
      showPrivate: showPrivate(ctx),
    },
    row: (rec) => ({ ...rec, OBJECT: object, CONTACTID: rec[PARTY[object].id] ?? null, CONTACTNAME: rec[PARTY[object].name] ?? null }),
    dateColumn: 'WHENCREATED',
  };
}

/** A transaction row by name, for a worklist's action: "AR invoice INV-2030" (its RECORDID, else RECORDNO). */
export function transactionName(row: SampleRecord): string {
  const label = TRANSACTION_LABEL[row['OBJECT'] as TransactionObject]?.one ?? 'transaction';
  return `${label} ${row['RECORDID'] ?? row['RECORDNO'] ?? ''}`.trim();
}

// ---------------------------------------------------------------------------------------------
// Contacts: customers and vendors (dates do not matter: a contact syncs whenever it is used)

export type ContactObject = 'CUSTOMER' | 'VENDOR';

export const CONTACT_LABEL: Record<ContactObject, { one: string; many: string }> = deepFreeze({
  CUSTOMER: { one: 'customer', many: 'customers' },
  VENDOR: { one: 'vendor', many: 'vendors' },
});

const CONTACT_ID: Record<ContactObject, string> = { CUSTOMER: 'CUSTOMERID', VENDOR: 'VENDORID' };

/** Customers or vendors matching `condition`, most recently changed first; ID is the CUSTOMERID or VENDORID. */
export function contacts(ctx: CheckContext, object: ContactObject, condition: FilterSpec): RecordSet {
  return {
    ...named(object, CONTACT_LABEL),
    query: {
      object,
      filter: condition,
      fields: ['RECORDNO', CONTACT_ID[object], 'NAME', 'STATUS', 'CURRENCY', 'MEGAENTITYID', 'WHENCREATED', 'WHENMODIFIED'],
      orderBy: [{ field: 'WHENMODIFIED', descending: true }, { field: 'RECORDNO', descending: true }],
      showPrivate: showPrivate(ctx),
    },
    row: (rec) => ({ ...rec, OBJECT: object, ID: rec[CONTACT_ID[object]] ?? null }),
    dateColumn: 'WHENMODIFIED',
  };
}

/** A contact row by name, for a worklist's action: "customer HPG-T027 (Capstan IT Services)". */
export function contactName(row: SampleRecord): string {
  const label = CONTACT_LABEL[row['OBJECT'] as ContactObject]?.one ?? 'contact';
  return `${label} ${row['ID'] ?? ''}${row['NAME'] ? ` (${row['NAME']})` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Deletions in the audit trail (AUDITHISTORY, access mode D). Reading it needs a permission many
// Web Services users lack; then a person can still review deletions by hand, so it is `manual`.

export const AUDIT_PERMISSION =
  '"View" permission for custom reports (Platform Services subscription), which AUDITHISTORY requires';

export const DELETION_COLUMNS = deepFreeze(['OBJECTTYPE', 'OBJECTKEY', 'OBJECTDESC', 'ACCESSTIME', 'USERID', 'SOURCE']);

const AUDIT_HINT = `The Web Services user needs the ${AUDIT_PERMISSION}: grant it in Company > Admin > Users (or Roles) > Platform Services, or review deletions by hand in Company > Audit trail.`;

/**
 * Deletions of records of `objectTypes` (audit-trail names: customer, arinvoice, …), newest first.
 * `showPrivate` includes entity-owned rows at the top level of a multi-entity company.
 */
export function deletions(objectTypes: string[], extra?: FilterSpec, opts: { showPrivate?: boolean } = {}): RecordSet {
  const base: FilterSpec[] = [
    { op: 'equalto', field: 'ACCESSMODE', value: 'D' },
    { op: 'in', field: 'OBJECTTYPE', values: objectTypes },
  ];
  return {
    name: 'deletions',
    what: 'the audit trail (AUDITHISTORY)',
    query: {
      object: 'AUDITHISTORY',
      filter: { and: extra ? [...base, extra] : base },
      fields: [...DELETION_COLUMNS, 'ACCESSMODE'],
      orderBy: [{ field: 'ACCESSTIME', descending: true }],
      ...(opts.showPrivate ? { showPrivate: true } : {}),
    },
    dateColumn: 'ACCESSTIME',
    onFailure: { permission: { status: 'manual', hint: AUDIT_HINT }, 'not-subscribed': { status: 'manual', hint: AUDIT_HINT } },
  };
}

// ---------------------------------------------------------------------------------------------
// The base currency of each record's entity: read first (a foreign-currency filter needs it), shown
// as the BASECURRENCY column beside each record's CURRENCY, and as evidence. With the Re-Leased
// account's currency in the profile (integration.currency), that is what every record is compared
// with, and what BASECURRENCY shows.

/** What records are compared with, in summaries: "their base currency", or "AUD (the Re-Leased account's currency)". */
export function comparedCurrency(ctx: CheckContext): string {
  return ctx.integration.currency === undefined ? 'their base currency' : `${ctx.integration.currency} (the Re-Leased account's currency)`;
}

/** Records in a currency Re-Leased does not sync: other than integration.currency when set, else than their entity's base currency. */
export function foreignCurrency(ctx: CheckContext): FilterSpec {
  const currency = ctx.integration.currency;
  return currency === undefined ? foreignCurrencyFilter() : foreignCurrencyFilter({ currency });
}

type BaseCurrencyReads = { setup: Read<FinancialSetup>; entities: Judged<EntityDetail[]> };

/** Spread into a `dataCheck` whose rows carry MEGAENTITYID: adds the reads, the column and the evidence. */
export function baseCurrencyColumn(): Pick<DataCheckDefinition<BaseCurrencyReads>, 'reads' | 'row' | 'evidence'> {
  return {
    reads: () => ({
      setup: read(financialSetup(), 'the financial setup (getFinancialSetup)'),
      // Needed only at an entity or with multiple base currencies: the filter says so when it is missing.
      entities: read(entityDetails(), 'the entity currencies (readEntityDetails)', { onError: 'evaluate' }),
    }),
    row: (row, { setup, entities }, ctx) =>
      ctx.integration.currency !== undefined ? { ...row, BASECURRENCY: ctx.integration.currency } : withBaseCurrency(baseCurrenciesFromFacts(setup, entities, ctx.entityId), row),
    evidence: ({ setup, entities }, ctx) => {
      if (ctx.integration.currency !== undefined) return [profileCurrencyEvidence(ctx.integration.currency)];
      const bases = baseCurrenciesFromFacts(setup, entities, ctx.entityId);
      return 'problem' in bases ? [] : [baseCurrencyEvidence(bases)];
    },
  };
}

function profileCurrencyEvidence(currency: string): Evidence {
  return {
    source: 'config',
    field: 'integration.currency',
    observed: currency,
    note: "the Re-Leased account's currency (integration profile): every record is compared with it, whatever its entity's base currency",
  };
}

function baseCurrencyEvidence(bases: BaseCurrencies): Evidence {
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
function withBaseCurrency(bases: BaseCurrencies | { problem: string }, row: SampleRecord): SampleRecord {
  return { ...row, BASECURRENCY: 'problem' in bases ? null : baseCurrencyOf(bases, row['MEGAENTITYID']) };
}
