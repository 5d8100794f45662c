/**
 * Evaluate tests for the connection and settings checks, with plain facts: every status each
 * check can take, and the evidence a reader needs (preference read, value, verified or not).
 */
import { INTEGRATION_OBJECTS } from '../../checks/connection.read-permissions.js';
import type { FactResult } from '../../src/model/check.js';
import { prepareChecks } from '../../src/plan/checks.js';
import { resolveIntegration } from '../../src/plan/integration.js';
import { check, context, evaluate, failed, ok, prefs, sample } from './helpers.js';

const lookupOf = (object: string, idField: string, required: boolean): FactResult =>
  ok({ object, fields: [{ id: idField, label: idField, dataType: 'TEXT', required, readOnly: false, isCustom: false }] }, { function: 'lookup', object });

describe('connection.web-services-access', () => {
  const session = { companyId: 'harbourview', userId: 'ws_user', endpointHost: 'api.intacct.com' };

  test('pass with who signed in as evidence, never a secret', () => {
    const out = evaluate('connection.web-services-access', { applications: ok(['GL', 'AR']) }, context({ session }));
    expect(out.status).toBe('pass');
    expect(out.summary).toContain('ws_user');
    expect(out.summary).toContain('harbourview');
    expect(out.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'companyid', observed: 'harbourview' }),
        expect.objectContaining({ field: 'userid', observed: 'ws_user' }),
        expect.objectContaining({ field: 'locationid', observed: null }),
      ]),
    );
    expect(JSON.stringify(out)).not.toMatch(/password|sessionid/i);
  });

  test('a refused read still proves the session works; an outage is an error', () => {
    const refused = failed('permission', { function: 'get_applications' });
    expect(evaluate('connection.web-services-access', { applications: refused }, context({ session })).status).toBe('pass');
    const outage = failed('transport', { function: 'get_applications' }, 'HTTP 503 after 3 attempts');
    const out = evaluate('connection.web-services-access', { applications: outage }, context({ session }));
    expect(out.status).toBe('error');
    expect(out.summary).toContain('HTTP 503');
  });
});

describe('connection.read-permissions', () => {
  const all = (): Record<string, FactResult> => Object.fromEntries(INTEGRATION_OBJECTS.map((o) => [o, ok({ object: o, readable: true }, { function: 'query', object: o })]));

  test('pass when every object is readable, saying writes cannot be verified', () => {
    const out = evaluate('connection.read-permissions', all());
    expect(out.status).toBe('pass');
    expect(out.summary).toMatch(/write permissions cannot be verified by a read-only tool/i);
  });

  test('a permission denial is the evidence: fail listing the objects', () => {
    const facts = all();
    facts['TAXDETAIL'] = failed('permission', { function: 'query', object: 'TAXDETAIL' });
    facts['ARPYMT'] = failed('permission', { function: 'query', object: 'ARPYMT' });
    const out = evaluate('connection.read-permissions', facts);
    expect(out.status).toBe('fail');
    expect(out.summary).toContain('ARPYMT, TAXDETAIL');
    expect(out.summary).toMatch(/write permissions cannot be verified/i);
    expect(out.evidence.filter((e) => e.observed === 'permission denied').map((e) => e.object)).toEqual(['ARPYMT', 'TAXDETAIL']);
  });

  test('any other probe failure is an error, not a fail', () => {
    const facts = all();
    facts['LOCATION'] = failed('transport', { function: 'query', object: 'LOCATION' }, 'timed out after 60 s');
    const out = evaluate('connection.read-permissions', facts);
    expect(out.status).toBe('error');
    expect(out.summary).toContain('LOCATION');
  });
});

