import { describe, expect, it } from '@jest/globals';
import { computeVerdict, countStatuses } from '../../src/assemble/verdict.js';
import { notRun, result } from '../helpers/checks.js';

describe('computeVerdict', () => {
  const cases: [string, Parameters<typeof computeVerdict>, string, RegExp][] = [
    ['all blockers pass', [[result('a.x', 'blocker', 'pass'), result('b.y', 'warning', 'fail')], []], 'ready', /All 1 blocker pass/],
    ['a blocker fails', [[result('a.x', 'blocker', 'fail'), result('a.y', 'blocker', 'error')], []], 'not-ready', /1 blocker fails: a\.x/],
    ['a failed blocker is waived', [[result('a.x', 'blocker', 'fail', { waived: true })], []], 'ready', /1 waived: a\.x/],
    ['a blocker errors', [[result('a.x', 'blocker', 'error'), result('a.y', 'blocker', 'pass')], []], 'incomplete', /could not be read \(a\.x\)/],
    ['a blocker is manual', [[result('a.x', 'blocker', 'manual')], []], 'incomplete', /needs a person to confirm \(a\.x\)/],
    ['a blocker was not run', [[result('a.x', 'blocker', 'pass')], [notRun('a.skipped', 'blocker')]], 'incomplete', /not run \(a\.skipped\)/],
    ['a warning not run does not matter', [[result('a.x', 'blocker', 'pass')], [notRun('w.skipped', 'warning')]], 'ready', /pass/],
    ['not-applicable blockers do not hold it back', [[result('so.x', 'blocker', 'not-applicable'), result('a.x', 'blocker', 'pass')], []], 'ready', /pass/],
    ['warnings never decide it', [[result('a.x', 'blocker', 'pass'), result('w.x', 'warning', 'error')], []], 'ready', /pass/],
  ];
  it.each(cases)('%s', (_name, args, verdict, reason) => {
    const v = computeVerdict(...args);
    expect(v.verdict).toBe(verdict);
    expect(v.verdictReason).toMatch(reason);
    expect(v.verdictReason).not.toContain('\n');
  });

  it('counts every status, waived and not run', () => {
    const counts = countStatuses(
      [result('a.a', 'blocker', 'pass'), result('a.b', 'warning', 'fail', { waived: true }), result('a.c', 'info', 'fail'), result('a.d', 'info', 'not-applicable')],
      [notRun('a.e', 'info')],
    );
    expect(counts).toEqual({ pass: 1, fail: 2, manual: 0, error: 0, 'not-applicable': 1, waived: 1, notRun: 1 });
  });
});
