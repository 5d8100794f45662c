/**
 * `npm run soak`: many consecutive audits against loopback sandboxes that inject random transient
 * faults (HTTP 429/5xx, resets, truncated or malformed XML, slow bodies, expired sessions), each
 * compared with a fault-free reference run of the same company. A transient fault must never
 * change a verdict or a check's status; nothing may escape as an unhandled rejection; the heap
 * must not grow with the number of audits.
 *
 *   npm run soak -- [--runs 300] [--rate 0.1] [--seed 1] [--companies demo,ready] [--json]
 *
 * Exit 0 when every target is met, 1 when one is missed, 4 on a bad option.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runAudit } from '../src/audit/audit.js';
import type { ClientOptions } from '../src/intacct/client.js';
import { READ_FUNCTION_ALLOWLIST } from '../src/intacct/allowlist.js';
import type { AuditResult } from '../src/model/result.js';
import { loadCompany } from '../src/sandbox/companies.js';
import type { Fault } from '../src/sandbox/faults.js';
import { startSandbox, type Sandbox } from '../src/sandbox/server.js';

const HELP = `Usage: npm run soak -- [options]

  --runs N              audits to run (default 300)
  --rate R              share of HTTP requests that get a random transient fault, 0..1 (default 0.1)
  --seed S              seed of the fault sequence (default 1): same seed, same faults
  --companies LIST      sandbox companies, audited in turn (default demo,ready)
  --timeout-ms MS       client per-request timeout; a slow body (200 ms) beyond it is a fault (default 150)
  --max-heap-growth MB  heap growth allowed between warm-up and the end, after GC (default 8)
  --json                print the figures as JSON on stdout
`;

/**
 * Faults a gateway or network shows for a moment and that the client must absorb. Not here:
 * `auth-failure` at sign-in and `function-error` are answers, not hiccups, and are not retried by
 * design (test/reliability/faults.test.ts covers them as persistent faults).
 */
const TRANSIENT_KINDS: Fault['kind'][] = ['http-status', 'reset', 'truncate', 'slow-body', 'malformed', 'expire-session'];

const WARM_UP_RUNS = 10;

