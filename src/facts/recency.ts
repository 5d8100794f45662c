/**
 * The one order of "most recent first", used by every place that orders records by a date: a
 * combined sample, a worklist's cursor pages sorted on our side, and the sets of a list merged
 * into one. It is the order Intacct's `query` returns for a date sorted descending: a record with
 * no date (NULL) comes FIRST, as Oracle orders NULLs in a descending sort, then the latest date.
 * A date is a number (see intacctDateOrder); NaN, null or any non-finite value means "no date".
 */

/** A number that sorts descending in the list's order: the date, or Infinity when there is none. */
export function recencyKey(when: number | null | undefined): number {
  return typeof when === 'number' && Number.isFinite(when) ? when : Infinity;
}

/** Negative when `a` comes before `b` most recent first (undated first), 0 when they tie. */
export function newerFirst(a: number | null | undefined, b: number | null | undefined): number {
  const ka = recencyKey(a);
  const kb = recencyKey(b);
  return ka === kb ? 0 : ka > kb ? -1 : 1;
}

/**
 * Most recent first, then the record number highest first: the order of the kit's record sets
 * (date descending, RECORDNO descending), so records of one day have one order however Intacct
 * returns them. A missing number sorts first, as a NULL does descending.
 */
export function newerFirstByNumber(a: number | null | undefined, aNo: number | null | undefined, b: number | null | undefined, bNo: number | null | undefined): number {
  return newerFirst(a, b) || newerFirst(aNo, bNo);
}
