/**
 * The sandbox gateway's envelope: control and authentication checks, sessions, getAPISession,
 * refusal of non-read functions, malformed and hostile requests — over real HTTP with raw XML.
 */
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { call, envelope, loginOf, one, parseResponse, queryXml, send, session, smallCompany } from './helpers.js';

let sb: Sandbox;
let now = Date.UTC(2024, 5, 1);
beforeAll(async () => {
  sb = await startSandbox({ company: smallCompany(), clock: () => now });
});
afterAll(() => sb.close());

test('endpoint is loopback with the gateway path and credentials come from the fixture', () => {
  expect(sb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ia\/xml\/xmlgw\.phtml$/);
  expect(sb.credentials).toEqual({ senderId: 'test-sender', senderPassword: 'sender-secret-1', companyId: 'SBX-TEST', userId: 'tester', userPassword: 'user-secret-2' });
});

test('a login request succeeds with the documented control, authentication and result shapes', async () => {
  const p = await call(sb, ['<getFinancialSetup/>']);
  expect(p.control).toMatchObject({ status: 'success', senderid: 'test-sender', controlid: 'ctl-1', uniqueid: 'false', dtdversion: '3.0' });
  expect(p.authentication).toMatchObject({ status: 'success', userid: 'tester', companyid: 'SBX-TEST', locationid: '' });
  expect(p.authentication!.sessiontimeout).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(p.results[0]).toMatchObject({ status: 'success', function: 'getFinancialSetup', controlid: 'f1' });
  const fs = p.results[0]!.data.financialSetup![0] as Record<string, string>;
  expect(fs).toMatchObject({ baseCurrency: '', multiCurrency: 'true', multiBaseCurrency: 'true', firstFiscalMonth: 'April', defaultBook: 'ACCRUAL' });
});

test('GET is refused like the real gateway; other paths are 404', async () => {
  const get = await send(sb.endpoint, '', 'GET');
  expect(get.status).toBe(405);
  expect(parseResponse(get.body).errors[0]!.errorno).toBe('GW-0011');
  const other = await send(sb.endpoint.replace('xmlgw.phtml', 'nope'), envelope(sb, loginOf(sb), ['<get_applications/>']));
  expect(other.status).toBe(404);
});

test.each([
  ['wrong sender password', { password: 'nope' }],
  ['unknown sender', { senderid: 'someone-else' }],
])('%s → control failure XL03000006 under response/errormessage, nothing executed', async (_label, control) => {
  const before = sb.received.length;
  const reply = await send(sb.endpoint, envelope(sb, loginOf(sb), ['<get_applications/>'], control));
  const p = parseResponse(reply.body);
  expect(p.control.status).toBe('failure');
  expect(p.errors[0]!.errorno).toBe('XL03000006');
  expect(p.raw.response.operation).toBeUndefined();
  // Still recorded (tests assert what clients send), but never answered.
  expect(sb.received.slice(before).map((r) => [r.name, r.status])).toEqual([['get_applications', undefined]]);
});

test('a sender that is valid but not authorised for the company fails in the authentication block', async () => {
  const fixture = smallCompany();
  fixture.credentials.authorisedSenders = ['another-sender'];
  const other = await startSandbox({ company: fixture });
  try {
    const p = parseResponse((await send(other.endpoint, envelope(other, loginOf(other), ['<get_applications/>']))).body);
    expect(p.control.status).toBe('success');
    expect(p.authStatus).toBe('failure');
    expect(p.authErrors[0]).toMatchObject({ errorno: 'XL03000006', description: 'Invalid Web Services Authorization' });
    expect(p.authErrors[0]!.description2).toContain("'test-sender'");
    expect(p.authErrors[0]!.description2).toContain("'SBX-TEST'");
    expect(p.results).toEqual([]);
  } finally {
    await other.close();
  }
});

