/**
 * GL detail of a generated company: two lines per journal entry (debit, credit), each with the
 * module that posted it, as Intacct's GL detail reports them. Nearly all entries are the
 * sub-ledgers' own postings, and those name the customer or vendor: AR invoices (ARJ) and
 * receipts (CRJ) from Accounts Receivable (4.AR), bills (APJ) and payments (CDJ) from Accounts
 * Payable (3.AP), bank deposits from Cash Management (11.CM, no party). About a tenth are entered
 * in General Ledger (GJ, 2.GL); a few of those hit the AR control account and name a customer,
 * the kind of entry the journal-entry-payments check looks for (also seeded, seeding.ts).
 */
import type { FixtureTable } from '../fixture.js';
import { DAY0, SPAN_DAYS } from './calendar.js';
import { computed, constant, dateCol, dictionary, integerCol, money, recordNumbers } from './columns.js';
import type { GenContext } from './context.js';
import type { Party } from './parties.js';
import { seededBlock } from './seeding.js';

const JOURNALS = ['ARJ', 'APJ', 'CRJ', 'CDJ', 'GJ'];
const AR_J = 0, AP_J = 1, CR_J = 2, CD_J = 3, GJ = 4;
const MODULES = ['2.GL', '3.AP', '4.AR', '11.CM'];
const M_GL = 0, M_AP = 1, M_AR = 2, M_CM = 3;
const ACCOUNTS = ['1000', '1200', '2000', '4000', '6100'];
const BANK = 0, AR = 1, AP = 2, INCOME = 3, EXPENSE = 4;

/** `lines` is even: line i belongs to entry ⌊i/2⌋. */
export function glDetailTable(lines: number, stream: number, customers: Party, vendors: Party, ctx: GenContext): FixtureTable {
  const { rowHash, draw: d } = ctx.draws;
  const C = customers.count;
  const V = vendors.count;
  const entry = (i: number): number => i >> 1;
  const entries = lines >> 1;
  const journalA = new Uint8Array(entries);
  const moduleA = new Uint8Array(entries);
  const manualArA = new Uint8Array(entries);
  const amountA = new Int32Array(entries);
  const partyA = new Uint32Array(entries);
  for (let b = 0; b < entries; b++) {
    const h = rowHash(stream, b);
    const r = d(h, 0);
    // Seeded: manual GJ entries naming a customer.
    const seeded = seededBlock(b, entries, 0, 1) >= 0;
    const journal = seeded ? GJ : r < 0.4 ? AR_J : r < 0.6 ? AP_J : r < 0.78 ? CR_J : r < 0.9 ? CD_J : GJ;
    const manual = seeded || (journal === GJ && d(h, 1) < 0.01);
    // Some cash receipts are Cash Management deposits of undeposited funds: no party on them.
    const deposit = journal === CR_J && d(h, 5) < 0.15;
    const module = journal === GJ ? M_GL : deposit ? M_CM : journal === AP_J || journal === CD_J ? M_AP : M_AR;
    journalA[b] = journal;
    moduleA[b] = module;
    manualArA[b] = manual ? 1 : 0;
    amountA[b] = 1000 + Math.floor(d(h, 2) * 300000);
    const names = module === M_AR || manual ? 'customer' : module === M_AP ? 'vendor' : 'none';
    partyA[b] = names === 'customer' ? 1 + Math.floor(d(h, 3) * C) : names === 'vendor' ? 1 + Math.floor(d(h, 3) * V) : 0;
  }
  const journal = (i: number): number => journalA[i >> 1]!;
  const module = (i: number): number => moduleA[i >> 1]!;
  const manualAr = (i: number): boolean => manualArA[i >> 1] === 1;
  const account = (i: number): number => {
    const debit = i % 2 === 0;
    switch (journal(i)) {
      case AR_J:
        return debit ? AR : INCOME; // invoice: debit receivables, credit income
      case AP_J:
        return debit ? EXPENSE : AP; // bill: debit expense, credit payables
      case CR_J:
        return debit ? BANK : AR; // receipt (or deposit): debit bank, credit receivables
      case CD_J:
        return debit ? AP : BANK; // payment: debit payables, credit bank
      default:
        return manualAr(i) ? (debit ? BANK : AR) : debit ? EXPENSE : BANK;
    }
  };
  // Party codes are 1-based; 0 is "no customer" / "no vendor" (the null first entry).
  const vendorSide = (i: number): boolean => module(i) === M_AP;
  const customer = (i: number): number => (vendorSide(i) ? 0 : partyA[i >> 1]!);
  const vendor = (i: number): number => (vendorSide(i) ? partyA[i >> 1]! : 0);
  const title = (i: number): string => `${JOURNALS[journal(i)]} entry ${entry(i) + 1}`;
  return {
    size: lines,
    columns: {
      RECORDNO: recordNumbers(),
      BATCHNO: integerCol((i) => entry(i) + 1),
      BATCH_DATE: dateCol((i) => DAY0 + Math.floor((entry(i) * 2 * SPAN_DAYS) / lines)),
      BATCH_TITLE: computed(title),
      'JOURNAL.SYMBOL': dictionary(JOURNALS, journal),
      MODULEKEY: dictionary(MODULES, module),
      ACCOUNTNO: dictionary(ACCOUNTS, account),
      AMOUNT: money((i) => amountA[i >> 1]!),
      TR_TYPE: dictionary(['1', '-1'], (i) => i % 2, true),
      CUSTOMERID: dictionary([null, ...customers.ids], customer),
      CUSTOMERNAME: dictionary([null, ...customers.names], customer),
      VENDORID: dictionary([null, ...vendors.ids], vendor),
      VENDORNAME: dictionary([null, ...vendors.names], vendor),
      CURRENCY: constant(ctx.baseCurrency),
      DESCRIPTION: computed(title),
      MEGAENTITYID: constant(null),
    },
  };
}
