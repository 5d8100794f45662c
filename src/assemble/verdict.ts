/**
 * The go-live verdict, judged by blockers only: `not-ready` when a blocker fails (and is not
 * waived); else `incomplete` when a blocker could not be decided (error, manual) or was left out
 * of the run; else `ready`. Waived and not-applicable blockers do not hold the verdict back.
 */
import type { AuditResult, CheckResult, NotRunCheck, Verdict } from '../model/result.js';
import { CHECK_STATUSES } from '../model/check.js';
import { plural } from '../util/text.js';

export function computeVerdict(checks: CheckResult[], notRun: NotRunCheck[]): { verdict: Verdict; verdictReason: string } {
  const blockers = checks.filter((c) => c.severity === 'blocker');
  const failing = blockers.filter((c) => c.status === 'fail' && !c.waived);
  if (failing.length > 0) {
    return { verdict: 'not-ready', verdictReason: `${plural(failing.length, 'blocker')} ${failing.length === 1 ? 'fails' : 'fail'}: ${ids(failing)}.` };
  }
  const undecided = blockers.filter((c) => c.status === 'error' || c.status === 'manual');
  const skipped = notRun.filter((c) => c.severity === 'blocker');
  if (undecided.length > 0 || skipped.length > 0) {
    const parts: string[] = [];
    const errors = undecided.filter((c) => c.status === 'error');
    const manual = undecided.filter((c) => c.status === 'manual');
    if (errors.length) parts.push(`${plural(errors.length, 'blocker')} could not be read (${ids(errors)})`);
    if (manual.length) parts.push(`${plural(manual.length, 'blocker')} ${manual.length === 1 ? 'needs' : 'need'} a person to confirm (${ids(manual)})`);
    if (skipped.length) parts.push(`${plural(skipped.length, 'blocker')} not run (${ids(skipped)})`);
    return { verdict: 'incomplete', verdictReason: `No blocker fails, but ${parts.join('; ')}.` };
  }
  const waived = blockers.filter((c) => c.waived);
  const tail = waived.length ? ` (${waived.length} waived: ${ids(waived)})` : '';
  return { verdict: 'ready', verdictReason: `All ${plural(blockers.length, 'blocker')} pass${tail}.` };
}

export function countStatuses(checks: CheckResult[], notRun: NotRunCheck[]): AuditResult['counts'] {
  const counts = Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as AuditResult['counts'];
  for (const c of checks) counts[c.status] += 1;
  counts.waived = checks.filter((c) => c.waived).length;
  counts.notRun = notRun.length;
  return counts;
}

function ids(list: { id: string }[]): string {
  const shown = list.slice(0, 4).map((c) => c.id);
  return list.length > shown.length ? `${shown.join(', ')} and ${list.length - shown.length} more` : shown.join(', ');
}
