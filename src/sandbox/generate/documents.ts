/**
 * AR invoices and AP bills, written once: the two are the same kind of document against a party
 * (customer or vendor) and differ only in the parameters below. Per-row draws are computed once
 * into typed arrays (16 bytes a row) and the columns read from them.
 *
 * A document is a draft, posted (open), partially paid, paid or reversed; a small share is
 * negative, in the party's foreign currency, has an attachment, or is an open item dated before
 * the default sync window; each of those kinds also has seeded rows (seeding.ts). A reversed
 * document is followed, at the end of the table, by the record Intacct creates to zero it out
 * (STATE Reversal, the negated total, a few days later).
 */
import type { FixtureColumn, FixtureTable } from '../fixture.js';
import { DAY0, OLD_DAY0, OLD_SPAN_DAYS, SPAN_DAYS, spreadDay } from './calendar.js';
import { computed, constant, dateCol, dictionary, money, pad, recordNumbers } from './columns.js';
import type { GenContext } from './context.js';
import { partyColumns, partyCurrency, type Party } from './parties.js';
import { seededBlock } from './seeding.js';

/** STATE of documents (and adjustments), by code. */
export const DOCUMENT_STATES = ['Draft', 'Posted', 'Partially Paid', 'Paid', 'Reversed', 'Reversal'];
const DRAFT = 0, POSTED = 1, PARTIAL = 2, PAID = 3, REVERSED = 4, REVERSAL = 5;
/** Days between a reversed document and the record that zeroes it out. */
const REVERSAL_DELAY = 3;

export interface DocumentKind {
  stream: number;
  size: number;
  /** RECORDID is `${prefix}-0000001`; attachments are `ATT-${prefix}-1`. */
  prefix: string;
  negativeShare: number;
  /** Amount in cents: minCents + r²·spreadCents (r uniform), a quarter of it negated for negative ones. */
  minCents: number;
  spreadCents: number;
  /** Of the rest, a draw below draftBelow is a draft, below reversedBelow reversed. */
  draftBelow: number;
  reversedBelow: number;
  /** Documents from this share of the table on are recent, hence open more often. */
  recentFrom: number;
  /** Share of open documents that are partially paid. */
  partialShare: number;
  attachmentShare: number;
  /** Days of random delay added to the even spread of creation dates. */
  dayJitter: number;
  /** Invoices: some come from Order Entry (MODULEKEY 8.SO) and carry the customer's PO number (DOCNUMBER). */
  orderEntry?: { salesOrderShare: number; docNumberShare: number };
}

// Seeded kinds of a document table.
const DOCUMENT_KINDS = 5, K_NEGATIVE = 0, K_ATTACH = 1, K_FOREIGN = 2, K_OLD_OPEN = 3, K_REVERSED = 4;
const FLAG_SO = 1, FLAG_ATTACH = 2, FLAG_DOCNO = 4, FLAG_OLD = 8;

/** RECORDID of the k-th document (0-based) of a kind: `${prefix}-0000001`. */
export function documentId(prefix: string): (k: number) => string {
  return (k) => `${prefix}-${pad(k + 1, 7)}`;
}

export interface Documents {
  table: FixtureTable;
  /** Open balance per contact of the party, in cents. */
  dueByParty: Float64Array;
}

