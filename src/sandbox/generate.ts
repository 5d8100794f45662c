/**
 * Synthetic companies of any size, reproducible from a seed. Every value of row i is derived from
 * (seed, object, i) by a counter-based hash (prng.ts), so nothing has to be stored per row: a
 * million-invoice company costs a few dictionaries and per-customer totals, is "generated" in
 * milliseconds, and any row can be produced on demand. Columns expose numbers and dictionary codes
 * directly so the sandbox's compiled filters never parse text on the hot path.
 *
 * Proportions per N AR invoices: N/20 customers, N/50 vendors, 0.4·N AP bills, 0.7·N AR payments,
 * 0.32·N AP payments, 1% adjustments, N GL entry lines, 0.2% audit-history rows. A realistic small
 * share of problems: negative invoices (0.4%) and bills (0.3%), foreign-currency customers and
 * vendors and their transactions (3%), attachments, open and partially paid items (a few dated
 * before the default sync window), draft and reversed documents, unapplied overpayments and
 * advances, inactive contacts, duplicate customer names, manual GL entries on the AR control
 * account and deletions in the audit history.
 *
 * On top of the shares, every kind of problem a data check looks for has at least MIN_EXAMPLES
 * seeded rows (spread evenly over the table, see `seededBlock`), so a check's sample (≤ 25 records)
 * is already full in a small company. Without that, bytes transferred by an audit would grow with
 * size only because samples fill up, hiding real growth. Small tables have floors (customers,
 * vendors, audit rows) so the seeded rows fit; at large sizes the seeded rows are negligible and
 * the shares above hold.
 */
import { loadCompany } from './companies.js';
import type { CompanyFixture, FixtureColumn, FixtureObject, FixtureTable } from './fixture.js';
import { mix32 } from './prng.js';
import { standardFieldIds } from './objects.js';
import { formatDate, formatTimestamp } from './values.js';

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
// Column builders

function computed(text: (i: number) => string | null, number?: (i: number) => number): FixtureColumn {
  return number ? { text, number } : { text };
}

function dictionary(values: (string | null)[], code: (i: number) => number, numeric = false): FixtureColumn {
  const col: FixtureColumn = { text: (i) => values[code(i)] ?? null, dictionary: { values, code } };
  if (numeric) {
    const nums = values.map((v) => (v === null || v === '' ? NaN : Number(v)));
    col.number = (i) => nums[code(i)]!;
  }
  return col;
}

function money(cents: (i: number) => number): FixtureColumn {
  return computed(
    (i) => (cents(i) / 100).toFixed(2),
    (i) => cents(i) / 100,
  );
}

function dateCol(days: (i: number) => number): FixtureColumn {
  return computed(
    (i) => {
      const d = days(i);
      return Number.isNaN(d) ? null : formatDate(d);
    },
    days,
  );
}

function timestampCol(seconds: (i: number) => number): FixtureColumn {
  return computed((i) => formatTimestamp(seconds(i)), seconds);
}

function integerCol(n: (i: number) => number): FixtureColumn {
  return computed((i) => String(n(i)), n);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A materialised record of row i (for `records` of generated objects). */
function recordAt(table: FixtureTable, ids: string[], i: number): Record<string, string | null> {
  const r: Record<string, string | null> = {};
  for (const id of ids) r[id] = table.columns[id]?.text(i) ?? null;
  return r;
}

/**
 * `records` of a generated object: an array view whose rows are built when read, so code that
 * counts or samples `records` works without a million objects existing at once.
 */
export function virtualRecords(table: FixtureTable): Record<string, string | null>[] {
  const ids = Object.keys(table.columns);
  const target: Record<string, string | null>[] = [];
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop === 'length') return table.size;
      if (typeof prop === 'string' && /^(0|[1-9]\d*)$/.test(prop)) {
        const i = Number(prop);
        return i < table.size ? recordAt(table, ids, i) : undefined;
      }
      if (prop === Symbol.iterator) {
        return function* () {
          for (let i = 0; i < table.size; i++) yield recordAt(table, ids, i);
        };
      }
      return Reflect.get(t, prop, receiver);
    },
    has(t, prop) {
      if (typeof prop === 'string' && /^(0|[1-9]\d*)$/.test(prop)) return Number(prop) < table.size;
      return Reflect.has(t, prop);
    },
    set() {
      return false;
    },
  });
}

/** Number of records of a fixture object, whether JSON records or a generated table. */
export function recordCount(obj: FixtureObject | undefined): number {
  if (!obj) return 0;
  return obj.table ? obj.table.size : obj.records.length;
}

