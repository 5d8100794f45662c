/**
 * One size of the benchmark: generate and serve the company (sandbox process), audit it (auditor
 * process), then run the naive strategy (naive process), reading the sandbox's own counters
 * between phases so every figure is checked from both ends of the wire.
 */
import { costOf, type CostBreakdown } from './cost.js';
import { CONNECTION_ENV } from './connection.js';
import { CLI_V8_FLAGS } from '../src/cli/flags.js';
import type { AuditLine, NaiveLine, ReceivedLine, SandboxReady, SandboxStats, WorklistsLine } from './protocol.js';
import { Worker } from './workers.js';

export interface SizeOptions {
  invoices: number;
  seed: number;
  latencyMs: number;
  maxConcurrent: number;
  concurrency: number;
  /** Audits per size; the fastest is reported (the others only measured noise). */
  auditRuns: number;
  /** Seconds; undefined = no naive run. */
  naiveCapSeconds?: number;
  naiveParallelObjects: 1 | 2;
  /** Heap for the sandbox process (the 1M company lives there). */
  sandboxHeapMb: number;
  /** Also audit once with --worklists (the worklists row). */
  worklists: boolean;
  log: (text: string) => void;
}

/** What the sandbox saw during one phase (differences of its cumulative counters). */
export type ServerSide = Pick<SandboxStats, 'requests' | 'functions' | 'bytesOut' | 'throttled' | 'modelledServerMs' | 'cpuMs'> & {
  cost: CostBreakdown;
};

export interface NaiveResult extends NaiveLine {
  /** True when the runner had to stop the worker (it overran its cap by more than the grace). */
  killed: boolean;
  recordsTotal: number;
  /** Full-run estimates when the cap stopped it: requests exactly (pages left), wall by read rate. */
  projected?: { httpRequests: number; wallMs: number };
  server: ServerSide;
}

export interface SizeResult {
  invoices: number;
  seed: number;
  generationMs: number;
  records: Record<string, number>;
  sandboxRssMb: number;
  /** `processWallMs`: auditor process from spawn to exit (Node start-up and module loading included). */
  audit: AuditLine & { server: ServerSide; processWallMs: number; runsMs: number[]; processRunsMs: number[] };
  /** The audit with --worklists, once (see bench/worklists.ts). */
  worklists?: WorklistsLine & { processWallMs: number; server: ServerSide };
  naive?: NaiveResult;
}

const GENERATION_TIMEOUT_MS = 30 * 60_000;
const AUDIT_TIMEOUT_MS = 10 * 60_000;
/** Time a naive worker may overrun its cap (one page in flight) before it is stopped. */
const NAIVE_GRACE_MS = 60_000;

export async function measureSize(o: SizeOptions): Promise<SizeResult> {
  const sandbox = new Worker(
    'sandbox worker',
    'sandbox-worker.js',
    ['--invoices', String(o.invoices), '--seed', String(o.seed), '--latency', String(o.latencyMs), '--max-concurrent', String(o.maxConcurrent)],
    { nodeArgs: [`--max-old-space-size=${o.sandboxHeapMb}`] },
  );
  try {
    o.log(`generating a company with ${o.invoices.toLocaleString('en-US')} AR invoices (seed ${o.seed})…`);
    const ready = await sandbox.next('ready', GENERATION_TIMEOUT_MS);
    o.log(`  generated in ${(ready.generationMs / 1000).toFixed(1)} s; sandbox RSS ${Math.round(ready.rssMb)} MB`);
    const env = { ...process.env, [CONNECTION_ENV]: JSON.stringify({ endpoint: ready.endpoint, credentials: ready.credentials }) };

    // Best of N audits: each in a fresh process, so N only filters out noise from other work on
    // the machine; every run's figures are kept in `runsMs`.
    let best: (AuditLine & { server: ServerSide; processWallMs: number }) | undefined;
    const runsMs: number[] = [];
    const processRunsMs: number[] = [];
    let last = await sandboxStats(sandbox, 0);
    for (let run = 1; run <= o.auditRuns; run++) {
      o.log(`  auditing (every check)${o.auditRuns > 1 ? `, run ${run} of ${o.auditRuns}` : ''}…`);
      const spawnedAt = performance.now();
      const auditor = new Worker('audit worker', 'audit-worker.js', ['--concurrency', String(o.concurrency)], { env });
      const audit = await auditor.next('audit', AUDIT_TIMEOUT_MS);
      await auditor.exited;
      const processWallMs = performance.now() - spawnedAt;
      const now = await sandboxStats(sandbox, last.receivedTotal);
      const measured = { ...audit, server: serverSide(last, now), processWallMs };
      last = now;
      runsMs.push(audit.wallMs);
      processRunsMs.push(processWallMs);
      o.log(`  audit: ${fmtMs(audit.wallMs)}, ${audit.stats.httpRequests} requests, ${audit.stats.functions} functions`);
      if (!best || measured.wallMs < best.wallMs) best = measured;
    }
    let worklists: SizeResult['worklists'];
    if (o.worklists) {
      o.log('  auditing with --worklists (every affected record of each data check)…');
      const spawnedAt = performance.now();
      // With the executable's V8 flags: the peak RSS target is the auditor's as `audit --worklists` runs.
      const worker = new Worker('worklists worker', 'worklists-worker.js', ['--concurrency', String(o.concurrency)], { env, nodeArgs: [...CLI_V8_FLAGS] });
      const line = await worker.next('worklists', AUDIT_TIMEOUT_MS);
      await worker.exited;
      const now = await sandboxStats(sandbox, last.receivedTotal);
      worklists = { ...line, processWallMs: performance.now() - spawnedAt, server: serverSide(last, now) };
      last = now;
      o.log(`  worklists: ${fmtMs(line.wallMs)}, ${line.stats.httpRequests} requests, ${line.lists.reduce((a, l) => a + l.fileRows, 0).toLocaleString('en-US')} records in ${line.lists.length} files, peak RSS ${Math.round(line.maxRssMb)} MB`);
    }
    const afterAudit = last;

    let naive: NaiveResult | undefined;
    if (o.naiveCapSeconds !== undefined) naive = await runNaivePhase(o, sandbox, env, ready, afterAudit);

    return {
      invoices: o.invoices,
      seed: o.seed,
      generationMs: ready.generationMs,
      records: ready.records,
      sandboxRssMb: ready.rssMb,
      audit: { ...best!, runsMs, processRunsMs },
      ...(worklists ? { worklists } : {}),
      ...(naive ? { naive } : {}),
    };
  } finally {
    sandbox.send({ cmd: 'close' });
    const forced = setTimeout(() => void sandbox.stop(), 10_000);
    await sandbox.exited;
    clearTimeout(forced);
  }
}

