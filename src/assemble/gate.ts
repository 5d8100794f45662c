/**
 * The pipeline gate (exit code), applying the verdict's rule to every check at or above
 * --fail-on: any failed and not waived → 1; else any error or manual (or a blocker not run) → 2;
 * else 0. `never` always passes. Exit 3 (no connection) and 4 (usage) are the command line's.
 */
import type { AuditResult } from '../model/result.js';
import type { Severity } from '../model/check.js';

export type FailOn = 'blocker' | 'warning' | 'info' | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['blocker', 'warning', 'info', 'never'];

const RANK: Record<Severity, number> = { info: 1, warning: 2, blocker: 3 };

export function gateExitCode(result: AuditResult, failOn: FailOn): { code: 0 | 1 | 2; reason: string } {
  if (failOn === 'never') return { code: 0, reason: 'off: the exit code is 0 whatever the findings.' };
  const threshold = RANK[failOn];
  const level = failOn === 'blocker' ? 'blockers' : `checks of severity ${failOn} or higher`;
  const inScope = result.checks.filter((c) => RANK[c.severity] >= threshold);

  const failed = inScope.filter((c) => c.status === 'fail' && !c.waived);
  if (failed.length > 0) {
    return { code: 1, reason: `${failed.length} of the ${level} failed: ${list(failed)}.` };
  }
  const undecided = inScope.filter((c) => c.status === 'error' || c.status === 'manual');
  // A blocker left out of the run cannot vouch for readiness, whatever the threshold.
  const skippedBlockers = result.notRun.filter((c) => c.severity === 'blocker');
  if (undecided.length > 0 || skippedBlockers.length > 0) {
    const parts: string[] = [];
    if (undecided.length) parts.push(`${undecided.length} could not be decided (${undecided.map((c) => `${c.id}: ${c.status}`).slice(0, 4).join(', ')}${undecided.length > 4 ? ', …' : ''})`);
    if (skippedBlockers.length) parts.push(`${skippedBlockers.length === 1 ? '1 blocker' : `${skippedBlockers.length} blockers`} not run (${list(skippedBlockers)})`);
    return { code: 2, reason: `Audit incomplete for the ${level}: ${parts.join('; ')}.` };
  }
  const waived = inScope.filter((c) => c.waived).length;
  return { code: 0, reason: `No failures among the ${level}${waived ? ` (${waived} waived)` : ''}.` };
}

export function isFailOn(v: unknown): v is FailOn {
  return typeof v === 'string' && (FAIL_ON_VALUES as readonly string[]).includes(v);
}

function list(items: { id: string }[]): string {
  const shown = items.slice(0, 4).map((c) => c.id).join(', ');
  return items.length > 4 ? `${shown} and ${items.length - 4} more` : shown;
}
