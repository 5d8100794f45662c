/**
 * Value conversions shared by the sandbox's filters, sorting and output. Intacct's `query` and
 * `readByQuery` write dates as MM/DD/YYYY and timestamps as MM/DD/YYYY HH:MM:SS; the sandbox
 * compares them as numbers (days / seconds since 1970-01-01 UTC) so that 01/02/2024 sorts after
 * 12/31/2023, which a text comparison would get wrong.
 */

export type ValueKind = 'number' | 'date' | 'timestamp' | 'text';

/** How a field of the given DATATYPE is compared. */
export function kindOf(datatype: string | undefined): ValueKind {
  switch ((datatype ?? 'TEXT').toUpperCase()) {
    case 'INTEGER':
    case 'DECIMAL':
    case 'CURRENCY':
    case 'PERCENT':
    case 'NUMBER':
    case 'SEQUENCE':
      return 'number';
    case 'DATE':
      return 'date';
    case 'TIMESTAMP':
    case 'DATETIME':
      return 'timestamp';
    default:
      return 'text';
  }
}

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** A decimal string as a number; NaN when it is not one. */
export function parseNumber(text: string): number {
  const t = text.trim();
  return NUMBER_RE.test(t) ? Number(t) : NaN;
}

/** MM/DD/YYYY[ HH:MM[:SS]] (or, leniently for stored values, YYYY-MM-DD) → seconds since epoch; NaN if invalid. */
export function parseDateTime(text: string): number {
  const t = text.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, s = 0;
  const m = DATE_RE.exec(t);
  if (m) {
    mo = Number(m[1]);
    d = Number(m[2]);
    y = Number(m[3]);
    if (m[4] !== undefined) {
      h = Number(m[4]);
      mi = Number(m[5]);
      s = m[6] !== undefined ? Number(m[6]) : 0;
    }
  } else {
    const iso = ISO_RE.exec(t);
    if (!iso) return NaN;
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
    if (iso[4] !== undefined) {
      h = Number(iso[4]);
      mi = Number(iso[5]);
      s = iso[6] !== undefined ? Number(iso[6]) : 0;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCDate() !== d) return NaN; // 02/30/2024 and the like
  return ms / 1000;
}

/** Days since epoch of a date (time of day ignored); NaN if invalid. */
export function parseDateDays(text: string): number {
  const secs = parseDateTime(text);
  return Number.isNaN(secs) ? NaN : Math.floor(secs / 86400);
}

/**
 * Parses a filter operand: dates only as MM/DD/YYYY (as Intacct expects them in queries), so a
 * client that sends 2024-01-31 gets the error it would get from the real gateway.
 */
export function parseOperand(kind: ValueKind, text: string): number {
  if ((kind === 'date' || kind === 'timestamp') && !DATE_RE.test(text.trim())) return NaN;
  return toComparable(kind, text);
}

/** Parses a value as the given kind: the number filters and sorting compare. */
export function toComparable(kind: ValueKind, text: string): number {
  switch (kind) {
    case 'number':
      return parseNumber(text);
    case 'date':
      return parseDateDays(text);
    case 'timestamp':
      return parseDateTime(text);
    default:
      return NaN;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Days since epoch → MM/DD/YYYY. */
export function formatDate(days: number): string {
  const d = new Date(days * 86400000);
  return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

/** Seconds since epoch → MM/DD/YYYY HH:MM:SS. */
export function formatTimestamp(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(
    d.getUTCMinutes(),
  )}:${pad2(d.getUTCSeconds())}`;
}

/** SQL-style: a missing value and an empty string are both NULL. */
export function isNull(v: string | null | undefined): boolean {
  return v === null || v === undefined || v === '';
}
