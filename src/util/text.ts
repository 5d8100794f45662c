/** Small wording helpers every part of the product shares. */

/** "1 blocker", "3 blockers" (or the plural given). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
