/**
 * Benchmark naive process: the hand-written strategy of bench/naive.ts through the same client
 * (one function per request), capped in time. Writes `naive-progress` lines while it runs (so the
 * runner knows how far it got even if it has to stop it) and one final `naive` line.
 *
 * Usage: BENCH_CONNECTION='…' node dist/bench/naive-worker.js [--cap 120] [--parallel-objects 2]
 */
import { parseArgs } from 'node:util';
import { IntacctClient } from '../src/intacct/client.js';
import { connectionFromEnv } from './connection.js';
import { runNaive, type NaiveOutcome } from './naive.js';
import { emit, failWorker, peakRssMb, type NaiveLine } from './protocol.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cap: { type: 'string', default: '120' },
      'parallel-objects': { type: 'string', default: '2' },
      'sync-from': { type: 'string', default: '2018-01-01' },
    },
  });
  const capSeconds = Number(values.cap);
  const parallelObjects = Number(values['parallel-objects']);
  if (!(capSeconds > 0)) failWorker('--cap must be a number of seconds > 0');
  if (parallelObjects !== 1 && parallelObjects !== 2) failWorker('--parallel-objects must be 1 or 2');

  const { endpoint, credentials } = connectionFromEnv();
  // The SDK's default: one function per request. Concurrency matches the lanes, so the naive run
  // gets the company's whole concurrency allowance, as a fair baseline should.
  const client = new IntacctClient({ endpoint, credentials, concurrency: parallelObjects, maxFunctionsPerRequest: 1 });
  const startedAt = performance.now();

  const line = (type: NaiveLine['type'], outcome: NaiveOutcome): NaiveLine => ({
    type,
    wallMs: performance.now() - startedAt,
    stats: { ...client.stats },
    maxRssMb: peakRssMb(),
    completed: outcome.completed,
    capSeconds,
    recordsRead: outcome.objects.reduce((n, o) => n + o.read, 0),
    objects: outcome.objects.map((o) => ({ ...o })),
    findings: { ...outcome.findings },
  });

  let lastProgress = 0;
  const outcome = await runNaive(client, {
    capMs: capSeconds * 1000,
    startedAt,
    parallelObjects,
    syncFrom: values['sync-from'],
    onPage: (soFar) => {
      const now = performance.now();
      if (now - lastProgress < 2000) return;
      lastProgress = now;
      emit(line('naive-progress', soFar));
    },
  });
  emit(line('naive', outcome));
  await client.close();
}

main().catch((e: unknown) => failWorker(`naive worker failed: ${e instanceof Error ? e.message : String(e)}`));
