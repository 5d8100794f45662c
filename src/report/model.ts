/**
 * The audit result: what every renderer reads and what `report.json` holds. Its JSON Schema is
 * `schemas/report.schema.json` (schemaVersion 1); a change here is a change to a public contract.
 */
import type { Affected, CheckStatus, DocLink, Evidence, Severity } from '../engine/types.js';
import type { SinceLastAudit } from '../history/diff.js';

export type { SinceLastAudit, SinceLastAuditItem } from '../history/diff.js';

export type Verdict = 'ready' | 'not-ready' | 'incomplete';

export interface WaiverState {
  reason: string;
  /** ISO date. */
  expires: string;
  owner?: string;
  /** Record keys the waiver is limited to (object:id); absent = the whole check. */
  records?: string[];
  /** `active` waives the finding; `expired` is shown but no longer waives. */
  state: 'active' | 'expired';
}

export interface AttestationState {
  by: string;
  /** ISO date. */
  date: string;
  note?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  category: string;
  /** Severity in force (after config overrides). */
  severity: Severity;
  defaultSeverity: Severity;
  status: CheckStatus;
  summary: string;
  evidence: Evidence[];
  affected?: Affected;
  /** Set when a waiver from the config applies or has expired. */
  waiver?: WaiverState;
  /** True when an active waiver covers the finding: it keeps its status but does not fail the gate. */
  waived: boolean;
  /** Set when a manual check was attested in the config (status becomes pass, `attestedStatus` keeps what it was). */
  attestation?: AttestationState;
  attestedStatus?: CheckStatus;
  why: string;
  remediation: string[];
  docs: DocLink[];
  checkVersion: number;
  /** `builtin` or the path of the user check folder it came from. */
  origin: string;
  durationMs: number;
}

/** A check that was selected out with --checks/--skip (blockers left out keep the verdict from `ready`). */
export interface NotRunCheck {
  id: string;
  title: string;
  severity: Severity;
  reason: string;
}

export interface RunStats {
  httpRequests: number;
  functions: number;
  bytesSent: number;
  bytesReceived: number;
  retries: number;
  sessionRenewals: number;
}

export interface AuditResult {
  $schema?: string;
  schemaVersion: 1;
  tool: { name: 'intacct-preflight'; version: string };
  run: {
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    /** live = against a gateway; demo = the built-in sandbox; snapshot = re-evaluated offline. */
    source: 'live' | 'demo' | 'snapshot';
    endpointHost?: string;
    syncFrom: string;
    stats: RunStats;
  };
  company: {
    id: string;
    entityId?: string;
    name?: string;
    baseCurrency?: string;
    multiCurrency?: boolean;
    multiBaseCurrency?: boolean;
    applications?: string[];
    entities?: { id: string; name?: string; currency?: string }[];
  };
  verdict: Verdict;
  /** One line: why the verdict is what it is. */
  verdictReason: string;
  counts: Record<CheckStatus, number> & { waived: number; notRun: number };
  checks: CheckResult[];
  notRun: NotRunCheck[];
  /** True when names and ids of customers and vendors were replaced by pseudonyms. */
  redacted: boolean;
  /**
   * Run-level notes a reader should see, each one line: expired or unused waivers, a record-scoped
   * waiver that does not cover every affected record, an attestation ignored because the check was
   * not manual. Absent when there are none.
   */
  warnings?: string[];
  /**
   * What changed since an earlier report (`audit --baseline PREVIOUS.json`): the HTML and Markdown
   * reports show it first. Absent when no baseline was given.
   */
  sinceLastAudit?: SinceLastAudit;
  /** Settings-catalog entries the checks read, with their verification state. */
  catalog: { setting: string; application: string; candidates: string[]; verified: boolean }[];
}
