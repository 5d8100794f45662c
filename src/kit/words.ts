/** Words that agree with a count, for summaries: "1 customer", "3 customers"; "has", "have"; counts as "1,234". */
export { formatCount, plural } from '../util/text.js';

/** The verb agreeing with a count: verb(1, 'has', 'have') = 'has'. */
export function verb(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
