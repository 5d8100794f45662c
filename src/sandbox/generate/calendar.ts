/** Dates of generated companies, as days since 1970-01-01 UTC. */

/** Activity runs from 2019-01-01 for seven years. */
export const DAY0 = Math.floor(Date.UTC(2019, 0, 1) / 86400000);
export const SPAN_DAYS = 7 * 365;
/** Open items from before the default sync window (2018-01-01): dated in 2016–2017, still due. */
export const OLD_DAY0 = Math.floor(Date.UTC(2016, 0, 1) / 86400000);
export const OLD_SPAN_DAYS = 700;

/** Day of row i of n spread evenly over the activity span, after `startDay` days. */
export function spreadDay(i: number, n: number, startDay = 0): number {
  return DAY0 + startDay + Math.floor((i * SPAN_DAYS) / n);
}