// ---------------------------------------------------------------------------------------------
// Seeded problems

/** Examples of each problem kind every generated company has, whatever its size (a full sample). */
export const MIN_EXAMPLES = 25;

/**
 * Rows seeded with a problem kind, spread evenly and without drawing random numbers: the table is
 * cut into `min` blocks of s = ⌊n/min⌋ rows and kind `slot` (of `slots` kinds sharing the table)
 * takes the row at offset ⌊(2·slot+1)·s / (2·slots)⌋ of each block. Returns the block number
 * (0…min−1) when row i is seeded with that kind, else −1. Kinds do not share rows when s ≥ slots;
 * a table smaller than `min` seeds every row.
 */
function seededBlock(i: number, n: number, slot: number, slots: number, min = MIN_EXAMPLES): number {
  const s = Math.max(1, Math.floor(n / min));
  const b = Math.floor(i / s);
  if (b >= min) return -1;
  return i - b * s === seededOffset(s, slot, slots) ? b : -1;
}

/** Row of block b seeded with kind `slot` in a table of n rows (the inverse of seededBlock). */
function seededRow(b: number, n: number, slot: number, slots: number, min = MIN_EXAMPLES): number {
  const s = Math.max(1, Math.floor(n / min));
  const blocks = Math.min(min, n);
  return (b % blocks) * s + seededOffset(s, slot, slots);
}

function seededOffset(s: number, slot: number, slots: number): number {
  return Math.floor(((2 * slot + 1) * s) / (2 * slots));
}

// ---------------------------------------------------------------------------------------------
// Names

