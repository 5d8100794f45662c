import { describe, expect, it } from '@jest/globals';
import { gateExitCode, type FailOn } from '../../src/assemble/gate.js';
import type { AuditResult, CheckResult, NotRunCheck } from '../../src/model/result.js';
import { notRun, result } from '../helpers/checks.js';

function audit(checks: CheckResult[], skipped: NotRunCheck[] = []): AuditResult {
  return { checks, notRun: skipped } as unknown as AuditResult;
}

describe('gateExitCode', () => {
  const warningFails = audit([result('a.b', 'blocker', 'pass'), result('w.x', 'warning', 'fail'), result('i.x', 'info', 'error')]);
  const blockerFails = audit([result('a.b', 'blocker', 'fail'), result('w.x', 'warning', 'error')]);
  const blockerWaived = audit([result('a.b', 'blocker', 'fail', { waived: true })]);
  const blockerManual = audit([result('a.b', 'blocker', 'manual'), result('w.x', 'warning', 'fail')]);
  const infoError = audit([result('a.b', 'blocker', 'pass'), result('i.x', 'info', 'error')]);
  const blockerSkipped = audit([result('a.b', 'blocker', 'pass')], [notRun('a.c', 'blocker')]);
  const clean = audit([result('a.b', 'blocker', 'pass'), result('w.x', 'warning', 'not-applicable')]);

  const table: [string, AuditResult, Record<FailOn, 0 | 1 | 2>][] = [
    ['a warning fails', warningFails, { blocker: 0, warning: 1, info: 1, never: 0 }],
    ['a blocker fails', blockerFails, { blocker: 1, warning: 1, info: 1, never: 0 }],
    ['a failed blocker is waived', blockerWaived, { blocker: 0, warning: 0, info: 0, never: 0 }],
    ['a blocker is manual and a warning fails', blockerManual, { blocker: 2, warning: 1, info: 1, never: 0 }],
    ['an info check errors', infoError, { blocker: 0, warning: 0, info: 2, never: 0 }],
    ['a blocker was not run', blockerSkipped, { blocker: 2, warning: 2, info: 2, never: 0 }],
    ['everything passes', clean, { blocker: 0, warning: 0, info: 0, never: 0 }],
  ];
  for (const [name, r, expected] of table) {
    for (const failOn of ['blocker', 'warning', 'info', 'never'] as FailOn[]) {
      it(`${name}: --fail-on ${failOn} → ${expected[failOn]}`, () => {
        const gate = gateExitCode(r, failOn);
        expect(gate.code).toBe(expected[failOn]);
        expect(gate.reason.length).toBeGreaterThan(0);
      });
    }
  }

  it('names the failing checks in its reason', () => {
    expect(gateExitCode(warningFails, 'warning').reason).toBe('1 of the checks of severity warning or higher failed: w.x.');
    expect(gateExitCode(blockerSkipped, 'blocker').reason).toContain('a.c');
  });
});
