/**
 * Benchmark fleet process: the real command line in this process, so its peak RSS and CPU are the
 * fleet's own. Either `fleet MANIFEST --jobs N --out DIR` (mode fleet), or every company of the
 * manifest audited on its own with `audit`, N at a time (mode singles: what each verdict must
 * equal). Then one `fleet` line with the wall time, the peak RSS and every company's verdict.
 *
 * Usage: node dist/bench/fleet-worker.js --mode fleet|singles --manifest FILE --out DIR --jobs N
 *        (credentials in the environment, one prefix per company, as the manifest says)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { runCli, type CliIo } from '../src/cli/main.js';
import { runPool } from '../src/fleet/pool.js';
import { CREDENTIAL_NAMES } from '../src/intacct/credentials.js';
import { cpuMs, emit, failWorker, peakRssMb } from './protocol.js';

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

function io(env: NodeJS.ProcessEnv): CliIo {
  return { stdout: sink(), stderr: sink(), stdin: process.stdin, env, cwd: process.cwd() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mode: { type: 'string' }, manifest: { type: 'string' }, out: { type: 'string' }, jobs: { type: 'string', default: '16' } } });
  const { mode, manifest, out } = values;
  if ((mode !== 'fleet' && mode !== 'singles') || !manifest || !out) failWorker('usage: --mode fleet|singles --manifest FILE --out DIR [--jobs N]');
  const companies = (JSON.parse(readFileSync(manifest, 'utf8')) as { companies: { name: string; credentials: { envPrefix: string } }[] }).companies;
  const cpuBefore = cpuMs();
  const started = performance.now();
  let code: number;
  if (mode === 'fleet') {
    code = await runCli(['fleet', manifest, '--jobs', values.jobs, '--out', out, '-q'], io(process.env));
  } else {
    // Each company as `audit` alone would see it: the plain INTACCT_* variables of that company only.
    const { results } = await runPool(companies, Number(values.jobs), undefined, async (c) => {
      const env: NodeJS.ProcessEnv = { HOME: process.env.HOME, PATH: process.env.PATH };
      for (const { env: name } of Object.values(CREDENTIAL_NAMES)) {
        const v = process.env[`${c.credentials.envPrefix}${name}`];
        if (v !== undefined) env[name] = v;
      }
      return runCli(['audit', '--out', join(out, c.name), '-q'], io(env));
    });
    code = Math.max(...results);
  }
  const wallMs = performance.now() - started;
  const verdicts: Record<string, { verdict: string; statuses: string }> = {};
  for (const c of companies) {
    try {
      const r = JSON.parse(readFileSync(join(out, c.name, 'report.json'), 'utf8')) as { verdict: string; checks: { id: string; status: string }[] };
      verdicts[c.name] = { verdict: r.verdict, statuses: r.checks.map((k) => `${k.id}=${k.status}`).join(',') };
    } catch {
      verdicts[c.name] = { verdict: 'no report', statuses: '' };
    }
  }
  emit({ type: 'fleet', wallMs, code, maxRssMb: peakRssMb(), cpuMs: cpuMs() - cpuBefore, verdicts });
}

main().catch((e: unknown) => failWorker(`fleet worker failed: ${e instanceof Error ? e.message : String(e)}`));