describe.each([
  ['ar.customer-id-sequence', 'AR', 'CUSTOMERSEQUENCE', 'CUSTOMER', 'CUSTOMERID'],
  ['ap.vendor-id-sequence', 'AP', 'VENDORSEQUENCE', 'VENDOR', 'VENDORID'],
])('%s', (id, app, pref, object, idField) => {
  const subscribed = ok(['GL', 'AR', 'AP'], { function: 'get_applications' });

  test('pass when a sequence is assigned, naming the preference, value and unverified catalog entry', () => {
    const out = evaluate(id, { applications: subscribed, prefs: prefs(app, { [pref]: 'SEQ1' }), lookup: lookupOf(object, idField, false) });
    expect(out.status).toBe('pass');
    expect(out.summary).toContain('SEQ1');
    expect(out.evidence[0]).toMatchObject({ source: 'get_companyprefs', application: app, preference: pref, observed: 'SEQ1', verified: false });
    expect(out.evidence[1]).toMatchObject({ source: 'lookup', object, field: idField, observed: 'optional' });
  });

  test('fail when the sequence is empty', () => {
    const out = evaluate(id, { applications: subscribed, prefs: prefs(app, { [pref]: '', OTHER: 'x' }), lookup: lookupOf(object, idField, true) });
    expect(out.status).toBe('fail');
    expect(out.summary).toContain(idField);
    expect(out.evidence[1]).toMatchObject({ observed: 'required' });
  });

  test('manual when no candidate name is present, listing what was seen', () => {
    const out = evaluate(id, { applications: subscribed, prefs: prefs(app, { SEQ_FOR_IDS: 'X', ANOTHER: 'Y' }), lookup: lookupOf(object, idField, false) });
    expect(out.status).toBe('manual');
    expect(out.summary).toContain(`intacct-preflight prefs ${app}`);
    expect(out.evidence[0]).toMatchObject({ preference: pref, observed: null, verified: false });
    expect(out.evidence[0]!.note).toContain('ANOTHER, SEQ_FOR_IDS');
  });

  test('read where Re-Leased creates the contacts, and said so in a multi-entity company', () => {
    const keyOf = (ctx: ReturnType<typeof context>) => prepareChecks([check(id)], ctx)[0]!.needs!['prefs']!.fact.key;
    const inEntity = context({ integration: resolveIntegration({ entity: 'NZ01' }) });
    expect(keyOf(context())).toBe(`companyPrefs:${app}`);
    expect(keyOf(inEntity)).toBe(`companyPrefs:${app}@NZ01`);
    expect(keyOf(context({ entityId: 'NZ01', integration: resolveIntegration({ entity: 'NZ01' }) }))).toBe(`companyPrefs:${app}`);
    expect(keyOf(context({ entityId: 'NZ01', integration: resolveIntegration({ entity: 'NZ01', topLevelSyncing: true }) }))).toBe(`companyPrefs:${app}@top-level`);
    const out = evaluate(id, { applications: subscribed, prefs: prefs(app, { [pref]: '' }, 'NZ01'), lookup: lookupOf(object, idField, false) }, inEntity);
    expect(out.status).toBe('fail');
    expect(out.summary).toContain('at entity NZ01, where Re-Leased creates them');
    expect(out.evidence[0]!.note).toContain('(entity NZ01)');
    const top = evaluate(id, { applications: subscribed, prefs: prefs(app, { [pref]: 'S' }), lookup: lookupOf(object, idField, false) }, context({ entities: ['AU01', 'NZ01'] }));
    expect(top.summary).toContain('at the top level, where Re-Leased creates them,');
    // A company without entities has one place: naming it says nothing.
    expect(evaluate(id, { applications: subscribed, prefs: prefs(app, { [pref]: 'S' }), lookup: lookupOf(object, idField, false) }).summary).not.toContain('where Re-Leased');
  });

  test('a verified catalog entry drops the "unverified" caveat', () => {
    const ctx = context();
    ctx.catalog[app === 'AR' ? 'customerIdSequence' : 'vendorIdSequence']!.verified = true;
    const out = evaluate(id, { applications: subscribed, prefs: prefs(app, { [pref]: 'S' }), lookup: lookupOf(object, idField, false) }, ctx);
    expect(out.summary).not.toContain('unverified');
    expect(out.evidence[0]!.verified).toBe(true);
  });

  test('a catalog override with another name is followed', () => {
    const ctx = context();
    ctx.catalog[app === 'AR' ? 'customerIdSequence' : 'vendorIdSequence']!.candidates = ['NEWNAME', pref];
    const out = evaluate(id, { applications: subscribed, prefs: prefs(app, { NEWNAME: '' , [pref]: 'S' }), lookup: lookupOf(object, idField, false) }, ctx);
    expect(out.status).toBe('fail');
    expect(out.evidence[0]!.preference).toBe('NEWNAME');
  });

  test('error when the preferences cannot be read', () => {
    const out = evaluate(id, { applications: subscribed, prefs: failed('transport', { function: 'get_companyprefs', application: app }, 'HTTP 502'), lookup: lookupOf(object, idField, false) });
    expect(out.status).toBe('error');
    expect(out.summary).toContain('HTTP 502');
  });

  test('not applicable when the module is not subscribed: no such contacts are created', () => {
    const others = ok(['GL', app === 'AR' ? 'AP' : 'AR'], { function: 'get_applications' });
    const out = evaluate(id, { applications: others, prefs: prefs(app, {}), lookup: lookupOf(object, idField, false) });
    expect(out.status).toBe('not-applicable');
    expect(out.summary).toContain(`(${app}) is not subscribed`);
    expect(out.evidence[0]).toMatchObject({ source: 'get_applications', observed: `GL, ${app === 'AR' ? 'AP' : 'AR'}` });
  });

  test('subscriptions that cannot be read do not hide the setting: it still decides', () => {
    const unknown = failed('transport', { function: 'get_applications' }, 'HTTP 503');
    expect(evaluate(id, { applications: unknown, prefs: prefs(app, { [pref]: '' }), lookup: lookupOf(object, idField, false) }).status).toBe('fail');
  });
});

