/**
 * Synthetic companies of any size, reproducible from a seed. Every value of row i is derived from
 * (seed, object, i) by a counter-based hash (prng.ts), so nothing has to be stored per row: a
 * million-invoice company costs a few dictionaries and per-customer totals, is "generated" in
 * milliseconds, and any row can be produced on demand. Columns expose numbers and dictionary codes
 * directly so the sandbox's compiled filters never parse text on the hot path.
 *
 * Proportions per N AR invoices: N/20 customers, N/50 vendors, 0.4·N AP bills, 0.7·N AR payments,
 * 0.32·N AP payments, 1% adjustments, N GL detail lines (nearly all the AR/AP/CM sub-ledgers'
 * own postings, as on a real ledger), 0.2% audit-history rows. A realistic small share of
 * problems: negative invoices (0.4%) and bills (0.3%), foreign-currency customers and vendors and
 * their transactions (3%), attachments, open and partially paid items (a few dated before the
 * default sync window), draft and reversed documents (each reversal with the record that zeroes
 * it out), unapplied overpayments and advances, inactive contacts (foreign-currency ones among
 * them), duplicate customer names, manual GL entries on the AR control account and deletions in
 * the audit history.
 *
 * On top of the shares, every kind of problem a data check looks for has at least MIN_EXAMPLES
 * seeded rows (spread evenly over the table, see `seededBlock`), so a check's sample (≤ 25 records)
 * is already full in a small company. Without that, bytes transferred by an audit would grow with
 * size only because samples fill up, hiding real growth. Small tables have floors (customers,
 * vendors, audit rows) so the seeded rows fit; at large sizes the seeded rows are negligible and
 * the shares above hold.
 */
import { loadCompany } from './companies.js';
import type { CompanyFixture, FixtureObject, FixtureTable } from './fixture.js';
import { standardFieldIds } from './objects.js';
import { auditTable, type AuditedType } from './generate/audit-trail.js';
import { virtualRecords } from './generate/columns.js';
import type { GenContext } from './generate/context.js';
import { adjustmentTable, documentId, documentTable, type DocumentKind } from './generate/documents.js';
import { draws } from './generate/draws.js';
import { glDetailTable } from './generate/ledger.js';
import { contactTable, makeParty, type PartySpec } from './generate/parties.js';
import { apPaymentTable, arPaymentTable } from './generate/payments.js';

export { recordCount } from './generate/columns.js';
export { MIN_EXAMPLES } from './generate/seeding.js';

export interface GenerateOptions {
  /** Number of AR invoices (≥ 1). */
  invoices: number;
  seed: number;
  /**
   * Company whose configuration (preferences, applications, financial setup, entities' absence,
   * small set-up objects such as account labels and transaction definitions, custom fields) the
   * generated company copies. Default: the shipped 'ready' company when present, else built-in
   * defaults.
   */
  base?: CompanyFixture;
}

// ---------------------------------------------------------------------------------------------
// Defaults when there is no base company

const DEFAULT_BASE: CompanyFixture = {
  description: 'Generated company',
  company: { id: 'GENERATED', name: 'Generated Company' },
  credentials: { senderId: 'sandbox-sender', senderPassword: 'sandbox-sender-password', userId: 'auditor', userPassword: 'sandbox-user-password' },
  applications: ['GL', 'AR', 'AP', 'CM', 'SO', 'PO'],
  financialSetup: { baseCurrency: 'USD', defaultBook: 'ACCRUAL', firstFiscalMonth: 'January', multiCurrency: true, multiBaseCurrency: false, multiBook: false },
  entities: [],
  preferences: { GEN: { FISCAL_FIRST_MONTH: 'January' } },
  objects: {
    ARACCOUNTLABEL: { records: [{ RECORDNO: '1', ACCOUNTLABEL: 'Rent', DESCRIPTION: 'Rent income', GLACCOUNTNO: '4000', STATUS: 'active' }] },
    APACCOUNTLABEL: { records: [{ RECORDNO: '1', ACCOUNTLABEL: 'Repairs', DESCRIPTION: 'Repairs and maintenance', GLACCOUNTNO: '6100', STATUS: 'active' }] },
    GLACCOUNT: {
      records: [
        { RECORDNO: '1', ACCOUNTNO: '1000', TITLE: 'Bank', STATUS: 'active' },
        { RECORDNO: '2', ACCOUNTNO: '1200', TITLE: 'Accounts receivable', STATUS: 'active' },
        { RECORDNO: '3', ACCOUNTNO: '2000', TITLE: 'Accounts payable', STATUS: 'active' },
        { RECORDNO: '4', ACCOUNTNO: '4000', TITLE: 'Rent income', STATUS: 'active' },
        { RECORDNO: '5', ACCOUNTNO: '6100', TITLE: 'Repairs and maintenance', STATUS: 'active' },
      ],
    },
  },
};

function defaultBase(): CompanyFixture {
  try {
    return loadCompany('ready');
  } catch {
    return DEFAULT_BASE;
  }
}

/** Floors that leave room for the seeded problems in small companies. */
const MIN_CONTACTS = 100;
const MIN_AUDIT_ROWS = 200;
const FOREIGN = ['EUR', 'GBP', 'CAD', 'AUD'];

// Draw streams, one per table (a stream's draws do not depend on any other table's size).
const S_CUST = 1, S_VEND = 2, S_INV = 3, S_BILL = 4, S_ARP = 5, S_APP = 6, S_ARADJ = 7, S_APADJ = 8, S_GL = 9, S_AUD = 10;

