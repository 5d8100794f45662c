/**
 * Hostile and broken gateway responses end in a typed error — never an entity expansion, a hang,
 * a crash or unbounded memory. The peer here is deliberately malicious or broken.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from '@jest/globals';
import { IntacctClient, MalformedResponseError, HttpError, TimeoutError, type ClientOptions } from '../../src/intacct/index.js';
import { PEER_CREDENTIALS, functionControlIds, okResponse, sessionResponse, startRawPeer, type RawHandler, type RawPeer } from './peer.js';

let peer: RawPeer | undefined;
let client: IntacctClient | undefined;
afterEach(async () => {
  await client?.close();
  await peer?.close();
  client = undefined;
  peer = undefined;
});

/** Answer getAPISession normally; hand every other request to `hostile`. */
async function connectTo(hostile: RawHandler, options: Partial<ClientOptions> = {}): Promise<IntacctClient> {
  peer = await startRawPeer((req, body, res, i) => {
    if (body.includes('<getAPISession')) {
      res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' });
      res.end(sessionResponse(peer!.endpoint, functionControlIds(body)[0]));
      return;
    }
    hostile(req, body, res, i);
  });
  client = new IntacctClient({
    endpoint: peer.endpoint,
    credentials: PEER_CREDENTIALS,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 5000,
    ...options,
  });
  await client.connect();
  return client;
}

function failureOf(outcome: Awaited<ReturnType<IntacctClient['execute']>>[number]): Error {
  if (outcome.ok) throw new Error('expected the function to fail');
  return outcome.error;
}

const lookup = { function: 'lookup', object: 'CUSTOMER' } as const;

