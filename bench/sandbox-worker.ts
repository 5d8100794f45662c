/**
 * Benchmark sandbox process: generates a company from a seed, serves it on loopback with the
 * documented cost model, and answers the runner's commands on stdin (one JSON object per line):
 *   {"cmd":"stats","since":N}  → a `stats` line (cumulative counters + functions received from N on)
 *   {"cmd":"close"}            → closes the gateway and exits
 * It runs in its own process so the company's memory and the gateway's CPU never count against
 * the auditor being measured.
 *
 * Usage: node dist/bench/sandbox-worker.js --invoices 1000000 [--seed 42] [--latency 150]
 *        [--max-concurrent 2] [--no-cost-model]
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { generateCompany, recordCount } from '../src/sandbox/generate.js';
import { startSandbox } from '../src/sandbox/server.js';
import { cpuMs, emit, failWorker } from './protocol.js';

function options() {
  const { values } = parseArgs({
    options: {
      invoices: { type: 'string' },
      seed: { type: 'string', default: '42' },
      latency: { type: 'string', default: '150' },
      'max-concurrent': { type: 'string', default: '2' },
      'no-cost-model': { type: 'boolean', default: false },
    },
  });
  const num = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) failWorker(`--${name} must be an integer ≥ ${min} (got ${v ?? 'nothing'})`);
    return n;
  };
  return {
    invoices: num('invoices', values.invoices, 1),
    seed: num('seed', values.seed, 0),
    latencyMs: num('latency', values.latency, 0),
    maxConcurrent: num('max-concurrent', values['max-concurrent'], 1),
    costModel: !values['no-cost-model'],
  };
}

async function main(): Promise<void> {
  const opts = options();

  const genStart = performance.now();
  const company = generateCompany({ invoices: opts.invoices, seed: opts.seed });
  const generationMs = performance.now() - genStart;

  const startAt = performance.now();
  const sandbox = await startSandbox({
    company,
    latencyMs: opts.latencyMs,
    maxConcurrent: opts.maxConcurrent,
    costModel: opts.costModel,
  });
  const startMs = performance.now() - startAt;

  const records: Record<string, number> = {};
  for (const [name, obj] of Object.entries(company.objects)) records[name] = recordCount(obj);

  emit({
    type: 'ready',
    endpoint: sandbox.endpoint,
    credentials: { ...sandbox.credentials },
    invoices: opts.invoices,
    seed: opts.seed,
    generationMs,
    startMs,
    records,
    rssMb: process.memoryUsage().rss / (1024 * 1024),
  });

  let closing = false;
  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await sandbox.close();
    process.exit(0);
  };

  const rl = createInterface({ input: process.stdin });
  rl.on('line', (text) => {
    let cmd: { cmd?: string; since?: number };
    try {
      cmd = JSON.parse(text) as typeof cmd;
    } catch {
      return;
    }
    if (cmd.cmd === 'stats') {
      const since = Math.max(0, Math.trunc(cmd.since ?? 0));
      emit({
        type: 'stats',
        requests: sandbox.stats.requests,
        functions: sandbox.stats.functions,
        bytesOut: sandbox.stats.bytesOut,
        throttled: sandbox.stats.throttled,
        modelledServerMs: sandbox.stats.modelledServerMs ?? 0,
        cpuMs: cpuMs(),
        received: sandbox.received.slice(since).map((r) => ({
          request: r.request,
          name: r.name,
          ...(r.object ? { object: r.object } : {}),
          ...(r.application ? { application: r.application } : {}),
          ...(r.rowsExamined !== undefined ? { rowsExamined: r.rowsExamined } : {}),
          ...(r.status ? { status: r.status } : {}),
        })),
        receivedTotal: sandbox.received.length,
      });
    } else if (cmd.cmd === 'close') {
      void close();
    }
  });
  // The runner going away (Ctrl-C, crash) must not leave a gateway holding gigabytes behind.
  rl.on('close', () => void close());
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
}

main().catch((e: unknown) => failWorker(`sandbox worker failed: ${e instanceof Error ? e.message : String(e)}`));
