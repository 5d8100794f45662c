/** The gatherer against the sandbox gateway, through the real client over loopback HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { IntacctClient } from '../../src/intacct/client.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { gatherFacts } from '../../src/gather/gather.js';
import { planFacts } from '../../src/plan/facts.js';
import type { ReadFunction } from '../../src/intacct/functions.js';
import type { FactDef, GatherContext } from '../../src/model/check.js';
import { connectionFor, testCompany } from '../helpers/sandbox-company.js';

const gctx: GatherContext = { syncFrom: '2018-01-01' };

function fact(key: string, fn: ReadFunction, extra: Partial<FactDef> = {}): FactDef {
  return { key, request: () => fn, interpret: (data) => ({ count: data.totalCount ?? data.records.length, records: data.records.length }), ...extra };
}
const query = (object: string, select = ['RECORDNO']): ReadFunction => ({ function: 'query', object, select, pageSize: 1 });
const prefs = (application: string): ReadFunction => ({ function: 'get_companyprefs', application });

let sandbox: Sandbox;
let multi: Sandbox;
const clients: IntacctClient[] = [];
async function connected(box: Sandbox, extra = {}): Promise<IntacctClient> {
  const client = new IntacctClient(connectionFor(box, extra));
  clients.push(client);
  await client.connect();
  return client;
}

beforeAll(async () => {
  sandbox = await startSandbox({ company: testCompany() });
  multi = await startSandbox({ company: testCompany({ entities: true }) });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await sandbox.close();
  await multi.close();
});

describe('gatherFacts', () => {
  it('sends one layer as one HTTP request and reads each function once', async () => {
    const client = await connected(sandbox);
    const before = client.stats.httpRequests;
    const start = sandbox.received.length;
    const defs = [fact('customers', query('CUSTOMER')), fact('vendors', query('VENDOR')), fact('ar', prefs('AR')), fact('ar-again', prefs('AR'))];
    const store = await gatherFacts(planFacts([...defs, fact('customers', query('CUSTOMER'))]), client, gctx);

    expect(client.stats.httpRequests - before).toBe(1);
    const sent = sandbox.received.slice(start).map((f) => `${f.name} ${f.object ?? f.application ?? ''}`.trim());
    expect(sent).toEqual(['query CUSTOMER', 'query VENDOR', 'get_companyprefs AR']);
    expect(store.get('customers')).toMatchObject({ ok: true, value: { count: 3, records: 1 }, request: { function: 'query', object: 'CUSTOMER', sent: query('CUSTOMER') } });
    expect(store.get('ar-again')).toMatchObject({ ok: true, request: { application: 'AR' } });
  });

  it('splits a large layer at maxFunctionsPerRequest', async () => {
    const client = await connected(sandbox, { maxFunctionsPerRequest: 2 });
    const before = client.stats.httpRequests;
    await gatherFacts(planFacts(['AR', 'AP', 'SO', 'GL', 'CM'].map((a) => fact(`p:${a}`, prefs(a)))), client, gctx);
    expect(client.stats.httpRequests - before).toBe(3);
  });

  it('maps failures to the kind a person can act on, and never sends a fact whose dependency failed', async () => {
    const client = await connected(sandbox);
    const start = sandbox.received.length;
    const audit = fact('audit', query('AUDITHISTORY', ['OBJECTKEY']));
    const dependent = fact('after-audit', query('CUSTOMER', ['NAME']), { dependsOn: [audit] });
    const broken = fact('broken', query('CUSTOMER'), { key: 'broken', interpret: () => { throw new Error('no CUSTOMER element'); } });
    const store = await gatherFacts(
      planFacts([audit, dependent, broken, fact('labels', query('ARACCOUNTLABEL')), fact('nothing', query('NOSUCHOBJECT')), fact('badfield', query('CUSTOMER', ['NOPE']))]),
      client,
      gctx,
    );
    expect(store.get('audit')).toMatchObject({ ok: false, error: { kind: 'permission', message: expect.stringMatching(/^no permission: query AUDITHISTORY was refused/) } });
    expect(store.get('labels')).toMatchObject({ ok: false, error: { kind: 'not-subscribed' } });
    expect(store.get('nothing')).toMatchObject({ ok: false, error: { kind: 'unknown-object', message: expect.stringContaining('NOSUCHOBJECT') } });
    expect(store.get('badfield')).toMatchObject({ ok: false, error: { kind: 'unknown-object' } });
    expect(store.get('broken')).toMatchObject({ ok: false, error: { kind: 'function', message: 'query CUSTOMER: the answer could not be interpreted: no CUSTOMER element' } });
    expect(store.get('after-audit')).toMatchObject({
      ok: false,
      error: { kind: 'not-gathered', message: expect.stringMatching(/^not read because a read it depends on failed: no permission/) },
      request: { function: 'query', object: 'CUSTOMER' },
    });
    // The dependent query (select NAME) never went out.
    expect(sandbox.received.slice(start).filter((f) => f.object === 'CUSTOMER')).toHaveLength(2);
    expect(store.entry('broken')!.data).toBeDefined(); // kept for re-interpretation offline
  });

  it('reports a failed HTTP request as a transport error on every fact of that batch', async () => {
    const client = await connected(sandbox);
    sandbox.queueFault({ kind: 'http-status', status: 503, body: 'html' });
    const store = await gatherFacts(planFacts([fact('ar', prefs('AR')), fact('ap', prefs('AP'))]), client, gctx);
    expect(store.get('ar')).toMatchObject({ ok: false, error: { kind: 'transport', message: expect.stringMatching(/^get_companyprefs AR could not be completed: /) } });
    expect(store.get('ap')).toMatchObject({ ok: false, error: { kind: 'transport' } });
  });

  it('reads entity facts in one session per entity, opened once', async () => {
    const client = await connected(multi);
    const start = multi.received.length;
    const defs = ['E1', 'E2'].flatMap((e) => [fact(`so@${e}`, prefs('SO'), { entityId: e }), fact(`ar@${e}`, prefs('AR'), { entityId: e })]);
    const store = await gatherFacts(planFacts([fact('so', prefs('SO')), ...defs]), client, gctx);
    const received = multi.received.slice(start);
    expect(received.filter((f) => f.name === 'getAPISession')).toHaveLength(2);
    expect(received.filter((f) => f.name === 'get_companyprefs').map((f) => `${f.application}@${f.sessionEntity ?? 'top'}`).sort()).toEqual(
      ['AR@E1', 'AR@E2', 'SO@E1', 'SO@E2', 'SO@top'].sort(),
    );
    expect(store.get('so@E2')).toMatchObject({ ok: true, request: { entityId: 'E2' } });
  });

  it('reports an entity that cannot be reached on each of its facts, not as a crash', async () => {
    const client = await connected(multi);
    const store = await gatherFacts(planFacts([fact('so@E9', prefs('SO'), { entityId: 'E9' }), fact('so', prefs('SO'))]), client, gctx);
    expect(store.get('so')).toMatchObject({ ok: true });
    expect(store.get('so@E9')).toMatchObject({ ok: false, error: { kind: 'connection' } });
  });
});
