/**
 * The last step of a result: "since last audit" (with a baseline) and redaction, in the order
 * that keeps the comparison exact and the report free of the names it promises to hide:
 * - baseline not redacted, result to be redacted: compare the plain results (records match by
 *   their real keys), then redact the result and the comparison with one redactor that also
 *   learned the baseline's identities, so records that disappeared are pseudonymised too;
 * - baseline redacted: compare pseudonyms with pseudonyms (the comparison notes what that means);
 * - an already redacted result (redacted saved facts) and a plain baseline: the baseline is
 *   redacted before comparing, so none of its names reach the report.
 * This is the one place a result is redacted.
 */
import type { AuditResult } from '../model/result.js';
import { compareResults } from '../history/baseline.js';
import type { Comparison } from '../history/comparison-model.js';
import { sinceLastAudit } from '../history/diff.js';
import { redactResult, type Redactor } from './redact.js';

export function finishResult(
  result: AuditResult,
  opts: { redactor?: Redactor; baseline?: AuditResult; allowOtherCompany?: boolean },
): { result: AuditResult; comparison?: Comparison } {
  let { redactor } = opts;
  if (!opts.baseline) return { result: redactor ? redactor.redactResult(result) : result };

  let current = result;
  let previous = opts.baseline;
  if (redactor && previous.redacted) {
    current = redactor.redactResult(current);
    redactor = undefined;
  } else if (redactor) {
    redactor.learnFromResult(previous);
  } else if (current.redacted && !previous.redacted) {
    previous = redactResult(previous);
  }
  const comparison = compareResults(previous, current, { allowOtherCompany: opts.allowOtherCompany });
  const compared: AuditResult = { ...current, sinceLastAudit: sinceLastAudit(comparison) };
  // The redactor has learned the baseline's identities too, so records that disappeared are covered.
  return { result: redactor ? redactor.redactResult(compared) : compared, comparison };
}
