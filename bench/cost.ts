/**
 * Where an audit's server time goes, from what the sandbox received: each function's modelled
 * time by the sandbox's own documented rule (src/sandbox/cost.ts: 5 ms + 0.1 ms per 1,000 rows
 * examined; functions within one request run one after another), grouped by request and by kind
 * of function, so the benchmark can name the reads that dominate.
 */
import { functionServerMs } from '../src/sandbox/cost.js';
import type { ReceivedLine } from './protocol.js';

export interface CostBreakdown {
  /** Modelled server time of each HTTP request, in request order. */
  perRequest: { request: number; functions: number; rows: number; ms: number }[];
  totalMs: number;
  /** Function groups (name + object) by modelled time, largest first. */
  heaviest: { what: string; count: number; rows: number; ms: number }[];
}

export function costOf(received: ReceivedLine[]): CostBreakdown {
  const perRequest = new Map<number, { request: number; functions: number; rows: number; ms: number }>();
  const groups = new Map<string, { what: string; count: number; rows: number; ms: number }>();
  let totalMs = 0;
  for (const fn of received) {
    const rows = fn.rowsExamined ?? 0;
    const ms = functionServerMs(rows);
    totalMs += ms;
    const req = perRequest.get(fn.request) ?? { request: fn.request, functions: 0, rows: 0, ms: 0 };
    req.functions += 1;
    req.rows += rows;
    req.ms += ms;
    perRequest.set(fn.request, req);
    const what = [fn.name, fn.object ?? fn.application].filter(Boolean).join(' ');
    const g = groups.get(what) ?? { what, count: 0, rows: 0, ms: 0 };
    g.count += 1;
    g.rows += rows;
    g.ms += ms;
    groups.set(what, g);
  }
  return {
    perRequest: [...perRequest.values()].sort((a, b) => a.request - b.request),
    totalMs,
    heaviest: [...groups.values()].sort((a, b) => b.ms - a.ms),
  };
}
