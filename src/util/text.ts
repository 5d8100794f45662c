/** Small wording helpers every part of the product shares. */

/** "1 blocker", "3 blockers" (or the plural given). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A count as English writes it: 1,234,567. Written out rather than with toLocaleString('en-US'),
 * whose first call loads ICU's number formats (~17 ms of a CLI run that prints a few counts).
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/**
 * Orders ASCII identifiers (check ids, object names) by their characters, for a stable order that
 * does not depend on a locale; localeCompare's first call loads ICU's collation (~10 ms).
 */
export function byCharacters(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
