/**
 * The comparison of two audit results (a baseline and the current run): what `--baseline`,
 * `--fail-on-new` and `intacct-preflight diff` work from. `diff --format json` prints it, so it is
 * a public shape too (comparisonVersion 1; fields are only added).
 */
import type { CheckStatus, SampleRecord, Severity } from '../model/check.js';
import type { ChangeCounts, ChangeKind, Verdict } from '../model/result.js';

export { CHANGE_KINDS } from '../model/result.js';
export type { ChangeKind, ChangeCounts } from '../model/result.js';

/** One side of a check in the comparison. */
export interface CheckSide {
  status: CheckStatus;
  severity: Severity;
  summary: string;
  /** Affected count for data checks. */
  count?: number;
  waived: boolean;
  checkVersion: number;
}

/** A sampled record, by its stable key `OBJECT:ID`. */
export interface RecordRef {
  key: string;
  record: SampleRecord;
}

export interface RecordChanges {
  /** False when the records cannot be matched (no key field, or only one side redacted). */
  comparable: boolean;
  /** Why they cannot be compared (one line). */
  reason?: string;
  /** In the current sample, not in the previous one. */
  added: RecordRef[];
  /** In the previous sample, not in the current one. */
  removed: RecordRef[];
  /** True when either sample held fewer records than the count: the lists cover sampled records only. */
  sampleCapped: boolean;
  /** True when the previous sample held every record, so `added` really appeared. */
  addedCertain: boolean;
  /** True when the current sample holds every record, so `removed` really disappeared. */
  removedCertain: boolean;
  /** Set when sampleCapped: says how much of each side was sampled. */
  note?: string;
}

export interface CheckChange {
  id: string;
  title: string;
  category: string;
  /** Severity in force now (for removed checks: in the baseline). */
  severity: Severity;
  change: ChangeKind;
  /** Moved the wrong way: newly failing, more affected records, records appeared, or now `fail`. */
  worse: boolean;
  /** Moved the right way: resolved, or fewer affected records and none appeared. */
  better: boolean;
  before?: CheckSide;
  after?: CheckSide;
  statusBefore?: CheckStatus;
  statusAfter?: CheckStatus;
  countBefore?: number;
  countAfter?: number;
  /** For data checks: sampled records that appeared or disappeared. */
  records?: RecordChanges;
  /** Short facts a reader should know (check version changed, now waived, not run before …). */
  notes: string[];
}

export interface RunRef {
  startedAt: string;
  toolVersion: string;
  source: 'live' | 'demo' | 'snapshot';
  companyId: string;
  entityId?: string;
  syncFrom: string;
  verdict: Verdict;
  redacted: boolean;
}

export interface Comparison {
  comparisonVersion: 1;
  previous: RunRef;
  current: RunRef;
  verdict: { before: Verdict; after: Verdict; changed: boolean };
  counts: ChangeCounts;
  /** Every check of either run: the most urgent first (new, worse, resolved, changed, …). */
  checks: CheckChange[];
  /** Differences between the runs that affect how to read the comparison (sync window, redaction …). */
  notes: string[];
}
