/**
 * Realism knobs over real HTTP: the concurrency limit (HTTP 429 / GW-0010) and every scripted
 * fault kind, plus seeded random faults.
 */
import { request } from 'node:http';
import { XMLValidator } from 'fast-xml-parser';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { call, envelope, loginOf, one, parseResponse, queryXml, send, session, smallCompany } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ company: smallCompany() });
});
afterAll(() => sb.close());
afterEach(() => sb.setRandomFaults(null));

const body = (): string => envelope(sb, loginOf(sb), ['<get_applications/>']);

test('requests beyond maxConcurrent get HTTP 429 with a GW-0010 XML body', async () => {
  const limited = await startSandbox({ company: smallCompany(), maxConcurrent: 1, latencyMs: 300 });
  try {
    const replies = await Promise.all([0, 1, 2].map(() => send(limited.endpoint, envelope(limited, loginOf(limited), ['<get_applications/>']))));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 429, 429]);
    const throttled = replies.find((r) => r.status === 429)!;
    expect(parseResponse(throttled.body).errors[0]!.errorno).toBe('GW-0010');
    expect(limited.stats.throttled).toBe(2);
    // Once the slot is free again, requests go through.
    expect((await send(limited.endpoint, envelope(limited, loginOf(limited), ['<get_applications/>']))).status).toBe(200);
  } finally {
    await limited.close();
  }
});

test.each([
  [{ kind: 'http-status', status: 502 } as const, 502, /<html>/i, 'text/html'],
  [{ kind: 'http-status', status: 503, body: 'html' } as const, 503, /503 Service Unavailable/, 'text/html'],
  [{ kind: 'http-status', status: 524 } as const, 524, /A timeout occurred/, 'text/html'],
  [{ kind: 'http-status', status: 429 } as const, 429, /GW-0010/, 'text/xml'],
  [{ kind: 'http-status', status: 500, body: 'empty' } as const, 500, /^$/, 'text/plain'],
])('http-status fault %j', async (fault, status, pattern, type) => {
  sb.queueFault(fault);
  const reply = await send(sb.endpoint, body());
  expect(reply.status).toBe(status);
  expect(reply.body).toMatch(pattern);
  expect(String(reply.headers['content-type'])).toContain(type);
  expect(reply.headers['retry-after']).toBeUndefined();
  expect((await send(sb.endpoint, body())).status).toBe(200); // used up
});

test('429 with Retry-After, applied to the next N requests', async () => {
  sb.queueFault({ kind: 'http-status', status: 429, body: 'gw-0010', retryAfterSeconds: 7 }, { times: 2 });
  for (let k = 0; k < 2; k++) {
    const reply = await send(sb.endpoint, body());
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('7');
  }
  expect((await send(sb.endpoint, body())).status).toBe(200);
});

test('reset destroys the connection', async () => {
  sb.queueFault({ kind: 'reset' });
  await expect(send(sb.endpoint, body())).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
  expect((await send(sb.endpoint, body())).status).toBe(200);
});

test('truncate (default): a well-formed HTTP 200 whose XML stops half-way', async () => {
  const full = (await send(sb.endpoint, body())).body;
  sb.queueFault({ kind: 'truncate' });
  const cut = await send(sb.endpoint, body());
  expect(cut.status).toBe(200);
  expect(cut.body.length).toBeLessThan(full.length);
  expect(cut.body.length).toBeGreaterThan(0);
  expect(full.startsWith(cut.body.slice(0, 60))).toBe(true);
  expect(XMLValidator.validate(cut.body)).not.toBe(true);
});

test('truncate mode close: the body ends before Content-Length and the socket closes', async () => {
  sb.queueFault({ kind: 'truncate', mode: 'close' });
  await expect(send(sb.endpoint, body())).rejects.toBeDefined();
});

