/**
 * The worklists row of the benchmark: at each size, one more audit in a process of its own, with
 * `--worklists` (every affected record of each data check that found some, into CSV files),
 * against the same sandbox. Targets (issue 13), judged at 1,000,000 invoices (or the largest size
 * run): HTTP requests within 1 + the pages the page sizes allow (Σ ⌈records / page size⌉ over the
 * record sets: 1,000 through a readByQuery cursor, 2,000 by query) + the audit's 3; functions batched ≥ 20 per worklist request; peak RSS under
 * 150 MB; wall time within 2× the audit without worklists; every worklist's rows equal to its
 * check's count.
 */
import { fmtMs, type SizeResult } from './measure.js';
import type { WorklistsLine } from './protocol.js';
import type { TargetResult } from './targets.js';

const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** Mean functions per worklist request, and the figure the batching target asks for (20, or every page when there are fewer). */
function batching(w: WorklistsLine): { mean: number; wanted: number } {
  const fns = w.functionsPerRequest.reduce((a, b) => a + b, 0);
  return { mean: w.requests ? fns / w.requests : 0, wanted: Math.min(20, w.pages) };
}

export function renderWorklists(s: SizeResult): string | undefined {
  const w = s.worklists;
  if (!w) return undefined;
  const rows = w.lists.reduce((a, l) => a + l.fileRows, 0);
  const { mean } = batching(w);
  const fns = w.functionsPerRequest;
  const equal = w.lists.filter((l) => l.fileRows === l.count && l.rows === l.count && l.complete).length;
  return [
    `worklists (--worklists, every affected record): wall ${fmtMs(w.wallMs)} (${(w.wallMs / Math.max(1, s.audit.wallMs)).toFixed(2)}× the audit's ${fmtMs(s.audit.wallMs)}; the phase itself ${fmtMs(w.phaseMs)}); ` +
      `HTTP requests ${n(w.stats.httpRequests)} (within 1 + ${n(w.pages)} pages + 3 = ${n(1 + w.pages + 3)}), functions ${n(w.stats.functions)}; ` +
      `worklist requests ${n(w.requests)}, ${mean.toFixed(1)} functions each (${fns.length ? `${Math.min(...fns)}–${Math.max(...fns)}` : '–'}); peak RSS ${n(w.maxRssMb)} MB; ` +
      `${n(rows)} records in ${w.lists.length} files, ${equal} of ${w.lists.length} with exactly their check's count; sandbox saw ${n(w.server.requests)} requests, modelled server time ${fmtMs(w.server.modelledServerMs)}, sandbox CPU ${fmtMs(w.server.cpuMs)}; auditor CPU ${fmtMs(w.cpuMs)}`,
    `worklists: ${w.lists.map((l) => `${l.id} ${n(l.fileRows)}${l.fileRows === l.count ? '' : ` of ${n(l.count)}`}`).join(', ')}`,
  ].join('\n');
}

export function judgeWorklistTargets(sizes: SizeResult[]): TargetResult[] {
  const run = [...sizes].filter((s) => s.worklists).sort((a, b) => a.invoices - b.invoices);
  const big = run.find((s) => s.invoices === 1_000_000) ?? run[run.length - 1];
  if (!big) return [];
  const w = big.worklists!;
  const at = big.invoices === 1_000_000 ? '1M' : `${n(big.invoices)} (target is at 1M)`;
  const yes = (ok: boolean) => (ok ? ('met' as const) : ('not met' as const));
  const bound = 1 + w.pages + 3;
  const { mean, wanted } = batching(w);
  const ratio = w.wallMs / Math.max(1, big.audit.wallMs);
  const wrong = run.flatMap((s) => s.worklists!.lists.filter((l) => !(l.fileRows === l.count && l.rows === l.count && l.complete)).map((l) => `${l.id} at ${n(s.invoices)}: ${n(l.fileRows)} of ${n(l.count)}`));
  return [
    { id: 'worklists-requests', target: `worklists at ${at}: HTTP requests ≤ 1 + Σ ⌈records / page size⌉ + the audit's 3 = ${n(bound)}`, observed: n(w.stats.httpRequests), state: yes(w.stats.httpRequests <= bound) },
    { id: 'worklists-batching', target: `worklists at ${at}: ≥ ${wanted} functions per worklist request`, observed: `${mean.toFixed(1)} on average over ${n(w.requests)} requests`, state: yes(mean >= wanted) },
    { id: 'worklists-rss', target: `worklists at ${at}: peak RSS < 150 MB`, observed: `${n(w.maxRssMb)} MB`, state: yes(w.maxRssMb < 150) },
    { id: 'worklists-wall', target: `worklists at ${at}: wall ≤ 2 × the audit without them (${fmtMs(2 * big.audit.wallMs)})`, observed: `${fmtMs(w.wallMs)} (${ratio.toFixed(2)}×)`, state: yes(ratio <= 2) },
    {
      id: 'worklists-rows',
      target: "every worklist's rows equal its check's affected.count (each size run)",
      observed: wrong.length ? `${wrong.length} differ: ${wrong.slice(0, 3).join('; ')}` : `${run.reduce((a, s) => a + s.worklists!.lists.length, 0)} files, all equal`,
      state: yes(wrong.length === 0),
    },
  ];
}