describe.each([
  ['ar.account-labels-disabled', 'AR', 'ARACCOUNTLABEL'],
  ['ap.account-labels-disabled', 'AP', 'APACCOUNTLABEL'],
])('%s', (id, app, object) => {
  const labels = (n: number) => sample(object, Array.from({ length: n }, (_, i) => ({ RECORDNO: String(i + 1), ACCOUNTLABEL: `L${i}`, STATUS: 'active' })));
  const refused = failed('not-subscribed', { function: 'query', object }, `${object} is not available because the feature is not enabled`);

  test('pass when labels are off (existing label records do not matter)', () => {
    const out = evaluate(id, { prefs: prefs(app, { ENABLEACCOUNTLABELS: 'F' }), labels: labels(3) });
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ preference: 'ENABLEACCOUNTLABELS', observed: 'F', verified: false }), expect.objectContaining({ object, observed: 3 })]));
  });

  test('fail when labels are on', () => {
    const out = evaluate(id, { prefs: prefs(app, { ENABLEACCOUNTLABELS: 'T' }), labels: labels(2) });
    expect(out.status).toBe('fail');
    expect(out.summary).toContain('2 active label');
  });

  test('a query refused because the feature is off is evidence labels are off, even without the preference', () => {
    const out = evaluate(id, { prefs: prefs(app, { SOMETHING_ELSE: 'x' }), labels: refused });
    expect(out.status).toBe('pass');
    expect(out.evidence.some((e) => e.object === object && e.observed === 'refused: feature off')).toBe(true);
  });

  test('manual when the preference is unknown and labels can be listed', () => {
    expect(evaluate(id, { prefs: prefs(app, { SOMETHING_ELSE: 'x' }), labels: labels(0) }).status).toBe('manual');
  });

  test('manual on conflicting evidence; error when nothing could be read', () => {
    expect(evaluate(id, { prefs: prefs(app, { ENABLEACCOUNTLABELS: 'T' }), labels: refused }).status).toBe('manual');
    const out = evaluate(id, { prefs: failed('permission', { function: 'get_companyprefs', application: app }), labels: failed('transport', { function: 'query', object }) });
    expect(out.status).toBe('error');
  });
});

