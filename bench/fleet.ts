/**
 * The fleet row of the benchmark: a portfolio of generated companies on one loopback sandbox
 * (150 ms latency, 2 requests at a time per company, the cost model), audited by `fleet --jobs N`
 * in a process of its own, against the time one company takes and against each company's own
 * `audit`. Targets (issue 15): wall within 1.5 × (companies ÷ jobs × one company's wall), peak RSS
 * under 300 MB, every company's verdict equal to its single-company audit.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CREDENTIAL_NAMES } from '../src/intacct/credentials.js';
import type { FleetLine, FleetReady, FleetSandboxCpu } from './protocol.js';
import type { TargetResult } from './targets.js';
import { Worker } from './workers.js';

export interface FleetOptions {
  companies: number;
  invoices: number;
  jobs: number;
  latencyMs: number;
  /** One-company runs; the fastest gives "one company's wall". */
  runs: number;
  log: (text: string) => void;
}

export interface FleetResult {
  companies: number;
  invoices: number;
  jobs: number;
  latencyMs: number;
  kinds: Record<string, number>;
  /** One company, audited by `fleet` alone: its row's duration (audit and reports), best of `runs`. */
  oneCompanyMs: number;
  oneCompanyRunsMs: number[];
  fleet: Omit<FleetLine, 'type' | 'verdicts'>;
  /** The fleet process's CPU per company (its whole CPU ÷ companies), and one company's alone (fastest run). */
  cpuPerCompanyMs: number;
  oneCompanyCpuMs: number;
  /** CPU the sandbox used serving the fleet run: it shares the machine's cores with the fleet. */
  sandboxCpuMs: number;
  /** companies ÷ jobs × one company's wall. */
  idealMs: number;
  singlesWallMs: number;
  /** Companies whose fleet verdict (and check statuses) differ from their single-company audit. */
  mismatches: { name: string; fleet: string; single: string }[];
}

const TIMEOUT_MS = 30 * 60_000;

