/**
 * Where the seeded problems of a generated table sit. Every problem kind a data check looks for
 * has at least MIN_EXAMPLES rows at any size, spread evenly over the table without drawing random
 * numbers, so a check's sample is already full in a small company.
 */

/** Examples of each problem kind every generated company has, whatever its size (a full sample). */
export const MIN_EXAMPLES = 25;

/**
 * Rows seeded with a problem kind: the table is cut into `min` blocks of s = ⌊n/min⌋ rows and kind
 * `slot` (of `slots` kinds sharing the table) takes the row at offset ⌊(2·slot+1)·s / (2·slots)⌋ of
 * each block. Returns the block number (0…min−1) when row i is seeded with that kind, else −1.
 * Kinds do not share rows when s ≥ slots; a table smaller than `min` seeds every row.
 */
export function seededBlock(i: number, n: number, slot: number, slots: number, min = MIN_EXAMPLES): number {
  const s = Math.max(1, Math.floor(n / min));
  const b = Math.floor(i / s);
  if (b >= min) return -1;
  return i - b * s === seededOffset(s, slot, slots) ? b : -1;
}

/** Row of block b seeded with kind `slot` in a table of n rows (the inverse of seededBlock). */
export function seededRow(b: number, n: number, slot: number, slots: number, min = MIN_EXAMPLES): number {
  const s = Math.max(1, Math.floor(n / min));
  const blocks = Math.min(min, n);
  return (b % blocks) * s + seededOffset(s, slot, slots);
}

function seededOffset(s: number, slot: number, slots: number): number {
  return Math.floor(((2 * slot + 1) * s) / (2 * slots));
}
