/**
 * Benchmark auditor process: one full audit (every built-in check) through the real client, as
 * `intacct-preflight audit` runs it, then one `audit` line with wall time, the client's counters
 * and this process's peak RSS. Nothing else runs in this process, so its RSS is the auditor's.
 *
 * Usage: BENCH_CONNECTION='{"endpoint":…,"credentials":…}' node dist/bench/audit-worker.js
 *        [--concurrency 2] [--max-functions 50]
 */
import { parseArgs } from 'node:util';
import { runAudit } from '../src/audit/audit.js';
import { connectionFromEnv } from './connection.js';
import { cpuMs, emit, failWorker, peakRssMb } from './protocol.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string', default: '2' },
      'max-functions': { type: 'string', default: '50' },
    },
  });
  const concurrency = Number(values.concurrency);
  const maxFunctionsPerRequest = Number(values['max-functions']);
  if (!Number.isInteger(concurrency) || concurrency < 1) failWorker('--concurrency must be an integer ≥ 1');
  if (!Number.isInteger(maxFunctionsPerRequest) || maxFunctionsPerRequest < 1) failWorker('--max-functions must be an integer ≥ 1');

  const { endpoint, credentials } = connectionFromEnv();
  const cpuBefore = cpuMs();
  const started = performance.now();
  const timeline: { ms: number; event: string }[] = [];
  const mark = (event: string) => timeline.push({ ms: performance.now() - started, event });
  let checksMarked = false;
  const result = await runAudit({
    connection: {
      endpoint,
      credentials,
      concurrency,
      maxFunctionsPerRequest,
      onEvent: (e) => {
        if (e.type === 'request') mark(`request sent (${e.functions} functions${e.attempt > 1 ? `, attempt ${e.attempt}` : ''})`);
        else if (e.type === 'retry') mark(`retry in ${e.delayMs} ms: ${e.reason}`);
      },
    },
    source: 'live',
    onProgress: (e) => {
      if (e.type === 'connect') mark(`connect ${e.phase}`);
      else if (e.type === 'gather') mark(`gathered layer ${e.layer}/${e.layers} (${e.functions} functions)`);
      else if (e.type === 'check' && !checksMarked) {
        checksMarked = true;
        mark('first check evaluated');
      } else if (e.type === 'done') mark('done');
    },
  });
  const wallMs = performance.now() - started;

  const statuses: Record<string, number> = {};
  for (const c of result.checks) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
  emit({
    type: 'audit',
    wallMs,
    stats: { ...result.run.stats },
    maxRssMb: peakRssMb(),
    cpuMs: cpuMs() - cpuBefore,
    verdict: result.verdict,
    statuses,
    errors: result.checks.filter((c) => c.status === 'error').map((c) => ({ id: c.id, summary: c.summary })),
    checks: result.checks.length,
    timeline,
  });
}

main().catch((e: unknown) => failWorker(`audit worker failed: ${e instanceof Error ? e.message : String(e)}`));