interface Options {
  runs: number;
  rate: number;
  seed: number;
  companies: string[];
  timeoutMs: number;
  maxHeapGrowthMb: number;
  json: boolean;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        runs: { type: 'string', default: '300' },
        rate: { type: 'string', default: '0.1' },
        seed: { type: 'string', default: '1' },
        companies: { type: 'string', default: 'demo,ready' },
        'timeout-ms': { type: 'string', default: '150' },
        'max-heap-growth': { type: 'string', default: '8' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  if (values.help) return 'help';
  const int = (name: string, v: string, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min} (got "${v}")`);
    return n;
  };
  const rate = Number(values.rate);
  if (!(rate >= 0 && rate <= 1)) throw new UsageError(`--rate must be a number from 0 to 1 (got "${values.rate}")`);
  const growth = Number(values['max-heap-growth']);
  if (!(growth > 0)) throw new UsageError(`--max-heap-growth must be a number of MB above 0 (got "${values['max-heap-growth']}")`);
  const companies = values.companies.split(',').map((s) => s.trim()).filter(Boolean);
  if (companies.length === 0) throw new UsageError('--companies must name at least one sandbox company');
  return {
    runs: int('runs', values.runs, 1),
    rate,
    seed: int('seed', values.seed, 0),
    companies,
    timeoutMs: int('timeout-ms', values['timeout-ms'], 20),
    maxHeapGrowthMb: growth,
    json: values.json,
  };
}

/** What a transient fault must not change: the verdict and every check's status and count. */
function outcomeOf(r: AuditResult): { verdict: string; checks: Map<string, string> } {
  return {
    verdict: r.verdict,
    checks: new Map(r.checks.map((c) => [c.id, `${c.status}${c.affected ? `:${c.affected.count}` : ''}`])),
  };
}

/**
 * Why a run legitimately differs from the reference, or undefined when it should not have. The
 * client retries a request up to maxAttempts times and renews a session once per request (by
 * design: a fresh session refused again means something is wrong); random faults can, rarely,
 * land on the same request more often than that. Such a run is only excused when it stayed
 * honest — every check that moved is error or manual — and its errors say the budget ran out.
 */
function beyondBudget(result: AuditResult, moved: string[], trace: string[]): string | undefined {
  const checks = moved.map((id) => result.checks.find((c) => c.id === id));
  if (checks.some((c) => !c || (c.status !== 'error' && c.status !== 'manual'))) return undefined;
  const text = checks.map((c) => c!.summary).join(' ');
  const attempts = /gave up after (\d+) attempts/.exec(text);
  if (attempts) return `a request failed ${attempts[1]} times in a row`;
  if (/Invalid session/.test(text) && trace.includes('session renewed')) return 'the session was refused again right after its renewal';
  return undefined;
}

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

interface Figures {
  runs: number;
  rate: number;
  seed: number;
  companies: string[];
  wrongVerdicts: number;
  wrongStatuses: number;
  beyondBudget: number;
  auditsThatThrew: number;
  unhandledErrors: number;
  nonReadFunctions: number;
  retries: number;
  sessionRenewals: number;
  httpRequests: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  heapGrowthMb: number;
  maxHeapGrowthMb: number;
  durationMs: number;
  examples: string[];
}

async function soak(opts: Options): Promise<Figures> {
  const unhandled: string[] = [];
  process.on('unhandledRejection', (reason) => void unhandled.push(`unhandledRejection: ${String((reason as Error)?.message ?? reason)}`));
  process.on('uncaughtException', (err) => void unhandled.push(`uncaughtException: ${err.message}`));

  const sandboxes: { name: string; sb: Sandbox }[] = [];
  for (const name of opts.companies) sandboxes.push({ name, sb: await startSandbox({ company: loadCompany(name) }) });
  // What the client did in the current run, shown next to a mismatch so it can be explained.
  let trace: string[] = [];
  const connection = (sb: Sandbox): ClientOptions => ({
    onEvent: (e) => {
      if (e.type === 'session') trace.push(e.renewed ? 'session renewed' : 'session');
      else if (e.type === 'retry') trace.push(`retry (${e.reason.slice(0, 60)})`);
      else if (e.type === 'request') trace.push(`request ${e.functions} fn`);
    },
    endpoint: sb.endpoint,
    credentials: { ...sb.credentials },
    timeoutMs: opts.timeoutMs,
    // Short backoff keeps the soak quick; Retry-After (1 s in some random 429s) is still honoured.
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
  });
  const audit = (sb: Sandbox) => runAudit({ connection: connection(sb), today: '2025-06-15' });

  const figures: Figures = {
    runs: opts.runs,
    rate: opts.rate,
    seed: opts.seed,
    companies: opts.companies,
    wrongVerdicts: 0,
    wrongStatuses: 0,
    beyondBudget: 0,
    auditsThatThrew: 0,
    unhandledErrors: 0,
    nonReadFunctions: 0,
    retries: 0,
    sessionRenewals: 0,
    httpRequests: 0,
    heapBeforeMb: 0,
    heapAfterMb: 0,
    heapGrowthMb: 0,
    maxHeapGrowthMb: opts.maxHeapGrowthMb,
    durationMs: 0,
    examples: [],
  };
  const note = (line: string) => {
    if (figures.examples.length < 10) figures.examples.push(line);
  };

  try {
    // Reference: each company once, without faults.
    const reference = new Map<string, ReturnType<typeof outcomeOf>>();
    for (const { name, sb } of sandboxes) reference.set(name, outcomeOf(await audit(sb)));
    sandboxes.forEach(({ sb }, i) => sb.setRandomFaults({ rate: opts.rate, kinds: TRANSIENT_KINDS, seed: opts.seed + i }));

    const started = Date.now();
    for (let run = 0; run < opts.runs; run++) {
      if (run === Math.min(WARM_UP_RUNS, opts.runs - 1)) figures.heapBeforeMb = heapMb();
      const { name, sb } = sandboxes[run % sandboxes.length]!;
      let result: AuditResult;
      trace = [];
      try {
        result = await audit(sb);
      } catch (e) {
        figures.auditsThatThrew += 1;
        note(`run ${run + 1} (${name}): runAudit threw: ${(e as Error).message}`);
        continue;
      } finally {
        // The sandbox's log of received functions would otherwise grow the heap we are measuring.
        const bad = sb.received.filter((f) => !(READ_FUNCTION_ALLOWLIST as ReadonlySet<string>).has(f.name));
        figures.nonReadFunctions += bad.length;
        sb.received.length = 0;
      }
      figures.retries += result.run.stats.retries;
      figures.sessionRenewals += result.run.stats.sessionRenewals;
      figures.httpRequests += result.run.stats.httpRequests;
      const expected = reference.get(name)!;
      const got = outcomeOf(result);
      const differing = [...expected.checks].filter(([id, s]) => got.checks.get(id) !== s);
      const beyond = differing.length > 0 ? beyondBudget(result, differing.map(([id]) => id), trace) : undefined;
      if (beyond) {
        // Faults piled up past the client's budget on one request: not transient any more. The run
        // must still be honest (changed checks error or manual), which beyondBudget checked.
        figures.beyondBudget += 1;
        note(`run ${run + 1} (${name}): beyond the retry budget (${beyond}); verdict ${got.verdict}, expected ${expected.verdict}`);
        continue;
      }
      if (got.verdict !== expected.verdict) {
        figures.wrongVerdicts += 1;
        note(`run ${run + 1} (${name}): verdict ${got.verdict}, expected ${expected.verdict} (${result.verdictReason}); client: ${trace.join(' → ')}`);
      }
      if (differing.length > 0) {
        figures.wrongStatuses += 1;
        const [id, s] = differing[0]!;
        const c = result.checks.find((x) => x.id === id);
        note(`run ${run + 1} (${name}): ${differing.length} check(s) differ, e.g. ${id} ${got.checks.get(id)} (expected ${s}): ${c?.summary ?? 'missing'}`);
      }
      if ((run + 1) % 50 === 0 && !opts.json) process.stderr.write(`  ${run + 1}/${opts.runs} audits\n`);
    }
    figures.durationMs = Date.now() - started;
  } finally {
    for (const { sb } of sandboxes) await sb.close();
  }
  // Let pending timers and sockets settle before the final measurement.
  await new Promise((r) => setTimeout(r, 250));
  figures.heapAfterMb = heapMb();
  figures.heapGrowthMb = figures.heapAfterMb - figures.heapBeforeMb;
  figures.unhandledErrors = unhandled.length;
  for (const u of unhandled.slice(0, 5)) note(u);
  return figures;
}

function missedTargets(f: Figures): string[] {
  const missed: string[] = [];
  if (f.wrongVerdicts > 0) missed.push(`${f.wrongVerdicts} wrong verdict(s)`);
  if (f.wrongStatuses > 0) missed.push(`${f.wrongStatuses} run(s) with a wrong check status`);
  if (f.auditsThatThrew > 0) missed.push(`${f.auditsThatThrew} audit(s) threw instead of resolving`);
  if (f.unhandledErrors > 0) missed.push(`${f.unhandledErrors} unhandled error(s)`);
  if (f.nonReadFunctions > 0) missed.push(`${f.nonReadFunctions} non-read function(s) sent`);
  if (f.heapGrowthMb > f.maxHeapGrowthMb) missed.push(`heap grew ${f.heapGrowthMb.toFixed(1)} MB (limit ${f.maxHeapGrowthMb} MB)`);
  return missed;
}

function render(f: Figures, missed: string[]): string {
  const row = (label: string, value: string, target = '') => `  ${label.padEnd(28)} ${value.padStart(12)}  ${target}`;
  const ok = (n: number) => (n === 0 ? 'target 0 ✓' : 'target 0 ✗');
  return [
    `Soak: ${f.runs} audits of ${f.companies.join(', ')}, ${Math.round(f.rate * 100)} % random transient faults (seed ${f.seed}), ${(f.durationMs / 1000).toFixed(1)} s`,
    row('wrong verdicts', String(f.wrongVerdicts), ok(f.wrongVerdicts)),
    row('runs with wrong statuses', String(f.wrongStatuses), ok(f.wrongStatuses)),
    row('beyond the retry budget', String(f.beyondBudget), 'honest: changed checks error/manual'),
    row('audits that threw', String(f.auditsThatThrew), ok(f.auditsThatThrew)),
    row('unhandled errors', String(f.unhandledErrors), ok(f.unhandledErrors)),
    row('non-read functions sent', String(f.nonReadFunctions), ok(f.nonReadFunctions)),
    row('HTTP requests', String(f.httpRequests)),
    row('retries', String(f.retries)),
    row('session renewals', String(f.sessionRenewals)),
    row('heap before (after warm-up)', `${f.heapBeforeMb.toFixed(1)} MB`),
    row('heap after (after GC)', `${f.heapAfterMb.toFixed(1)} MB`),
    row('heap growth', `${f.heapGrowthMb.toFixed(1)} MB`, `limit ${f.maxHeapGrowthMb} MB ${f.heapGrowthMb <= f.maxHeapGrowthMb ? '✓' : '✗'}`),
    ...(f.examples.length ? ['', 'Examples:', ...f.examples.map((e) => `  - ${e}`)] : []),
    '',
    missed.length ? `FAILED: ${missed.join('; ')}.` : 'All targets met.',
  ].join('\n');
}

async function main(): Promise<number> {
  // The heap figures need a forced GC: re-run this script under --expose-gc when it is missing.
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    return child.status ?? 1;
  }
  let opts: Options | 'help';
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`soak: ${e.message}\n`);
      return 4;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const figures = await soak(opts);
  const missed = missedTargets(figures);
  process.stdout.write(opts.json ? `${JSON.stringify({ ...figures, missed }, null, 2)}\n` : `${render(figures, missed)}\n`);
  return missed.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`soak: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
