/**
 * Payments of a generated company. AR payments are mostly invoice payments (record type ri), with a
 * few overpayments (rp), advances (rr) and other receipts (ro), some left unapplied; AP payments
 * are plain payments to vendors.
 */
import type { FixtureTable } from '../fixture.js';
import { spreadDay } from './calendar.js';
import { dateCol, dictionary, constant, money, recordNumbers } from './columns.js';
import type { GenContext } from './context.js';
import { partyColumns, partyCurrency, type Party } from './parties.js';
import { seededBlock } from './seeding.js';

const PAYMENT_STATES = ['Complete', 'Draft'];
const RECORD_TYPES = ['ri', 'rp', 'rr', 'ro'];

export function arPaymentTable(size: number, stream: number, customers: Party, ctx: GenContext): FixtureTable {
  const { rowHash, draw: d } = ctx.draws;
  const typeA = new Uint8Array(size);
  const customerA = new Uint32Array(size);
  const amountA = new Int32Array(size);
  const dueA = new Int32Array(size);
  const draftA = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const h = rowHash(stream, i);
    const r = d(h, 0);
    // Seeded unapplied credits alternate between overpayments (rp) and advances (rr).
    const unappliedBlock = seededBlock(i, size, 0, 1);
    const type = unappliedBlock >= 0 ? 1 + (unappliedBlock % 2) : r < 0.02 ? 1 : r < 0.035 ? 2 : r < 0.04 ? 3 : 0;
    const unapplied = unappliedBlock >= 0 || ((type === 1 || type === 2) && d(h, 3) < 0.4);
    const r2 = d(h, 2);
    const amount = 5000 + Math.floor(r2 * r2 * 400000);
    typeA[i] = type;
    customerA[i] = Math.floor(d(h, 1) * customers.count);
    amountA[i] = amount;
    dueA[i] = unapplied ? Math.round(amount * (0.1 + 0.9 * d(h, 4))) : 0;
    draftA[i] = d(h, 5) < 0.01 ? 1 : 0;
  }
  const who = (i: number): number => customerA[i]!;
  const day = (i: number): number => spreadDay(i, size, 20);
  const amount = (i: number): number => amountA[i]!;
  const due = (i: number): number => dueA[i]!;
  return {
    size,
    columns: {
      RECORDNO: recordNumbers(),
      RECORDTYPE: dictionary(RECORD_TYPES, (i) => typeA[i]!),
      ...partyColumns(customers, who),
      STATE: dictionary(PAYMENT_STATES, (i) => draftA[i]!),
      WHENCREATED: dateCol(day),
      WHENPAID: dateCol(day),
      TOTALENTERED: money(amount),
      TOTALPAID: money((i) => amount(i) - due(i)),
      TOTALDUE: money(due),
      CURRENCY: partyCurrency(customers, ctx, who),
      MEGAENTITYID: constant(null),
    },
  };
}

export function apPaymentTable(size: number, stream: number, vendors: Party, ctx: GenContext): FixtureTable {
  const { rowHash, draw: d } = ctx.draws;
  const vendorA = new Uint32Array(size);
  const amountA = new Int32Array(size);
  const draftA = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const h = rowHash(stream, i);
    vendorA[i] = Math.floor(d(h, 0) * vendors.count);
    amountA[i] = 2000 + Math.floor(d(h, 2) * 600000);
    draftA[i] = d(h, 1) < 0.01 ? 1 : 0;
  }
  const who = (i: number): number => vendorA[i]!;
  const day = (i: number): number => spreadDay(i, size, 25);
  return {
    size,
    columns: {
      RECORDNO: recordNumbers(),
      ...partyColumns(vendors, who),
      STATE: dictionary(PAYMENT_STATES, (i) => draftA[i]!),
      WHENCREATED: dateCol(day),
      WHENPAID: dateCol(day),
      TOTALENTERED: money((i) => amountA[i]!),
      CURRENCY: partyCurrency(vendors, ctx, who),
      MEGAENTITYID: constant(null),
    },
  };
}