describe.each([
  ['so.subtotal-dimensions-from-lines', 'SO', 'Order Entry', 'orderEntry', 'order-entry'],
  ['po.subtotal-dimensions-from-lines', 'PO', 'Purchasing', 'purchasing', 'purchasing'],
] as const)('%s', (id, app, name, key, flag) => {
  const apps = (...codes: string[]) => ok(codes, { function: 'get_applications' });
  const on = { USELINEDIMENSIONSINSUBTOTALS: 'T', DISTRIBUTESUBTOTALSATENTITY: 'T' };
  const atTop = context();
  const inEntity = (entityId?: string) => context({ ...(entityId ? { entityId } : {}), integration: resolveIntegration({ entity: 'E1', topLevelSyncing: false }) });
  const needKeys = (ctx = atTop) => {
    const [p] = prepareChecks([check(id)], ctx);
    return Object.fromEntries(Object.entries(p!.needs!).map(([k, n]) => [k, n.fact.key]));
  };

  test('not-applicable, with the reason, when the module is not subscribed', () => {
    const out = evaluate(id, { applications: apps('GL', 'AR', 'AP'), prefs: failed('not-subscribed', { function: 'get_companyprefs', application: app }) });
    expect(out.status).toBe('not-applicable');
    expect(out.summary).toContain(`${name} (${app}) is not subscribed`);
  });

  test(`integration.${key}: false — not-applicable with that reason, and nothing is read`, () => {
    const ctx = context({ integration: resolveIntegration({ [key]: false }) });
    expect(needKeys(ctx)).toEqual({});
    const out = evaluate(id, {}, ctx);
    expect(out.status).toBe('not-applicable');
    expect(out.summary).toContain(`Re-Leased does not post through ${name} (integration.${key}: false`);
    expect(out.evidence[0]).toMatchObject({ source: 'config', field: `integration.${key}`, observed: false });
  });

  test(`integration.${key}: true while ${app} is not subscribed: a person must sort out which is wrong`, () => {
    const out = evaluate(id, { applications: apps('GL', 'AR', 'AP'), prefs: failed('not-subscribed', { function: 'get_companyprefs', application: app }) }, context({ integration: resolveIntegration({ [key]: true }) }));
    expect(out.status).toBe('manual');
    expect(out.summary).toContain(`integration.${key}: true`);
  });

  test('top level: "Use line-item dimensions in subtotals" decides; a failing summary says the profile key applies', () => {
    expect(needKeys()).toEqual({ applications: 'applications', prefs: `companyPrefs:${app}` });
    expect(evaluate(id, { applications: apps(app), prefs: prefs(app, { USELINEDIMENSIONSINSUBTOTALS: 'T', DISTRIBUTESUBTOTALSATENTITY: 'F' }) }).status).toBe('pass');
    const out = evaluate(id, { applications: apps(app), prefs: prefs(app, { USELINEDIMENSIONSINSUBTOTALS: 'F', DISTRIBUTESUBTOTALSATENTITY: 'T' }) });
    expect(out.status).toBe('fail');
    expect(out.evidence[1]).toMatchObject({ preference: 'USELINEDIMENSIONSINSUBTOTALS', observed: 'F', verified: false });
    expect(out.summary).toContain(`set integration.${key}: false (--no-${flag})`);
    // Said by the profile: no hint to say it again.
    const used = evaluate(id, { applications: apps(app), prefs: prefs(app, { USELINEDIMENSIONSINSUBTOTALS: 'F' }) }, context({ integration: resolveIntegration({ [key]: true }) }));
    expect(used.status).toBe('fail');
    expect(used.summary).not.toContain(`integration.${key}`);
  });

  test('in the connected entity (no Top-Level syncing): that entity’s "Distribute subtotals at the entity level" decides, read there', () => {
    // Signed in at the top level: the entity's preferences are read in a session at E1.
    expect(needKeys(inEntity())).toEqual({ applications: 'applications', prefs: `companyPrefs:${app}@E1` });
    // Signed in at E1: the audit's own session is already there.
    expect(needKeys(inEntity('E1'))).toEqual({ applications: 'applications', prefs: `companyPrefs:${app}` });
    const pass = evaluate(id, { applications: apps(app), prefs: prefs(app, { USELINEDIMENSIONSINSUBTOTALS: 'F', DISTRIBUTESUBTOTALSATENTITY: 'T' }, 'E1') }, inEntity());
    expect(pass.status).toBe('pass');
    expect(pass.summary).toContain('"Distribute subtotals at the entity level" is on at entity E1');
    const out = evaluate(id, { applications: apps(app), prefs: prefs(app, { ...on, DISTRIBUTESUBTOTALSATENTITY: 'false' }, 'E1') }, inEntity('E1'));
    expect(out.status).toBe('fail');
    expect(out.evidence[1]).toMatchObject({ preference: 'DISTRIBUTESUBTOTALSATENTITY', observed: 'false' });
    expect(out.evidence[1]!.note).toContain('(entity E1)');
  });

  test('signed in at an entity with Top-Level syncing: the top level’s setting is read in a top-level session', () => {
    const ctx = context({ entityId: 'E1', integration: resolveIntegration({ entity: 'E1', topLevelSyncing: true }) });
    expect(needKeys(ctx)).toEqual({ applications: 'applications', prefs: `companyPrefs:${app}@top-level` });
    const out = evaluate(id, { applications: apps(app), prefs: prefs(app, { USELINEDIMENSIONSINSUBTOTALS: 'F', DISTRIBUTESUBTOTALSATENTITY: 'T' }) }, ctx);
    expect(out.status).toBe('fail');
    expect(out.summary).toContain('is off at the top level');
  });

  test('manual when the preference name is unknown; error when get_applications fails; error when the entity’s preferences cannot be read', () => {
    expect(evaluate(id, { applications: apps(app), prefs: prefs(app, { SUBTOTAL_DIMS: 'T' }) }).status).toBe('manual');
    expect(evaluate(id, { applications: failed('transport', { function: 'get_applications' }), prefs: prefs(app, on) }).status).toBe('error');
    const refused = evaluate(id, { applications: apps(app), prefs: failed('connection', { function: 'get_companyprefs', application: app, entityId: 'E1' }, 'entity E1 refused') }, inEntity());
    expect(refused.status).toBe('error');
  });
});