test.each([
  ['wrong user password', { password: 'bad' }],
  ['wrong user', { userid: 'mallory' }],
  ['wrong company', { companyid: 'OTHER' }],
])('%s → authentication failure "Sign-in information is incorrect"', async (_label, change) => {
  const auth = loginOf(sb) as { login: Record<string, string> };
  const p = parseResponse((await send(sb.endpoint, envelope(sb, { login: { ...auth.login, ...change } as never }, ['<get_applications/>']))).body);
  expect(p.control.status).toBe('success');
  expect(p.authStatus).toBe('failure');
  expect(p.authErrors[0]).toMatchObject({ errorno: 'XL03000006', description: 'Sign-in information is incorrect' });
  expect(p.results).toEqual([]);
});

test('login at an unknown entity fails authentication; a known entity is echoed in locationid', async () => {
  const bad = parseResponse((await send(sb.endpoint, envelope(sb, loginOf(sb, 'E9'), ['<get_applications/>']))).body);
  expect(bad.authStatus).toBe('failure');
  expect(bad.authErrors[0]!.description2).toContain('E9');
  const good = await call(sb, ['<get_applications/>'], loginOf(sb, 'E1'));
  expect(good.authentication!.locationid).toBe('E1');
});

test('getAPISession returns sessionid, its own endpoint and locationid; the session then authenticates', async () => {
  const r = await one(sb, '<getAPISession/>');
  const api = r.data.api![0] as Record<string, string>;
  expect(api.endpoint).toBe(sb.endpoint);
  expect(api.locationid).toBe('');
  expect(api.sessionid.length).toBeGreaterThan(20);
  const p = await call(sb, ['<get_applications/>'], { sessionid: api.sessionid });
  expect(p.authStatus).toBe('success');
  expect(p.results[0]!.data.application).toEqual(['GL', 'AR', 'AP', 'SO']);
});

test('getAPISession switches entity with <locationid> and back to top level with an empty one', async () => {
  const top = await session(sb);
  const e1 = await one(sb, '<getAPISession><locationid>E1</locationid></getAPISession>', { sessionid: top });
  const e1Api = e1.data.api![0] as Record<string, string>;
  expect(e1Api.locationid).toBe('E1');
  const back = await one(sb, '<getAPISession><locationid/></getAPISession>', { sessionid: e1Api.sessionid });
  expect((back.data.api![0] as Record<string, string>).locationid).toBe('');
  const unknown = await one(sb, '<getAPISession><locationid>NOPE</locationid></getAPISession>', { sessionid: top });
  expect(unknown.status).toBe('failure');
});

test('getAPISession mixed with other functions fails every function in the request', async () => {
  const p = await call(sb, ['<getAPISession/>', '<get_applications/>']);
  expect(p.results.map((r) => r.status)).toEqual(['failure', 'failure']);
  expect(p.results[0]!.errors[0]!.description).toContain('getAPISession');
  expect(p.results[1]!.data).toEqual({});
});

test('sessions expire after sessionTimeoutSeconds of inactivity; each use slides the expiry', async () => {
  const id = await session(sb);
  now += 50_000;
  expect((await call(sb, ['<get_applications/>'], { sessionid: id })).authStatus).toBe('success');
  now += 50_000; // 100 s after creation but only 50 s after last use
  const p = await call(sb, ['<get_applications/>'], { sessionid: id });
  expect(p.authStatus).toBe('success');
  expect(Date.parse(p.authentication!.sessiontimeout)).toBe(now + 60_000);
  now += 61_000;
  const expired = await call(sb, ['<get_applications/>'], { sessionid: id });
  expect(expired.authStatus).toBe('failure');
  expect(expired.authErrors[0]).toMatchObject({ errorno: 'XL03000006', description: 'Invalid session' });
});

test('expireSessions() invalidates every session; an unknown session id is refused', async () => {
  const id = await session(sb);
  sb.expireSessions();
  expect((await call(sb, ['<get_applications/>'], { sessionid: id })).authStatus).toBe('failure');
  expect((await call(sb, ['<get_applications/>'], { sessionid: 'made-up' })).authStatus).toBe('failure');
});