export async function measureFleet(o: FleetOptions): Promise<FleetResult> {
  const sandbox = new Worker('fleet sandbox worker', 'fleet-sandbox-worker.js', ['--companies', String(o.companies), '--invoices', String(o.invoices), '--latency', String(o.latencyMs)]);
  const dir = mkdtempSync(join(tmpdir(), 'preflight-bench-fleet-'));
  try {
    const ready = (await sandbox.next('fleet-ready', TIMEOUT_MS)) as FleetReady;
    o.log(`fleet: ${o.companies} companies of ${o.invoices.toLocaleString('en-US')} invoices served at ${ready.endpoint} (generated in ${Math.round(ready.generationMs)} ms)`);
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const c of ready.companies) {
      env[`${c.envPrefix}${CREDENTIAL_NAMES.endpoint.env}`] = ready.endpoint;
      env[`${c.envPrefix}${CREDENTIAL_NAMES.senderId.env}`] = c.credentials.senderId;
      env[`${c.envPrefix}${CREDENTIAL_NAMES.senderPassword.env}`] = c.credentials.senderPassword;
      env[`${c.envPrefix}${CREDENTIAL_NAMES.companyId.env}`] = c.credentials.companyId;
      env[`${c.envPrefix}${CREDENTIAL_NAMES.userId.env}`] = c.credentials.userId;
      env[`${c.envPrefix}${CREDENTIAL_NAMES.userPassword.env}`] = c.credentials.userPassword;
    }
    const manifest = (name: string, companies: FleetReady['companies']) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ companies: companies.map((c) => ({ name: c.name, credentials: { envPrefix: c.envPrefix } })) }));
      return path;
    };
    const all = manifest('fleet.json', ready.companies);
    const one = manifest('one.json', [ready.companies.find((c) => c.kind === 'ready') ?? ready.companies[0]!]);

    const fleetRun = async (mode: 'fleet' | 'singles', file: string, out: string, jobs: number): Promise<FleetLine> => {
      const w = new Worker(`fleet worker (${mode})`, 'fleet-worker.js', ['--mode', mode, '--manifest', file, '--out', join(dir, out), '--jobs', String(jobs)], { env });
      try {
        return (await w.next('fleet', TIMEOUT_MS)) as FleetLine;
      } finally {
        await w.stop();
      }
    };

    const sandboxCpu = async (): Promise<number> => {
      sandbox.send({ cmd: 'cpu' });
      return ((await sandbox.next('fleet-sandbox-cpu', TIMEOUT_MS)) as FleetSandboxCpu).cpuMs;
    };

    const oneCompanyRunsMs: number[] = [];
    const oneCompanyCpusMs: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const line = await fleetRun('fleet', one, `one-${i}`, 1);
      const index = JSON.parse(readFileSync(join(dir, `one-${i}`, 'fleet.json'), 'utf8')) as { companies: { durationMs: number }[] };
      oneCompanyRunsMs.push(Math.round(index.companies[0]!.durationMs));
      oneCompanyCpusMs.push(line.cpuMs);
    }
    const oneCompanyMs = Math.min(...oneCompanyRunsMs);
    o.log(`fleet: one company takes ${Math.round(oneCompanyMs)} ms (runs: ${oneCompanyRunsMs.join(', ')} ms); auditing ${o.companies}, ${o.jobs} at a time…`);
    const sandboxBefore = await sandboxCpu();
    const fleet = await fleetRun('fleet', all, 'fleet', o.jobs);
    const sandboxCpuMs = (await sandboxCpu()) - sandboxBefore;
    o.log(`fleet: ${Math.round(fleet.wallMs)} ms, CPU ${Math.round(fleet.cpuMs)} ms (sandbox ${Math.round(sandboxCpuMs)} ms), peak RSS ${Math.round(fleet.maxRssMb)} MB; now each company on its own with audit…`);
    const singles = await fleetRun('singles', all, 'singles', o.jobs);
    const mismatches = ready.companies
      .map((c) => ({ name: c.name, fleet: fleet.verdicts[c.name], single: singles.verdicts[c.name] }))
      .filter((m) => !m.fleet || !m.single || m.fleet.verdict !== m.single.verdict || m.fleet.statuses !== m.single.statuses || m.fleet.verdict === 'no report')
      .map((m) => ({ name: m.name, fleet: m.fleet?.verdict ?? 'none', single: m.single?.verdict ?? 'none' }));
    const kinds: Record<string, number> = {};
    for (const c of ready.companies) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
    const { type: _t, verdicts: _v, ...figures } = fleet;
    return {
      companies: o.companies,
      invoices: o.invoices,
      jobs: o.jobs,
      latencyMs: o.latencyMs,
      kinds,
      oneCompanyMs,
      oneCompanyRunsMs,
      fleet: figures,
      cpuPerCompanyMs: fleet.cpuMs / o.companies,
      oneCompanyCpuMs: oneCompanyCpusMs[oneCompanyRunsMs.indexOf(oneCompanyMs)] ?? Math.min(...oneCompanyCpusMs),
      sandboxCpuMs,
      idealMs: (o.companies / o.jobs) * oneCompanyMs,
      singlesWallMs: singles.wallMs,
      mismatches,
    };
  } finally {
    sandbox.send({ cmd: 'close' });
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function judgeFleetTargets(f: FleetResult): TargetResult[] {
  const yes = (ok: boolean) => (ok ? ('met' as const) : ('not met' as const));
  const ratio = f.fleet.wallMs / Math.max(1, f.idealMs);
  return [
    {
      id: 'fleet-wall',
      target: `fleet of ${f.companies} at --jobs ${f.jobs}: wall ≤ 1.5 × (companies ÷ jobs × one company's wall) = ${(1.5 * f.idealMs / 1000).toFixed(1)} s`,
      observed: `${(f.fleet.wallMs / 1000).toFixed(1)} s (${ratio.toFixed(2)}×)`,
      state: yes(ratio <= 1.5),
    },
    { id: 'fleet-rss', target: `fleet peak RSS < 300 MB`, observed: `${Math.round(f.fleet.maxRssMb)} MB`, state: yes(f.fleet.maxRssMb < 300) },
    {
      id: 'fleet-verdicts',
      target: "every company's verdict (and check statuses) equal to its single-company audit",
      observed: f.mismatches.length === 0 ? `${f.companies} of ${f.companies} equal` : `${f.mismatches.length} differ: ${f.mismatches.slice(0, 3).map((m) => `${m.name} ${m.fleet} ≠ ${m.single}`).join(', ')}`,
      state: yes(f.mismatches.length === 0),
    },
  ];
}

export function renderFleet(f: FleetResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const cpus = availableParallelism();
  const kinds = Object.entries(f.kinds).map(([k, n]) => `${n} ${k}`).join(', ');
  return [
    `== fleet: ${f.companies} companies of ${f.invoices.toLocaleString('en-US')} AR invoices (${kinds}), ${f.latencyMs} ms latency, --jobs ${f.jobs}`,
    `one company (its audit and reports, best of ${f.oneCompanyRunsMs.length}): ${s(f.oneCompanyMs)}; companies ÷ jobs × that: ${s(f.idealMs)}`,
    `fleet wall: ${s(f.fleet.wallMs)} (${(f.fleet.wallMs / Math.max(1, f.idealMs)).toFixed(2)}× the ideal); peak RSS ${Math.round(f.fleet.maxRssMb)} MB; exit code ${f.fleet.code}`,
    `CPU: fleet ${s(f.fleet.cpuMs)} (${Math.round(f.cpuPerCompanyMs)} ms a company; one company in a process of its own, loading and compiling included: ${Math.round(f.oneCompanyCpuMs)} ms); ` +
      `the sandbox serving it ${s(f.sandboxCpuMs)}; both on ${cpus} cores over the fleet's wall: ${Math.round((100 * (f.fleet.cpuMs + f.sandboxCpuMs)) / Math.max(1, cpus * f.fleet.wallMs))} % busy`,
    `single-company audits (${f.jobs} at a time): ${s(f.singlesWallMs)}; verdicts that differ from the fleet's: ${f.mismatches.length}`,
  ].join('\n');
}
