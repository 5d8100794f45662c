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
} from '../../src/engine/facts/index.js';
import type { CheckContext, FactDef, SampleRecord } from '../../src/engine/types.js';
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

/** Columns of invoices and bills (Intacct field names; an invoice row has no VENDORID and a bill no CUSTOMERID). */
export const TRANSACTION_COLUMNS = [
  'OBJECT',
  'RECORDNO',
  'RECORDID',
  'CUSTOMERID',
  'CUSTOMERNAME',
  'VENDORID',
  'VENDORNAME',
  'WHENCREATED',
  'TOTALENTERED',
  'TOTALDUE',
  'CURRENCY',
  'MEGAENTITYID',
];

/** A sampled invoice or bill as a row: its own fields plus OBJECT naming which it is. */
export function transactionRow(object: TransactionObject): (rec: SampleRecord) => SampleRecord {
  return (rec) => ({ OBJECT: object, ...rec });
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

/** A sampled customer or vendor as a row: its own fields (CUSTOMERID or VENDORID) plus OBJECT. */
export function contactRow(object: ContactObject): (rec: SampleRecord) => SampleRecord {
  return (rec) => ({ OBJECT: object, ...rec });
}