const FIRST = ['Acme', 'Birch', 'Cedar', 'Delta', 'Elm', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Linden', 'Maple', 'Northgate', 'Oak', 'Pioneer', 'Quarry', 'Riverside', 'Summit', 'Thistle', 'Union', 'Valley', 'Willow', 'Yarrow', 'Zenith', 'Aspen', 'Beacon', 'Crescent', 'Dover', 'Evergreen', 'Fairview', 'Glen', 'Highland', 'Ivy', 'Jasper', 'Kingsway', 'Lakeside', 'Meadow', 'Nova', 'Orchard'];
const SECOND = ['Property', 'Retail', 'Holdings', 'Estates', 'Dental', 'Cafe', 'Fitness', 'Books', 'Logistics', 'Studio', 'Pharmacy', 'Bakery', 'Clinic', 'Partners', 'Tenants', 'Offices', 'Kitchen', 'Motors', 'Outfitters', 'Gallery', 'Market', 'Florist', 'Labs', 'Media', 'Foods', 'Wellness', 'Salon', 'Optics', 'Garden', 'Hardware', 'Print', 'Travel', 'Legal', 'Tailors', 'Toys', 'Cycles', 'Brewing', 'Audio', 'Pets', 'Games'];
const PLACE = ['London', 'Leeds', 'Bristol', 'Dublin', 'Austin', 'Denver', 'Boston', 'Sydney', 'Perth', 'Toronto', 'Calgary', 'Auckland', 'Cork', 'York', 'Bath', 'Cardiff', 'Glasgow', 'Dallas', 'Seattle', 'Portland', 'Phoenix', 'Madison', 'Oxford', 'Brighton', 'Belfast'];
const SUFFIX = ['Ltd', 'LLC', 'Inc', 'Co', 'Group', 'Trust', 'plc', 'Pty Ltd'];
const NAME_SPACE = FIRST.length * SECOND.length * PLACE.length * SUFFIX.length; // 320,000

/** A distinct company name per index (a bijection over the name space), with a stream offset. */
function companyName(index: number, stream: number): string {
  let k = (index * 7919 + stream * 104729) % NAME_SPACE; // 7919 is prime and coprime to NAME_SPACE
  const a = k % FIRST.length;
  k = Math.floor(k / FIRST.length);
  const b = k % SECOND.length;
  k = Math.floor(k / SECOND.length);
  const c = k % PLACE.length;
  k = Math.floor(k / PLACE.length);
  const d = k % SUFFIX.length;
  const cycle = Math.floor(index / NAME_SPACE);
  return `${FIRST[a]} ${SECOND[b]} ${PLACE[c]} ${SUFFIX[d]}${cycle > 0 ? ` ${cycle + 1}` : ''}`;
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

// ---------------------------------------------------------------------------------------------

const DAY0 = Math.floor(Date.UTC(2019, 0, 1) / 86400000);
const SPAN_DAYS = 7 * 365;
/** Open items from before the default sync window (2018-01-01): dated in 2016–2017, still due. */
const OLD_DAY0 = Math.floor(Date.UTC(2016, 0, 1) / 86400000);
const OLD_SPAN_DAYS = 700;
/** Floors that leave room for the seeded problems in small companies. */
const MIN_CONTACTS = 100;
const MIN_AUDIT_ROWS = 200;
const FOREIGN = ['EUR', 'GBP', 'CAD', 'AUD'];

/** Generates a company with `invoices` AR invoices; the same seed gives the same records. */
export function generateCompany(opts: GenerateOptions): CompanyFixture {
  const N = opts.invoices;
  if (!Number.isInteger(N) || N < 1) throw new Error(`generateCompany: invoices must be a whole number ≥ 1, got ${N}`);
  if (!Number.isInteger(opts.seed)) throw new Error(`generateCompany: seed must be an integer, got ${opts.seed}`);
  const seed = opts.seed >>> 0;
  const base = opts.base ?? defaultBase();
  const baseCurrency = base.financialSetup.baseCurrency || 'USD';
  // Draw k of row i in a stream: two 32-bit mixes; loops hash the row once and draw from it.
  const streamSeeds = Array.from({ length: 16 }, (_, stream) => mix32((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0));
  const rowHash = (stream: number, i: number): number => mix32((streamSeeds[stream]! ^ i) >>> 0);
  const d = (h: number, k: number): number => mix32((h + Math.imul(k + 1, 0x85ebca6b)) >>> 0) / 4294967296;
  const u = (stream: number, i: number, k: number): number => d(rowHash(stream, i), k);

  const C = Math.max(MIN_CONTACTS, Math.round(N / 20));
  const V = Math.max(MIN_CONTACTS, Math.round(N / 50));
  const B = Math.max(1, Math.round(N * 0.4));
  const P = Math.max(1, Math.round(N * 0.7));
  const Q = Math.max(1, Math.round(B * 0.8));
  const ADJ = Math.max(1, Math.round(N * 0.01));
  const APADJ = Math.max(1, Math.round(B * 0.01));
  const G = Math.max(2, N - (N % 2));
  const AUD = Math.max(MIN_AUDIT_ROWS, Math.round(N * 0.002));

  const currencies = [baseCurrency, ...FOREIGN.filter((c) => c !== baseCurrency)];

  // --- customers and vendors (party = contact table) ---
  const S_CUST = 1, S_VEND = 2, S_INV = 3, S_BILL = 4, S_ARP = 5, S_APP = 6, S_ARADJ = 7, S_APADJ = 8, S_GL = 9, S_AUD = 10;
  // Seeded kinds of a contact table: 0 foreign currency, 1 inactive.
  const CONTACT_KINDS = 2, K_FOREIGN = 0, K_INACTIVE = 1;
  const foreignContact = (stream: number, size: number, j: number): number =>
    u(stream, j, 1) < 0.03 || seededBlock(j, size, K_FOREIGN, CONTACT_KINDS) >= 0 ? 1 + Math.floor(u(stream, j, 2) * (currencies.length - 1)) : 0;
  const custCurrency = (j: number): number => foreignContact(S_CUST, C, j);
  const vendCurrency = (j: number): number => foreignContact(S_VEND, V, j);
  // A seeded foreign-currency transaction goes to one of the seeded foreign-currency contacts.
  const foreignCustomer = (b: number): number => seededRow(b, C, K_FOREIGN, CONTACT_KINDS);
  const foreignVendor = (b: number): number => seededRow(b, V, K_FOREIGN, CONTACT_KINDS);
  // A few customers share another's name (a duplicate-customer problem).
  const custNameIndex = (j: number): number => (j > 0 && u(S_CUST, j, 3) < 0.003 ? j - 1 : j);
  const customerIds = Array.from({ length: C }, (_, j) => `C${pad(j + 1, 6)}`);
  const customerNames = Array.from({ length: C }, (_, j) => companyName(custNameIndex(j), 1));
  const vendorIds = Array.from({ length: V }, (_, j) => `V${pad(j + 1, 5)}`);
  const vendorNames = Array.from({ length: V }, (_, j) => companyName(j, 2));

  // --- AR invoices: per-row draws are computed once into typed arrays (16 bytes a row) ---
  // 0 Draft, 1 Posted (open), 2 Partially Paid, 3 Paid, 4 Reversed
  const INV_STATES = ['Draft', 'Posted', 'Partially Paid', 'Paid', 'Reversed'];
  const FLAG_SO = 1, FLAG_ATTACH = 2, FLAG_DOCNO = 4, FLAG_OLD = 8;
  // Seeded kinds of an invoice or bill table.
  const TXN_KINDS = 4, K_NEGATIVE = 0, K_ATTACH = 1, K_FOREIGN_TXN = 2, K_OLD_OPEN = 3;
  const invCust = new Uint32Array(N);
  const invAmt = new Int32Array(N);
  const invPaidC = new Int32Array(N);
  const invStateA = new Uint8Array(N);
  const invDayA = new Uint16Array(N);
  const invFlags = new Uint8Array(N);
  const custDue = new Float64Array(C);
  const recentFrom = Math.floor(N * 0.94);
  for (let i = 0; i < N; i++) {
    const h = rowHash(S_INV, i);
    const foreignBlock = seededBlock(i, N, K_FOREIGN_TXN, TXN_KINDS);
    const cust = foreignBlock >= 0 ? foreignCustomer(foreignBlock) : Math.floor(d(h, 0) * C);
    const negative = d(h, 2) < 0.004 || seededBlock(i, N, K_NEGATIVE, TXN_KINDS) >= 0;
    const old = d(h, 11) < 0.001 || seededBlock(i, N, K_OLD_OPEN, TXN_KINDS) >= 0;
    const r1 = d(h, 1);
    let amount = 5000 + Math.floor(r1 * r1 * 500000);
    if (negative) amount = -Math.floor(amount / 4);
    const r = d(h, 3);
    const state = old
      ? !negative && d(h, 4) < 0.3 ? 2 : 1 // still open: it counts in the sync window whatever its date
      : r < 0.004 ? 0 : r < 0.006 ? 4 : negative ? 1 : i >= recentFrom || r < 0.03 ? (d(h, 4) < 0.3 ? 2 : 1) : 3;
    const paid = state === 3 ? amount : state === 2 ? Math.round(amount * (0.2 + 0.6 * d(h, 5))) : 0;
    invCust[i] = cust;
    invAmt[i] = amount;
    invPaidC[i] = paid;
    invStateA[i] = state;
    invDayA[i] = Math.floor((i * SPAN_DAYS) / N) + Math.floor(d(h, 9) * 3);
    const attach = d(h, 8) < 0.01 || seededBlock(i, N, K_ATTACH, TXN_KINDS) >= 0;
    invFlags[i] = (d(h, 10) < 0.15 ? FLAG_SO : 0) | (attach ? FLAG_ATTACH : 0) | (d(h, 6) < 0.3 ? FLAG_DOCNO : 0) | (old ? FLAG_OLD : 0);
    const due = state === 4 ? 0 : amount - paid;
    if (due !== 0) custDue[cust]! += due;
  }
  const invDue = (i: number): number => (invStateA[i] === 4 ? 0 : invAmt[i]! - invPaidC[i]!);
  // Old open items keep their day offset (within OLD_SPAN_DAYS) but count from OLD_DAY0.
  const invDay = (i: number): number => (invFlags[i]! & FLAG_OLD ? OLD_DAY0 + (invDayA[i]! % OLD_SPAN_DAYS) : DAY0 + invDayA[i]!);
  const custCurrencyA = Uint8Array.from({ length: C }, (_, j) => custCurrency(j));
  const vendCurrencyA = Uint8Array.from({ length: V }, (_, j) => vendCurrency(j));

  const invoiceTable: FixtureTable = {
    size: N,
    columns: {
      RECORDNO: integerCol((i) => i + 1),
      RECORDID: computed((i) => `INV-${pad(i + 1, 7)}`),
      DOCNUMBER: computed((i) => (invFlags[i]! & FLAG_DOCNO ? `PO-${pad(Math.floor(u(S_INV, i, 7) * 999999), 6)}` : null)),
      CUSTOMERID: dictionary(customerIds, (i) => invCust[i]!),
      CUSTOMERNAME: dictionary(customerNames, (i) => invCust[i]!),
      STATE: dictionary(INV_STATES, (i) => invStateA[i]!),
      WHENCREATED: dateCol(invDay),
      WHENPOSTED: dateCol((i) => (invStateA[i] === 0 ? NaN : invDay(i))),
      WHENDUE: dateCol((i) => invDay(i) + 30),
      TOTALENTERED: money((i) => invAmt[i]!),
      TOTALPAID: money((i) => invPaidC[i]!),
      TOTALDUE: money(invDue),
      CURRENCY: dictionary(currencies, (i) => custCurrencyA[invCust[i]!]!),
      BASECURR: dictionary([baseCurrency], () => 0),
      MEGAENTITYID: dictionary([null], () => 0),
      SUPDOCID: computed((i) => (invFlags[i]! & FLAG_ATTACH ? `ATT-INV-${i + 1}` : null)),
      MODULEKEY: dictionary(['4.AR', '8.SO'], (i) => invFlags[i]! & FLAG_SO),
    },
  };

  const contactTable = (size: number, stream: number, idField: string, ids: string[], names: string[], currency: (j: number) => number, due: ((j: number) => number) | null): FixtureTable => ({
    size,
    columns: {
      RECORDNO: integerCol((j) => j + 1),
      [idField]: computed((j) => ids[j]!),
      NAME: computed((j) => names[j]!),
      STATUS: dictionary(['active', 'inactive'], (j) => (u(stream, j, 4) < 0.05 || seededBlock(j, size, K_INACTIVE, CONTACT_KINDS) >= 0 ? 1 : 0)),
      CURRENCY: dictionary(currencies, currency),
      WHENCREATED: timestampCol((j) => (DAY0 - 400 + Math.floor((j * (SPAN_DAYS + 300)) / size)) * 86400 + Math.floor(u(stream, j, 5) * 86400)),
      WHENMODIFIED: timestampCol((j) => (DAY0 + SPAN_DAYS - Math.floor(u(stream, j, 6) * 700)) * 86400 + Math.floor(u(stream, j, 7) * 86400)),
      MEGAENTITYID: dictionary([null], () => 0),
      MEGAENTITYNAME: dictionary([null], () => 0),
      SUPDOCID: computed((j) => (u(stream, j, 8) < 0.01 ? `ATT-${idField.slice(0, 4)}-${j + 1}` : null)),
      TOTALDUE: due ? money(due) : money(() => 0),
    },
  });
  const customerTable = contactTable(C, S_CUST, 'CUSTOMERID', customerIds, customerNames, (j) => custCurrencyA[j]!, (j) => custDue[j]!);

  // --- AP bills ---
  const billVendorA = new Uint32Array(B);
  const billAmt = new Int32Array(B);
  const billPaidC = new Int32Array(B);
  const billStateA = new Uint8Array(B);
  const billAttach = new Uint8Array(B);
  const billOld = new Uint8Array(B);
  const vendDue = new Float64Array(V);
  const billRecentFrom = Math.floor(B * 0.95);
  for (let i = 0; i < B; i++) {
    const h = rowHash(S_BILL, i);
    const foreignBlock = seededBlock(i, B, K_FOREIGN_TXN, TXN_KINDS);
    const vendor = foreignBlock >= 0 ? foreignVendor(foreignBlock) : Math.floor(d(h, 0) * V);
    const negative = d(h, 2) < 0.003 || seededBlock(i, B, K_NEGATIVE, TXN_KINDS) >= 0;
    const old = d(h, 11) < 0.001 || seededBlock(i, B, K_OLD_OPEN, TXN_KINDS) >= 0;
    const r1 = d(h, 1);
    let amount = 2000 + Math.floor(r1 * r1 * 800000);
    if (negative) amount = -Math.floor(amount / 4);
    const r = d(h, 3);
    const state = old
      ? !negative && d(h, 4) < 0.2 ? 2 : 1
      : r < 0.005 ? 0 : negative ? 1 : i >= billRecentFrom || r < 0.03 ? (d(h, 4) < 0.2 ? 2 : 1) : 3;
    const paid = state === 3 ? amount : state === 2 ? Math.round(amount * (0.2 + 0.6 * d(h, 5))) : 0;
    billVendorA[i] = vendor;
    billAmt[i] = amount;
    billPaidC[i] = paid;
    billStateA[i] = state;
    billAttach[i] = d(h, 8) < 0.4 || seededBlock(i, B, K_ATTACH, TXN_KINDS) >= 0 ? 1 : 0;
    billOld[i] = old ? 1 : 0;
    if (amount !== paid) vendDue[vendor]! += amount - paid;
  }
  const billDay = (i: number): number => {
    const day = Math.floor((i * SPAN_DAYS) / B);
    return billOld[i] ? OLD_DAY0 + (day % OLD_SPAN_DAYS) : DAY0 + day;
  };
  const vendorTable = contactTable(V, S_VEND, 'VENDORID', vendorIds, vendorNames, (j) => vendCurrencyA[j]!, (j) => vendDue[j]!);
  const billTable: FixtureTable = {
    size: B,
    columns: {
      RECORDNO: integerCol((i) => i + 1),
      RECORDID: computed((i) => `BILL-${pad(i + 1, 7)}`),
      VENDORID: dictionary(vendorIds, (i) => billVendorA[i]!),
      VENDORNAME: dictionary(vendorNames, (i) => billVendorA[i]!),
      STATE: dictionary(INV_STATES, (i) => billStateA[i]!),
      WHENCREATED: dateCol(billDay),
      WHENPOSTED: dateCol((i) => (billStateA[i] === 0 ? NaN : billDay(i))),
      WHENDUE: dateCol((i) => billDay(i) + 30),
      TOTALENTERED: money((i) => billAmt[i]!),
      TOTALPAID: money((i) => billPaidC[i]!),
      TOTALDUE: money((i) => billAmt[i]! - billPaidC[i]!),
      CURRENCY: dictionary(currencies, (i) => vendCurrencyA[billVendorA[i]!]!),
      BASECURR: dictionary([baseCurrency], () => 0),
      MEGAENTITYID: dictionary([null], () => 0),
      SUPDOCID: computed((i) => (billAttach[i] ? `ATT-BILL-${i + 1}` : null)),
    },
  };

  // --- AR payments: mostly invoice payments, a few overpayments/advances, some unapplied ---
  const RECORD_TYPES = ['ri', 'rp', 'rr', 'ro'];
  const pymtTypeA = new Uint8Array(P);
  const pymtCustA = new Uint32Array(P);
  const pymtAmt = new Int32Array(P);
  const pymtDueC = new Int32Array(P);
  const pymtDraft = new Uint8Array(P);
  for (let i = 0; i < P; i++) {
    const h = rowHash(S_ARP, i);
    const r = d(h, 0);
    // Seeded unapplied credits alternate between overpayments (rp) and advances (rr).
    const unappliedBlock = seededBlock(i, P, 0, 1);
    const type = unappliedBlock >= 0 ? 1 + (unappliedBlock % 2) : r < 0.02 ? 1 : r < 0.035 ? 2 : r < 0.04 ? 3 : 0;
    const unapplied = unappliedBlock >= 0 || ((type === 1 || type === 2) && d(h, 3) < 0.4);
    const r2 = d(h, 2);
    const amount = 5000 + Math.floor(r2 * r2 * 400000);
    pymtTypeA[i] = type;
    pymtCustA[i] = Math.floor(d(h, 1) * C);
    pymtAmt[i] = amount;
    pymtDueC[i] = unapplied ? Math.round(amount * (0.1 + 0.9 * d(h, 4))) : 0;
    pymtDraft[i] = d(h, 5) < 0.01 ? 1 : 0;
  }
  const pymtType = (i: number): number => pymtTypeA[i]!;
  const pymtCust = (i: number): number => pymtCustA[i]!;
  const pymtDay = (i: number): number => DAY0 + 20 + Math.floor((i * SPAN_DAYS) / P);
  const pymtAmount = (i: number): number => pymtAmt[i]!;
  const pymtDue = (i: number): number => pymtDueC[i]!;
  const PAYMENT_STATES = ['Complete', 'Draft'];
  const arPaymentTable: FixtureTable = {
    size: P,
    columns: {
      RECORDNO: integerCol((i) => i + 1),
      RECORDTYPE: dictionary(RECORD_TYPES, pymtType),
      CUSTOMERID: dictionary(customerIds, pymtCust),
      CUSTOMERNAME: dictionary(customerNames, pymtCust),
      STATE: dictionary(PAYMENT_STATES, (i) => pymtDraft[i]!),
      WHENCREATED: dateCol(pymtDay),
      WHENPAID: dateCol(pymtDay),
      TOTALENTERED: money(pymtAmount),
      TOTALPAID: money((i) => pymtAmount(i) - pymtDue(i)),
      TOTALDUE: money(pymtDue),
      CURRENCY: dictionary(currencies, (i) => custCurrencyA[pymtCust(i)]!),
      MEGAENTITYID: dictionary([null], () => 0),
    },
  };

  const apVendorA = new Uint32Array(Q);
  const apAmt = new Int32Array(Q);
  const apDraft = new Uint8Array(Q);
  for (let i = 0; i < Q; i++) {
    const h = rowHash(S_APP, i);
    apVendorA[i] = Math.floor(d(h, 0) * V);
    apAmt[i] = 2000 + Math.floor(d(h, 2) * 600000);
    apDraft[i] = d(h, 1) < 0.01 ? 1 : 0;
  }
  const apPaymentVendor = (i: number): number => apVendorA[i]!;
  const apPaymentTable: FixtureTable = {
    size: Q,
    columns: {
      RECORDNO: integerCol((i) => i + 1),
      VENDORID: dictionary(vendorIds, apPaymentVendor),
      VENDORNAME: dictionary(vendorNames, apPaymentVendor),
      STATE: dictionary(PAYMENT_STATES, (i) => apDraft[i]!),
      WHENCREATED: dateCol((i) => DAY0 + 25 + Math.floor((i * SPAN_DAYS) / Q)),
      WHENPAID: dateCol((i) => DAY0 + 25 + Math.floor((i * SPAN_DAYS) / Q)),
      TOTALENTERED: money((i) => apAmt[i]!),
      CURRENCY: dictionary(currencies, (i) => vendCurrencyA[apPaymentVendor(i)]!),
      MEGAENTITYID: dictionary([null], () => 0),
    },
  };

  const adjustmentTable = (size: number, stream: number, party: 'CUSTOMER' | 'VENDOR'): FixtureTable => {
    const ids = party === 'CUSTOMER' ? customerIds : vendorIds;
    const names = party === 'CUSTOMER' ? customerNames : vendorNames;
    const who = (i: number): number => Math.floor(u(stream, i, 0) * ids.length);
    const amount = (i: number): number => (u(stream, i, 1) < 0.7 ? -1 : 1) * (1000 + Math.floor(u(stream, i, 2) * 50000));
    return {
      size,
      columns: {
        RECORDNO: integerCol((i) => i + 1),
        RECORDID: computed((i) => `ADJ-${pad(i + 1, 6)}`),
        [`${party}ID`]: dictionary(ids, who),
        [`${party}NAME`]: dictionary(names, who),
        STATE: dictionary(INV_STATES, (i) => (u(stream, i, 3) < 0.8 ? 3 : 1)),
        WHENCREATED: dateCol((i) => DAY0 + Math.floor((i * SPAN_DAYS) / size)),
        TOTALENTERED: money(amount),
        TOTALDUE: money((i) => (u(stream, i, 3) < 0.8 ? 0 : amount(i))),
        CURRENCY: dictionary([baseCurrency], () => 0),
        MEGAENTITYID: dictionary([null], () => 0),
      },
    };
  };

  // --- GL entries: two lines per journal entry; a few manual GJ lines hit the AR control account ---
  const JOURNALS = ['ARJ', 'APJ', 'CRJ', 'GJ'];
  const glBatch = (i: number): number => i >> 1;
  const batches = G >> 1;
  const glJournalA = new Uint8Array(batches);
  const glManualAr = new Uint8Array(batches);
  const glAmt = new Int32Array(batches);
  const glParty = new Uint32Array(batches);
  const glDraft = new Uint8Array(batches);
  for (let b = 0; b < batches; b++) {
    const h = rowHash(S_GL, b);
    const r = d(h, 0);
    // Seeded: posted manual GJ entries naming a customer (what the journal-entry-payments check looks for).
    const seeded = seededBlock(b, batches, 0, 1) >= 0;
    const journal = seeded ? 3 : r < 0.45 ? 0 : r < 0.7 ? 1 : r < 0.9 ? 2 : 3;
    const manual = seeded || (journal === 3 && d(h, 1) < 0.01);
    glJournalA[b] = journal;
    glManualAr[b] = manual ? 1 : 0;
    glAmt[b] = 1000 + Math.floor(d(h, 2) * 300000);
    glParty[b] = journal === 0 || journal === 2 || manual ? 1 + Math.floor(d(h, 3) * C) : journal === 1 ? 1 + Math.floor(d(h, 3) * V) : 0;
    glDraft[b] = !seeded && d(h, 4) < 0.01 ? 1 : 0;
  }
  const glJournal = (i: number): number => glJournalA[i >> 1]!;
  const manualAr = (i: number): boolean => glManualAr[i >> 1] === 1;
  const ACCOUNTS = ['1000', '1200', '2000', '4000', '6100'];
  const glAccount = (i: number): number => {
    const debit = i % 2 === 0;
    switch (glJournal(i)) {
      case 0:
        return debit ? 1 : 3; // AR: debit receivables, credit income
      case 1:
        return debit ? 4 : 2; // AP: debit expense, credit payables
      case 2:
        return debit ? 0 : 1; // cash receipts: debit bank, credit receivables
      default:
        return manualAr(i) ? (debit ? 1 : 3) : debit ? 4 : 0;
    }
  };
  const glAmount = (i: number): number => glAmt[i >> 1]!;
  const glCustomer = (i: number): number => (glJournal(i) === 1 ? 0 : glParty[i >> 1]!);
  const glVendor = (i: number): number => (glJournal(i) === 1 ? glParty[i >> 1]! : 0);
  const glEntryTable: FixtureTable = {
    size: G,
    columns: {
      RECORDNO: integerCol((i) => i + 1),
      BATCHNO: integerCol((i) => glBatch(i) + 1),
      JOURNAL: dictionary(JOURNALS, glJournal),
      ENTRY_DATE: dateCol((i) => DAY0 + Math.floor((glBatch(i) * 2 * SPAN_DAYS) / G)),
      ACCOUNTNO: dictionary(ACCOUNTS, glAccount),
      AMOUNT: money(glAmount),
      TR_TYPE: dictionary(['1', '-1'], (i) => i % 2, true),
      CUSTOMERID: dictionary([null, ...customerIds], glCustomer),
      CUSTOMERNAME: dictionary([null, ...customerNames], glCustomer),
      VENDORID: dictionary([null, ...vendorIds], glVendor),
      VENDORNAME: dictionary([null, ...vendorNames], glVendor),
      STATE: dictionary(['Posted', 'Draft'], (i) => glDraft[i >> 1]!),
      CURRENCY: dictionary([baseCurrency], () => 0),
      DESCRIPTION: computed((i) => `${JOURNALS[glJournal(i)]} entry ${glBatch(i) + 1}`),
      MEGAENTITYID: dictionary([null], () => 0),
    },
  };

  // --- audit history: creations, changes, and some deletions of customers and vendors ---
  const OBJECT_TYPES = ['customer', 'vendor', 'arinvoice', 'apbill'];
  // Seeded deletions: each object type (slot = its index in OBJECT_TYPES) has MIN_EXAMPLES.
  const seededDeletion = (i: number): number => {
    for (let t = 0; t < OBJECT_TYPES.length; t++) if (seededBlock(i, AUD, t, OBJECT_TYPES.length) >= 0) return t;
    return -1;
  };
  const audType = (i: number): number => {
    const t = seededDeletion(i);
    return t >= 0 ? t : Math.floor(u(S_AUD, i, 0) * OBJECT_TYPES.length);
  };
  const audMode = (i: number): number => {
    if (seededDeletion(i) >= 0) return 2;
    const r = u(S_AUD, i, 1);
    return r < 0.05 ? 2 : r < 0.4 ? 0 : 1; // C, M, D
  };
  const audKey = (i: number): number => {
    const sizes = [C, V, N, B];
    return 1 + Math.floor(u(S_AUD, i, 2) * sizes[audType(i)]!);
  };
  const auditTable: FixtureTable = {
    size: AUD,
    columns: {
      OBJECTTYPE: dictionary(OBJECT_TYPES, audType),
      OBJECTKEY: computed((i) => String(audKey(i))),
      OBJECTDESC: computed((i) => {
        const t = audType(i);
        const k = audKey(i) - 1;
        return t === 0 ? customerIds[k]! : t === 1 ? vendorIds[k]! : t === 2 ? `INV-${pad(k + 1, 7)}` : `BILL-${pad(k + 1, 7)}`;
      }),
      ACCESSMODE: dictionary(['C', 'M', 'D'], audMode),
      ACCESSTIME: timestampCol((i) => (DAY0 + Math.floor((i * SPAN_DAYS) / AUD)) * 86400 + Math.floor(u(S_AUD, i, 3) * 86400)),
      USERID: dictionary(['admin', 'ar.clerk', 'ap.clerk', 'integration'], (i) => Math.floor(u(S_AUD, i, 4) * 4)),
      SOURCE: dictionary(['ui', 'api', 'csv', 'system'], (i) => Math.floor(u(S_AUD, i, 5) * 4)),
    },
  };

  const tables: Record<string, FixtureTable> = {
    CUSTOMER: customerTable,
    VENDOR: vendorTable,
    ARINVOICE: invoiceTable,
    APBILL: billTable,
    ARPYMT: arPaymentTable,
    APPYMT: apPaymentTable,
    ARADJUSTMENT: adjustmentTable(ADJ, S_ARADJ, 'CUSTOMER'),
    APADJUSTMENT: adjustmentTable(APADJ, S_APADJ, 'VENDOR'),
    GLENTRY: glEntryTable,
    AUDITHISTORY: auditTable,
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
