/** What the orchestrator takes and gives: the library's audit options and the run a snapshot is made of. */
import type { CheckStatus, IntegrationProfile, SettingsCatalog } from '../model/check.js';
import type { AuditResult, RunStats, Verdict } from '../model/result.js';
import type { ClientOptions } from '../intacct/client.js';
import type { ConnectProgress } from '../gather/connect.js';
import type { GatherProgress } from '../gather/gather.js';
import type { FactStore } from '../gather/store.js';
import type { PlanOptions } from '../plan/audit-plan.js';
import type { AuditContext } from '../plan/reads.js';
import type { Comparison } from '../history/comparison-model.js';
import type { Snapshot } from '../history/snapshot-model.js';
import type { StagedWorklists, WorklistOptions, WorklistProgress } from '../worklists/index.js';

export type { AuditContext } from '../plan/reads.js';

export type ProgressEvent =
  | ConnectProgress
  | GatherProgress
  | WorklistProgress
  | { type: 'check'; id: string; title: string; status: CheckStatus; durationMs: number; index: number; total: number }
  | { type: 'done'; verdict: Verdict; durationMs: number };

export interface AuditOptions extends PlanOptions {
  /** Live run (absent only when evaluating saved facts). */
  connection?: ClientOptions;
  /** Replace customer and vendor names and ids with pseudonyms (in the result, and in the snapshot when one is made). */
  redact?: boolean;
  /**
   * An earlier result to compare with: the result gets `sinceLastAudit` (compared before any
   * redaction, so records match by their real keys). Ignored when the run could not connect.
   */
  baseline?: AuditResult;
  /** Compare with a baseline of another company or entity anyway. */
  allowOtherCompany?: boolean;
  /** Also make the snapshot of this run (AuditRun.snapshot), pseudonymised like the result when `redact` is set. */
  snapshot?: boolean;
  /**
   * Also read every affected record of each data check that found some, into a CSV file per check
   * (DIR/worklists/<check-id>.csv and index.csv), redacted like the result when `redact` is set.
   */
  worklists?: WorklistOptions;
  source?: 'live' | 'demo';
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
}

/** A live run with everything a snapshot needs besides the result. */
export interface AuditRun {
  result: AuditResult;
  /** Every fact gathered (empty when the connection failed). */
  store: FactStore;
  context: AuditContext;
  catalog: SettingsCatalog;
  /** The integration profile the checks judged against (defaults resolved). */
  integration: IntegrationProfile;
  /** Options in force for the checks run that take options (defaults merged with the config's). */
  checkOptions: Record<string, Record<string, unknown>>;
  /** The checks that were run. */
  checks: { id: string; version: number; origin: string }[];
  /** With a baseline: the comparison `sinceLastAudit` was made from (what --fail-on-new judges). */
  comparison?: Comparison;
  /** With `snapshot: true` and a connection: the snapshot of this run. */
  snapshot?: Snapshot;
  /** With `worklists`: the lists, staged until `commit()` puts them in DIR/worklists/ (or `discard()`). */
  worklists?: StagedWorklists;
}

export interface EvaluateOptions extends Omit<AuditOptions, 'connection' | 'source' | 'snapshot' | 'worklists'> {
  /** Company the facts came from; defaults to the store's metadata. */
  company?: { id: string; entityId?: string; endpointHost?: string };
  context?: AuditContext;
  /** Stats of the run that gathered the facts (shown in the report); default from the store. */
  stats?: RunStats;
  source?: 'live' | 'demo' | 'snapshot';
  /** The facts are already pseudonymised (a redacted snapshot): the result is marked redacted, not redacted again. */
  redactedFacts?: boolean;
  /** The checks the saved facts were evaluated with before (a snapshot's): a check that changed since gets a warning. */
  evaluatedWith?: { id: string; version: number }[];
}

/** An evaluation of saved facts, with what the command line reports besides the result. */
export interface EvaluatedFacts {
  result: AuditResult;
  comparison?: Comparison;
  /** Warnings about checks that are not what the saved facts were evaluated with (also in result.warnings). */
  drift: string[];
}
