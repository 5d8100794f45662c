/**
 * Baselines: how the current audit differs from an earlier one, check by check, and the
 * `--fail-on-new` gate that fails only on what got worse. Both reports are plain AuditResults;
 * records are matched by the same stable key waivers use (`OBJECT:ID`, see assemble/policy.ts).
 */
import { recordKey } from '../assemble/policy.js';
import type { FailOn } from '../assemble/gate.js';
import type { Affected, CheckStatus, SampleRecord, Severity } from '../model/check.js';
import type { AuditResult, CheckResult, IntegrationProfile } from '../model/result.js';
import { readResultFile } from '../render/files.js';
import { PSEUDONYMISABLE_FIELDS } from '../assemble/redact.js';
import {
  CHANGE_KINDS,
  type ChangeCounts,
  type ChangeKind,
  type CheckChange,
  type CheckSide,
  type Comparison,
  type RecordChanges,
  type RecordRef,
  type RunRef,
} from './comparison-model.js';

/** The baseline cannot be used with this run; `kind: 'usage'` makes the command line exit 4. */
export class BaselineError extends Error {
  readonly kind = 'usage' as const;
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

export interface CompareOptions {
  /** Compare reports of different companies or entities anyway (e.g. a copy of production vs its sandbox). */
  allowOtherCompany?: boolean;
}

const BAD: ReadonlySet<CheckStatus> = new Set(['fail', 'error', 'manual']);
const RANK: Record<Severity, number> = { info: 1, warning: 2, blocker: 3 };

// ---------------------------------------------------------------------------------------------
// Loading and validating a baseline

/**
 * Reads a previous `report.json` for `--baseline` (schema-validated by the report reader) and
 * checks it describes the same company and entity as the current run.
 */
export function loadBaseline(path: string, current: AuditResult, opts: CompareOptions = {}): AuditResult {
  const previous = readResultFile(path);
  assertSameCompany(previous, current, opts, { previous: `the baseline ${path}`, current: 'this audit' });
  return previous;
}

/** Reads two saved reports for `intacct-preflight diff OLD NEW` and compares them. */
export function compareReportFiles(oldPath: string, newPath: string, opts: CompareOptions = {}): Comparison {
  const previous = readResultFile(oldPath);
  const current = readResultFile(newPath);
  assertSameCompany(previous, current, opts, { previous: oldPath, current: newPath });
  return compareResults(previous, current, { ...opts, allowOtherCompany: true });
}

export function assertSameCompany(
  previous: AuditResult,
  current: AuditResult,
  opts: CompareOptions = {},
  names = { previous: 'the baseline', current: 'this audit' },
): void {
  if (opts.allowOtherCompany) return;
  const describe = (r: AuditResult) => `company ${r.company.id}${r.company.entityId ? `, entity ${r.company.entityId}` : ' (top level)'}`;
  const sameCompany = previous.company.id.toLowerCase() === current.company.id.toLowerCase();
  const sameEntity = (previous.company.entityId ?? '').toLowerCase() === (current.company.entityId ?? '').toLowerCase();
  if (sameCompany && sameEntity) return;
  throw new BaselineError(
    `${names.previous} is of ${describe(previous)} but ${names.current} is of ${describe(current)} — compare reports of the same company and entity (or allow it explicitly with --allow-other-company)`,
  );
}

// ---------------------------------------------------------------------------------------------
// Comparing

/** Compares two audit results check by check. Throws BaselineError for different companies unless allowed. */
export function compareResults(previous: AuditResult, current: AuditResult, opts: CompareOptions = {}): Comparison {
  assertSameCompany(previous, current, opts);
  const before = new Map(previous.checks.map((c) => [c.id, c]));
  const after = new Map(current.checks.map((c) => [c.id, c]));
  const notRunBefore = new Map(previous.notRun.map((c) => [c.id, c]));
  const notRunNow = new Map(current.notRun.map((c) => [c.id, c]));
  const redaction = { previous: previous.redacted, current: current.redacted };

  const changes: CheckChange[] = [];
  for (const cur of current.checks) {
    const prev = before.get(cur.id);
    const change = prev ? compareCheck(prev, cur, redaction) : addedCheck(cur);
    if (!prev && notRunBefore.has(cur.id)) change.notes.push('not run in the previous audit');
    changes.push(change);
  }
  for (const prev of previous.checks) {
    if (after.has(prev.id)) continue;
    const skipped = notRunNow.get(prev.id);
    changes.push(removedCheck(prev, skipped ? `not run in this audit (${skipped.reason})` : 'no longer part of the audit'));
  }
  changes.sort(byUrgency);

  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as ChangeCounts;
  counts.worse = 0;
  counts.better = 0;
  for (const c of changes) {
    counts[c.change] += 1;
    if (c.worse) counts.worse += 1;
    if (c.better) counts.better += 1;
  }

  return {
    comparisonVersion: 1,
    previous: runRef(previous),
    current: runRef(current),
    verdict: { before: previous.verdict, after: current.verdict, changed: previous.verdict !== current.verdict },
    counts,
    checks: changes,
    notes: runNotes(previous, current),
  };
}

function compareCheck(prev: CheckResult, cur: CheckResult, redaction: { previous: boolean; current: boolean }): CheckChange {
  const wasBad = BAD.has(prev.status);
  const isBad = BAD.has(cur.status);
  const records = recordChanges(prev, cur, redaction);
  const countBefore = prev.affected?.count;
  const countAfter = cur.affected?.count;
  const countGrew = countBefore !== undefined && countAfter !== undefined && countAfter > countBefore;
  const countShrank = countBefore !== undefined && countAfter !== undefined && countAfter < countBefore;
  const recordsMoved = !!records?.comparable && (records.added.length > 0 || records.removed.length > 0);
  // Records that appeared only make it worse when we know they are new: with a capped previous
  // sample, one may just have been outside it (the count says whether the set really grew).
  const recordsAppeared = !!records?.comparable && records.added.length > 0 && records.addedCertain;

  let change: ChangeKind;
  let worse = false;
  let better = false;
  if (!wasBad && isBad) {
    change = 'new';
    worse = true;
  } else if (wasBad && !isBad) {
    change = 'resolved';
    better = true;
  } else if (wasBad && isBad) {
    const becameFail = cur.status === 'fail' && prev.status !== 'fail';
    worse = becameFail || countGrew || recordsAppeared;
    better = !worse && (countShrank || (recordsMoved && records!.added.length === 0 && records!.removed.length > 0 && records!.removedCertain));
    change = prev.status !== cur.status || countBefore !== countAfter || recordsMoved ? 'changed' : 'unchanged';
  } else {
    // pass ↔ not-applicable: nothing to act on, but the reader should see the company changed.
    change = prev.status !== cur.status || countBefore !== countAfter ? 'changed' : 'unchanged';
  }

  const notes: string[] = [];
  if (prev.checkVersion !== cur.checkVersion) {
    notes.push(`check logic changed between the audits (version ${prev.checkVersion} → ${cur.checkVersion})`);
  }
  if (prev.waived !== cur.waived) notes.push(cur.waived ? 'now waived' : 'no longer waived');
  if (prev.severity !== cur.severity) notes.push(`severity ${prev.severity} → ${cur.severity}`);
  if (cur.attestation && !prev.attestation) notes.push(`now attested by ${cur.attestation.by}`);

  return {
    id: cur.id,
    title: cur.title,
    category: cur.category,
    severity: cur.severity,
    change,
    worse,
    better,
    before: side(prev),
    after: side(cur),
    statusBefore: prev.status,
    statusAfter: cur.status,
    ...(countBefore !== undefined ? { countBefore } : {}),
    ...(countAfter !== undefined ? { countAfter } : {}),
    ...(records ? { records } : {}),
    notes,
  };
}

function addedCheck(cur: CheckResult): CheckChange {
  const isBad = BAD.has(cur.status);
  // No record lists: the check did not look before, so nothing can be said to have appeared.
  return {
    id: cur.id,
    title: cur.title,
    category: cur.category,
    severity: cur.severity,
    change: isBad ? 'new' : 'added',
    worse: isBad,
    better: false,
    after: side(cur),
    statusAfter: cur.status,
    ...(cur.affected ? { countAfter: cur.affected.count } : {}),
    notes: ['not in the previous audit'],
  };
}

function removedCheck(prev: CheckResult, why: string): CheckChange {
  return {
    id: prev.id,
    title: prev.title,
    category: prev.category,
    severity: prev.severity,
    change: 'removed',
    worse: false,
    better: false,
    before: side(prev),
    statusBefore: prev.status,
    ...(prev.affected ? { countBefore: prev.affected.count } : {}),
    notes: [why],
  };
}

function side(c: CheckResult): CheckSide {
  return {
    status: c.status,
    severity: c.severity,
    summary: c.summary,
    ...(c.affected ? { count: c.affected.count } : {}),
    waived: c.waived,
    checkVersion: c.checkVersion,
  };
}

// ---------------------------------------------------------------------------------------------
// Records

/**
 * Which sampled records appeared or disappeared. A side without `affected` counts as "no records"
 * only when its status says so (pass / not-applicable); an error or manual result read nothing,
 * so there is nothing to compare against.
 */
function recordChanges(
  prev: CheckResult,
  cur: CheckResult,
  redaction: { previous: boolean; current: boolean },
): RecordChanges | undefined {
  if (!prev.affected && !cur.affected) return undefined;
  const a = prev.affected ?? (BAD.has(prev.status) ? null : undefined);
  const b = cur.affected ?? (BAD.has(cur.status) ? null : undefined);
  // null = unknown (the side could not read the records)
  if (a === null || b === null) return notComparable('one of the audits could not read the records');
  const shape = (a ?? b)!;
  const before = a ?? emptyLike(shape);
  const after = b ?? emptyLike(shape);
  if (!before.keyField || !after.keyField) return notComparable('the check does not name a key field for its records');
  // Every redaction draws its own key, so pseudonyms never match across two reports: a key or
  // object field a redacted report may have pseudonymised cannot match records.
  if (redaction.previous || redaction.current) {
    const keyed = [before.keyField, before.objectField, after.keyField, after.objectField];
    if (keyed.some((f) => f !== undefined && PSEUDONYMISABLE_FIELDS.has(f.toUpperCase()))) {
      const which = redaction.previous && redaction.current ? 'both reports are redacted with their own pseudonyms' : 'only one of the reports is redacted';
      return notComparable(`${which}, and records are identified by a redacted field`);
    }
  }

  const beforeKeys = keyed(before);
  const afterKeys = keyed(after);
  const added: RecordRef[] = [...afterKeys].filter(([k]) => !beforeKeys.has(k)).map(([key, record]) => ({ key, record }));
  const removed: RecordRef[] = [...beforeKeys].filter(([k]) => !afterKeys.has(k)).map(([key, record]) => ({ key, record }));
  const beforeComplete = before.sample.length >= before.count;
  const afterComplete = after.sample.length >= after.count;
  const sampleCapped = !beforeComplete || !afterComplete;
  return {
    comparable: true,
    added,
    removed,
    sampleCapped,
    addedCertain: beforeComplete,
    removedCertain: afterComplete,
    ...(sampleCapped
      ? {
          note: `compared among sampled records only (previous ${before.sample.length} of ${before.count}, current ${after.sample.length} of ${after.count}): a record outside a sample may show as appeared or disappeared`,
        }
      : {}),
  };
}

function keyed(affected: Affected): Map<string, SampleRecord> {
  const out = new Map<string, SampleRecord>();
  for (const record of affected.sample) {
    const key = recordKey(record, affected);
    if (key !== undefined) out.set(key, record);
  }
  return out;
}

function emptyLike(shape: Affected): Affected {
  return { ...shape, count: 0, sample: [] };
}

function notComparable(reason: string): RecordChanges {
  return { comparable: false, reason, added: [], removed: [], sampleCapped: false, addedCertain: false, removedCertain: false };
}

// ---------------------------------------------------------------------------------------------
// Ordering and run-level notes

const KIND_ORDER: Record<ChangeKind, number> = { new: 0, changed: 1, resolved: 2, added: 3, removed: 4, unchanged: 5 };

function byUrgency(a: CheckChange, b: CheckChange): number {
  const urgency = (c: CheckChange) => (c.change === 'new' ? 0 : c.worse ? 1 : KIND_ORDER[c.change] + 1);
  return urgency(a) - urgency(b) || RANK[b.severity] - RANK[a.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function runRef(r: AuditResult): RunRef {
  return {
    startedAt: r.run.startedAt,
    toolVersion: r.tool.version,
    source: r.run.source,
    companyId: r.company.id,
    ...(r.company.entityId ? { entityId: r.company.entityId } : {}),
    syncFrom: r.run.syncFrom,
    verdict: r.verdict,
    redacted: r.redacted,
  };
}

function runNotes(previous: AuditResult, current: AuditResult): string[] {
  const notes: string[] = [];
  if (previous.run.syncFrom !== current.run.syncFrom) {
    notes.push(`The sync window differs (from ${previous.run.syncFrom} before, ${current.run.syncFrom} now): counts of transactions are not like for like.`);
  }
  if (previous.redacted !== current.redacted) {
    notes.push('Only one of the reports is redacted: records identified by customer or vendor ids or names cannot be matched.');
  } else if (previous.redacted && current.redacted) {
    notes.push('Both reports are redacted with their own pseudonyms: records identified by customer or vendor ids or names cannot be matched, so only counts are compared for them.');
  }
  const profile = profileChanges(previous.integration, current.integration);
  if (profile.length) {
    notes.push(`The company was audited as Re-Leased set up another way (${profile.join('; ')}): findings that depend on the set-up are not like for like.`);
  }
  if (previous.tool.version !== current.tool.version) {
    notes.push(`The tool version differs (${previous.tool.version} before, ${current.tool.version} now).`);
  }
  if (current.run.startedAt < previous.run.startedAt) {
    notes.push('The baseline is more recent than the current report: were OLD and NEW given the other way round?');
  }
  return notes;
}

const PROFILE_KEYS = ['entity', 'topLevelSyncing', 'orderEntry', 'purchasing', 'currency', 'dimensions', 'connectedOn'] as const;

/** Each integration-profile key that differs, as `currency NZD → AUD`; nothing when either report predates the profile. */
function profileChanges(before: IntegrationProfile | undefined, after: IntegrationProfile | undefined): string[] {
  if (!before || !after) return [];
  const text = (v: unknown) => (v === undefined ? 'not set' : Array.isArray(v) ? v.join(', ') : String(v));
  return PROFILE_KEYS.filter((k) => text(before[k]) !== text(after[k])).map((k) => `integration.${k} ${text(before[k])} → ${text(after[k])}`);
}

// ---------------------------------------------------------------------------------------------
// The --fail-on-new gate

export interface FailOnNewOutcome {
  code: 0 | 1 | 2;
  reason: string;
  /** The checks that decided the code. */
  checks: string[];
}

/**
 * `--fail-on-new`: like the normal gate, but only checks at or above `failOn` that are new or
 * got worse count. Any of them failing (and not waived) → 1; else any of them error or manual → 2;
 * else 0. Known, unchanged problems pass: this is for monitoring after go-live.
 */
export function failOnNewExitCode(comparison: Comparison, current: AuditResult, failOn: FailOn): FailOnNewOutcome {
  if (failOn === 'never') return { code: 0, reason: 'off: the exit code is 0 whatever the findings.', checks: [] };
  const threshold = RANK[failOn];
  const level = failOn === 'blocker' ? 'blockers' : `checks of severity ${failOn} or higher`;
  const results = new Map(current.checks.map((c) => [c.id, c]));
  const worse = comparison.checks.filter((c) => {
    const result = results.get(c.id);
    return result && (c.change === 'new' || c.worse) && RANK[result.severity] >= threshold && !result.waived;
  });
  const failed = worse.filter((c) => results.get(c.id)!.status === 'fail');
  if (failed.length > 0) {
    return { code: 1, reason: `${failed.length} of the ${level} newly failed or got worse since the baseline: ${describe(failed)}.`, checks: failed.map((c) => c.id) };
  }
  const undecided = worse.filter((c) => {
    const status = results.get(c.id)!.status;
    return status === 'error' || status === 'manual';
  });
  if (undecided.length > 0) {
    return {
      code: 2,
      reason: `${undecided.length} of the ${level} newly errored or need confirming since the baseline: ${undecided.map((c) => `${c.id}: ${c.statusAfter}`).slice(0, 4).join(', ')}${undecided.length > 4 ? ', …' : ''}.`,
      checks: undecided.map((c) => c.id),
    };
  }
  const known = current.checks.filter((c) => RANK[c.severity] >= threshold && BAD.has(c.status) && !c.waived).length;
  return {
    code: 0,
    reason: `Nothing new or worse among the ${level} since the baseline${known ? ` (${known} known problem${known === 1 ? '' : 's'} unchanged)` : ''}.`,
    checks: [],
  };
}

function describe(changes: CheckChange[]): string {
  const shown = changes.slice(0, 4).map((c) => {
    if (c.change === 'new') return `${c.id} (new)`;
    if (c.countBefore !== undefined && c.countAfter !== undefined && c.countAfter !== c.countBefore) return `${c.id} (${c.countBefore} → ${c.countAfter})`;
    return `${c.id} (${c.statusBefore} → ${c.statusAfter})`;
  });
  return changes.length > 4 ? `${shown.join(', ')} and ${changes.length - 4} more` : shown.join(', ');
}
