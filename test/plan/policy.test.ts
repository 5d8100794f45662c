import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/util/errors.js';
import { applyPolicy } from '../../src/assemble/policy.js';
import { resolveSeverities, validateAttestations, validateWaivers, type Waiver } from '../../src/plan/policy.js';
import type { Affected } from '../../src/model/check.js';
import { makeCheck, result } from '../helpers/checks.js';

const today = '2025-06-15';
const customers = (ids: string[], count = ids.length): Affected => ({
  count,
  sample: ids.map((id) => ({ CUSTOMERID: id, NAME: `Customer ${id}` })),
  columns: ['CUSTOMERID', 'NAME'],
  object: 'CUSTOMER',
  keyField: 'CUSTOMERID',
});
const waiver = (extra: Partial<Waiver> = {}): Waiver => ({ check: 'a.x', reason: 'Accepted by finance', expires: '2025-06-30', owner: 'ops', ...extra });

describe('waivers', () => {
  it('an active waiver waives a failed check, which keeps its status and shows the waiver', () => {
    const { results, warnings } = applyPolicy([result('a.x', 'blocker', 'fail')], { waivers: [waiver()], today });
    expect(results[0]).toMatchObject({ status: 'fail', waived: true, waiver: { reason: 'Accepted by finance', expires: '2025-06-30', owner: 'ops', state: 'active' } });
    expect(warnings).toEqual([]);
  });

  it('applies through its expiry day, then is shown as expired and no longer waives', () => {
    const onTheDay = applyPolicy([result('a.x', 'blocker', 'fail')], { waivers: [waiver({ expires: today })], today });
    expect(onTheDay.results[0]!.waived).toBe(true);
    const after = applyPolicy([result('a.x', 'blocker', 'fail')], { waivers: [waiver({ expires: '2025-06-14' })], today });
    expect(after.results[0]).toMatchObject({ status: 'fail', waived: false, waiver: { state: 'expired' } });
    expect(after.warnings).toEqual(['Waiver for a.x expired on 2025-06-14: it no longer applies and the check fails again.']);
  });

  it('prefers a waiver that applies over an expired one for the same check', () => {
    const { results } = applyPolicy([result('a.x', 'blocker', 'fail')], {
      waivers: [waiver({ expires: '2024-01-01' }), waiver({ expires: '2026-01-01', reason: 'Renewed' })],
      today,
    });
    expect(results[0]).toMatchObject({ waived: true, waiver: { reason: 'Renewed', state: 'active' } });
  });

  it('a record-scoped waiver waives only when every affected record is in scope and the sample is complete', () => {
    const scoped = waiver({ records: ['customer:C1', 'CUSTOMER:C2'] });
    const covered = applyPolicy([result('a.x', 'warning', 'fail', { affected: customers(['C1', 'C2']) })], { waivers: [scoped], today });
    expect(covered.results[0]!.waived).toBe(true);

    const extra = applyPolicy([result('a.x', 'warning', 'fail', { affected: customers(['C1', 'C3']) })], { waivers: [scoped], today });
    expect(extra.results[0]).toMatchObject({ waived: false, waiver: { state: 'active', records: ['customer:C1', 'CUSTOMER:C2'] } });
    expect(extra.warnings[0]).toMatch(/covers only some records: 1 affected record is not in its scope \(CUSTOMER:C3\)/);

    const sampled = applyPolicy([result('a.x', 'warning', 'fail', { affected: customers(['C1', 'C2'], 40) })], { waivers: [scoped], today });
    expect(sampled.results[0]!.waived).toBe(false);
    expect(sampled.warnings[0]).toMatch(/only 2 of 40 affected records are known/);
  });

  it('uses objectField for findings that mix objects', () => {
    const affected: Affected = {
      count: 2,
      sample: [{ OBJECT: 'CUSTOMER', ID: 'C1' }, { OBJECT: 'VENDOR', ID: 'V1' }],
      columns: ['OBJECT', 'ID'],
      objectField: 'OBJECT',
      keyField: 'ID',
    };
    const { results } = applyPolicy([result('a.x', 'warning', 'fail', { affected })], { waivers: [waiver({ records: ['CUSTOMER:C1', 'VENDOR:V1'] })], today });
    expect(results[0]!.waived).toBe(true);
  });

  it('does not waive a check that errors, and says the waiver was not used', () => {
    const { results, warnings } = applyPolicy([result('a.x', 'blocker', 'error')], { waivers: [waiver()], today });
    expect(results[0]!.waived).toBe(false);
    expect(warnings).toEqual(['Waiver for a.x not used: the check is error.']);
  });

  it('rejects a waiver without a reason, with a bad expiry date, a bad record key or an unknown check', () => {
    const ids = ['a.x', 'ar.customer-id-sequence'];
    expect(() => validateWaivers([{ ...waiver(), reason: ' ' }], ids)).toThrow('waivers[0] (a.x): "reason" is required');
    expect(() => validateWaivers([waiver({ expires: '2025-02-30' })], ids)).toThrow('"expires" must be a date YYYY-MM-DD (got "2025-02-30")');
    expect(() => validateWaivers([waiver({ records: ['C1'] })], ids)).toThrow('record "C1" must be OBJECT:ID');
    expect(() => validateWaivers([waiver({ check: 'ar.customer-id-sequenc' })], ids)).toThrow(
      'waivers[0].check: unknown check "ar.customer-id-sequenc" (did you mean ar.customer-id-sequence?) — intacct-preflight checks lists the ids.',
    );
    expect(() => validateWaivers([waiver()], ids)).not.toThrow();
  });
});

