import { describe, expect, it } from '@jest/globals';
import { groupBySession, planFacts } from '../../src/plan/facts.js';
import { PlanError } from '../../src/util/errors.js';
import { neededFacts, prepareChecks } from '../../src/plan/checks.js';
import type { FactDef } from '../../src/model/check.js';
import { ctx, makeCheck, prefsFact } from '../helpers/checks.js';

const keys = (layer: FactDef[]) => layer.map((f) => f.key);

describe('planFacts', () => {
  it('reads a fact two checks need only once (same key ⇒ one read)', () => {
    const a = makeCheck('ar.one', { needs: () => ({ prefs: { fact: prefsFact('AR') } }) });
    const b = makeCheck('ar.two', { needs: () => ({ p: { fact: prefsFact('AR') }, q: { fact: prefsFact('AP') } }) });
    const plan = planFacts(neededFacts(prepareChecks([a, b], ctx)));
    expect(plan.facts.size).toBe(2);
    expect(plan.layers).toHaveLength(1);
    expect(keys(plan.layers[0]!)).toEqual(['prefs:AR', 'prefs:AP']);
  });

  it('puts a fact one layer after the deepest fact it depends on, dependencies included even if not asked for', () => {
    const apps = prefsFact('APPS');
    const ent = prefsFact('ENT');
    const so = prefsFact('SO', { dependsOn: [apps] });
    const soEntity = prefsFact('SO', { dependsOn: [so, ent], entityId: 'E1' });
    const plan = planFacts([soEntity, ent]);
    expect(plan.layers.map(keys)).toEqual([['prefs:APPS', 'prefs:ENT'], ['prefs:SO'], ['prefs:SO@E1']]);
  });

  it('refuses a dependency cycle with a message naming it', () => {
    const a: FactDef = { ...prefsFact('A'), dependsOn: [] };
    const b: FactDef = { ...prefsFact('B'), dependsOn: [a] };
    a.dependsOn!.push(b);
    expect(() => planFacts([a])).toThrow(PlanError);
    expect(() => planFacts([a])).toThrow('Fact dependency cycle: prefs:A → prefs:B → prefs:A');
  });

  it('refuses something that is not a fact definition, saying what is missing', () => {
    expect(() => planFacts([{ key: 'x' } as unknown as FactDef])).toThrow('fact "x" has no request() function');
  });

  it('groups a layer by entity session, main session first as seen', () => {
    const groups = groupBySession([prefsFact('AR'), prefsFact('SO', { entityId: 'E1' }), prefsFact('PO'), prefsFact('SO', { entityId: 'E2' })]);
    expect([...groups.keys()]).toEqual([undefined, 'E1', 'E2']);
    expect(keys(groups.get(undefined)!)).toEqual(['prefs:AR', 'prefs:PO']);
  });
});