export function documentTable(kind: DocumentKind, party: Party, ctx: GenContext): Documents {
  const { rowHash, draw: d, unit } = ctx.draws;
  const n = kind.size;
  const partyA = new Uint32Array(n);
  const amountA = new Int32Array(n);
  const paidA = new Int32Array(n);
  const stateA = new Uint8Array(n);
  const dayA = new Uint16Array(n);
  const flagsA = new Uint8Array(n);
  const dueByParty = new Float64Array(party.count);
  const recentFrom = Math.floor(n * kind.recentFrom);
  const salesOrderShare = kind.orderEntry?.salesOrderShare ?? 0;
  const docNumberShare = kind.orderEntry?.docNumberShare ?? 0;
  for (let i = 0; i < n; i++) {
    const h = rowHash(kind.stream, i);
    const foreignBlock = seededBlock(i, n, K_FOREIGN, DOCUMENT_KINDS);
    const who = foreignBlock >= 0 ? party.foreign(foreignBlock) : Math.floor(d(h, 0) * party.count);
    const negative = d(h, 2) < kind.negativeShare || seededBlock(i, n, K_NEGATIVE, DOCUMENT_KINDS) >= 0;
    const old = d(h, 11) < 0.001 || seededBlock(i, n, K_OLD_OPEN, DOCUMENT_KINDS) >= 0;
    const r1 = d(h, 1);
    let amount = kind.minCents + Math.floor(r1 * r1 * kind.spreadCents);
    if (negative) amount = -Math.floor(amount / 4);
    const r = d(h, 3);
    const open = d(h, 4) < kind.partialShare ? PARTIAL : POSTED;
    const reversed = !old && !negative && seededBlock(i, n, K_REVERSED, DOCUMENT_KINDS) >= 0;
    const state = old
      ? !negative ? open : POSTED // still open: it counts in the sync window whatever its date
      : reversed ? REVERSED : r < kind.draftBelow ? DRAFT : r < kind.reversedBelow ? REVERSED : negative ? POSTED : i >= recentFrom || r < 0.03 ? open : PAID;
    const paid = state === PAID ? amount : state === PARTIAL ? Math.round(amount * (0.2 + 0.6 * d(h, 5))) : 0;
    partyA[i] = who;
    amountA[i] = amount;
    paidA[i] = paid;
    stateA[i] = state;
    dayA[i] = Math.floor((i * SPAN_DAYS) / n) + Math.floor(d(h, 9) * kind.dayJitter);
    const attach = d(h, 8) < kind.attachmentShare || seededBlock(i, n, K_ATTACH, DOCUMENT_KINDS) >= 0;
    flagsA[i] = (d(h, 10) < salesOrderShare ? FLAG_SO : 0) | (attach ? FLAG_ATTACH : 0) | (d(h, 6) < docNumberShare ? FLAG_DOCNO : 0) | (old ? FLAG_OLD : 0);
    const due = state === REVERSED ? 0 : amount - paid;
    if (due !== 0) dueByParty[who]! += due;
  }
  // Row n + k zeroes out the k-th reversed document: `of(i)` is the document a row is about.
  const reversedRows: number[] = [];
  for (let i = 0; i < n; i++) if (stateA[i] === REVERSED) reversedRows.push(i);
  const of = (i: number): number => (i < n ? i : reversedRows[i - n]!);
  const zeroing = (i: number): boolean => i >= n;
  const who = (i: number): number => partyA[of(i)]!;
  const state = (i: number): number => (zeroing(i) ? REVERSAL : stateA[i]!);
  const amount = (i: number): number => (zeroing(i) ? -amountA[of(i)]! : amountA[i]!);
  const paidOf = (i: number): number => (zeroing(i) ? 0 : paidA[i]!);
  const due = (i: number): number => (zeroing(i) || stateA[i] === REVERSED ? 0 : amountA[i]! - paidA[i]!);
  const flags = (i: number): number => (zeroing(i) ? flagsA[of(i)]! & (FLAG_SO | FLAG_DOCNO) : flagsA[i]!);
  // Old open items keep their day offset (within OLD_SPAN_DAYS) but count from OLD_DAY0.
  const docDay = (j: number): number => (flagsA[j]! & FLAG_OLD ? OLD_DAY0 + (dayA[j]! % OLD_SPAN_DAYS) : DAY0 + dayA[j]!);
  const day = (i: number): number => docDay(of(i)) + (zeroing(i) ? REVERSAL_DELAY : 0);
  const orderEntry: Record<string, FixtureColumn> = kind.orderEntry
    ? { DOCNUMBER: computed((i) => (flags(i) & FLAG_DOCNO ? `PO-${pad(Math.floor(unit(kind.stream, of(i), 7) * 999999), 6)}` : null)) }
    : {};
  const id = documentId(kind.prefix);
  const table: FixtureTable = {
    size: n + reversedRows.length,
    columns: {
      RECORDNO: recordNumbers(),
      RECORDID: computed((i) => id(of(i))),
      ...orderEntry,
      ...partyColumns(party, who),
      STATE: dictionary(DOCUMENT_STATES, state),
      WHENCREATED: dateCol(day),
      WHENPOSTED: dateCol((i) => (state(i) === DRAFT ? NaN : day(i))),
      WHENDUE: dateCol((i) => day(i) + (zeroing(i) ? 0 : 30)),
      TOTALENTERED: money(amount),
      TOTALPAID: money(paidOf),
      TOTALDUE: money(due),
      CURRENCY: partyCurrency(party, ctx, who),
      BASECURR: constant(ctx.baseCurrency),
      MEGAENTITYID: constant(null),
      SUPDOCID: computed((i) => (flags(i) & FLAG_ATTACH ? `ATT-${kind.prefix}-${i + 1}` : null)),
      ...(kind.orderEntry ? { MODULEKEY: dictionary(['4.AR', '8.SO'], (i) => flags(i) & FLAG_SO) } : {}),
    },
  };
  return { table, dueByParty };
}

/** Adjustments (credit and debit memos) against a party; most are applied. */
export function adjustmentTable(size: number, stream: number, party: Party, ctx: GenContext): FixtureTable {
  const { unit } = ctx.draws;
  const who = (i: number): number => Math.floor(unit(stream, i, 0) * party.count);
  const amount = (i: number): number => (unit(stream, i, 1) < 0.7 ? -1 : 1) * (1000 + Math.floor(unit(stream, i, 2) * 50000));
  const applied = (i: number): boolean => unit(stream, i, 3) < 0.8;
  return {
    size,
    columns: {
      RECORDNO: recordNumbers(),
      RECORDID: computed((i) => `ADJ-${pad(i + 1, 6)}`),
      ...partyColumns(party, who),
      STATE: dictionary(DOCUMENT_STATES, (i) => (applied(i) ? PAID : POSTED)),
      WHENCREATED: dateCol((i) => spreadDay(i, size)),
      TOTALENTERED: money(amount),
      TOTALDUE: money((i) => (applied(i) ? 0 : amount(i))),
      CURRENCY: constant(ctx.baseCurrency),
      MEGAENTITYID: constant(null),
    },
  };
}