describe('attestations', () => {
  it('turn a manual check into a pass that says who attested it and when', () => {
    const { results } = applyPolicy([result('c.deleted', 'warning', 'manual', { summary: 'No permission to read AUDITHISTORY' })], {
      attestations: [{ check: 'c.deleted', by: 'Jo Consultant', date: '2025-06-01', note: 'checked in the UI' }],
      today,
    });
    expect(results[0]).toMatchObject({
      status: 'pass',
      attestedStatus: 'manual',
      attestation: { by: 'Jo Consultant', date: '2025-06-01', note: 'checked in the UI' },
    });
    expect(results[0]!.summary).toMatch(/^Attested by Jo Consultant on 2025-06-01 \(checked in the UI\)\. .*AUDITHISTORY/);
  });

  it('are ignored on a check that is not manual, and the result notes it', () => {
    const { results, warnings } = applyPolicy([result('a.x', 'blocker', 'fail')], { attestations: [{ check: 'a.x', by: 'Jo', date: '2025-06-01' }], today });
    expect(results[0]).toMatchObject({ status: 'fail' });
    expect(results[0]!.attestation).toBeUndefined();
    expect(warnings).toEqual(['Attestation for a.x by Jo ignored: the check is fail, not manual.']);
  });

  it('require who and a valid date', () => {
    expect(() => validateAttestations([{ check: 'a.x', by: '', date: '2025-01-01' }], ['a.x'])).toThrow('"by" (who confirmed it) is required');
    expect(() => validateAttestations([{ check: 'a.x', by: 'Jo', date: '01/02/2025' }], ['a.x'])).toThrow(UsageError);
  });
});

describe('severity overrides', () => {
  const checks = [makeCheck('a.x', { severity: 'blocker' }), makeCheck('b.y', { severity: 'info' })];
  it('change the severity in force', () => {
    expect(resolveSeverities(checks, { 'b.y': 'warning' })).toEqual(new Map([['a.x', 'blocker'], ['b.y', 'warning']]));
  });
  it('reject unknown ids and severities', () => {
    expect(() => resolveSeverities(checks, { 'b.z': 'warning' })).toThrow('severity.b.z: unknown check "b.z" (did you mean b.y?) — intacct-preflight checks lists the ids.');
    expect(() => resolveSeverities(checks, { 'b.y': 'critical' as never })).toThrow('expected one of blocker, warning, info');
  });
});
