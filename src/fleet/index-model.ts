/**
 * The fleet index as data: one row per company (what `fleet.json` holds and every index renderer
 * reads), the order (worst first), the totals and the fleet's exit code. Pure: the same rows give
 * the same index, which is what lets the shards of a run be merged into the index one run gives.
 */
import type { AuditResult, ChangeCounts, Verdict } from '../model/result.js';

export const FLEET_SCHEMA_VERSION = 1;
export const FLEET_SCHEMA_URL = 'https://unpkg.com/intacct-preflight/schemas/fleet-index.schema.json';

/** A company's exit code, as `audit` would have exited for it. */
export type CompanyCode = 0 | 1 | 2 | 3;

/** What the gate of a company decided, in the words the index uses. */
export type Outcome = 'gate-failed' | 'could-not-audit' | 'incomplete' | 'passed';
export const OUTCOMES: readonly Outcome[] = ['gate-failed', 'could-not-audit', 'incomplete', 'passed'];
export const OUTCOME_OF_CODE: Record<CompanyCode, Outcome> = { 1: 'gate-failed', 3: 'could-not-audit', 2: 'incomplete', 0: 'passed' };

export interface FleetRow {
  /** The manifest's name: the company's folder in the output. */
  name: string;
  /** The manifest's title, else the company's name in Intacct. */
  title?: string;
  companyId?: string;
  entityId?: string;
  outcome: Outcome;
  exitCode: CompanyCode;
  /** One line: the gate's reason, or why the company could not be audited. */
  reason: string;
  /** The gate applied, e.g. "--fail-on blocker" or "--fail-on-new, --fail-on blocker". */
  gate?: string;
  /** Absent when nothing could be audited (no report). */
  verdict?: Verdict;
  verdictReason?: string;
  failingBlockers: { id: string; title: string }[];
  counts?: AuditResult['counts'];
  /** What changed since the company's previous report in the same folder. */
  sinceLastAudit?: { baselineStartedAt: string; verdictBefore: Verdict; headline: string; counts: ChangeCounts };
  /** Why the previous report was not compared (absent when it was, or when there was none). */
  baselineNote?: string;
  durationMs: number;
  /** Report files, relative to the index (forward slashes). */
  reports: Partial<Record<'html' | 'json' | 'md' | 'junit', string>>;
}

export interface FleetSummary {
  companies: number;
  outcomes: Record<Outcome, number>;
  verdicts: Record<Verdict, number>;
}

export interface FleetIndex {
  $schema?: string;
  schemaVersion: 1;
  tool: { name: 'intacct-preflight'; version: string };
  manifest: {
    /** Identifies the manifest's set of companies: shards of one manifest share it. */
    digest: string;
    /** Every company of the manifest, so a merge knows which ones are missing. */
    names: string[];
  };
  run: {
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    /** Companies audited at a time (absent in a merged index). */
    jobs?: number;
    /** Set on the index of one shard. */
    shard?: { index: number; total: number };
    /** Set on a merged index: the shards it was built from. */
    merged?: { shards: number[]; total: number };
  };
  exitCode: CompanyCode;
  summary: FleetSummary;
  /** Worst first. */
  companies: FleetRow[];
}

const VERDICT_RANK: Record<Verdict, number> = { 'not-ready': 0, incomplete: 1, ready: 2 };
const OUTCOME_RANK: Record<Outcome, number> = { 'gate-failed': 0, 'could-not-audit': 1, incomplete: 2, passed: 3 };

/** Worst first: by outcome, verdict, failing blockers, new or worse problems, open findings; then by name. */
export function compareRows(a: FleetRow, b: FleetRow): number {
  // `worse` counts the new problems too.
  const newer = (r: FleetRow) => (r.sinceLastAudit ? r.sinceLastAudit.counts.worse : 0);
  const open = (r: FleetRow) => (r.counts ? r.counts.fail + r.counts.error + r.counts.manual : 0);
  return (
    OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] ||
    (a.verdict ? VERDICT_RANK[a.verdict] : 3) - (b.verdict ? VERDICT_RANK[b.verdict] : 3) ||
    b.failingBlockers.length - a.failingBlockers.length ||
    newer(b) - newer(a) ||
    open(b) - open(a) ||
    a.name.localeCompare(b.name, 'en')
  );
}

export function summarise(rows: readonly FleetRow[]): FleetSummary {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const verdicts: Record<Verdict, number> = { 'not-ready': 0, incomplete: 0, ready: 0 };
  for (const r of rows) {
    outcomes[r.outcome] += 1;
    if (r.verdict && r.outcome !== 'could-not-audit') verdicts[r.verdict] += 1;
  }
  return { companies: rows.length, outcomes, verdicts };
}

/** 1 if any company fails its gate; otherwise 3 if any could not be audited; otherwise 2 if any is incomplete; otherwise 0. */
export function fleetExitCode(rows: readonly FleetRow[]): CompanyCode {
  for (const code of [1, 3, 2] as const) if (rows.some((r) => r.exitCode === code)) return code;
  return 0;
}

export function buildIndex(input: {
  tool: FleetIndex['tool'];
  manifest: FleetIndex['manifest'];
  run: FleetIndex['run'];
  rows: readonly FleetRow[];
}): FleetIndex {
  const companies = [...input.rows].sort(compareRows);
  return {
    $schema: FLEET_SCHEMA_URL,
    schemaVersion: FLEET_SCHEMA_VERSION,
    tool: input.tool,
    manifest: input.manifest,
    run: input.run,
    exitCode: fleetExitCode(companies),
    summary: summarise(companies),
    companies,
  };
}

/** The row of a company whose audit produced a result (including one that could not connect). */
export function rowFromResult(input: {
  name: string;
  title?: string;
  result: AuditResult;
  code: CompanyCode;
  reason: string;
  gate?: string;
  baselineNote?: string;
  durationMs: number;
  reports: FleetRow['reports'];
}): FleetRow {
  const { result } = input;
  const couldNotAudit = input.code === 3;
  const since = result.sinceLastAudit;
  const title = input.title ?? result.company.name;
  return {
    name: input.name,
    ...(title ? { title } : {}),
    companyId: result.company.id,
    ...(result.company.entityId ? { entityId: result.company.entityId } : {}),
    outcome: OUTCOME_OF_CODE[input.code],
    exitCode: input.code,
    reason: input.reason,
    ...(input.gate ? { gate: input.gate } : {}),
    ...(couldNotAudit ? {} : { verdict: result.verdict, verdictReason: result.verdictReason }),
    failingBlockers: couldNotAudit ? [] : result.checks.filter((c) => c.severity === 'blocker' && c.status === 'fail' && !c.waived).map((c) => ({ id: c.id, title: c.title })),
    ...(couldNotAudit ? {} : { counts: result.counts }),
    ...(since ? { sinceLastAudit: { baselineStartedAt: since.baseline.startedAt, verdictBefore: since.verdict.before, headline: since.headline, counts: since.counts } } : {}),
    ...(input.baselineNote ? { baselineNote: input.baselineNote } : {}),
    durationMs: Math.round(input.durationMs),
    reports: input.reports,
  };
}

/** The row of a company that could not be audited at all (no result, no report). */
export function failedRow(input: { name: string; title?: string; companyId?: string; entityId?: string; reason: string; durationMs: number }): FleetRow {
  return {
    name: input.name,
    ...(input.title ? { title: input.title } : {}),
    ...(input.companyId ? { companyId: input.companyId } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    outcome: 'could-not-audit',
    exitCode: 3,
    reason: input.reason,
    failingBlockers: [],
    durationMs: Math.round(input.durationMs),
    reports: {},
  };
}