describe('hostile responses', () => {
  it('refuses a DOCTYPE with entity expansion (billion laughs) without expanding it, and does not retry it', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE response [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>' +
      '<response><control><status>success</status></control><operation><authentication><status>success</status></authentication>' +
      '<result><status>success</status><function>lookup</function><controlid>X</controlid><data><x>&e;&e;&e;&e;</x></data></result></operation></response>';
    const c = await connectTo((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(bomb);
    });
    const [outcome] = await c.execute([lookup]);
    const error = failureOf(outcome);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).reason).toBe('doctype');
    expect(error.message).toMatch(/DOCTYPE/);
    expect(peer!.bodies).toHaveLength(2); // session + one attempt: deterministic, not retried
  });

  it('refuses an external entity (XXE) and never includes local file contents', async () => {
    const c = await connectTo((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><response>&xxe;</response>');
    });
    const error = failureOf((await c.execute([lookup]))[0]);
    expect((error as MalformedResponseError).reason).toBe('doctype');
    expect(error.message).not.toMatch(/root:/);
  });

  it('stops downloading a 50 MB body at the response limit with a typed error', async () => {
    let written = 0;
    let stopped = false;
    const c = await connectTo((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.from(`<r><v>${'x'.repeat(1 << 16)}</v></r>`);
      const total = 50 * 1024 * 1024;
      res.write('<response>');
      const pump = (): void => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('</response>');
      };
      res.on('close', () => {
        stopped = written < total;
      });
      pump();
    });
    const started = Date.now();
    const error = failureOf((await c.execute([lookup]))[0]);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).reason).toBe('too-large');
    expect(error.message).toMatch(/20971520 bytes/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(c.stats.bytesReceived).toBeLessThan(30 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(true);
  });

  it('applies the limit to the decompressed size of a gzip body (zip bomb)', async () => {
    const inflated = Buffer.concat([Buffer.from('<response>'), Buffer.alloc(30 * 1024 * 1024, 'a'), Buffer.from('</response>')]);
    const bomb = gzipSync(inflated);
    const c = await connectTo((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
      res.end(bomb);
    }, { maxResponseBytes: 1024 * 1024 });
    const error = failureOf((await c.execute([lookup]))[0]);
    expect((error as MalformedResponseError).reason).toBe('too-large');
    expect(c.stats.bytesReceived).toBeLessThan(bomb.length + 1);
  });

  it('decompresses a normal gzip response', async () => {
    const c = await connectTo((_req, body, res) => {
      const [id] = functionControlIds(body);
      res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
      res.end(gzipSync(okResponse(`<result><status>success</status><function>lookup</function><controlid>${id}</controlid><data listtype="CUSTOMER" count="1"><Type Name="CUSTOMER"><Fields/></Type></data></result>`)));
    });
    const [outcome] = await c.execute([lookup]);
    expect(outcome.ok && outcome.data.records[0]).toEqual({ $element: 'Type', '@Name': 'CUSTOMER', Fields: '' });
  });

  it('refuses deeply nested elements without overflowing the stack', async () => {
    const depth = 100_000;
    const c = await connectTo((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<response>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</response>`);
    });
    const error = failureOf((await c.execute([lookup]))[0]);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).reason).toBe('too-deep');
  });

  it('names an HTML error page from a proxy by HTTP status and content type, in one line', async () => {
    const c = await connectTo((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html>\n<html><head><title>Access denied</title></head>\n<body>Blocked by proxy</body></html>');
    });
    const error = failureOf((await c.execute([lookup]))[0]);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).reason).toBe('not-xml');
    expect(error.message).toMatch(/HTML page \(HTTP 200, text\/html; charset=utf-8\)/);
    expect(error.message).not.toMatch(/\n/);
  });

  it('treats a 502 HTML page as a retryable HTTP error and reports it after the retries', async () => {
    const c = await connectTo((_req, _body, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1>\n</body></html>');
    });
    const error = failureOf((await c.execute([lookup]))[0]);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(502);
    expect(error.message).toBe('HTTP 502 from the gateway (text/html): an HTML page (proxy or gateway error page) (gave up after 2 attempts)');
    expect(peer!.bodies).toHaveLength(3);
  });

  it('never mistakes a truncated body for a shorter list of records', async () => {
    const c = await connectTo((_req, body, res) => {
      const [id] = functionControlIds(body);
      const full = okResponse(`<result><status>success</status><function>query</function><controlid>${id}</controlid><data listtype="CUSTOMER" count="2" totalcount="2" numremaining="0"><CUSTOMER><NAME>A</NAME></CUSTOMER><CUSTOMER><NAME>B</NAME></CUSTOMER></data></result>`);
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(full.slice(0, full.indexOf('<CUSTOMER><NAME>B')));
    });
    const error = failureOf((await c.execute([{ function: 'query', object: 'CUSTOMER', select: ['NAME'] }]))[0]);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).reason).toBe('invalid-xml');
    expect(peer!.bodies).toHaveLength(3); // retried once (truncation is usually transient)
  });

  it.each([
    ['an empty body', '', /empty body/],
    ['plain text', 'Service temporarily unavailable', /not XML/],
    ['JSON', '{"error":"nope"}', /not XML/],
    ['a different XML document', '<foo><bar/></foo>', /<foo>/],
  ])('rejects %s with a typed error', async (_name, body, pattern) => {
    const c = await connectTo((_req, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(body);
    });
    const error = failureOf((await c.execute([lookup]))[0]);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error.message).toMatch(pattern);
  });

  it('times out a body that trickles in slower than the request timeout', async () => {
    const c = await connectTo((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write('<response>');
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    }, { timeoutMs: 300, retry: { maxAttempts: 1 } });
    const started = Date.now();
    const error = failureOf((await c.execute([lookup]))[0]);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports a function the gateway did not answer, without failing its neighbours', async () => {
    const c = await connectTo((_req, body, res) => {
      const [first] = functionControlIds(body);
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(okResponse(`<result><status>success</status><function>get_applications</function><controlid>${first}</controlid><data><application>GL</application></data></result>`));
    });
    const [a, b] = await c.execute([{ function: 'get_applications' }, { function: 'getFinancialSetup' }]);
    expect(a.ok && a.data.records).toEqual([{ $element: 'application', '#text': 'GL' }]);
    expect((failureOf(b) as MalformedResponseError).reason).toBe('missing-result');
  });

  it('stops paging when a gateway never counts down', async () => {
    let page = 0;
    const c = await connectTo((_req, body, res) => {
      const [id] = functionControlIds(body);
      page += 1;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(okResponse(`<result><status>success</status><function>readMore</function><controlid>${id}</controlid><data listtype="CUSTOMER" count="1" totalcount="3" numremaining="2" resultId="R${page}"><CUSTOMER><NAME>x</NAME></CUSTOMER></data></result>`));
    });
    const pages: unknown[] = [];
    const error = await (async () => {
      for await (const p of c.paginate({ function: 'readByQuery', object: 'CUSTOMER', fields: '*', query: '' })) pages.push(p);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/paging made no progress/);
    expect(pages).toHaveLength(2);
  });
});
