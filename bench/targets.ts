/**
 * The performance targets of issue 5, judged from one benchmark run. The targets are defined at
 * 1,000,000 invoices; when that size was not run, they are judged at the largest size run and the
 * report says so. A capped naive run gives a lower bound for its ratios: a target met by the lower
 * bound is met; one met only by the projection says so.
 */
import type { SizeResult } from './measure.js';
import { median, type StartupFigure } from './startup.js';

export type TargetState = 'met' | 'met (projected)' | 'not met' | 'not measured';

export interface TargetResult {
  id: string;
  target: string;
  observed: string;
  state: TargetState;
}

/** Unexplained wall-time growth tolerated between sizes (client parsing, sandbox compute jitter). */
export const GROWTH_TOLERANCE_MS = 300;

export function judgeTargets(sizes: SizeResult[]): TargetResult[] {
  if (sizes.length === 0) return [];
  const sorted = [...sizes].sort((a, b) => a.invoices - b.invoices);
  const big = sorted.find((s) => s.invoices === 1_000_000) ?? sorted[sorted.length - 1]!;
  const small = sorted[0]!;
  const at = big.invoices === 1_000_000 ? '1M' : `${big.invoices.toLocaleString('en-US')} (target is at 1M)`;
  const a = big.audit;
  const out: TargetResult[] = [];
  const yes = (ok: boolean): TargetState => (ok ? 'met' : 'not met');

  out.push({ id: 'requests', target: `full audit at ${at} in ≤ 4 HTTP requests`, observed: `${a.stats.httpRequests}`, state: yes(a.stats.httpRequests <= 4) });
  out.push({ id: 'wall', target: `wall time at ${at} < 2 s (150 ms latency)`, observed: `${(a.wallMs / 1000).toFixed(2)} s`, state: yes(a.wallMs < 2000) });
  out.push({ id: 'rss', target: `auditor peak RSS at ${at} < 150 MB`, observed: `${Math.round(a.maxRssMb)} MB`, state: yes(a.maxRssMb < 150) });
  out.push({ id: 'audit-clean', target: `audit at ${at} ran every check without a read error`, observed: a.errors.length === 0 ? `${a.checks} checks, 0 errors` : `${a.errors.length} in error: ${a.errors.map((e) => e.id).join(', ')}`, state: yes(a.errors.length === 0 && a.checks > 0) });

  if (small === big) {
    for (const id of ['same-requests', 'bytes', 'growth']) out.push({ id, target: `${id} across sizes`, observed: 'only one size run', state: 'not measured' });
  } else {
    const s = small.audit;
    const label = `${small.invoices.toLocaleString('en-US')} → ${big.invoices.toLocaleString('en-US')}`;
    out.push({ id: 'same-requests', target: `HTTP requests no more at the large size than at the small (${label})`, observed: `${s.stats.httpRequests} → ${a.stats.httpRequests}`, state: yes(a.stats.httpRequests <= s.stats.httpRequests) });
    const bytesRatio = a.stats.bytesReceived / Math.max(1, s.stats.bytesReceived);
    out.push({ id: 'bytes', target: `bytes received within 1.5× (${label})`, observed: `${bytesRatio.toFixed(2)}×`, state: yes(bytesRatio <= 1.5) });
    const wallGrowth = a.wallMs - s.wallMs;
    const modelGrowth = a.server.modelledServerMs - s.server.modelledServerMs;
    out.push({
      id: 'growth',
      target: `wall time grows only by the modelled server time (${label}; tolerance ${GROWTH_TOLERANCE_MS} ms)`,
      observed: `wall +${Math.round(wallGrowth)} ms, modelled server time +${Math.round(modelGrowth)} ms`,
      state: yes(wallGrowth <= modelGrowth + GROWTH_TOLERANCE_MS),
    });
  }

  const n = big.naive;
  if (!n) {
    out.push({ id: 'naive-requests', target: '≥ 100× fewer HTTP requests than naive', observed: 'naive not run', state: 'not measured' });
    out.push({ id: 'naive-wall', target: '≥ 20× less wall time than naive', observed: 'naive not run', state: 'not measured' });
  } else {
    out.push(ratioTarget('naive-requests', `≥ 100× fewer HTTP requests than naive at ${at}`, 100, n.stats.httpRequests, n.projected?.httpRequests, a.stats.httpRequests, n.completed));
    out.push(ratioTarget('naive-wall', `≥ 20× less wall time than naive at ${at}`, 20, n.wallMs, n.projected?.wallMs, a.wallMs, n.completed));
  }
  return out;
}