test('write and unknown functions are refused with an error and never executed; neighbours still run', async () => {
  const before = sb.received.length;
  const p = await call(sb, [
    '<create><CUSTOMER><CUSTOMERID>X</CUSTOMERID><NAME>X</NAME></CUSTOMER></create>',
    '<get_applications/>',
    '<delete><object>CUSTOMER</object><keys>1</keys></delete>',
    '<frobnicate/>',
  ]);
  expect(p.results.map((r) => [r.function, r.status])).toEqual([
    ['create', 'failure'],
    ['get_applications', 'success'],
    ['delete', 'failure'],
    ['frobnicate', 'failure'],
  ]);
  expect(p.results[0]!.errors[0]!.description2).toMatch(/read-only.*'create'/);
  expect(p.results[3]!.errors[0]!.description2).toContain("'frobnicate'");
  expect(sb.received.slice(before).map((r) => r.name)).toEqual(['create', 'get_applications', 'delete', 'frobnicate']);
  // The company is unchanged: customer 1 still exists.
  const q = await one(sb, queryXml('CUSTOMER', ['CUSTOMERID'], '<filter><equalto><field>RECORDNO</field><value>1</value></equalto></filter>'));
  expect(q.records).toEqual([{ CUSTOMERID: 'C001' }]);
});

test.each([
  ['not XML', 'hello'],
  ['unclosed element', '<request><control><senderid>x</senderid></request>'],
  ['JSON body', '{"request":{}}'],
  ['no control block', '<request><operation/></request>'],
])('malformed request (%s) → XL03000003', async (_label, body) => {
  const reply = await send(sb.endpoint, body);
  expect(reply.status).toBe(200);
  const p = parseResponse(reply.body);
  expect(p.control.status).toBe('failure');
  expect(p.errors[0]!.errorno).toBe('XL03000003');
});

test('a DOCTYPE with entity declarations is refused, not expanded', async () => {
  const body = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><request><control><senderid>&lol2;</senderid></control></request>`;
  const p = parseResponse((await send(sb.endpoint, body)).body);
  expect(p.errors[0]!.errorno).toBe('XL03000003');
  expect(p.errors[0]!.description2).toMatch(/DOCTYPE/);
});

test('escaped characters in values are decoded (and written back escaped)', async () => {
  const q = await one(sb, queryXml('CUSTOMER', ['NAME'], '<filter><equalto><field>NAME</field><value>Delta &amp; Sons</value></equalto></filter><options><showprivate>true</showprivate></options>'));
  expect(q.records).toEqual([{ NAME: 'Delta & Sons' }]);
});

test('only dtdversion 3.0 is accepted', async () => {
  const p = parseResponse((await send(sb.endpoint, envelope(sb, loginOf(sb), ['<get_applications/>'], { dtdversion: '2.1' }))).body);
  expect(p.control.status).toBe('failure');
});

test('received records function name, control id, object, application and session entity', async () => {
  const id = await session(sb, 'E1');
  const before = sb.received.length;
  await call(sb, ['<get_companyprefs application="AR"/>', queryXml('CUSTOMER', ['RECORDNO']), '<readByQuery><object>arinvoice</object><fields>*</fields><query></query></readByQuery>'], { sessionid: id });
  const got = sb.received.slice(before);
  expect(got.map(({ name, controlId, object, application, sessionEntity }) => ({ name, controlId, object, application, sessionEntity }))).toEqual([
    { name: 'get_companyprefs', controlId: 'f1', object: undefined, application: 'AR', sessionEntity: 'E1' },
    { name: 'query', controlId: 'f2', object: 'CUSTOMER', application: undefined, sessionEntity: 'E1' },
    { name: 'readByQuery', controlId: 'f3', object: 'ARINVOICE', application: undefined, sessionEntity: 'E1' },
  ]);
  expect(new Set(got.map((r) => r.request)).size).toBe(1);
  expect(sb.stats.requests).toBeGreaterThan(0);
  expect(sb.stats.bytesOut).toBeGreaterThan(0);
});
