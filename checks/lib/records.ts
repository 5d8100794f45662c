/**
 * The records most checks look at, described once: AR invoices and AP bills in the sync window,
 * and customers and vendors. Checks add their own condition and pick columns from these rows.
 */
import {
  recordSample,
  syncWindowFilter,
  and,
  type FilterSpec,
  type RecordSample,
  type SyncWindowOptions,
} from '../../src/facts/index.js';
import type { CheckContext, FactDef, SampleRecord } from '../../src/model/check.js';
import { showPrivate } from './define.js';

// ---------------------------------------------------------------------------------------------
// Transactions: AR invoices and AP bills

export type TransactionObject = 'ARINVOICE' | 'APBILL';

export const TRANSACTION_LABEL: Record<TransactionObject, { one: string; many: string }> = {
  ARINVOICE: { one: 'AR invoice', many: 'AR invoices' },
  APBILL: { one: 'AP bill', many: 'AP bills' },
};

const PARTY: Record<TransactionObject, { id: string; name: string }> = {
  ARINVOICE: { id: 'CUSTOMERID', name: 'CUSTOMERNAME' },
  APBILL: { id: 'VENDORID', name: 'VENDORNAME' },
};

export const TRANSACTION_WINDOW: SyncWindowOptions = { dateField: 'WHENCREATED', openField: 'TOTALDUE' };

const TRANSACTION_FIELDS = ['RECORDNO', 'RECORDID', 'STATE', 'WHENCREATED', 'WHENDUE', 'TOTALENTERED', 'TOTALDUE', 'CURRENCY', 'MEGAENTITYID'];

/** Invoices or bills in the sync window (or still open) that also match `condition`, newest first. */
export function transactionSample(
  ctx: CheckContext,
  object: TransactionObject,
  condition: FilterSpec,
  extraFields: string[] = [],
): FactDef<RecordSample> {
  return recordSample({
    object,
    filter: and(syncWindowFilter(ctx.syncFrom, TRANSACTION_WINDOW), condition),
    fields: [...TRANSACTION_FIELDS, PARTY[object].id, PARTY[object].name, ...extraFields],
    orderBy: [{ field: 'WHENCREATED', descending: true }],
    showPrivate: showPrivate(ctx),
  });
}

/**
 * Columns shared by invoices and bills. CONTACTID / CONTACTNAME are the invoice's customer or the
 * bill's vendor (CUSTOMERID/CUSTOMERNAME or VENDORID/VENDORNAME), so one table holds both; OBJECT
 * says which each row is.
 */
export const TRANSACTION_COLUMNS = [
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
];

export function transactionRow(object: TransactionObject): (rec: SampleRecord) => SampleRecord {
  return (rec) => ({
    ...rec,
    OBJECT: object,
    CONTACTID: rec[PARTY[object].id] ?? null,
    CONTACTNAME: rec[PARTY[object].name] ?? null,
  });
}

// ---------------------------------------------------------------------------------------------
// Contacts: customers and vendors (dates do not matter: a contact syncs whenever it is used)

export type ContactObject = 'CUSTOMER' | 'VENDOR';

export const CONTACT_LABEL: Record<ContactObject, { one: string; many: string }> = {
  CUSTOMER: { one: 'customer', many: 'customers' },
  VENDOR: { one: 'vendor', many: 'vendors' },
};

const CONTACT_ID: Record<ContactObject, string> = { CUSTOMER: 'CUSTOMERID', VENDOR: 'VENDORID' };

export function contactSample(ctx: CheckContext, object: ContactObject, condition: FilterSpec): FactDef<RecordSample> {
  return recordSample({
    object,
    filter: condition,
    fields: ['RECORDNO', CONTACT_ID[object], 'NAME', 'STATUS', 'CURRENCY', 'MEGAENTITYID', 'WHENCREATED', 'WHENMODIFIED'],
    orderBy: [{ field: 'WHENMODIFIED', descending: true }],
    showPrivate: showPrivate(ctx),
  });
}

/** Customers and vendors in one table: ID is the CUSTOMERID or VENDORID, OBJECT says which. */
export function contactRow(object: ContactObject): (rec: SampleRecord) => SampleRecord {
  return (rec) => ({ ...rec, OBJECT: object, ID: rec[CONTACT_ID[object]] ?? null });
}
