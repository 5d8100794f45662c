/**
 * The audit result: what every renderer reads and what `report.json` holds. Its JSON Schema is
 * `schemas/report.schema.json` (schemaVersion 1); a change here is a change to a public contract.
 * It imports nothing: every layer (checks, engine phases, history, renderers) depends on it.
 */

export type Severity = 'blocker' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['blocker', 'warning', 'info'];

export type CheckStatus = 'pass' | 'fail' | 'manual' | 'error' | 'not-applicable';
export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'manual', 'error', 'not-applicable'];

export interface DocLink {
  title: string;
  url: string;
}

/** One piece of evidence: what was read, and what was seen. */
export interface Evidence {
  /** Function that produced it, e.g. `get_companyprefs`, `query`, `lookup`. */
  source: string;
  object?: string;
  application?: string;
  field?: string;
  preference?: string;
  /** What was observed; null = absent. */
  observed: string | number | boolean | null;
  /** For settings-catalog reads: whether the preference name is confirmed against a real company. */
  verified?: boolean;
  note?: string;
}

/** A record a consultant needs to find in Intacct. Keys are Intacct field names. */
export type SampleRecord = Record<string, string | number | null>;

export interface Affected {
  /** Total matching records in Intacct (from `totalcount`), not just the sample. */
  count: number;
  /** Up to 25 records, most recent first. */
  sample: SampleRecord[];
  /** Field names shown for each sample record, in display order. */
  columns: string[];
  /** Object the records belong to (for the stable record key object+id). */
  object?: string;
  /** Field that identifies a record within `object` (e.g. RECORDNO, CUSTOMERID). */
  keyField?: string;
  /**
   * When the sample mixes objects (customers and vendors, invoices and bills), the field of each
   * sample record naming its object; the stable record key is then record[objectField] + record[keyField].
   */
  objectField?: string;
}

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
  /** With `audit --worklists`, for a data check that found records: every affected record, in a CSV file. */
  worklist?: Worklist;
}

/** One check's worklist: a CSV file of every affected record (`audit --worklists`). */
export interface Worklist {
  /** Path relative to the report folder, e.g. `worklists/currency.foreign-currency-contacts.csv`. */
  file: string;
  /** Records in the file. */
  rows: number;
  /**
   * False when a read failed part-way (the file then holds the first `rows` records of
   * `affected.count`) or the records changed while they were read (it holds what was read, which
   * may miss or repeat records); its last line says which.
   */
  complete: boolean;
  /** Why it is incomplete, in one line. */
  note?: string;
}

/** A check that was selected out with --checks/--skip (blockers left out keep the verdict from `ready`). */
export interface NotRunCheck {
  id: string;
  title: string;
  severity: Severity;
  reason: string;
}

/** What talking to Intacct cost: the client counts it, the report shows it. */
export interface RunStats {
  httpRequests: number;
  functions: number;
  bytesSent: number;
  bytesReceived: number;
  retries: number;
  sessionRenewals: number;
}

/** Stats of a run that sent nothing (yet). */
export function zeroStats(): RunStats {
  return { httpRequests: 0, functions: 0, bytesSent: 0, bytesReceived: 0, retries: 0, sessionRenewals: 0 };
}

/** How Re-Leased is set up for this company: what the checks judge against. */
export interface IntegrationProfile {
  /** Entity Re-Leased is connected to; absent = none (top level only). */
  entity?: string;
  /** Re-Leased's "Top-Level syncing": records are created at the top level (true) or in `entity` (false). */
  topLevelSyncing: boolean;
  /** Re-Leased posts sales through Order Entry / purchases through Purchasing; absent = decided by subscription and setting. */
  orderEntry?: boolean;
  purchasing?: boolean;
  /** The Re-Leased account's currency (ISO 4217); absent = each record is compared with its own entity's base currency. */
  currency?: string;
  /** Dimensions Re-Leased sends on lines; default ['LOCATION']. */
  dimensions: string[];
  /** YYYY-MM-DD the integration was connected; absent = not yet. */
  connectedOn?: string;
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
  /** How Re-Leased is set up: what the company was audited as (absent in reports written before it existed). */
  integration?: IntegrationProfile;
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
  /**
   * With `audit --worklists`: the folder of worklists next to the report and its index (each
   * check's own file is `checks[].worklist`). Absent when worklists were not asked for.
   */
  worklists?: { folder: string; index: string; files: number; rows: number };
  /** Settings-catalog entries the checks read, with their verification state. */
  catalog: { setting: string; application: string; candidates: string[]; verified: boolean }[];
}

// ---------------------------------------------------------------------------------------------
// Since last audit (the comparison with a baseline, as the result carries it)

/**
 * - `new`: now fail / error / manual, and before pass, not-applicable, or not there at all;
 * - `resolved`: before fail / error / manual, now pass or not-applicable;
 * - `changed`: same side of the line but something moved (affected count, sampled records, or
 *   status between fail, error and manual, or between pass and not-applicable);
 * - `unchanged`: nothing of the above;
 * - `added`: a check only the current run has (a newer release or a user check), not failing;
 * - `removed`: a check only the baseline has (dropped, renamed, or not run this time).
 */
export type ChangeKind = 'new' | 'resolved' | 'changed' | 'unchanged' | 'added' | 'removed';
export const CHANGE_KINDS: readonly ChangeKind[] = ['new', 'resolved', 'changed', 'unchanged', 'added', 'removed'];

export type ChangeCounts = Record<ChangeKind, number> & { worse: number; better: number };

/** What a report shows first when a baseline was given: small, plain data for any renderer. */
export interface SinceLastAudit {
  baseline: { startedAt: string; toolVersion: string; verdict: Verdict; source: 'live' | 'demo' | 'snapshot' };
  verdict: { before: Verdict; after: Verdict; changed: boolean };
  /** One line, e.g. "Since the audit of 2025-03-01 09:00 UTC: 1 new problem, 1 got worse, 2 resolved." */
  headline: string;
  counts: ChangeCounts;
  /** Every check that is not unchanged, the most urgent first. */
  items: SinceLastAuditItem[];
  /** How to read the comparison (sync window changed, redaction …). */
  notes: string[];
}

export interface SinceLastAuditItem {
  id: string;
  title: string;
  severity: Severity;
  change: ChangeKind;
  /** Label for the change: New, Worse, Better, Resolved, Changed, Added, Removed. */
  tag: string;
  worse: boolean;
  better: boolean;
  statusBefore?: CheckStatus;
  statusAfter?: CheckStatus;
  countBefore?: number;
  countAfter?: number;
  /** One plain-text line saying what moved, e.g. "Fail, was Pass · 3 records". */
  line: string;
  /** Stable keys (OBJECT:ID) of sampled records that appeared / disappeared. */
  recordsAdded: string[];
  recordsRemoved: string[];
  /** Set when the record lists cover samples only, or records could not be compared. */
  recordsNote?: string;
}
