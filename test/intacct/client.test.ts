/**
 * The real client against the sandbox gateway over HTTP on 127.0.0.1: sessions, batching, paging,
 * entity sessions, typed errors and the read-only refusal.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import {
  AuthenticationError,
  ConfigurationError,
  ControlError,
  FunctionError,
  IntacctClient,
  NetworkError,
  READ_FUNCTION_ALLOWLIST,
  ReadOnlyViolationError,
  type ClientOptions,
  type FunctionData,
  type ReadFunction,
} from '../../src/intacct/index.js';
import { CUSTOMER_COUNT, clientTestCompany } from './company.js';
import { startRelay } from './proxy.js';
import { startRawPeer, type RawPeer } from './peer.js';

let sandbox: Sandbox;
const clients: IntacctClient[] = [];
const everyReceived: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ company: clientTestCompany() });
});
afterEach(async () => {
  while (clients.length) await clients.pop()!.close();
});
afterAll(async () => {
  everyReceived.push(...sandbox.received.map((r) => r.name));
  await sandbox.close();
  // Read-only across this whole file: the gateway only ever saw allowlisted read functions.
  for (const name of everyReceived) expect(READ_FUNCTION_ALLOWLIST.has(name as never)).toBe(true);
});

function client(opts: Partial<ClientOptions> = {}, target: Sandbox = sandbox): IntacctClient {
  const c = new IntacctClient({ endpoint: target.endpoint, credentials: target.credentials, retry: { baseDelayMs: 1, maxDelayMs: 10 }, ...opts });
  clients.push(c);
  return c;
}

/** Request numbers (sandbox-side) that carried the named function. */
function requestsWith(name: string, from = 0): number[] {
  return [...new Set(sandbox.received.slice(from).filter((r) => r.name === name).map((r) => r.request))];
}

const customerById = (id: string): ReadFunction => ({
  function: 'query',
  object: 'CUSTOMER',
  select: ['CUSTOMERID', 'NAME'],
  filter: { op: 'equalto', field: 'CUSTOMERID', value: id },
});

