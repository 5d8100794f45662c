/**
 * GL entry lines of a generated company: two lines per journal entry (debit, credit). A few
 * manual GJ entries hit the AR control account and name a customer, the kind of entry the
 * journal-entry-payments check looks for; they are also seeded (seeding.ts).
 */
import type { FixtureTable } from '../fixture.js';
import { DAY0, SPAN_DAYS } from './calendar.js';
import { computed, constant, dateCol, dictionary, integerCol, money, recordNumbers } from './columns.js';
import type { GenContext } from './context.js';
import type { Party } from './parties.js';
import { seededBlock } from './seeding.js';

const JOURNALS = ['ARJ', 'APJ', 'CRJ', 'GJ'];
const ACCOUNTS = ['1000', '1200', '2000', '4000', '6100'];

/** `lines` is even: line i belongs to entry ⌊i/2⌋. */
export function glEntryTable(lines: number, stream: number, customers: Party, vendors: Party, ctx: GenContext): FixtureTable {
  const { rowHash, draw: d } = ctx.draws;
  const C = customers.count;
  const V = vendors.count;
  const entry = (i: number): number => i >> 1;
  const entries = lines >> 1;
  const journalA = new Uint8Array(entries);
  const manualArA = new Uint8Array(entries);
  const amountA = new Int32Array(entries);
  const partyA = new Uint32Array(entries);
  const draftA = new Uint8Array(entries);
  for (let b = 0; b < entries; b++) {
    const h = rowHash(stream, b);
    const r = d(h, 0);
    // Seeded: posted manual GJ entries naming a customer.
    const seeded = seededBlock(b, entries, 0, 1) >= 0;
    const journal = seeded ? 3 : r < 0.45 ? 0 : r < 0.7 ? 1 : r < 0.9 ? 2 : 3;
    const manual = seeded || (journal === 3 && d(h, 1) < 0.01);
    journalA[b] = journal;
    manualArA[b] = manual ? 1 : 0;
    amountA[b] = 1000 + Math.floor(d(h, 2) * 300000);
    partyA[b] = journal === 0 || journal === 2 || manual ? 1 + Math.floor(d(h, 3) * C) : journal === 1 ? 1 + Math.floor(d(h, 3) * V) : 0;
    draftA[b] = !seeded && d(h, 4) < 0.01 ? 1 : 0;
  }
  const journal = (i: number): number => journalA[i >> 1]!;
  const manualAr = (i: number): boolean => manualArA[i >> 1] === 1;
  const account = (i: number): number => {
    const debit = i % 2 === 0;
    switch (journal(i)) {
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
  // Party codes are 1-based; 0 is "no customer" / "no vendor" (the null first entry).
  const customer = (i: number): number => (journal(i) === 1 ? 0 : partyA[i >> 1]!);
  const vendor = (i: number): number => (journal(i) === 1 ? partyA[i >> 1]! : 0);
  return {
    size: lines,
    columns: {
      RECORDNO: recordNumbers(),
      BATCHNO: integerCol((i) => entry(i) + 1),
      JOURNAL: dictionary(JOURNALS, journal),
      ENTRY_DATE: dateCol((i) => DAY0 + Math.floor((entry(i) * 2 * SPAN_DAYS) / lines)),
      ACCOUNTNO: dictionary(ACCOUNTS, account),
      AMOUNT: money((i) => amountA[i >> 1]!),
      TR_TYPE: dictionary(['1', '-1'], (i) => i % 2, true),
      CUSTOMERID: dictionary([null, ...customers.ids], customer),
      CUSTOMERNAME: dictionary([null, ...customers.names], customer),
      VENDORID: dictionary([null, ...vendors.ids], vendor),
      VENDORNAME: dictionary([null, ...vendors.names], vendor),
      STATE: dictionary(['Posted', 'Draft'], (i) => draftA[i >> 1]!),
      CURRENCY: constant(ctx.baseCurrency),
      DESCRIPTION: computed((i) => `${JOURNALS[journal(i)]} entry ${entry(i) + 1}`),
      MEGAENTITYID: constant(null),
    },
  };
}
