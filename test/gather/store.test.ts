import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/util/errors.js';
import { gatherFacts } from '../../src/gather/gather.js';
import { planFacts } from '../../src/plan/facts.js';
import { FactStore, canonicalJson } from '../../src/gather/store.js';
import { prefsFact } from '../helpers/checks.js';

describe('FactStore', () => {
  const sent = { function: 'get_companyprefs' as const, application: 'AR' };
  const data = { records: [{ $element: 'companypref', preference: 'X', prefvalue: 'T' }] };
  const filled = () => {
    const store = new FactStore({ companyId: 'ACME', syncFrom: '2019-01-01' });
    store.set({ key: 'prefs:AR', result: { ok: true, value: 1, request: { function: 'get_companyprefs', application: 'AR', sent } }, data });
    store.set({
      key: 'prefs:AUDIT',
      result: { ok: false, error: { kind: 'permission', message: 'no permission' }, request: { function: 'get_companyprefs', application: 'AUDIT', sent: { function: 'get_companyprefs', application: 'AUDIT' } } },
    });
    return store;
  };

  it('survives a JSON round trip unchanged', () => {
    const json = JSON.stringify(filled());
    const back = FactStore.fromJSON(JSON.parse(json));
    expect(back.get('prefs:AR')).toEqual(filled().get('prefs:AR'));
    expect(back.get('prefs:AUDIT')).toEqual(filled().get('prefs:AUDIT'));
    expect(back.meta).toEqual({ companyId: 'ACME', syncFrom: '2019-01-01' });
    expect(JSON.stringify(back)).toBe(json);
  });

  it('refuses what is not a fact store, saying why', () => {
    expect(() => FactStore.fromJSON({ format: 'other' })).toThrow(UsageError);
    expect(() => FactStore.fromJSON({ ...filled().toJSON(), version: 9 })).toThrow('version 9 is not supported (this version reads version 1)');
    expect(() => FactStore.fromJSON({ ...filled().toJSON(), facts: [{ key: 'x' }] })).toThrow('facts[0] (x) has no result');
  });

  it('replays offline: the gatherer re-reads the same facts from it, and says what it never read', async () => {
    const replayed = await gatherFacts(planFacts([prefsFact('AR'), prefsFact('AUDIT'), prefsFact('GL')]), filled().asSource(), { syncFrom: '2019-01-01' });
    expect(replayed.get('prefs:AR')).toMatchObject({ ok: true, value: 1 });
    expect(replayed.get('prefs:AUDIT')).toMatchObject({ ok: false, error: { kind: 'permission', message: 'no permission' } });
    expect(replayed.get('prefs:GL')).toMatchObject({ ok: false, error: { kind: 'not-gathered', message: expect.stringMatching(/not in the saved facts: get_companyprefs GL/) } });
  });

  it('canonical JSON ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { y: 1, x: 0 }] } })).toBe('{"a":{"c":[2,{"x":0,"y":1}]},"b":1}');
  });
});
