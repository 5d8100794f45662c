/**
 * Benchmark worklists process: one full audit with worklists, as `intacct-preflight audit
 * --worklists` runs it (every built-in check, the files written into a temporary folder), then one
 * `worklists` line: wall time of the run and of the worklist phase, the client's counters, the
 * phase's requests and functions per request, peak RSS, and each worklist's rows as counted in
 * its file. Nothing else runs in this process, so its RSS is the auditor's.
 *
 * Usage: BENCH_CONNECTION='{"endpoint":…,"credentials":…}' node dist/bench/worklists-worker.js [--concurrency 2]
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../src/audit/audit.js';
import { connectionFromEnv } from './connection.js';
import { cpuMs, emit, failWorker, peakRssMb } from './protocol.js';

/** Records in a CSV file, counted as a stream: line ends outside quoted fields (a quote doubled inside one toggles twice). */
async function csvRecords(path: string): Promise<number> {
  let records = 0;
  let quoted = false;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    const text = chunk as string;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === 10 && !quoted) records++;
    }
  }
  return records;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '2' } } });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) failWorker('--concurrency must be an integer ≥ 1');
  const { endpoint, credentials } = connectionFromEnv();
  const dir = mkdtempSync(join(tmpdir(), 'preflight-bench-worklists-'));
  try {
    const cpuBefore = cpuMs();
    const started = performance.now();
    let phaseStarted: number | undefined;
    let pages = 0;
    const perRequest: number[] = [];
    const result = await runAudit({
      connection: {
        endpoint,
        credentials,
        concurrency,
        onEvent: (e) => {
          if (e.type === 'request' && phaseStarted !== undefined) perRequest.push(e.functions);
        },
      },
      source: 'live',
      worklists: { dir },
      onProgress: (e) => {
        if (e.type === 'worklists' && e.phase === 'start') {
          phaseStarted = performance.now();
          pages = e.pages;
        }
      },
    });
    const wallMs = performance.now() - started;
    const maxRssMb = peakRssMb();
    const cpu = cpuMs() - cpuBefore;
    const lists = [];
    for (const c of result.checks) {
      if (!c.worklist) continue;
      // Less the header, and the last line saying a list is incomplete.
      const records = await csvRecords(join(dir, c.worklist.file));
      lists.push({ id: c.id, count: c.affected?.count ?? 0, rows: c.worklist.rows, fileRows: records - 1 - (c.worklist.complete ? 0 : 1), complete: c.worklist.complete });
    }
    emit({
      type: 'worklists',
      wallMs,
      phaseMs: phaseStarted === undefined ? 0 : wallMs - (phaseStarted - started),
      stats: { ...result.run.stats },
      maxRssMb,
      cpuMs: cpu,
      pages,
      requests: perRequest.length,
      functionsPerRequest: perRequest,
      lists,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => failWorker(`worklists worker failed: ${e instanceof Error ? e.message : String(e)}`));