describe('sessions', () => {
  it('sends getAPISession alone, then uses the session for reads', async () => {
    const c = client();
    const start = sandbox.received.length;
    const info = await c.connect();
    expect(sandbox.received.slice(start).map((r) => r.name)).toEqual(['getAPISession']);
    expect(info).toMatchObject({ endpoint: sandbox.endpoint, companyId: 'CLIENTCO', userId: 'client-user', warnings: [] });
    expect(info.sessionTimeout).toMatch(/^\d{4}-\d\d-\d\dT/);
    const [apps, prefs] = await c.execute([{ function: 'get_applications' }, { function: 'get_companyprefs', application: 'AR' }]);
    expect(apps.ok && apps.data.records.map((r) => r['#text'])).toEqual(['GL', 'AR', 'AP', 'ME']);
    expect(prefs.ok && prefs.data.records).toContainEqual(expect.objectContaining({ $element: 'companypref', preference: 'ENABLE_LABELS', prefvalue: 'T' }));
    const reads = sandbox.received.slice(start + 1);
    expect(reads.map((r) => r.name)).toEqual(['get_applications', 'get_companyprefs']);
    expect(new Set(reads.map((r) => r.request)).size).toBe(1);
    expect(c.stats.httpRequests).toBe(2);
    expect(c.stats.functions).toBe(3);
  });

  it('connects on first use when connect() was not called', async () => {
    const c = client();
    const [fs] = await c.execute([{ function: 'getFinancialSetup' }]);
    expect(fs.ok && fs.data.records[0]).toMatchObject({ $element: 'financialSetup', baseCurrency: 'USD' });
  });

  it('sends later calls to the endpoint returned with the session', async () => {
    // The login goes through a relay; the session names the sandbox itself as its endpoint.
    const relay = await startRelay(sandbox.endpoint, { rewriteEndpoint: false });
    try {
      const c = client({ endpoint: relay.endpoint });
      const info = await c.connect();
      expect(info.endpoint).toBe(sandbox.endpoint);
      const [outcome] = await c.execute([{ function: 'get_applications' }]);
      expect(outcome.ok).toBe(true);
      expect(relay.bodies).toHaveLength(1); // only the login went to the configured endpoint
    } finally {
      await relay.close();
    }
  });

  it('ignores a session endpoint that breaks the endpoint rules and stays where it was', async () => {
    const relay = await startRelay(sandbox.endpoint, { rewriteEndpoint: false, endpointOverride: 'http://gateway.example.com/ia/xml/xmlgw.phtml' });
    try {
      const c = client({ endpoint: relay.endpoint });
      const info = await c.connect();
      expect(info.endpoint).toBe(relay.endpoint);
      expect(info.warnings[0]).toMatch(/Ignored the session endpoint .*loopback/);
      await c.execute([{ function: 'get_applications' }]);
      expect(relay.bodies).toHaveLength(2);
    } finally {
      await relay.close();
    }
  });

  it('renews an expired session once, transparently, and replays the request', async () => {
    const c = client();
    await c.connect();
    sandbox.expireSessions();
    const start = sandbox.received.length;
    const [outcome] = await c.execute([customerById('C0007')]);
    expect(outcome.ok && outcome.data.records[0].CUSTOMERID).toBe('C0007');
    expect(sandbox.received.slice(start).map((r) => r.name)).toEqual(['query', 'getAPISession', 'query']);
    expect(c.stats.sessionRenewals).toBe(1);
  });

  it('renews only once when several requests in flight find the session expired', async () => {
    const c = client({ maxFunctionsPerRequest: 1, concurrency: 4 });
    await c.connect();
    sandbox.expireSessions();
    const start = sandbox.received.length;
    const outcomes = await c.execute(['C0001', 'C0002', 'C0003', 'C0004'].map(customerById));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(c.stats.sessionRenewals).toBe(1);
    expect(sandbox.received.slice(start).filter((r) => r.name === 'getAPISession')).toHaveLength(1);
  });

  it('does not renew in a loop: a second failure after renewal is thrown as an AuthenticationError', async () => {
    const c = client();
    await c.connect();
    sandbox.queueFault({ kind: 'expire-session' }, { times: 3 });
    const start = sandbox.received.length;
    await expect(c.execute([{ function: 'get_applications' }])).rejects.toBeInstanceOf(AuthenticationError);
    expect(sandbox.received.slice(start).map((r) => r.name)).toEqual(['get_applications', 'getAPISession', 'get_applications']);
    expect(c.stats.sessionRenewals).toBe(1);
  });

  it('opens entity sessions that share counters, and reads at the entity', async () => {
    const c = client();
    await c.connect();
    const east = await c.forEntity('E100');
    const start = sandbox.received.length;
    const [top] = await c.execute([{ function: 'readEntityDetails' }]);
    const [atEast] = await east.execute([{ function: 'readEntityDetails' }]);
    expect(top.ok && top.data.records.map((r) => r.id)).toEqual(['E100', 'E200']);
    expect(atEast.ok && atEast.data.records.map((r) => r.id)).toEqual(['E100']);
    const [a, b] = sandbox.received.slice(start);
    expect(a.sessionEntity).toBeUndefined();
    expect(b.sessionEntity).toBe('E100');
    expect(east.stats).toBe(c.stats);
    expect(c.stats.httpRequests).toBe(4);
    await east.close();
    expect((await c.execute([{ function: 'get_applications' }]))[0].ok).toBe(true); // closing the entity session keeps the parent usable
  });

  it('signed in at an entity, opens a top-level session (empty locationid) that reads the whole company', async () => {
    const c = client({ credentials: { ...sandbox.credentials, entityId: 'E100' } });
    await c.connect();
    const top = await c.forTopLevel();
    expect(top.entity).toBeUndefined();
    const start = sandbox.received.length;
    const [atEntity] = await c.execute([{ function: 'readEntityDetails' }]);
    const [atTop] = await top.execute([{ function: 'readEntityDetails' }]);
    expect(atEntity.ok && atEntity.data.records.map((r) => r.id)).toEqual(['E100']);
    expect(atTop.ok && atTop.data.records.map((r) => r.id)).toEqual(['E100', 'E200']);
    const [a, b] = sandbox.received.slice(start);
    expect(a.sessionEntity).toBe('E100');
    expect(b.sessionEntity).toBeUndefined();
    expect(top.stats).toBe(c.stats);
    await top.close();
    expect((await c.execute([{ function: 'get_applications' }]))[0].ok).toBe(true); // the shared connection stays open
  });

  it('refuses an unknown entity with an AuthenticationError naming it', async () => {
    const c = client();
    await expect(c.forEntity('E999')).rejects.toMatchObject({ kind: 'authentication', reason: 'entity' });
    await expect(c.forEntity('E999')).rejects.toThrow(/E999/);
    const atLogin = client({ credentials: { ...sandbox.credentials, entityId: 'E999' } });
    await expect(atLogin.connect()).rejects.toMatchObject({ kind: 'authentication', reason: 'entity' });
  });
});

