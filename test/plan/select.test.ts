import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/util/errors.js';
import { selectChecks } from '../../src/plan/select.js';
import { makeCheck } from '../helpers/checks.js';

const all = [
  makeCheck('ar.account-labels-disabled', { severity: 'blocker' }),
  makeCheck('ar.customer-id-sequence', { severity: 'blocker' }),
  makeCheck('ap.account-labels-disabled', { severity: 'warning' }),
  makeCheck('contacts.inactive-contacts', { severity: 'info' }),
];
const ids = (s: { selected: { meta: { id: string } }[] }) => s.selected.map((c) => c.meta.id);

describe('selectChecks', () => {
  it('runs everything by default', () => {
    expect(selectChecks(all)).toMatchObject({ notRun: [] });
    expect(ids(selectChecks(all))).toHaveLength(4);
  });

  it('selects with exact ids and globs, listing the rest as not run', () => {
    const s = selectChecks(all, { checks: ['ar.*', 'contacts.inactive-contacts'] });
    expect(ids(s)).toEqual(['ar.account-labels-disabled', 'ar.customer-id-sequence', 'contacts.inactive-contacts']);
    expect(s.notRun).toEqual([{ id: 'ap.account-labels-disabled', title: 'Title of ap.account-labels-disabled', severity: 'warning', reason: 'not selected by --checks ar.*,contacts.inactive-contacts' }]);
  });

  it('skips with a leading glob, and a skipped blocker is listed as not run', () => {
    const s = selectChecks(all, { skip: ['*.account-labels-disabled'] });
    expect(ids(s)).toEqual(['ar.customer-id-sequence', 'contacts.inactive-contacts']);
    expect(s.notRun.map((n) => [n.id, n.severity, n.reason])).toEqual([
      ['ar.account-labels-disabled', 'blocker', 'skipped with --skip *.account-labels-disabled'],
      ['ap.account-labels-disabled', 'warning', 'skipped with --skip *.account-labels-disabled'],
    ]);
  });

  it('accepts comma-separated lists', () => {
    expect(ids(selectChecks(all, { checks: ['ar.customer-id-sequence, ap.*'] }))).toEqual(['ar.customer-id-sequence', 'ap.account-labels-disabled']);
  });

  it('refuses a selection that leaves nothing to run', () => {
    expect(() => selectChecks(all, { checks: ['ar.*'], skip: ['ar.*'] })).toThrow('leave no check to run');
  });

  it('refuses an unknown id, suggesting the closest one', () => {
    expect(() => selectChecks(all, { checks: ['ar.customer-id-sequense'] })).toThrow(UsageError);
    expect(() => selectChecks(all, { checks: ['ar.customer-id-sequense'] })).toThrow(
      '--checks: unknown check "ar.customer-id-sequense" (did you mean ar.customer-id-sequence?) — intacct-preflight checks lists the ids.',
    );
    expect(() => selectChecks(all, { skip: ['so.*'] })).toThrow('--skip: "so.*" matches no check — intacct-preflight checks lists the ids.');
    expect(() => selectChecks(all, { skip: ['zzzzzzzzzzzzzzzzzzzz'] })).toThrow(/^--skip: unknown check "zzzzzzzzzzzzzzzzzzzz" — intacct-preflight checks lists the ids\.$/);
  });
});
