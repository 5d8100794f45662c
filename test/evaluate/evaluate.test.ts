import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../src/evaluate/evaluate.js';
import { prepareChecks } from '../../src/plan/checks.js';
import type { CheckOutcome, FactError } from '../../src/model/check.js';
import { ctx, makeCheck, prefsFact, storeWith } from '../helpers/checks.js';

const denied: FactError = { kind: 'permission', message: 'no permission: query AUDITHISTORY was refused (Permission denied)' };
const runOne = (check: ReturnType<typeof makeCheck>, store = storeWith({})) => evaluateCheck(prepareChecks([check], ctx)[0]!, store, ctx);

describe('evaluateCheck', () => {
  it('hands the facts to evaluate and returns its outcome with a duration', () => {
    const check = makeCheck('a.x', {
      needs: () => ({ prefs: { fact: prefsFact('AR') } }),
      evaluate: (f) => ({ status: f.prefs.ok && f.prefs.value === 3 ? 'pass' : 'fail', summary: 'three prefs', evidence: [] }),
    });
    const run = runOne(check, storeWith({ 'prefs:AR': { value: 3 } }));
    expect(run.outcome).toEqual({ status: 'pass', summary: 'three prefs', evidence: [] });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('onError "error" (the default): error naming the failed read, without calling evaluate', () => {
    let called = false;
    const check = makeCheck('a.x', {
      needs: () => ({ audit: { fact: prefsFact('AUDIT') } }),
      evaluate: () => ((called = true), { status: 'pass', summary: 'x', evidence: [] }),
    });
    const { outcome } = runOne(check, storeWith({ 'prefs:AUDIT': { error: denied } }));
    expect(called).toBe(false);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`Could not be evaluated: ${denied.message}`);
    expect(outcome.evidence).toEqual([{ source: 'get_companyprefs', application: 'AUDIT', observed: null, note: denied.message }]);
  });

  it('onError "manual": manual naming what is missing', () => {
    const check = makeCheck('a.x', { needs: () => ({ audit: { fact: prefsFact('AUDIT'), onError: 'manual' as const } }) });
    const { outcome } = runOne(check, storeWith({ 'prefs:AUDIT': { error: denied } }));
    expect(outcome.status).toBe('manual');
    expect(outcome.summary).toMatch(/^Needs a person to confirm: no permission: query AUDITHISTORY/);
  });

  it('error wins over manual when both kinds of need fail', () => {
    const check = makeCheck('a.x', {
      needs: () => ({ a: { fact: prefsFact('A'), onError: 'manual' as const }, b: { fact: prefsFact('B') }, c: { fact: prefsFact('C') } }),
    });
    const err: FactError = { kind: 'transport', message: 'get_companyprefs B could not be completed: HTTP 503' };
    const { outcome } = runOne(check, storeWith({ 'prefs:A': { error: denied }, 'prefs:B': { error: err }, 'prefs:C': { error: err } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`Could not be evaluated: ${err.message} (and 1 more failed read)`);
  });

  it('onError "evaluate": the check receives the failure and decides', () => {
    const check = makeCheck('a.x', {
      needs: () => ({ probe: { fact: prefsFact('P'), onError: 'evaluate' as const } }),
      evaluate: (f) => ({ status: !f.probe.ok && f.probe.error.kind === 'permission' ? 'fail' : 'pass', summary: 'probe judged', evidence: [] }),
    });
    expect(runOne(check, storeWith({ 'prefs:P': { error: denied } })).outcome.status).toBe('fail');
  });

  it('a fact missing from the store is an error, never a pass', () => {
    const check = makeCheck('a.x', { needs: () => ({ p: { fact: prefsFact('NOPE') } }) });
    expect(runOne(check).outcome).toMatchObject({ status: 'error', summary: 'Could not be evaluated: fact prefs:NOPE was not gathered' });
  });

  it('a check that throws becomes error and the others still run', () => {
    const store = storeWith({ 'prefs:AR': { value: 1 } });
    const checks = [
      makeCheck('a.boom', { needs: () => ({ p: { fact: prefsFact('AR') } }), evaluate: () => { throw new TypeError('cannot read x of undefined\n  at line 3'); } }),
      makeCheck('a.fine', { needs: () => ({ p: { fact: prefsFact('AR') } }) }),
      makeCheck('a.needs-boom', { needs: () => { throw new Error('bad catalog'); } }),
    ];
    const outcomes = prepareChecks(checks, ctx).map((p) => evaluateCheck(p, store, ctx).outcome);
    expect(outcomes.map((o) => o.status)).toEqual(['error', 'pass', 'error']);
    expect(outcomes[0]!.summary).toBe('check crashed: cannot read x of undefined at line 3');
    expect(outcomes[2]!.summary).toBe('check crashed while declaring its facts: bad catalog');
  });

  it.each<[string, unknown, string]>([
    ['a bad status', { status: 'ok', summary: 's', evidence: [] }, 'status "ok" is not one of pass, fail, manual, error, not-applicable'],
    ['no summary', { status: 'pass', evidence: [] }, 'summary must be a non-empty string'],
    ['not an object', 'pass', 'expected an object, got string'],
    ['bad evidence', { status: 'pass', summary: 's', evidence: [{ observed: 1 }] }, 'evidence[0] must be an object with a string "source"'],
    ['bad affected', { status: 'fail', summary: 's', evidence: [], affected: { count: -1, sample: [], columns: [] } }, 'affected.count must be a non-negative integer'],
  ])('an outcome with %s becomes an error naming the check', (_n, bad, problem) => {
    const check = makeCheck('user.sloppy', { evaluate: () => bad as CheckOutcome });
    expect(runOne(check).outcome).toEqual({ status: 'error', summary: `check user.sloppy returned an invalid outcome: ${problem}`, evidence: [] });
  });

  it('a fact is read-only: a check that changes it is error, and the next check reads what was read', () => {
    const store = storeWith({ 'prefs:AR': { value: { names: ['A', 'B'], n: 2 } } });
    const checks = [
      makeCheck('a.vandal', { needs: () => ({ p: { fact: prefsFact('AR') } }), evaluate: (f) => { (f.p as unknown as { value: { n: number; names: string[] } }).value.names.pop(); return { status: 'pass', summary: 'x', evidence: [] }; } }),
      makeCheck('a.reader', { needs: () => ({ p: { fact: prefsFact('AR') } }), evaluate: (f) => ({ status: 'pass', summary: JSON.stringify((f.p as unknown as { value: unknown }).value), evidence: [] }) }),
    ];
    const outcomes = prepareChecks(checks, ctx).map((p) => evaluateCheck(p, store, ctx).outcome);
    expect(outcomes[0]).toMatchObject({ status: 'error', summary: expect.stringMatching(/^check crashed: Cannot delete property/) });
    expect(outcomes[1]).toMatchObject({ status: 'pass', summary: '{"names":["A","B"],"n":2}' });
  });

  it('an outcome shares nothing with the facts it was made from', () => {
    const store = storeWith({ 'prefs:AR': { value: [{ RECORDNO: '1' }] } });
    const check = makeCheck('a.sampler', {
      needs: () => ({ p: { fact: prefsFact('AR') } }),
      evaluate: (f) => ({ status: 'fail', summary: 'x', evidence: [], affected: { count: 1, sample: (f.p as unknown as { value: { RECORDNO: string }[] }).value, columns: ['RECORDNO'] } }),
    });
    const { outcome } = evaluateCheck(prepareChecks([check], ctx)[0]!, store, ctx);
    expect(outcome.affected!.sample).toEqual([{ RECORDNO: '1' }]);
    // Later steps (waivers, redaction) may work on the outcome: the fact stays as read.
    outcome.affected!.sample[0]!.RECORDNO = 'changed';
    expect(store.get('prefs:AR')).toMatchObject({ value: [{ RECORDNO: '1' }] });
  });

  it('an invalid need becomes an error naming the check and the need', () => {
    const check = makeCheck('user.bad-need', { needs: () => ({ thing: { fact: { key: 'k' } } }) as never });
    expect(runOne(check).outcome.summary).toBe('check user.bad-need declared an invalid need "thing": fact "k" has no request() function');
  });
});
