/**
 * A `query` function's filter as `readByQuery`'s query string, so a worklist can be read through a
 * server-side cursor (readByQuery, then readMore) instead of `query` pages by offset, each of
 * which is a fresh query of the whole object. The two languages differ (see the reference notes,
 * "Reading data"): readByQuery compares strings case-sensitively and has no `caseinsensitive`
 * option, supports no joins (no `JOURNAL.SYMBOL`), and spells enumerated values as database codes
 * where `query` uses labels. Only fields known to read the same in both, and the enumerated values
 * whose codes Intacct documents, are translated; a filter on any other field is left untranslated,
 * and its worklist is read with `query` pages as before. What readByQuery counts is checked against the audit's count
 * before any page is used (see fetch.ts), so a spelling Intacct reads otherwise costs a fallback,
 * never a wrong list.
 */
import type { Filter } from '../intacct/functions.js';
import type { QueryFunction } from './plan.js';

/**
 * Documented readByQuery spellings of enumerated values, by object and field: the `query` label →
 * the code. A field listed here translates only the values listed; any other value of it makes
 * the filter untranslatable.
 */
const CODES: Record<string, Record<string, Record<string, string>>> = {
  // STATUS: active/inactive in query, T/F in readByQuery (customers' and vendors' API pages).
  CUSTOMER: { STATUS: { active: 'T', inactive: 'F' } },
  VENDOR: { STATUS: { active: 'T', inactive: 'F' } },
  // ACCESSMODE: D in query, the word Delete in readByQuery (audit trails' API page).
  // OBJECTTYPE is the object's name in lower case in both (e.g. apbill).
  AUDITHISTORY: { ACCESSMODE: { D: 'Delete' }, OBJECTTYPE: { customer: 'customer', vendor: 'vendor', arinvoice: 'arinvoice', apbill: 'apbill' } },
  // STATE='A' is a posted bill; the other states' codes are not documented.
  APBILL: { STATE: { Posted: 'A' } },
  // RECORDTYPE is a code in both (overpayments and advances: readByQuery RECORDTYPE in ('rp','rr')).
  ARPYMT: { RECORDTYPE: { rp: 'rp', rr: 'rr', ro: 'ro' } },
};

/**
 * Fields whose values read the same in both languages: dates (MM/DD/YYYY in both), amounts, record
 * numbers, ids, currency codes and free text. A field in neither this list nor CODES (an
 * enumeration such as ARINVOICE STATE, a boolean, a user check's own field) is not translated:
 * a wrong guess at its spelling could match other records in the same number, so it stays with
 * `query` pages.
 */
const PLAIN = new Set([
  'RECORDNO', 'RECORDID', 'DOCNUMBER', 'CUSTOMERID', 'VENDORID', 'ACCOUNTNO', 'OBJECTKEY', 'MEGAENTITYID',
  'WHENCREATED', 'WHENMODIFIED', 'WHENPOSTED', 'WHENDUE', 'WHENPAID', 'BATCH_DATE', 'ACCESSTIME',
  'CURRENCY', 'BASECURR', 'TOTALENTERED', 'TOTALDUE', 'TOTALPAID', 'TRX_TOTALENTERED', 'TRX_TOTALDUE', 'TRX_TOTALPAID',
  'SUPDOCID', 'NAME', 'DESCRIPTION',
]);

export type Translation = { ok: true; query: string } | { ok: false; reason: string };

class Untranslatable extends Error {}

/** A string literal: single quotes, backslash escapes (\' and \\). */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The readByQuery query string of `fn`'s filter, or why it has none. `company.entities`: the
 * company has entities (the kit sets showprivate on every top-level read, which matters only then).
 */
export function readByQueryString(fn: QueryFunction, company: { entities?: boolean } = {}): Translation {
  const object = fn.object.toUpperCase();
  if (fn.caseInsensitive) return { ok: false, reason: 'readByQuery compares text case-sensitively' };
  // At the top level of a multi-entity company the audit's reads see private entities' records
  // (showprivate); readByQuery has no such option, would count fewer and be read again anyway.
  if (fn.showPrivate && company.entities) return { ok: false, reason: "readByQuery has no showprivate: it does not see private entities' records" };
  const dotted = fn.select.find((f) => !FIELD.test(f));
  if (dotted !== undefined) return { ok: false, reason: `readByQuery reads no related fields (${dotted})` };
  try {
    return { ok: true, query: fn.filter ? condition(object, fn.filter) : '' };
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, reason: e.message };
    throw e;
  }
}

function condition(object: string, f: Filter): string {
  if ('and' in f) return group(object, f.and, 'AND');
  if ('or' in f) return group(object, f.or, 'OR');
  const field = f.field.toUpperCase();
  if (!FIELD.test(field)) throw new Untranslatable(`readByQuery reads no related fields (${f.field})`);
  const value = (v: string) => literal(spelling(object, field, v));
  switch (f.op) {
    case 'isnull':
      return `${field} IS NULL`;
    case 'isnotnull':
      return `${field} IS NOT NULL`;
    case 'in':
      return `${field} IN (${f.values.map(value).join(', ')})`;
    case 'notin':
      return `${field} NOT IN (${f.values.map(value).join(', ')})`;
    case 'between':
      return `(${field} >= ${value(f.values[0])} AND ${field} <= ${value(f.values[1])})`;
    case 'equalto':
      return `${field} = ${value(f.value)}`;
    // The documented operators have no "not equal"; NOT IN of one value excludes NULLs as
    // notequalto does (SQL: a NULL satisfies no comparison).
    case 'notequalto':
      return `${field} NOT IN (${value(f.value)})`;
    case 'lessthan':
      return `${field} < ${value(f.value)}`;
    case 'lessthanorequalto':
      return `${field} <= ${value(f.value)}`;
    case 'greaterthan':
      return `${field} > ${value(f.value)}`;
    case 'greaterthanorequalto':
      return `${field} >= ${value(f.value)}`;
    case 'like':
      return `${field} LIKE ${value(f.value)}`;
    case 'notlike':
      return `${field} NOT LIKE ${value(f.value)}`;
  }
}

function group(object: string, items: Filter[], op: 'AND' | 'OR'): string {
  if (items.length === 0) throw new Untranslatable(`an empty ${op.toLowerCase()}`);
  const parts = items.map((item) => condition(object, item));
  return parts.length === 1 ? parts[0]! : `(${parts.join(` ${op} `)})`;
}

function spelling(object: string, field: string, value: string): string {
  const codes = CODES[object]?.[field];
  if (codes) {
    const code = codes[value];
    if (code === undefined) throw new Untranslatable(`the readByQuery code of ${object} ${field} '${value}' is not documented`);
    return code;
  }
  if (!PLAIN.has(field)) throw new Untranslatable(`readByQuery's spelling of ${object} ${field} values is not known to be the query's`);
  return value;
}
