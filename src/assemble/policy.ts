/**
 * Applying the user's policy to raw check results: attestations (a confirmed manual check becomes
 * pass) and waivers (a waived finding keeps its status and is shown as waived; an expired waiver
 * is shown as expired and no longer waives). Nothing here hides a result.
 */
import type { Affected } from '../model/check.js';
import type { CheckResult } from '../model/result.js';
import type { Attestation, Waiver } from '../plan/policy.js';

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