async function runNaivePhase(
  o: SizeOptions,
  sandbox: Worker,
  env: NodeJS.ProcessEnv,
  ready: SandboxReady,
  afterAudit: SandboxStats,
): Promise<NaiveResult> {
  const cap = o.naiveCapSeconds!;
  o.log(`  naive strategy (capped at ${cap} s)…`);
  const worker = new Worker('naive worker', 'naive-worker.js', ['--cap', String(cap), '--parallel-objects', String(o.naiveParallelObjects)], { env });
  let latest: NaiveLine | undefined;
  let lastLogged = 0;
  worker.onLine = (l) => {
    if (l.type !== 'naive-progress') return;
    latest = l;
    if (l.wallMs - lastLogged >= 15_000) {
      lastLogged = l.wallMs;
      o.log(`    … ${Math.round(l.wallMs / 1000)} s: ${l.recordsRead.toLocaleString('en-US')} records, ${l.stats.httpRequests} requests`);
    }
  };
  let killed = false;
  let final: NaiveLine;
  try {
    final = await worker.next('naive', cap * 1000 + NAIVE_GRACE_MS);
  } catch (e) {
    if (!latest) throw e;
    // Stuck past its cap: keep what it reported last, and say it was stopped.
    killed = true;
    final = { ...latest, type: 'naive' };
  }
  await worker.stop();
  const after = await sandboxStats(sandbox, afterAudit.receivedTotal);

  const totals = new Map<string, number>();
  for (const obj of final.objects) totals.set(obj.object, obj.total ?? ready.records[obj.object] ?? 0);
  const recordsTotal = [...totals.values()].reduce((a, b) => a + b, 0);
  const result: NaiveResult = { ...final, killed, recordsTotal, server: serverSide(afterAudit, after) };
  if (!final.completed) {
    // Requests a full run needs: what it sent before paging (session + settings), plus one per page.
    const pagesPerObject = final.objects.map((obj) => Math.max(1, Math.ceil((totals.get(obj.object) ?? 0) / 1000)));
    const pagesDone = final.objects.map((obj) => (obj.done ? Math.max(1, Math.ceil(obj.read / 1000)) : Math.ceil(obj.read / 1000)));
    const pagesLeft = pagesPerObject.reduce((n, p, i) => n + Math.max(0, p - pagesDone[i]!), 0);
    result.projected = {
      httpRequests: final.stats.httpRequests - final.stats.retries + pagesLeft,
      wallMs: final.recordsRead > 0 ? (final.wallMs * recordsTotal) / final.recordsRead : Number.NaN,
    };
  }
  o.log(
    `  naive: ${fmtMs(final.wallMs)}, ${final.stats.httpRequests} requests, ${final.recordsRead.toLocaleString('en-US')} of ${recordsTotal.toLocaleString('en-US')} records${final.completed ? '' : ' (capped)'}`,
  );
  return result;
}

async function sandboxStats(sandbox: Worker, since: number): Promise<SandboxStats> {
  sandbox.send({ cmd: 'stats', since });
  return sandbox.next('stats', 60_000);
}

function serverSide(a: SandboxStats, b: SandboxStats): ServerSide {
  const received: ReceivedLine[] = b.received;
  return {
    requests: b.requests - a.requests,
    functions: b.functions - a.functions,
    bytesOut: b.bytesOut - a.bytesOut,
    throttled: b.throttled - a.throttled,
    modelledServerMs: b.modelledServerMs - a.modelledServerMs,
    cpuMs: b.cpuMs - a.cpuMs,
    cost: costOf(received),
  };
}

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