test('slow-body: headers arrive at once, the body only after delayMs', async () => {
  sb.queueFault({ kind: 'slow-body', delayMs: 400 });
  const t0 = performance.now();
  const { headersAt, endAt, text } = await new Promise<{ headersAt: number; endAt: number; text: string }>((resolve, reject) => {
    const req = request(sb.endpoint, { method: 'POST', headers: { Connection: 'close' } }, (res) => {
      const headersAt = performance.now() - t0;
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ headersAt, endAt: performance.now() - t0, text }));
    });
    req.on('error', reject);
    req.end(body());
  });
  expect(endAt).toBeGreaterThanOrEqual(395);
  expect(headersAt).toBeLessThan(endAt);
  expect(parseResponse(text).results[0]!.status).toBe('success');
});

test('malformed: HTTP 200 with broken XML', async () => {
  sb.queueFault({ kind: 'malformed' });
  const reply = await send(sb.endpoint, body());
  expect(reply.status).toBe(200);
  expect(reply.body.startsWith('<?xml')).toBe(true);
  expect(XMLValidator.validate(reply.body)).not.toBe(true);
});

test('expire-session: sessions issued before are invalid from the next request on', async () => {
  const id = await session(sb);
  sb.queueFault({ kind: 'expire-session' });
  const p = await call(sb, ['<get_applications/>'], { sessionid: id });
  expect(p.authStatus).toBe('failure');
  expect(p.authErrors[0]!.description).toBe('Invalid session');
  // A new session works as usual.
  const fresh = await session(sb);
  expect((await call(sb, ['<get_applications/>'], { sessionid: fresh })).authStatus).toBe('success');
});

test('auth-failure: the next request fails authentication although the session is valid', async () => {
  const id = await session(sb);
  sb.queueFault({ kind: 'auth-failure' });
  const p = await call(sb, ['<get_applications/>'], { sessionid: id });
  expect(p.authStatus).toBe('failure');
  expect(p.authErrors[0]!.errorno).toBe('XL03000006');
  expect((await call(sb, ['<get_applications/>'], { sessionid: id })).authStatus).toBe('success');
});

test('function-error (permission, one object) waits for a request that reads that object', async () => {
  sb.queueFault({ kind: 'function-error', permission: true, object: 'CUSTOMER' });
  await session(sb); // getAPISession does not use it up
  const p = await call(sb, [queryXml('ARINVOICE', ['RECORDNO']), queryXml('CUSTOMER', ['RECORDNO']), '<lookup><object>CUSTOMER</object></lookup>']);
  expect(p.results.map((r) => r.status)).toEqual(['success', 'failure', 'failure']);
  expect(p.results[1]!.errors[0]!.description2).toMatch(/permission for API operation QUERY on objects of type customer/);
  expect((await one(sb, queryXml('CUSTOMER', ['RECORDNO']))).status).toBe('success');
});

test('function-error (generic, any object) fails the object functions of one request only', async () => {
  sb.queueFault({ kind: 'function-error', permission: false }, { times: 1 });
  const p = await call(sb, ['<get_applications/>', queryXml('ARINVOICE', ['RECORDNO']), queryXml('CUSTOMER', ['RECORDNO'])]);
  expect(p.results.map((r) => r.status)).toEqual(['success', 'failure', 'failure']);
  expect(p.results[1]!.errors[0]!.description2).not.toMatch(/permission/i);
  expect((await one(sb, queryXml('ARINVOICE', ['RECORDNO']))).status).toBe('success');
});

test('random faults are reproducible from the seed and stop when cleared', async () => {
  const outcomes = async (seed: number): Promise<string[]> => {
    sb.setRandomFaults({ rate: 0.5, kinds: ['http-status', 'malformed'], seed });
    const out: string[] = [];
    for (let k = 0; k < 16; k++) {
      const r = await send(sb.endpoint, body());
      out.push(`${r.status}:${XMLValidator.validate(r.body) === true ? 'xml' : 'bad'}`);
    }
    sb.setRandomFaults(null);
    return out;
  };
  const a = await outcomes(7);
  const b = await outcomes(7);
  expect(a).toEqual(b);
  expect(a.some((o) => o !== '200:xml')).toBe(true);
  expect(a.some((o) => o === '200:xml')).toBe(true);
  for (let k = 0; k < 5; k++) expect((await send(sb.endpoint, body())).status).toBe(200);
  expect(() => sb.setRandomFaults({ rate: 2, kinds: ['reset'], seed: 1 })).toThrow(/rate/);
});
