/** Per-check options: validated before any read, merged over defaults, handed to needs and evaluate. */
import { describe, expect, it } from '@jest/globals';
import { optionsEvidence, resolveCheckOptions } from '../../src/plan/check-options.js';
import { UsageError } from '../../src/util/errors.js';
import { builtinChecks } from '../../src/plan/registry.js';
import { evaluateCheck } from '../../src/evaluate/evaluate.js';
import { prepareChecks } from '../../src/plan/checks.js';
import type { Check, CheckContext } from '../../src/model/check.js';
import { ctx, makeCheck, prefsFact, storeWith } from '../helpers/checks.js';

/** A check that takes options: which AR preference application to read, and a threshold. */
function optionCheck(seen: CheckContext['options'][] = []): Check {
  const c = makeCheck('acme.with-options', {
    needs: (context) => {
      seen.push(context.options);
      return { prefs: { fact: prefsFact(String(context.options.application)) } };
    },
    evaluate: (facts, context) => {
      seen.push(context.options);
      const n = (facts as Record<string, { ok: boolean; value?: unknown }>)['prefs']!.value as number;
      return { status: n > (context.options.max as number) ? 'fail' : 'pass', summary: `${n} prefs`, evidence: [] };
    },
  });
  c.meta.options = {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { application: { type: 'string', enum: ['AR', 'AP'] }, max: { type: 'integer', minimum: 0 }, tags: { type: 'array', items: { type: 'string' } } },
    },
    defaults: { application: 'AR', max: 1, tags: [] },
  };
  return c;
}

const plain = makeCheck('acme.plain');

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('resolveCheckOptions', () => {
  it('applies the defaults when the config gives nothing, and merges the config over them', () => {
    const checks = [optionCheck(), plain];
    expect(resolveCheckOptions(checks).get('acme.with-options')).toEqual({ application: 'AR', max: 1, tags: [] });
    expect(resolveCheckOptions(checks, { 'acme.with-options': { max: 5 } }).get('acme.with-options')).toEqual({ application: 'AR', max: 5, tags: [] });
    // A check without options is not in the map: it runs with {}.
    expect(resolveCheckOptions(checks).has('acme.plain')).toBe(false);
  });

  it('an unknown check id is a usage error suggesting the closest id', () => {
    const msg = usageMessage(() => resolveCheckOptions([optionCheck(), plain], { 'acme.with-option': { max: 2 } }));
    expect(msg).toBe('checkOptions.acme.with-option: unknown check "acme.with-option" (did you mean acme.with-options?) — intacct-preflight checks lists the ids.');
  });

  it('options for a check that takes none are a usage error', () => {
    expect(usageMessage(() => resolveCheckOptions([optionCheck(), plain], { 'acme.plain': { x: 1 } }))).toMatch(/checkOptions\.acme\.plain: the check acme\.plain takes no options/);
  });

  it.each<[string, unknown, RegExp]>([
    ['a wrong type', { max: 'ten' }, /checkOptions\.acme\.with-options: max must be integer \(got "ten"\)/],
    ['a wrong item type, with its index', { tags: ['a', 5] }, /tags\[1\] must be string \(got 5\)/],
    ['a value outside an enum', { application: 'GL' }, /application must be one of "AR", "AP" \(got "GL"\)/],
    ['an unknown option, listing the known ones', { maxx: 2 }, /unknown option "maxx"; expected one of application, max, tags/],
    ['not an object', ['AR'], /checkOptions\.acme\.with-options must be an object of options \(got \["AR"\]\)/],
  ])('%s is a usage error naming the check and where', (_what, given, expected) => {
    expect(usageMessage(() => resolveCheckOptions([optionCheck()], { 'acme.with-options': given as Record<string, unknown> }))).toMatch(expected);
  });

  it('validates the built-in journal-entry check\'s options', () => {
    const checks = builtinChecks();
    expect(resolveCheckOptions(checks, { 'payments.journal-entry-payments': { excludeJournals: ['CRJ'] } }).get('payments.journal-entry-payments')).toEqual({
      excludeJournals: ['CRJ'],
      journals: [],
      modules: ['2.GL'],
    });
    expect(usageMessage(() => resolveCheckOptions(checks, { 'payments.journal-entry-payments': { modules: [] } }))).toMatch(/payments\.journal-entry-payments: modules/);
    expect(usageMessage(() => resolveCheckOptions(checks, { 'payments.journal-entry-payments': { excludeJournals: 'CRJ' } }))).toMatch(
      /payments\.journal-entry-payments: excludeJournals must be array \(got "CRJ"\)/,
    );
  });
});

describe('options reach the check', () => {
  it('needs and evaluate each receive the check\'s own options; other checks get {}', () => {
    const seen: CheckContext['options'][] = [];
    const plainSeen: CheckContext['options'][] = [];
    const other = makeCheck('acme.other', { needs: (c) => (plainSeen.push(c.options), {}) });
    const checks = [optionCheck(seen), other];
    const options = resolveCheckOptions(checks, { 'acme.with-options': { application: 'AP', max: 0 } });
    const prepared = prepareChecks(checks, { syncFrom: ctx.syncFrom, catalog: {}, integration: ctx.integration }, options);
    // Options that change the read change the fact key.
    expect(prepared[0]!.needs!['prefs']!.fact.key).toBe('prefs:AP');
    const { outcome } = evaluateCheck(prepared[0]!, storeWith({ 'prefs:AP': { value: 1 } }), { syncFrom: ctx.syncFrom, catalog: {}, integration: ctx.integration });
    expect(outcome.status).toBe('fail');
    expect(seen).toEqual([
      { application: 'AP', max: 0, tags: [] },
      { application: 'AP', max: 0, tags: [] },
    ]);
    expect(plainSeen).toEqual([{}]);
  });

  it('without resolved options a check runs with its defaults', () => {
    const prepared = prepareChecks([optionCheck()], { syncFrom: ctx.syncFrom, catalog: {}, integration: ctx.integration });
    expect(prepared[0]!.options).toEqual({ application: 'AR', max: 1, tags: [] });
  });

  it('evidence names the options only when they differ from the defaults', () => {
    const c = optionCheck();
    expect(optionsEvidence(c, { application: 'AR', max: 1, tags: [] })).toBeUndefined();
    expect(optionsEvidence(c, { application: 'AR', max: 3, tags: [] })).toEqual({
      source: 'config',
      field: 'checkOptions',
      observed: '{"application":"AR","max":3,"tags":[]}',
      note: 'options: {"max":3}',
    });
  });
});
