/**
 * The user's policy from the config file, validated before anything is read: severity overrides,
 * waivers (accept a known finding until a date, with a reason) and attestations (a person
 * confirmed what a `manual` check could not read). They are applied to the results when the
 * result is assembled (src/assemble/policy.ts).
 */
import { UsageError } from '../util/errors.js';
import { unknownCheckError } from './check-ids.js';
import { SEVERITIES, type Check, type Severity } from '../model/check.js';

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
export function resolveSeverities(checks: Check[], overrides: Record<string, Severity> = {}, source?: string): Map<string, Severity> {
  const ids = checks.map((c) => c.meta.id);
  const result = new Map(checks.map((c) => [c.meta.id, c.meta.severity] as const));
  for (const [id, severity] of Object.entries(overrides)) {
    if (!result.has(id)) throw unknownCheckError(id, ids, located(source, `severity.${id}`));
    if (!SEVERITIES.includes(severity)) {
      throw new UsageError(`Severity override for ${id} is "${String(severity)}"; expected one of ${SEVERITIES.join(', ')}.`);
    }
    result.set(id, severity);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Validation of waivers and attestations (library callers get the same rules as the config schema)

export function validateWaivers(waivers: Waiver[], knownIds: string[], source?: string): void {
  waivers.forEach((w, i) => {
    const where = validateCheckRef(w, located(source, `waivers[${i}]`), knownIds);
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

/** `today` (local, YYYY-MM-DD): a confirmation dated after it has not happened, so it cannot turn manual into pass. */
export function validateAttestations(attestations: Attestation[], knownIds: string[], source?: string, today: string = localToday()): void {
  attestations.forEach((a, i) => {
    const where = validateCheckRef(a, located(source, `attestations[${i}]`), knownIds);
    if (typeof a.by !== 'string' || a.by.trim() === '') throw new UsageError(`${where}: "by" (who confirmed it) is required.`);
    if (!isIsoDate(a.date)) throw new UsageError(`${where}: "date" must be a date YYYY-MM-DD (got ${JSON.stringify(a.date)}).`);
    if (a.date > today) throw new UsageError(`${where}: "date" ${a.date} is in the future (today is ${today}): date it when it was confirmed.`);
  });
}

/** The part waivers and attestations share: an object naming a known check. Returns where it is, for messages. */
function validateCheckRef(entry: { check?: unknown } | null, at: string, knownIds: string[]): string {
  const where = `${at}${typeof entry?.check === 'string' ? ` (${entry.check})` : ''}`;
  if (typeof entry !== 'object' || entry === null) throw new UsageError(`${where}: expected an object.`);
  if (typeof entry.check !== 'string' || entry.check === '') throw new UsageError(`${where}: "check" (a check id) is required.`);
  if (!knownIds.includes(entry.check)) throw unknownCheckError(entry.check, knownIds, `${at}.check`);
  return where;
}

/** `Config file x.json: waivers[0]` when the entry came from a file, else just the path in the options. */
export function located(source: string | undefined, path: string): string {
  return source ? `${source}: ${path}` : path;
}
