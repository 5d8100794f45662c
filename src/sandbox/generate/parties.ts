/**
 * Customers and vendors of a generated company, written once: a Party carries the ids, names and
 * currencies that documents, payments and adjustments refer to, and `contactTable` serves the
 * contacts themselves (with a few inactive and foreign-currency ones, and their balances).
 */
import type { FixtureColumn, FixtureTable } from '../fixture.js';
import { DAY0, SPAN_DAYS } from './calendar.js';
import { computed, constant, dictionary, money, pad, recordNumbers, timestampCol } from './columns.js';
import type { GenContext } from './context.js';
import { companyName } from './names.js';
import { seededBlock, seededRow } from './seeding.js';

export interface PartySpec {
  /** Field prefix on the records that name the party: CUSTOMERID/CUSTOMERNAME or VENDORID/VENDORNAME. */
  field: 'CUSTOMER' | 'VENDOR';
  stream: number;
  count: number;
  /** Ids are the prefix and the 1-based row number padded to `idWidth` digits. */
  idPrefix: string;
  idWidth: number;
  /** Offset into the name space, so customers and vendors do not share names. */
  nameStream: number;
  /** Share of contacts named like the one before (a duplicate-name problem). */
  duplicateNameShare: number;
}

export interface Party {
  field: PartySpec['field'];
  stream: number;
  count: number;
  ids: string[];
  names: string[];
  /** Index into the context's currencies of contact j. */
  currency: Uint8Array;
  /** The seeded foreign-currency contact of block b (a seeded foreign-currency document goes to it). */
  foreign(b: number): number;
}

// Seeded kinds of a contact table: foreign-currency ones (active: seeded foreign-currency
// documents go to them), inactive ones, and foreign-currency ones already made inactive (the
// limitation article's remedy).
const CONTACT_KINDS = 3;
const K_FOREIGN = 0;
const K_INACTIVE = 1;
const K_FOREIGN_INACTIVE = 2;

export function makeParty(spec: PartySpec, ctx: GenContext): Party {
  const { unit } = ctx.draws;
  const { stream, count } = spec;
  const foreignCurrency = (j: number): number =>
    unit(stream, j, 1) < 0.03 || seededBlock(j, count, K_FOREIGN, CONTACT_KINDS) >= 0 || seededBlock(j, count, K_FOREIGN_INACTIVE, CONTACT_KINDS) >= 0
      ? 1 + Math.floor(unit(stream, j, 2) * (ctx.currencies.length - 1))
      : 0;
  const nameIndex = (j: number): number => (j > 0 && unit(stream, j, 3) < spec.duplicateNameShare ? j - 1 : j);
  return {
    field: spec.field,
    stream,
    count,
    ids: Array.from({ length: count }, (_, j) => `${spec.idPrefix}${pad(j + 1, spec.idWidth)}`),
    names: Array.from({ length: count }, (_, j) => companyName(nameIndex(j), spec.nameStream)),
    currency: Uint8Array.from({ length: count }, (_, j) => foreignCurrency(j)),
    foreign: (b) => seededRow(b, count, K_FOREIGN, CONTACT_KINDS),
  };
}

/** The id and name columns of records that name contact `who(i)`. */
export function partyColumns(party: Party, who: (i: number) => number): Record<string, FixtureColumn> {
  return {
    [`${party.field}ID`]: dictionary(party.ids, who),
    [`${party.field}NAME`]: dictionary(party.names, who),
  };
}

/** The currency of records in the currency of contact `who(i)`. */
export function partyCurrency(party: Party, ctx: GenContext, who: (i: number) => number): FixtureColumn {
  return dictionary(ctx.currencies, (i) => party.currency[who(i)]!);
}

/** The contacts themselves; `dueCents[j]` is what contact j owes or is owed. */
export function contactTable(party: Party, ctx: GenContext, dueCents: Float64Array): FixtureTable {
  const { unit } = ctx.draws;
  const { stream, count: size } = party;
  const idField = `${party.field}ID`;
  const seeded = (j: number, kind: number): boolean => seededBlock(j, size, kind, CONTACT_KINDS) >= 0;
  const inactive = (j: number): boolean =>
    seeded(j, K_INACTIVE) || seeded(j, K_FOREIGN_INACTIVE) || (!seeded(j, K_FOREIGN) && unit(stream, j, 4) < 0.05);
  return {
    size,
    columns: {
      RECORDNO: recordNumbers(),
      [idField]: computed((j) => party.ids[j]!),
      NAME: computed((j) => party.names[j]!),
      STATUS: dictionary(['active', 'inactive'], (j) => (inactive(j) ? 1 : 0)),
      CURRENCY: dictionary(ctx.currencies, (j) => party.currency[j]!),
      WHENCREATED: timestampCol((j) => (DAY0 - 400 + Math.floor((j * (SPAN_DAYS + 300)) / size)) * 86400 + Math.floor(unit(stream, j, 5) * 86400)),
      WHENMODIFIED: timestampCol((j) => (DAY0 + SPAN_DAYS - Math.floor(unit(stream, j, 6) * 700)) * 86400 + Math.floor(unit(stream, j, 7) * 86400)),
      MEGAENTITYID: constant(null),
      MEGAENTITYNAME: constant(null),
      SUPDOCID: computed((j) => (unit(stream, j, 8) < 0.01 ? `ATT-${idField.slice(0, 4)}-${j + 1}` : null)),
      TOTALDUE: money((j) => dueCents[j]!),
    },
  };
}
