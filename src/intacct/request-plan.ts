/**
 * How `execute` splits a batch into requests. Intacct runs the functions of one request one after
 * another, and a company's concurrency allows a few requests at a time: a batch carrying several
 * scans of large tables (transactions, their lines, the ledger) goes out as one request per slot,
 * with the scans spread evenly between them, so its server time is shared by the slots instead of
 * queued in one while the others are idle. A batch without such scans stays as few requests as
 * the batch limit allows: an extra request would only shorten work that is already short.
 */
import type { ReadFunction } from './functions.js';
import { byCharacters } from '../util/text.js';

/** Objects whose scans cost the most at production sizes: transactions, their lines, the ledger. */
const LARGE = new Set([
  'ARINVOICE', 'ARINVOICEITEM', 'ARADJUSTMENT', 'ARADJUSTMENTITEM', 'ARPYMT', 'ARPYMTDETAIL',
  'APBILL', 'APBILLITEM', 'APADJUSTMENT', 'APADJUSTMENTITEM', 'APPYMT', 'APPYMTDETAIL',
  'SODOCUMENT', 'SODOCUMENTENTRY', 'PODOCUMENT', 'PODOCUMENTENTRY',
  'GLENTRY', 'GLDETAIL', 'GLBATCH',
]);

/**
 * Scans of large tables a batch needs before it is spread over the slots: with one or two, a
 * request per slot would save at most one scan's time for one more request (a full audit keeps to
 * four: the session, the first layer, the data layer in two).
 */
export const SPREAD_FROM_LARGE_SCANS = 3;

/** Relative estimated server cost of one function: a scan of a large table, another scan, anything else. */
export function estimatedCost(fn: ReadFunction): number {
  if (fn.function !== 'query' && fn.function !== 'readByQuery') return 1;
  return LARGE.has(fn.object.toUpperCase()) ? 20 : 2;
}

/**
 * The requests for a batch, as lists of indexes into it (each in the batch's order): at most
 * `size` functions a request; one request per slot (up to `slots`) when the batch holds enough
 * large scans, each function going to the least loaded request (largest first).
 */
export function planRequests(fns: readonly ReadFunction[], size: number, slots: number): number[][] {
  const n = fns.length;
  const costs = fns.map(estimatedCost);
  const large = costs.filter((c) => c >= 20).length;
  const count = Math.max(Math.ceil(n / size), large >= SPREAD_FROM_LARGE_SCANS ? Math.min(slots, n) : 1);
  if (count <= 1) return n === 0 ? [] : [fns.map((_, i) => i)];
  if (large < SPREAD_FROM_LARGE_SCANS) {
    // Only the batch limit splits it: consecutive runs, as before.
    const out: number[][] = [];
    for (let i = 0; i < n; i += size) out.push(Array.from({ length: Math.min(size, n - i) }, (_, j) => i + j));
    return out;
  }
  const requests = Array.from({ length: count }, () => ({ load: 0, items: [] as number[] }));
  // Largest first, scans of one object together, so each object's scans are dealt out evenly.
  const order = fns.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || byCharacters(objectOf(fns[a]!), objectOf(fns[b]!)) || a - b);
  for (const i of order) {
    let best: (typeof requests)[number] | undefined;
    for (const r of requests) if (r.items.length < size && (!best || r.load < best.load)) best = r;
    best!.items.push(i);
    best!.load += costs[i]!;
  }
  return requests.filter((r) => r.items.length > 0).map((r) => r.items.sort((a, b) => a - b));
}

function objectOf(fn: ReadFunction): string {
  return 'object' in fn ? fn.object : '';
}