function ratioTarget(id: string, target: string, need: number, measured: number, projected: number | undefined, ours: number, completed: boolean): TargetResult {
  const lower = measured / Math.max(ours, 1e-9);
  if (completed) return { id, target, observed: `${fmtRatio(lower)}`, state: lower >= need ? 'met' : 'not met' };
  const proj = projected !== undefined && Number.isFinite(projected) ? projected / Math.max(ours, 1e-9) : undefined;
  const observed = `≥ ${fmtRatio(lower)} measured before the cap${proj !== undefined ? `, ~${fmtRatio(proj)} projected` : ''}`;
  const state: TargetState = lower >= need ? 'met' : proj !== undefined && proj >= need ? 'met (projected)' : 'not met';
  return { id, target, observed, state };
}

export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return '–';
  return `${r >= 100 ? Math.round(r).toLocaleString('en-US') : r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}

/** Issue 14's start-up and physical-limit targets: each figure beside its target and its ratio. */
export function judgeStartupTargets(startup: StartupFigure[], sizes: SizeResult[], latencyMs: number): TargetResult[] {
  const out: TargetResult[] = [];
  const fig = (id: StartupFigure['id']) => startup.find((f) => f.id === id);
  const node = fig('node');
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const vsNode = (id: StartupFigure['id'], target: string, limit: number) => {
    const f = fig(id);
    if (!f || !node) return out.push({ id: `startup-${id}`, target, observed: 'start-up not run', state: 'not measured' });
    const ratio = f.wallMs / node.wallMs;
    out.push({ id: `startup-${id}`, target, observed: `${s(f.wallMs)} = ${ratio.toFixed(2)}× node -e 0 (${s(node.wallMs)})`, state: ratio <= limit ? 'met' : 'not met' });
  };
  vsNode('demo-json', 'audit --demo --format json: wall ≤ 3× node -e 0', 3);
  const json = fig('demo-json');
  out.push(
    json
      ? { id: 'startup-demo-json-rss', target: 'audit --demo --format json: peak RSS ≤ 80 MB', observed: `${Math.round(json.rssMb)} MB = ${(json.rssMb / 80).toFixed(2)}× the target`, state: json.rssMb <= 80 ? 'met' : 'not met' }
      : { id: 'startup-demo-json-rss', target: 'audit --demo --format json: peak RSS ≤ 80 MB', observed: 'start-up not run', state: 'not measured' },
  );
  vsNode('demo-all', 'audit --demo --format html,json,md,junit: wall ≤ 4× node -e 0', 4);
  vsNode('version', '--version: wall ≤ 1.5× node -e 0', 1.5);
  vsNode('help', '--help: wall ≤ 1.5× node -e 0', 1.5);

  const big = sizes.find((x) => x.invoices === 1_000_000);
  const target = 'audit at 1M (whole process): wall ≤ 1.25× the physical limit (node -e 0 + 2 round trips + modelled server time)';
  if (!big || !node) {
    out.push({ id: 'limit-wall', target, observed: !big ? 'the 1M size was not run' : 'start-up not run', state: 'not measured' });
  } else {
    const limit = node.wallMs + 2 * latencyMs + big.audit.server.modelledServerMs;
    const wall = median(big.audit.processRunsMs);
    const ratio = wall / limit;
    out.push({
      id: 'limit-wall',
      target,
      observed: `${s(wall)} (median of ${big.audit.processRunsMs.length}) = ${ratio.toFixed(2)}× the limit ${s(limit)} (${s(node.wallMs)} + 2 × ${latencyMs} ms + ${s(big.audit.server.modelledServerMs)})`,
      state: ratio <= 1.25 ? 'met' : 'not met',
    });
    out.push({ id: 'limit-requests', target: 'audit at 1M: still ≤ 4 HTTP requests', observed: `${big.audit.stats.httpRequests}`, state: big.audit.stats.httpRequests <= 4 ? 'met' : 'not met' });
  }
  return out;
}
