/** The last lines of an audit: where the report is, the verdict and why, and the gate. */
import { CONNECTION_CHECK_ID } from '../assemble/connection-failure.js';
import type { AuditResult, CheckResult } from '../model/result.js';

/** The verdict as the last lines shout it (the reports use VERDICT_LABEL of src/render/labels.ts). */
const VERDICT_WORD: Record<AuditResult['verdict'], string> = {
  ready: 'READY',
  'not-ready': 'NOT READY',
  incomplete: 'INCOMPLETE',
};

export function verdictLine(result: AuditResult, color: boolean): string {
  const label = VERDICT_WORD[result.verdict];
  const paint = !color ? label : result.verdict === 'ready' ? `\x1b[1;32m${label}\x1b[0m` : result.verdict === 'not-ready' ? `\x1b[1;31m${label}\x1b[0m` : `\x1b[1;33m${label}\x1b[0m`;
  return `Verdict: ${paint} — ${result.verdictReason}`;
}

/** The connection check's error, when the audit could not reach or sign in to Intacct. */
export function connectionFailure(result: AuditResult): CheckResult | undefined {
  return result.checks.find((c) => c.id === CONNECTION_CHECK_ID && c.status === 'error');
}
