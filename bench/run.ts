/**
 * `npm run bench`: audits generated companies of several sizes on a loopback sandbox that models
 * Intacct's latency, concurrency limit and server cost, and compares the audit with the naive
 * hand-written strategy. Each of the sandbox, the auditor and the naive script runs in its own
 * process, so the auditor's peak RSS is its own. Progress goes to stderr; the result to stdout.
 *
 * Before the sizes it times the CLI's own start-up beside a bare `node -e 0` (issue 14).
 *
 *   npm run bench -- [--sizes 1000,100000,1000000] [--naive-cap 120] [--no-naive] [--json] [--strict]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { renderMachine, renderSize, renderStartup, renderTargets, type Machine } from './format.js';
import { measureSize, type SizeResult } from './measure.js';
import { measureStartup, type StartupFigure } from './startup.js';
import { judgeStartupTargets, judgeTargets } from './targets.js';
import { judgeFleetTargets, measureFleet, renderFleet, type FleetResult } from './fleet.js';
import { judgeWorklistTargets } from './worklists.js';
import { WorkerError } from './workers.js';

const HELP = `Usage: npm run bench -- [options]

  --sizes LIST          AR invoice counts, comma-separated (default 1000,100000,1000000)
  --naive-cap SECONDS   time cap of the naive strategy per size (default 120)
  --no-naive            skip the naive strategy
  --json                print the result as JSON on stdout (progress stays on stderr)
  --strict              exit 1 when a target is not met
  --seed N              seed of the generated companies (default 42)
  --latency MS          latency the sandbox adds to every request (default 150)
  --max-concurrent N    requests the sandbox serves at once; beyond it HTTP 429 (default 2)
  --concurrency N       auditor's concurrency (default 2)
  --audit-runs N        audits per size, each in a fresh process; the fastest is reported (default 3)
  --naive-parallel 1|2  objects the naive script reads at once (default 2)
  --sandbox-heap MB     V8 heap of the sandbox process (default 8192)
  --startup-runs N      runs of each start-up command (node -e 0, --version, --help, demo audits);
                        medians are reported (default 5)
  --no-startup          skip the start-up figures
  --startup-only        only the start-up figures (no sandbox sizes)
  --fleet-companies N   companies of the fleet row, 1,000 invoices each (default 200)
  --fleet-jobs N        companies the fleet audits at a time (default 16)
  --no-fleet            skip the fleet row
  --no-worklists        skip the worklists row (an audit with --worklists at each size)
  --fleet-only          only the fleet row
`;

class UsageError extends Error {}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sizes: { type: 'string', default: '1000,100000,1000000' },
        'naive-cap': { type: 'string', default: '120' },
        'no-naive': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        seed: { type: 'string', default: '42' },
        latency: { type: 'string', default: '150' },
        'max-concurrent': { type: 'string', default: '2' },
        concurrency: { type: 'string', default: '2' },
        'audit-runs': { type: 'string', default: '3' },
        'naive-parallel': { type: 'string', default: '2' },
        'sandbox-heap': { type: 'string', default: '8192' },
        'startup-runs': { type: 'string', default: '5' },
        'no-startup': { type: 'boolean', default: false },
        'startup-only': { type: 'boolean', default: false },
        'fleet-companies': { type: 'string', default: '200' },
        'fleet-jobs': { type: 'string', default: '16' },
        'no-fleet': { type: 'boolean', default: false },
        'no-worklists': { type: 'boolean', default: false },
        'fleet-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)} (see --help)`);
  }
  const int = (name: string, v: string, min: number): number => {
    const x = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(x) || x < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${v}"`);
    return x;
  };
  const sizes = values.sizes.split(',').map((s) => s.trim()).filter(Boolean).map((s) => int('sizes', s, 1));
  if (sizes.length === 0) throw new UsageError('--sizes needs at least one invoice count, e.g. --sizes 1000,100000');
  const cap = Number(values['naive-cap']);
  if (!(cap > 0)) throw new UsageError(`--naive-cap must be a number of seconds > 0, got "${values['naive-cap']}"`);
  const parallel = int('naive-parallel', values['naive-parallel'], 1);
  if (parallel > 2) throw new UsageError('--naive-parallel must be 1 or 2');
  return {
    help: values.help,
    sizes,
    naiveCapSeconds: values['no-naive'] ? undefined : cap,
    json: values.json,
    strict: values.strict,
    seed: int('seed', values.seed, 0),
    latencyMs: int('latency', values.latency, 0),
    maxConcurrent: int('max-concurrent', values['max-concurrent'], 1),
    concurrency: int('concurrency', values.concurrency, 1),
    auditRuns: int('audit-runs', values['audit-runs'], 1),
    naiveParallelObjects: parallel as 1 | 2,
    sandboxHeapMb: int('sandbox-heap', values['sandbox-heap'], 256),
    startupRuns: values['no-startup'] ? 0 : int('startup-runs', values['startup-runs'], 1),
    startupOnly: values['startup-only'],
    fleetCompanies: values['no-fleet'] || values['startup-only'] ? undefined : int('fleet-companies', values['fleet-companies'], 1),
    fleetJobs: int('fleet-jobs', values['fleet-jobs'], 1),
    fleetOnly: values['fleet-only'],
    worklists: !values['no-worklists'],
  };
}

function machine(): Machine {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown CPU',
    cores: c.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const m = machine();
  log(renderMachine(m));
  if (m.loadAverage > m.cores / 2) {
    log(`warning: load average ${m.loadAverage} on ${m.cores} cores: other work is running, wall times will be inflated`);
  }
  log(`sandbox: ${o.latencyMs} ms latency per request, ${o.maxConcurrent} concurrent requests, cost model on; auditor concurrency ${o.concurrency}`);

  let startup: StartupFigure[] = [];
  if (o.startupRuns > 0 && !o.fleetOnly) {
    startup = await measureStartup(o.startupRuns, log);
    if (!o.json) process.stdout.write(`\n${renderStartup(startup, m)}\n`);
  }

  const results: SizeResult[] = [];
  for (const invoices of o.startupOnly || o.fleetOnly ? [] : o.sizes) {
    const r = await measureSize({ ...o, invoices, log });
    results.push(r);
    if (!o.json) process.stdout.write(`\n${renderSize(r)}\n`);
  }
  let fleet: FleetResult | undefined;
  if (o.fleetCompanies !== undefined) {
    fleet = await measureFleet({ companies: o.fleetCompanies, invoices: 1000, jobs: o.fleetJobs, latencyMs: o.latencyMs, runs: o.auditRuns, log });
    if (!o.json) process.stdout.write(`\n${renderFleet(fleet)}\n`);
  }
  const targets = judgeTargets(results);
  const startupTargets = o.fleetOnly ? [] : judgeStartupTargets(startup, results, o.latencyMs);
  const fleetTargets = fleet ? judgeFleetTargets(fleet) : [];
  const worklistTargets = judgeWorklistTargets(results);
  const unmet = [...targets, ...startupTargets, ...fleetTargets, ...worklistTargets].filter((t) => t.state === 'not met');

  if (o.json) {
    const settings = { seed: o.seed, latencyMs: o.latencyMs, maxConcurrent: o.maxConcurrent, costModel: true, concurrency: o.concurrency, auditRuns: o.auditRuns, naiveCapSeconds: o.naiveCapSeconds ?? null, naiveParallelObjects: o.naiveParallelObjects, startupRuns: o.startupRuns };
    process.stdout.write(`${JSON.stringify({ machine: m, settings, startup, sizes: results, ...(fleet ? { fleet } : {}), targets, startupTargets, fleetTargets, worklistTargets }, null, 2)}\n`);
  } else {
    if (results.length > 0) process.stdout.write(`\nTargets (issue 5)\n${renderTargets(targets)}\n`);
    const medians = `medians of ${o.startupRuns} start-up runs${results.length > 0 ? ` and of ${o.auditRuns} audit runs` : ''}; shared machine, load average ${m.loadAverage} on ${m.cores} cores at start`;
    if (!o.fleetOnly) process.stdout.write(`\nTargets (issue 14; ${medians})\n${renderTargets(startupTargets)}\n`);
    if (fleet) process.stdout.write(`\nTargets (issue 15: fleet)\n${renderTargets(fleetTargets)}\n`);
    if (worklistTargets.length) process.stdout.write(`\nTargets (issue 13: worklists)\n${renderTargets(worklistTargets)}\n`);
    process.stdout.write(`\n${renderMachine(m)}; sandbox ${o.latencyMs} ms latency, ${o.maxConcurrent} concurrent, cost model 5 ms + 0.1 ms per 1,000 rows examined per function\n`);
  }
  return o.strict && unmet.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof UsageError || e instanceof WorkerError ? e.message : `benchmark failed: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`bench: ${message}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
