/**
 * The line protocol between `bench/run.ts` and its worker processes. Each worker writes one JSON
 * object per line on stdout (nothing else goes there) and the runner reads them. The workers run
 * apart so the auditor's peak RSS and CPU are its own, not the sandbox's.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ClientStats } from '../src/intacct/client.js';

/** Sandbox worker → runner, once the gateway listens. */
export interface SandboxReady {
  type: 'ready';
  endpoint: string;
  /** Test credentials of the generated company (sandbox only, never real ones). */
  credentials: { senderId: string; senderPassword: string; companyId: string; userId: string; userPassword: string };
  invoices: number;
  seed: number;
  generationMs: number;
  startMs: number;
  /** Records per object in the generated company. */
  records: Record<string, number>;
  /** Sandbox process RSS after generation (MB): the company lives there, not in the auditor. */
  rssMb: number;
}

/** One function the sandbox received, as the runner keeps it for diagnosis. */
export interface ReceivedLine {
  request: number;
  name: string;
  object?: string;
  application?: string;
  /** Rows the function examined, as the sandbox's cost model counted them. */
  rowsExamined?: number;
  status?: 'success' | 'failure';
}

/** Sandbox worker → runner, answering `{"cmd":"stats"}`: cumulative since start. */
export interface SandboxStats {
  type: 'stats';
  requests: number;
  functions: number;
  bytesOut: number;
  throttled: number;
  /** Server time the cost model added (sum over requests, ms). */
  modelledServerMs: number;
  /** CPU time the sandbox process used since start (user + system, ms). */
  cpuMs: number;
  /** Functions received from index `since` on (the runner asks only for what is new). */
  received: ReceivedLine[];
  receivedTotal: number;
}

/** Audit worker → runner. */
export interface AuditLine {
  type: 'audit';
  wallMs: number;
  stats: ClientStats;
  maxRssMb: number;
  cpuMs: number;
  verdict: string;
  /** Checks per status, and those that ended in `error` (a benchmark of a broken audit is no benchmark). */
  statuses: Record<string, number>;
  errors: { id: string; summary: string }[];
  checks: number;
  /** Where the wall time went: ms from the start of runAudit to each milestone. */
  timeline: { ms: number; event: string }[];
}

/** Naive worker → runner: progress while it runs, and the final line. */
export interface NaiveLine {
  type: 'naive-progress' | 'naive';
  wallMs: number;
  stats: ClientStats;
  maxRssMb: number;
  /** False when the time cap stopped it before every record was read. */
  completed: boolean;
  capSeconds: number;
  recordsRead: number;
  /** Per object: records read and the total the gateway announced (when known). */
  objects: { object: string; read: number; total?: number; done: boolean; error?: string }[];
  /** What the client-side filters found (to show the naive run did the audit's work). */
  findings: Record<string, number>;
}

/** Fleet sandbox worker → runner, once the portfolio is served: each company's name and test credentials. */
export interface FleetReady {
  type: 'fleet-ready';
  endpoint: string;
  companies: { name: string; envPrefix: string; kind: string; credentials: SandboxReady['credentials'] }[];
  generationMs: number;
  rssMb: number;
}

/** Fleet sandbox worker → runner, when asked ({"cmd":"cpu"}): the CPU the sandbox has used so far. */
export interface FleetSandboxCpu {
  type: 'fleet-sandbox-cpu';
  cpuMs: number;
}

/** Fleet worker → runner: one `fleet` run (or the single-company audits), measured in its own process. */
export interface FleetLine {
  type: 'fleet';
  /** From the command's start to its exit code, in this process (no Node start-up). */
  wallMs: number;
  code: number;
  maxRssMb: number;
  cpuMs: number;
  /** Verdict and check statuses by company, from each company's report.json. */
  verdicts: Record<string, { verdict: string; statuses: string }>;
}

/** Worklists worker → runner: one audit with --worklists, and what its worklists hold. */
export interface WorklistsLine {
  type: 'worklists';
  /** Whole run (audit and worklists), and the worklist phase alone (from its first page to its files written). */
  wallMs: number;
  phaseMs: number;
  stats: ClientStats;
  /** Peak RSS when the run had finished (before the files are counted). */
  maxRssMb: number;
  cpuMs: number;
  /** Pages planned (Σ over record sets of ⌈records / 2,000⌉) and the phase's requests and functions per request. */
  pages: number;
  requests: number;
  functionsPerRequest: number[];
  /** Each worklist: its check's affected.count, the rows report.json names, and the data lines counted in the file. */
  lists: { id: string; count: number; rows: number; fileRows: number; complete: boolean }[];
}

export type WorkerLine = SandboxReady | SandboxStats | AuditLine | NaiveLine | FleetReady | FleetSandboxCpu | FleetLine | WorklistsLine | { type: 'error'; message: string };

/** Writes one protocol line on stdout. */
export function emit(line: WorkerLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Emits a one-line error (never a stack, never a secret) and exits non-zero. */
export function failWorker(message: string): never {
  emit({ type: 'error', message });
  process.exit(1);
}

/** Peak resident set size of this process so far, in MB (maxRSS is reported in kilobytes). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Reads protocol lines from a child's stdout and hands each to `onLine`. Lines that are not JSON
 * (e.g. a stray console.log in a library) are passed to `onNoise` instead of breaking the run.
 */
export function readLines(child: ChildProcess, onLine: (l: WorkerLine) => void, onNoise?: (text: string) => void): void {
  if (!child.stdout) throw new Error('worker started without a stdout pipe');
  const rl = createInterface({ input: child.stdout });
  rl.on('line', (text) => {
    if (!text.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      onNoise?.(text);
      return;
    }
    if (parsed && typeof parsed === 'object' && typeof (parsed as { type?: unknown }).type === 'string') onLine(parsed as WorkerLine);
    else onNoise?.(text);
  });
}