describe('batching', () => {
  it('splits N functions into ceil(N / max) requests and matches results back by controlid, in order', async () => {
    const c = client({ maxFunctionsPerRequest: 50 });
    await c.connect();
    const start = sandbox.received.length;
    const ids = Array.from({ length: 120 }, (_, i) => `C${String(((i * 37) % CUSTOMER_COUNT) + 1).padStart(4, '0')}`);
    const outcomes = await c.execute(ids.map(customerById));
    expect(requestsWith('query', start)).toHaveLength(3);
    expect(outcomes.map((o) => (o.ok ? o.data.records[0]?.CUSTOMERID : 'failed'))).toEqual(ids);
    expect(new Set(outcomes.map((o) => o.controlId)).size).toBe(120);
  });

  it('keeps a failed function from failing its neighbours', async () => {
    const c = client();
    const outcomes = await c.execute([
      customerById('C0001'),
      { function: 'query', object: 'VENDOR', select: ['VENDORID'] },
      { function: 'query', object: 'NOSUCHOBJECT', select: ['X'] },
      { function: 'query', object: 'CUSTOMER', select: ['NOSUCHFIELD'] },
      { function: 'lookup', object: 'CUSTOMER' },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, false, true]);
    const [, denied, unknown, badField] = outcomes.map((o) => (o.ok ? undefined : o.error));
    expect(denied).toBeInstanceOf(FunctionError);
    expect(denied).toMatchObject({ permission: true, object: 'VENDOR', functionName: 'query' });
    expect(denied?.message).toMatch(/^Permission denied for query VENDOR: /);
    expect(unknown).toMatchObject({ kind: 'function', permission: false, object: 'NOSUCHOBJECT' });
    expect((unknown as FunctionError).description2).toMatch(/NOSUCHOBJECT/);
    expect(badField).toMatchObject({ kind: 'function', permission: false });
  });

  it('reports an injected permission failure as such, for that object only', async () => {
    const c = client();
    await c.connect();
    sandbox.queueFault({ kind: 'function-error', permission: true, object: 'CUSTOMER' });
    const [apps, cust] = await c.execute([{ function: 'get_applications' }, { function: 'lookup', object: 'CUSTOMER' }]);
    expect(apps.ok).toBe(true);
    expect(cust.ok ? undefined : cust.error).toMatchObject({ kind: 'function', permission: true, object: 'CUSTOMER' });
  });

  it('never has more HTTP requests in flight than `concurrency`, across entity sessions too', async () => {
    const limited = await startSandbox({ company: clientTestCompany(), maxConcurrent: 2, latencyMs: 25 });
    try {
      const c = client({ concurrency: 2, maxFunctionsPerRequest: 1 }, limited);
      const east = await c.forEntity('E100');
      const fns = Array.from({ length: 8 }, (_, i) => customerById(`C000${i + 1}`));
      const [a, b] = await Promise.all([c.execute(fns), east.execute(fns)]);
      expect([...a, ...b].filter((o) => !o.ok)).toEqual([]);
      expect(limited.stats.throttled).toBe(0);
      expect(c.stats.retries).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it('recovers from the gateway throttling more concurrency than it allows (429 / GW-0010)', async () => {
    const limited = await startSandbox({ company: clientTestCompany(), maxConcurrent: 1, latencyMs: 20 });
    try {
      const c = client({ concurrency: 4, maxFunctionsPerRequest: 1, retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 10 } }, limited);
      const outcomes = await c.execute(Array.from({ length: 6 }, (_, i) => customerById(`C000${i + 1}`)));
      expect(outcomes.every((o) => o.ok)).toBe(true);
      expect(limited.stats.throttled).toBeGreaterThan(0);
      expect(c.stats.retries).toBe(limited.stats.throttled);
    } finally {
      await limited.close();
    }
  });
});

describe('paging', () => {
  async function collect(pages: AsyncIterable<FunctionData>): Promise<FunctionData[]> {
    const out: FunctionData[] = [];
    for await (const p of pages) out.push(p);
    return out;
  }

  it('follows readMore with the resultId until nothing remains', async () => {
    const c = client();
    await c.connect();
    const start = sandbox.received.length;
    const pages = await collect(c.paginate({ function: 'readByQuery', object: 'CUSTOMER', fields: ['RECORDNO', 'CUSTOMERID'], query: '', pageSize: 100 }));
    expect(pages.map((p) => p.records.length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => p.numRemaining)).toEqual([150, 50, 0]);
    expect(sandbox.received.slice(start).map((r) => r.name)).toEqual(['readByQuery', 'readMore', 'readMore']);
    const ids = new Set(pages.flatMap((p) => p.records.map((r) => r.RECORDNO)));
    expect(ids.size).toBe(CUSTOMER_COUNT);
  });

  it('follows offsets for query until numremaining is 0', async () => {
    const c = client();
    await c.connect();
    const start = sandbox.received.length;
    const pages = await collect(c.paginate({ function: 'query', object: 'CUSTOMER', select: ['RECORDNO'], orderBy: [{ field: 'RECORDNO' }], pageSize: 100 }));
    expect(pages.map((p) => [p.offset, p.records.length, p.totalCount])).toEqual([[0, 100, 250], [100, 100, 250], [200, 50, 250]]);
    expect(sandbox.received.slice(start).map((r) => r.name)).toEqual(['query', 'query', 'query']);
    expect(new Set(pages.flatMap((p) => p.records.map((r) => r.RECORDNO))).size).toBe(CUSTOMER_COUNT);
  });

  it('streams: the first page is yielded before the next one is requested', async () => {
    const c = client();
    await c.connect();
    const start = sandbox.received.length;
    const iterator = c.paginate({ function: 'query', object: 'CUSTOMER', select: ['RECORDNO'], pageSize: 50 });
    for await (const page of iterator) {
      expect(page.records).toHaveLength(50);
      expect(sandbox.received.length - start).toBe(1);
      break; // stopping early sends nothing more
    }
    expect(sandbox.received.length - start).toBe(1);
  });

  it('throws the typed error of a failed page', async () => {
    const c = client();
    await expect(collect(c.paginate({ function: 'query', object: 'VENDOR', select: ['VENDORID'] }))).rejects.toMatchObject({ kind: 'function', permission: true });
    await expect(collect(c.paginate({ function: 'lookup', object: 'CUSTOMER' }))).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('errors', () => {
  it('classifies wrong sender credentials as a control failure (nothing executed)', async () => {
    const c = client({ credentials: { ...sandbox.credentials, senderPassword: 'Wrong-Sender-Pw' } });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ControlError);
    expect(error).toMatchObject({ kind: 'control', reason: 'sender-credentials', retryable: false });
    expect((error as Error).message).not.toContain('Wrong-Sender-Pw');
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it('classifies a sender not authorised for the company (XL03000006 in the authentication block)', async () => {
    const other = await startSandbox({ company: clientTestCompany({ credentials: { ...clientTestCompany().credentials, authorisedSenders: ['someone-else'] } }) });
    try {
      const error = await client({}, other).connect().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({ reason: 'sender-not-authorised' });
      expect((error as Error).message).toMatch(/not authori[sz]ed/);
    } finally {
      await other.close();
    }
  });

  it('classifies wrong user credentials (XL03000006 "Sign-in information is incorrect")', async () => {
    const c = client({ credentials: { ...sandbox.credentials, userPassword: 'Wrong-User-Pw-1' } });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'authentication', reason: 'user-credentials' });
    expect((error as AuthenticationError).errors[0].errorno).toBe('XL03000006');
    expect((error as Error).message).not.toContain('Wrong-User-Pw-1');
  });

  it('throws (not per function) when authentication fails after renewal was tried', async () => {
    const c = client();
    await c.connect();
    sandbox.queueFault({ kind: 'auth-failure' }, { times: 2 });
    await expect(c.execute([{ function: 'get_applications' }, { function: 'readEntityDetails' }])).rejects.toMatchObject({ kind: 'authentication' });
  });

  it('recovers when authentication fails once after the session was issued', async () => {
    const c = client();
    await c.connect();
    sandbox.queueFault({ kind: 'auth-failure' });
    const [o] = await c.execute([{ function: 'get_applications' }]);
    expect(o.ok).toBe(true);
    expect(c.stats.sessionRenewals).toBe(1);
  });

  it('reports a refused connection as a NetworkError, without retrying', async () => {
    const peer: RawPeer = await startRawPeer(() => undefined);
    const endpoint = peer.endpoint;
    await peer.close();
    const c = client({ endpoint });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', retryable: false });
    expect(c.stats.httpRequests).toBe(1);
  });
});

describe('read-only by construction', () => {
  const smuggled: [string, unknown][] = [
    ['a write function', { function: 'create', CUSTOMER: { NAME: 'x' } }],
    ['a legacy write function', { function: 'delete', object: 'CUSTOMER', keys: '1' }],
    ['a read name in another case', { function: 'READBYQUERY', object: 'CUSTOMER', fields: '*', query: '' }],
    ['a read name with whitespace', { function: 'query ', object: 'CUSTOMER', select: ['NAME'] }],
    ['an inherited function name', Object.create({ function: 'query', object: 'CUSTOMER', select: ['NAME'] })],
    ['a non-string name', { function: ['query'] }],
    ['null', null],
  ];

  it.each(smuggled)('refuses %s before anything is sent, naming it', async (_what, fn) => {
    const c = client();
    const before = sandbox.received.length;
    const error = await c.execute([customerById('C0001'), fn as ReadFunction]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadOnlyViolationError);
    expect((error as Error).message).toMatch(/^Refused to send ".*": intacct-preflight only sends read functions/);
    expect(sandbox.received.length).toBe(before); // not even the valid neighbour or a login
    expect(c.stats.httpRequests).toBe(0);
  });

  it('names the refused function', async () => {
    const error = await client().execute([{ function: 'create_invoice' } as unknown as ReadFunction]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'read-only', functionName: 'create_invoice' });
  });

  it('keeps getAPISession to the client itself', async () => {
    await expect(client().execute([{ function: 'getAPISession' }])).rejects.toBeInstanceOf(ConfigurationError);
  });
});
