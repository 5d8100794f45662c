/**
 * Benchmark sandbox for the fleet row: a portfolio of generated companies (sandbox --fleet's) on
 * one loopback port, with the documented cost model, 2 requests at a time per company and the
 * given latency. Emits one `fleet-ready` line, then serves until {"cmd":"close"} or stdin closes.
 *
 * Usage: node dist/bench/fleet-sandbox-worker.js --companies 200 --invoices 1000 [--latency 150]
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { generatePortfolio } from '../src/sandbox/portfolio.js';
import { startSandbox } from '../src/sandbox/server.js';
import { cpuMs, emit, failWorker } from './protocol.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { companies: { type: 'string' }, invoices: { type: 'string', default: '1000' }, latency: { type: 'string', default: '150' } } });
  const count = Number(values.companies);
  const invoices = Number(values.invoices);
  const latencyMs = Number(values.latency);
  if (!Number.isInteger(count) || count < 1) failWorker('--companies must be an integer ≥ 1');
  if (!Number.isInteger(invoices) || invoices < 1) failWorker('--invoices must be an integer ≥ 1');
  const started = performance.now();
  const companies = generatePortfolio({ count, invoices });
  const generationMs = performance.now() - started;
  const sandbox = await startSandbox({
    company: companies[0]!.fixture,
    moreCompanies: companies.slice(1).map((c) => c.fixture),
    latencyMs,
    maxConcurrent: 2,
    costModel: true,
  });
  emit({
    type: 'fleet-ready',
    endpoint: sandbox.endpoint,
    companies: companies.map((c, i) => ({ name: c.name, envPrefix: c.envPrefix, kind: c.kind, credentials: { ...sandbox.companies[i]!.credentials } })),
    generationMs,
    rssMb: process.memoryUsage().rss / (1024 * 1024),
  });
  const close = async () => {
    await sandbox.close();
    process.exit(0);
  };
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (text) => {
    if (text.includes('"close"')) void close();
    // The CPU this process has used so far: the runner asks before and after the fleet run.
    if (text.includes('"cpu"')) emit({ type: 'fleet-sandbox-cpu', cpuMs: cpuMs() });
  });
  rl.on('close', () => void close());
  process.on('SIGTERM', () => void close());
}

main().catch((e: unknown) => failWorker(`fleet sandbox worker failed: ${e instanceof Error ? e.message : String(e)}`));