describe('ar.customer-refunds', () => {
  test('pass when off, fail when on, manual when unknown, error when unreadable', () => {
    expect(evaluate('ar.customer-refunds', { prefs: prefs('AR', { ENABLECUSTOMERREFUNDS: 'F' }) }).status).toBe('pass');
    const on = evaluate('ar.customer-refunds', { prefs: prefs('AR', { ENABLECUSTOMERREFUNDS: 'T' }) });
    expect(on.status).toBe('fail');
    expect(on.evidence[0]).toMatchObject({ preference: 'ENABLECUSTOMERREFUNDS', observed: 'T', verified: false });
    expect(evaluate('ar.customer-refunds', { prefs: prefs('AR', { REFUNDS: 'T' }) }).status).toBe('manual');
    expect(evaluate('ar.customer-refunds', { prefs: prefs('AR', { ENABLECUSTOMERREFUNDS: 'perhaps' }) }).status).toBe('manual');
    expect(evaluate('ar.customer-refunds', { prefs: failed('function', { function: 'get_companyprefs', application: 'AR' }) }).status).toBe('error');
  });

  test('a catalog without the entry is an error naming it', () => {
    const ctx = context();
    delete ctx.catalog['customerRefunds'];
    const out = evaluate('ar.customer-refunds', { prefs: prefs('AR', { ENABLECUSTOMERREFUNDS: 'T' }) }, ctx);
    expect(out.status).toBe('error');
    expect(out.summary).toContain('customerRefunds');
  });
});

describe('currency.company-settings', () => {
  test('pass with the settings as evidence; error when the setup cannot be read', () => {
    const out = evaluate('currency.company-settings', {
      setup: ok({ baseCurrency: '', multiCurrency: true, multiBaseCurrency: true }, { function: 'getFinancialSetup' }),
      entities: ok([{ id: 'AU01', name: 'AU', recordno: '1', currency: 'AUD' }], { function: 'readEntityDetails' }),
    });
    expect(out.status).toBe('pass');
    expect(out.summary).toContain('multiple base currencies');
    expect(out.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'multiBaseCurrency', observed: true }), expect.objectContaining({ source: 'readEntityDetails', observed: 'AU01: AUD' })]));
    expect(evaluate('currency.company-settings', { setup: failed('permission', { function: 'getFinancialSetup' }), entities: ok([]) }).status).toBe('error');
  });
});
