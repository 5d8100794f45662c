/** The benchmark's human-readable output: one side-by-side table per size, then the targets. */
import type { SizeResult } from './measure.js';
import { fmtMs } from './measure.js';
import type { StartupFigure } from './startup.js';
import { fmtRatio, type TargetResult } from './targets.js';
import { renderWorklists } from './worklists.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: other work on the machine inflates wall times. */
  loadAverage: number;
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');

export function fmtBytes(b: number): string {
  if (b >= 1024 ** 3) return `${(b / 1024 ** 3).toFixed(2)} GB`;
  if (b >= 1024 ** 2) return `${(b / 1024 ** 2).toFixed(1)} MB`;
  if (b >= 1024) return `${(b / 1024).toFixed(1)} KB`;
  return `${b} B`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ').trimEnd()).join('\n');
}

export function renderSize(s: SizeResult): string {
  const a = s.audit;
  const nv = s.naive;
  const lines: string[] = [];
  const totalRecords = Object.values(s.records).reduce((x, y) => x + y, 0);
  lines.push(
    `== ${n(s.invoices)} AR invoices (seed ${s.seed}; ${n(totalRecords)} records in all; generated in ${fmtMs(s.generationMs)}, not timed; sandbox RSS ${n(s.sandboxRssMb)} MB)`,
  );
  const capped = nv && !nv.completed;
  const w = s.worklists;
  const head = ['', 'preflight', nv ? (capped ? `naive (capped at ${nv.capSeconds} s)` : 'naive') : 'naive', nv ? 'naive/preflight' : '', w ? 'preflight --worklists' : ''];
  const proj = (measured: string, projected: string | undefined) => (capped && projected ? `${measured} (~${projected} full)` : measured);
  const ratio = (naive: number, ours: number, projected?: number) => {
    if (!nv) return '';
    const r = naive / Math.max(ours, 1e-9);
    if (!capped) return fmtRatio(r);
    return projected !== undefined && Number.isFinite(projected) ? `≥ ${fmtRatio(r)} (~${fmtRatio(projected / Math.max(ours, 1e-9))})` : `≥ ${fmtRatio(r)}`;
  };
  const rows: string[][] = [head];
  rows.push([
    a.runsMs.length > 1 ? `wall time (best of ${a.runsMs.length})` : 'wall time',
    fmtMs(a.wallMs),
    nv ? proj(fmtMs(nv.wallMs), nv.projected && Number.isFinite(nv.projected.wallMs) ? fmtMs(nv.projected.wallMs) : undefined) : '–',
    nv ? ratio(nv.wallMs, a.wallMs, nv.projected?.wallMs) : '',
    w ? fmtMs(w.wallMs) : '',
  ]);
  rows.push(['  whole process', fmtMs(a.processWallMs), '', '', w ? fmtMs(w.processWallMs) : '']);
  rows.push([
    'HTTP requests',
    n(a.stats.httpRequests),
    nv ? proj(n(nv.stats.httpRequests), nv.projected ? n(nv.projected.httpRequests) : undefined) : '–',
    nv ? ratio(nv.stats.httpRequests, a.stats.httpRequests, nv.projected?.httpRequests) : '',
    w ? n(w.stats.httpRequests) : '',
  ]);
  rows.push(['functions', n(a.stats.functions), nv ? n(nv.stats.functions) : '–', nv ? ratio(nv.stats.functions, a.stats.functions) : '', w ? n(w.stats.functions) : '']);
  rows.push(['bytes received', fmtBytes(a.stats.bytesReceived), nv ? fmtBytes(nv.stats.bytesReceived) : '–', nv ? ratio(nv.stats.bytesReceived, a.stats.bytesReceived) : '', w ? fmtBytes(w.stats.bytesReceived) : '']);
  rows.push(['retries', n(a.stats.retries), nv ? n(nv.stats.retries) : '–', '', w ? n(w.stats.retries) : '']);
  rows.push(['peak RSS', `${n(a.maxRssMb)} MB`, nv ? `${n(nv.maxRssMb)} MB` : '–', '', w ? `${n(w.maxRssMb)} MB` : '']);
  lines.push(table(rows));

  const statuses = Object.entries(a.statuses).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(
    `audit: verdict ${a.verdict}; ${a.checks} checks (${statuses}); sandbox saw ${a.server.requests} requests, ${a.server.functions} functions, ${a.server.throttled} throttled; per request (modelled server time): ${a.server.cost.perRequest.map((r) => `#${r.request}: ${r.functions} fn ${fmtMs(r.ms)}`).join(', ')}`,
  );
  const heavy = a.server.cost.heaviest.slice(0, 3).map((h) => `${h.what} ×${h.count} (${n(h.rows)} rows, ${fmtMs(h.ms)})`);
  lines.push(
    `audit server time: modelled ${fmtMs(a.server.modelledServerMs)}, sandbox CPU ${fmtMs(a.server.cpuMs)}; auditor CPU ${fmtMs(a.cpuMs)}; heaviest reads: ${heavy.join(', ')}`,
  );
  if (a.runsMs.length > 1) lines.push(`audit runs: ${a.runsMs.map(fmtMs).join(', ')}`);
  lines.push(`audit timeline: ${a.timeline.map((t) => `${fmtMs(t.ms)} ${t.event}`).join(' → ')}`);
  if (a.errors.length) lines.push(`audit checks in error: ${a.errors.map((e) => `${e.id} (${e.summary})`).join('; ')}`);
  const worklists = renderWorklists(s);
  if (worklists) lines.push(worklists);
  if (nv) {
    const pct = nv.recordsTotal > 0 ? ` (${((100 * nv.recordsRead) / nv.recordsTotal).toFixed(1)} %)` : '';
    const how = nv.completed ? 'complete' : nv.killed ? `stopped by the runner after overrunning its ${nv.capSeconds} s cap` : `stopped by its ${nv.capSeconds} s cap`;
    lines.push(`naive: read ${n(nv.recordsRead)} of ${n(nv.recordsTotal)} records${pct}, ${how}; sandbox saw ${nv.server.requests} requests, ${nv.server.throttled} throttled`);
    const errs = nv.objects.filter((o) => o.error);
    if (errs.length) lines.push(`naive: objects refused: ${errs.map((o) => `${o.object} (${o.error})`).join('; ')}`);
  }
  return lines.join('\n');
}

export function renderTargets(targets: TargetResult[]): string {
  const rows = [['target', 'observed', 'state'], ...targets.map((t) => [t.target, t.observed, t.state.toUpperCase()])];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${r[0]!.padEnd(widths[0]!)}   ${r[1]!.padEnd(widths[1]!)}   ${r[2]}`).join('\n');
}

export function renderMachine(m: Machine): string {
  return `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}, load average ${m.loadAverage} at start`;
}

/** The start-up table: each command's median wall time, its ratio to `node -e 0`, and peak RSS. */
export function renderStartup(figures: StartupFigure[], m: Machine): string {
  const node = figures.find((f) => f.id === 'node');
  const rows = [['start-up (median)', 'wall', '× node -e 0', 'peak RSS', 'runs']];
  for (const f of figures) {
    rows.push([f.command, fmtMs(f.wallMs), node ? `${(f.wallMs / node.wallMs).toFixed(2)}×` : '–', `${n(f.rssMb)} MB`, f.runsMs.map(fmtMs).join(', ')]);
  }
  return `== start-up of the CLI (${figures[0]?.runsMs.length ?? 0} runs each, interleaved; load average ${m.loadAverage} on ${m.cores} cores at start)\n${table(rows)}`;
}
