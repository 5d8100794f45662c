/** A check's line in the result: its metadata, the severity in force and what it concluded. */
import type { Check, CheckStatus, Evidence, Severity } from '../model/check.js';
import type { CheckResult } from '../model/result.js';
import type { EvaluatedCheck } from '../evaluate/evaluate.js';
import { optionsEvidence } from '../plan/check-options.js';
import { originOf } from '../plan/registry.js';

export function checkResult(check: Check, severities: ReadonlyMap<string, Severity>, status: CheckStatus, summary: string, evidence: Evidence[], durationMs: number): CheckResult {
  const m = check.meta;
  return {
    id: m.id,
    title: m.title,
    category: m.category,
    severity: severities.get(m.id) ?? m.severity,
    defaultSeverity: m.severity,
    status,
    summary,
    evidence,
    waived: false,
    why: m.why,
    remediation: [...m.remediation],
    docs: m.docs.map((d) => ({ ...d })),
    checkVersion: m.version,
    origin: originOf(check),
    durationMs,
  };
}

/** An evaluated check as a result; the verdict rests on the options too, so non-default ones are evidence. */
export function evaluatedResult(e: EvaluatedCheck, severities: ReadonlyMap<string, Severity>): CheckResult {
  const { check, options } = e.prepared;
  const fromConfig = optionsEvidence(check, options);
  const evidence = fromConfig ? [...e.outcome.evidence, fromConfig] : e.outcome.evidence;
  const result = checkResult(check, severities, e.outcome.status, e.outcome.summary, evidence, e.durationMs);
  if (e.outcome.affected) result.affected = e.outcome.affected;
  return result;
}
