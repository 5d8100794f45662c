/**
 * The user's policy over raw check outcomes, from the config file: severity overrides, waivers
 * (accept a known finding until a date, with a reason) and attestations (a person confirmed what a
 * `manual` check could not read). A waived finding keeps its status and is shown as waived; an
 * expired waiver is shown as expired and no longer waives; nothing here hides a result.
 */
import type { CheckResult } from '../model/result.js';
import { UsageError } from '../util/errors.js';
import { closestId } from './select.js';
import { SEVERITIES, type Affected, type Check, type Severity } from '../model/check.js';

export interface Waiver {
  check: string;
  /** Record keys `OBJECT:ID` the waiver is limited to; absent = the whole check. */
  records?: string[];
  reason: string;
  /** YYYY-MM-DD, inclusive: the waiver applies through that day. */
  expires: string;
  owner?: string;
}

export interface Attestation {
  check: string;
  by: string;
  /** YYYY-MM-DD. */
  date: string;
  note?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Today's date where the audit runs, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Severity overrides

/** Severity in force per check id; rejects unknown ids and values with a usage error. */
export function resolveSeverities(checks: Check[], overrides: Record<string, Severity> = {}): Map<string, Severity> {
  const ids = checks.map((c) => c.meta.id);
  const result = new Map(checks.map((c) => [c.meta.id, c.meta.severity] as const));
  for (const [id, severity] of Object.entries(overrides)) {
    if (!result.has(id)) throw unknownCheck(id, 'severity override', ids);
    if (!SEVERITIES.includes(severity)) {
      throw new UsageError(`Severity override for ${id} is "${String(severity)}"; expected one of ${SEVERITIES.join(', ')}.`);
    }
    result.set(id, severity);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Validation of waivers and attestations (library callers get the same rules as the config schema)

export function validateWaivers(waivers: Waiver[], knownIds: string[]): void {
  waivers.forEach((w, i) => {
    const where = validateCheckRef(w, `waivers[${i}]`, knownIds);
    if (typeof w.reason !== 'string' || w.reason.trim() === '') throw new UsageError(`${where}: "reason" is required: say why the finding is accepted.`);
    if (!isIsoDate(w.expires)) throw new UsageError(`${where}: "expires" must be a date YYYY-MM-DD (got ${JSON.stringify(w.expires)}).`);
    if (w.records !== undefined) {
      if (!Array.isArray(w.records) || w.records.length === 0) throw new UsageError(`${where}: "records" must be a non-empty list of OBJECT:ID keys.`);
      for (const r of w.records) {
        if (typeof r !== 'string' || !/^[^:]+:.+$/.test(r)) throw new UsageError(`${where}: record "${String(r)}" must be OBJECT:ID, e.g. CUSTOMER:C-100.`);
      }
    }
  });
}

export function validateAttestations(attestations: Attestation[], knownIds: string[]): void {
  attestations.forEach((a, i) => {
    const where = validateCheckRef(a, `attestations[${i}]`, knownIds);
    if (typeof a.by !== 'string' || a.by.trim() === '') throw new UsageError(`${where}: "by" (who confirmed it) is required.`);
    if (!isIsoDate(a.date)) throw new UsageError(`${where}: "date" must be a date YYYY-MM-DD (got ${JSON.stringify(a.date)}).`);
  });
}

/** The part waivers and attestations share: an object naming a known check. Returns where it is, for messages. */
function validateCheckRef(entry: { check?: unknown } | null, at: string, knownIds: string[]): string {
  const where = `${at}${typeof entry?.check === 'string' ? ` (${entry.check})` : ''}`;
  if (typeof entry !== 'object' || entry === null) throw new UsageError(`${where}: expected an object.`);
  if (typeof entry.check !== 'string' || entry.check === '') throw new UsageError(`${where}: "check" (a check id) is required.`);
  if (!knownIds.includes(entry.check)) throw unknownCheck(entry.check, where, knownIds);
  return where;
}

// ---------------------------------------------------------------------------------------------
// Applying them

export interface PolicyOutcome {
  results: CheckResult[];
  /** Run-level notes for the report: expired waivers, unused attestations, partial record scopes. */
  warnings: string[];
}

/**
 * Attestations first (a confirmed manual check becomes pass), then waivers (which only ever
 * waive a `fail`). Results are copied, never mutated.
 */
export function applyPolicy(
  input: CheckResult[],
  policy: { waivers?: Waiver[]; attestations?: Attestation[]; today: string },
): PolicyOutcome {
  const warnings: string[] = [];
  const results = input.map((r) => ({ ...r }));
  const byId = new Map(results.map((r) => [r.id, r]));

  for (const a of policy.attestations ?? []) {
    const r = byId.get(a.check);
    if (!r) {
      warnings.push(`Attestation for ${a.check} not used: the check was not run.`);
      continue;
    }
    if (r.status !== 'manual') {
      warnings.push(`Attestation for ${a.check} by ${a.by} ignored: the check is ${r.status}, not manual.`);
      continue;
    }
    r.attestation = { by: a.by, date: a.date, ...(a.note ? { note: a.note } : {}) };
    r.attestedStatus = 'manual';
    r.status = 'pass';
    r.summary = `Attested by ${a.by} on ${a.date}${a.note ? ` (${a.note})` : ''}. Not confirmed by a read: ${r.summary}`;
  }

  const waiversByCheck = new Map<string, Waiver[]>();
  for (const w of policy.waivers ?? []) waiversByCheck.set(w.check, [...(waiversByCheck.get(w.check) ?? []), w]);
  for (const [id, waivers] of waiversByCheck) {
    const r = byId.get(id);
    if (!r) {
      warnings.push(`Waiver for ${id} not used: the check was not run.`);
      continue;
    }
    applyWaivers(r, waivers, policy.today, warnings);
  }
  return { results, warnings };
}

function applyWaivers(r: CheckResult, waivers: Waiver[], today: string, warnings: string[]): void {
  // Prefer a waiver that waives; then one still active; then the latest expired one.
  const judged = waivers.map((w) => {
    const expired = today > w.expires; // ISO dates compare as strings; the expiry day is included
    const covers = !expired && r.status === 'fail' && coversFinding(w, r.affected);
    return { w, expired, covers };
  });
  const pick =
    judged.find((j) => j.covers) ??
    judged.find((j) => !j.expired) ??
    [...judged].sort((a, b) => (a.w.expires < b.w.expires ? 1 : -1))[0]!;
  const { w, expired, covers } = pick;
  r.waiver = {
    reason: w.reason,
    expires: w.expires,
    ...(w.owner ? { owner: w.owner } : {}),
    ...(w.records ? { records: [...w.records] } : {}),
    state: expired ? 'expired' : 'active',
  };
  r.waived = covers;
  if (expired) {
    warnings.push(`Waiver for ${r.id} expired on ${w.expires}: it no longer applies${r.status === 'fail' ? ' and the check fails again' : ''}.`);
  } else if (!covers && r.status === 'fail' && w.records) {
    warnings.push(`Waiver for ${r.id} covers only some records: ${uncoveredReason(w, r.affected)}; the check still fails.`);
  } else if (!covers && r.status !== 'fail') {
    warnings.push(`Waiver for ${r.id} not used: the check is ${r.status}.`);
  }
}

/** A record-scoped waiver covers a finding only when every affected record is known and listed. */
function coversFinding(w: Waiver, affected: Affected | undefined): boolean {
  if (!w.records) return true;
  return uncoveredReason(w, affected) === undefined;
}

function uncoveredReason(w: Waiver, affected: Affected | undefined): string | undefined {
  if (!affected || affected.count === 0) return 'the finding lists no records';
  if (affected.sample.length < affected.count) {
    return `only ${affected.sample.length} of ${affected.count} affected records are known (a sample), so not all can be checked against the waiver`;
  }
  const scope = new Set((w.records ?? []).map(normaliseRecordKey));
  const keys = affected.sample.map((rec) => recordKey(rec, affected));
  const missing = keys.filter((k) => k === undefined || !scope.has(normaliseRecordKey(k)));
  if (missing.length > 0) {
    const named = missing.filter((k): k is string => k !== undefined).slice(0, 3);
    return `${missing.length === 1 ? '1 affected record is' : `${missing.length} affected records are`} not in its scope${named.length ? ` (${named.join(', ')}${missing.length > named.length ? ', …' : ''})` : ''}`;
  }
  return undefined;
}

/**
 * The stable key `OBJECT:ID` of a sample record (object upper-cased), or undefined when the
 * finding does not say. Waivers and baselines both match records by it.
 */
export function recordKey(rec: Record<string, string | number | null>, affected: Affected): string | undefined {
  const object = affected.objectField ? rec[affected.objectField] : affected.object;
  const id = affected.keyField ? rec[affected.keyField] : undefined;
  if (object === undefined || object === null || id === undefined || id === null || id === '') return undefined;
  return normaliseRecordKey(`${String(object)}:${String(id)}`);
}

/** A record key as a person may type it in a waiver (`customer: C-1`), in the form recordKey gives. */
export function normaliseRecordKey(k: string): string {
  const i = k.indexOf(':');
  return `${k.slice(0, i).trim().toUpperCase()}:${k.slice(i + 1).trim()}`;
}

function unknownCheck(id: string, where: string, ids: string[]): UsageError {
  const hint = closestId(id, ids);
  return new UsageError(`Unknown check "${id}" in ${where}.${hint ? ` Did you mean "${hint}"?` : ''} Run "intacct-preflight checks" to list the check ids.`);
}
