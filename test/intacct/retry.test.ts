/**
 * Transient failures are retried with backoff (and Retry-After), within the attempt limit and the
 * overall deadline; anything else fails at once. Faults come from the sandbox over real HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import {
  HttpError,
  IntacctClient,
  TimeoutError,
  backoffDelay,
  parseRetryAfter,
  DEFAULT_RETRY_POLICY,
  type ClientEvent,
  type ClientOptions,
  type FunctionOutcome,
} from '../../src/intacct/index.js';
import { clientTestCompany } from './company.js';
import { PEER_CREDENTIALS, functionControlIds, okResponse, sessionResponse, startRawPeer } from './peer.js';

let sandbox: Sandbox;
const clients: IntacctClient[] = [];
// A fresh gateway per test, so no queued fault outlives its test.
beforeEach(async () => {
  sandbox = await startSandbox({ company: clientTestCompany() });
});
afterEach(async () => {
  while (clients.length) await clients.pop()!.close();
  await sandbox.close();
});

async function connected(opts: Partial<ClientOptions> = {}): Promise<{ c: IntacctClient; events: ClientEvent[] }> {
  const events: ClientEvent[] = [];
  const c = new IntacctClient({
    endpoint: sandbox.endpoint,
    credentials: sandbox.credentials,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    onEvent: (e) => events.push(e),
    ...opts,
  });
  clients.push(c);
  await c.connect();
  events.length = 0;
  return { c, events };
}

const read = [{ function: 'get_applications' } as const];
const requestsSince = (start: number): number => sandbox.stats.requests - start;
const errorOf = (o: FunctionOutcome): Error => {
  if (o.ok) throw new Error('expected failure');
  return o.error;
};

describe('retries of transient failures', () => {
  it.each([
    ['HTTP 429 with GW-0010, no Retry-After', { kind: 'http-status', status: 429 } as const],
    ['HTTP 502 with an HTML page', { kind: 'http-status', status: 502, body: 'html' } as const],
    ['HTTP 503 with an empty body', { kind: 'http-status', status: 503, body: 'empty' } as const],
    ['HTTP 524 (origin timeout)', { kind: 'http-status', status: 524, body: 'html' } as const],
    ['a connection reset', { kind: 'reset' } as const],
    ['a truncated body', { kind: 'truncate' } as const],
    ['a body cut off by a closed connection', { kind: 'truncate', mode: 'close' } as const],
    ['malformed XML', { kind: 'malformed' } as const],
  ])('recovers from %s', async (_name, fault) => {
    const { c, events } = await connected();
    sandbox.queueFault(fault, { times: 2 });
    const start = sandbox.stats.requests;
    const [o] = await c.execute([...read]);
    expect(o.ok).toBe(true);
    expect(requestsSince(start)).toBe(3);
    expect(c.stats.retries).toBe(2);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
  });

  it('recovers from a body slower than the request timeout', async () => {
    const { c } = await connected({ timeoutMs: 300 });
    sandbox.queueFault({ kind: 'slow-body', delayMs: 2000 });
    const started = Date.now();
    const [o] = await c.execute([...read]);
    expect(o.ok).toBe(true);
    expect(c.stats.retries).toBe(1);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('honours Retry-After in seconds', async () => {
    const { c, events } = await connected();
    sandbox.queueFault({ kind: 'http-status', status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const [o] = await c.execute([...read]);
    expect(o.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 1000 });
  });

  it('caps a long Retry-After', async () => {
    const { c, events } = await connected({ retry: { baseDelayMs: 1, maxRetryAfterMs: 50 } });
    sandbox.queueFault({ kind: 'http-status', status: 503, retryAfterSeconds: 3600 });
    const [o] = await c.execute([...read]);
    expect(o.ok).toBe(true);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 50 });
  });

  it('stops after maxAttempts and reports the last error with the attempts made', async () => {
    const { c } = await connected({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    sandbox.queueFault({ kind: 'http-status', status: 503, body: 'html' }, { times: 10 });
    const start = sandbox.stats.requests;
    const outcomes = await c.execute([{ function: 'get_applications' }, { function: 'readEntityDetails' }]);
    expect(requestsSince(start)).toBe(3);
    for (const o of outcomes) {
      expect(errorOf(o)).toBeInstanceOf(HttpError);
      expect(errorOf(o).message).toBe('HTTP 503 from the gateway (text/html; charset=utf-8): an HTML page (proxy or gateway error page) (gave up after 3 attempts)');
    }
  });

  it('stops when the overall deadline would be passed', async () => {
    const { c } = await connected({ deadlineMs: 400, retry: { maxAttempts: 50, baseDelayMs: 100, maxDelayMs: 100, random: () => 1 } });
    sandbox.queueFault({ kind: 'reset' }, { times: 50 });
    const started = Date.now();
    const [o] = await c.execute([...read]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errorOf(o).message).toMatch(/gave up after [2-5] attempts/);
  });

  it('times out each attempt of a body that never completes, within the attempt limit', async () => {
    const { c } = await connected({ timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    sandbox.queueFault({ kind: 'slow-body', delayMs: 5000 }, { times: 2 });
    const started = Date.now();
    const [o] = await c.execute([...read]);
    expect(errorOf(o)).toBeInstanceOf(TimeoutError);
    expect(errorOf(o).message).toMatch(/within 200 ms.*gave up after 2 attempts/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('no retries for errors that will not go away', () => {
  it('does not retry a plain 4xx', async () => {
    const { c } = await connected();
    sandbox.queueFault({ kind: 'http-status', status: 400, body: 'empty' }, { times: 3 });
    const start = sandbox.stats.requests;
    const [o] = await c.execute([...read]);
    expect(errorOf(o)).toMatchObject({ kind: 'http', status: 400, retryable: false });
    expect(requestsSince(start)).toBe(1);
    expect(c.stats.retries).toBe(0);
  });

  it('does not retry a function error', async () => {
    const { c } = await connected();
    const start = sandbox.stats.requests;
    const [o] = await c.execute([{ function: 'lookup', object: 'NOSUCHOBJECT' }]);
    expect(errorOf(o)).toMatchObject({ kind: 'function' });
    expect(requestsSince(start)).toBe(1);
  });
});

describe('throttling reported in the body', () => {
  it('retries when the gateway says "API rate limit exceeded" with HTTP 200', async () => {
    let calls = 0;
    const peer = await startRawPeer((_req, body, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      if (body.includes('<getAPISession')) return res.end(sessionResponse(peer.endpoint, functionControlIds(body)[0]));
      calls += 1;
      if (calls === 1) {
        return res.end('<response><control><status>failure</status></control><errormessage><error><errorno>XL03000010</errorno><description>API rate limit exceeded</description><description2/><correction/></error></errormessage></response>');
      }
      const [id] = functionControlIds(body);
      return res.end(okResponse(`<result><status>success</status><function>get_applications</function><controlid>${id}</controlid><data><application>GL</application></data></result>`));
    });
    const c = new IntacctClient({ endpoint: peer.endpoint, credentials: PEER_CREDENTIALS, retry: { baseDelayMs: 1 } });
    try {
      const [o] = await c.execute([...read]);
      expect(o.ok).toBe(true);
      expect(c.stats.retries).toBe(1);
    } finally {
      await c.close();
      await peer.close();
    }
  });
});

describe('backoff arithmetic', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 };
  it('grows exponentially with full jitter and a ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