const CUSTOMERS: Omit<PartySpec, 'count'> = { field: 'CUSTOMER', stream: S_CUST, idPrefix: 'C', idWidth: 6, nameStream: 1, duplicateNameShare: 0.003 };
const VENDORS: Omit<PartySpec, 'count'> = { field: 'VENDOR', stream: S_VEND, idPrefix: 'V', idWidth: 5, nameStream: 2, duplicateNameShare: 0 };

/** AR invoices and AP bills: the same document, with these differences. */
const AR_INVOICES: Omit<DocumentKind, 'size'> = {
  stream: S_INV,
  prefix: 'INV',
  negativeShare: 0.004,
  minCents: 5000,
  spreadCents: 500000,
  draftBelow: 0.004,
  reversedBelow: 0.006,
  recentFrom: 0.94,
  partialShare: 0.3,
  attachmentShare: 0.01,
  dayJitter: 3,
  orderEntry: { salesOrderShare: 0.15, docNumberShare: 0.3 },
};
const AP_BILLS: Omit<DocumentKind, 'size'> = {
  stream: S_BILL,
  prefix: 'BILL',
  negativeShare: 0.003,
  minCents: 2000,
  spreadCents: 800000,
  draftBelow: 0.005,
  reversedBelow: 0.005, // bills are never reversed
  recentFrom: 0.95,
  partialShare: 0.2,
  attachmentShare: 0.4,
  dayJitter: 0,
};

/** Generates a company with `invoices` AR invoices; the same seed gives the same records. */
export function generateCompany(opts: GenerateOptions): CompanyFixture {
  const N = opts.invoices;
  if (!Number.isInteger(N) || N < 1) throw new Error(`generateCompany: invoices must be a whole number ≥ 1, got ${N}`);
  if (!Number.isInteger(opts.seed)) throw new Error(`generateCompany: seed must be an integer, got ${opts.seed}`);
  const seed = opts.seed >>> 0;
  const base = opts.base ?? defaultBase();
  const baseCurrency = base.financialSetup.baseCurrency || 'USD';
  const ctx: GenContext = { draws: draws(seed), baseCurrency, currencies: [baseCurrency, ...FOREIGN.filter((c) => c !== baseCurrency)] };

  const B = Math.max(1, Math.round(N * 0.4));
  const customers = makeParty({ ...CUSTOMERS, count: Math.max(MIN_CONTACTS, Math.round(N / 20)) }, ctx);
  const vendors = makeParty({ ...VENDORS, count: Math.max(MIN_CONTACTS, Math.round(N / 50)) }, ctx);
  const invoices = documentTable({ ...AR_INVOICES, size: N }, customers, ctx);
  const bills = documentTable({ ...AP_BILLS, size: B }, vendors, ctx);
  const audited: AuditedType[] = [
    { type: 'customer', size: customers.count, id: (k) => customers.ids[k]! },
    { type: 'vendor', size: vendors.count, id: (k) => vendors.ids[k]! },
    { type: 'arinvoice', size: N, id: documentId(AR_INVOICES.prefix) },
    { type: 'apbill', size: B, id: documentId(AP_BILLS.prefix) },
  ];

  const tables: Record<string, FixtureTable> = {
    CUSTOMER: contactTable(customers, ctx, invoices.dueByParty),
    VENDOR: contactTable(vendors, ctx, bills.dueByParty),
    ARINVOICE: invoices.table,
    APBILL: bills.table,
    ARPYMT: arPaymentTable(Math.max(1, Math.round(N * 0.7)), S_ARP, customers, ctx),
    APPYMT: apPaymentTable(Math.max(1, Math.round(B * 0.8)), S_APP, vendors, ctx),
    ARADJUSTMENT: adjustmentTable(Math.max(1, Math.round(N * 0.01)), S_ARADJ, customers, ctx),
    APADJUSTMENT: adjustmentTable(Math.max(1, Math.round(B * 0.01)), S_APADJ, vendors, ctx),
    GLDETAIL: glDetailTable(Math.max(2, N - (N % 2)), S_GL, customers, vendors, ctx),
    AUDITHISTORY: auditTable(Math.max(MIN_AUDIT_ROWS, Math.round(N * 0.002)), S_AUD, audited, ctx),
  };

  const objects: Record<string, FixtureObject> = {};
  // Small set-up objects (labels, accounts, transaction definitions, …) and custom fields come from the base.
  for (const [name, obj] of Object.entries(base.objects)) {
    objects[name] = { ...(obj.fields ? { fields: obj.fields } : {}), records: obj.table ? [] : obj.records.map((r) => ({ ...r })) };
  }
  for (const [name, table] of Object.entries(tables)) {
    // Every standard field has a column (null when the generator has nothing to say about it).
    for (const id of standardFieldIds(name)) if (!table.columns[id]) table.columns[id] = { text: () => null, number: () => NaN };
    const fields = base.objects[name]?.fields;
    objects[name] = { ...(fields ? { fields } : {}), records: virtualRecords(table), table };
  }

  return {
    description: `Generated company: ${N.toLocaleString('en-US')} AR invoices (seed ${seed}), configuration from "${base.company.name}"`,
    company: { id: `GEN-${N}-${seed}`, name: `Generated company (${N} invoices)` },
    credentials: { ...base.credentials },
    applications: [...base.applications],
    financialSetup: { ...base.financialSetup, baseCurrency, multiCurrency: true, multiBaseCurrency: false },
    entities: [],
    preferences: structuredClone(base.preferences),
    objects,
    ...(base.deniedObjects ? { deniedObjects: [...base.deniedObjects] } : {}),
    ...(base.disabledObjects ? { disabledObjects: [...base.disabledObjects] } : {}),
    ...(base.sessionTimeoutSeconds ? { sessionTimeoutSeconds: base.sessionTimeoutSeconds } : {}),
  };
}
