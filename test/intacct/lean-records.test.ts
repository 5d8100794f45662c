/**
 * The lean record reader (`execute(fns, { onRecord })`): records handed over one at a time give
 * exactly what the usual parser gives, over real HTTP against the sandbox; a broken body is
 * refused as a whole (a cut-off page never reads as fewer records), and nothing is handed over
 * for a response the client retries.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { IntacctClient, MalformedResponseError } from '../../src/intacct/index.js';
import type { ReadFunction, XmlRecord } from '../../src/intacct/functions.js';
import { scanRecords, splitRecords } from '../../src/intacct/record-scan.js';
import { buildRequest } from '../../src/intacct/envelope.js';
import { interpretResponse, parseXmlDocument } from '../../src/intacct/response.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { clientTestCompany } from './company.js';
import { PEER_CREDENTIALS, functionControlIds, okResponse, sessionResponse, startRawPeer, type RawPeer } from './peer.js';

describe('records handed over one at a time equal the parsed records', () => {
  let sandbox: Sandbox;
  let client: IntacctClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ company: clientTestCompany() });
    client = new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials });
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
    await sandbox.close();
  });

  it('for queries, a failing function and other reads in one request', async () => {
    const fns: ReadFunction[] = [
      { function: 'query', object: 'CUSTOMER', select: ['CUSTOMERID', 'NAME', 'STATUS', 'WHENMODIFIED'], orderBy: [{ field: 'CUSTOMERID', descending: true }], pageSize: 200 },
      { function: 'query', object: 'CUSTOMER', select: ['CUSTOMERID', 'NAME'], pageSize: 100, offset: 200 },
      { function: 'query', object: 'VENDOR', select: ['VENDORID'], pageSize: 10 },
      { function: 'get_companyprefs', application: 'AR' },
    ];
    const parsed = await client.execute(fns);
    const handed: XmlRecord[][] = fns.map(() => []);
    const lean = await client.execute(fns, { onRecord: (i, rec) => handed[i]!.push(rec) });
    expect(lean.map((o) => o.ok)).toEqual([true, true, false, true]);
    for (const [i, outcome] of parsed.entries()) {
      const other = lean[i]!;
      if (!outcome.ok || !other.ok) {
        expect(other.ok).toBe(outcome.ok);
        continue;
      }
      expect(outcome.data.records.length).toBeGreaterThan(0);
      expect(handed[i]).toEqual(outcome.data.records);
      // Counts and paging attributes are the same; only the records were not collected.
      expect(other.data).toEqual({ ...outcome.data, records: [] });
    }
    expect(handed[0]![0]).toMatchObject({ $element: 'CUSTOMER', CUSTOMERID: 'C0250', NAME: 'Customer 250 & Sons <Ltd>' });
  });

  it("the client's records (read by the scanner) equal the usual parser's reading of the same answer", async () => {
    const fns: ReadFunction[] = [
      { function: 'query', object: 'CUSTOMER', select: ['CUSTOMERID', 'NAME', 'STATUS', 'WHENMODIFIED'], orderBy: [{ field: 'CUSTOMERID', descending: true }], pageSize: 200 },
      { function: 'readByQuery', object: 'CUSTOMER', fields: ['CUSTOMERID', 'NAME'], query: '', pageSize: 30 },
      { function: 'get_companyprefs', application: 'AR' },
      { function: 'inspect', object: 'CUSTOMER', detail: true },
    ];
    const outcomes = await client.execute(fns);
    // The same functions, sent by hand, and the whole answer read by the usual parser.
    const { senderId, senderPassword, companyId, userId, userPassword } = sandbox.credentials;
    const items = fns.map((fn, i) => ({ controlId: `c${i}`, fn }));
    const body = buildRequest({ sender: { senderId, senderPassword }, controlId: 'raw', auth: { type: 'login', userId, companyId, password: userPassword }, functions: items });
    const res = await fetch(sandbox.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
    const usual = interpretResponse(parseXmlDocument(await res.text(), { status: res.status, contentType: 'text/xml' }), (t) => t);
    for (const [i, outcome] of outcomes.entries()) {
      const entry = usual.results.get(`c${i}`);
      expect(outcome.ok).toBe(entry?.ok);
      if (outcome.ok && entry?.ok) {
        expect(outcome.data.records.length).toBeGreaterThan(0);
        // resultId names each readByQuery's own cursor: the two answers differ there only.
        expect({ ...outcome.data, resultId: undefined }).toEqual({ ...entry.data, resultId: undefined });
      }
    }
  });
});

describe('a broken body is refused whole', () => {
  const good = (records: string) =>
    okResponse(`<result><status>success</status><function>query</function><controlid>C</controlid><data count="2" totalcount="2">${records}</data></result>`);

  it.each([
    ['cut off inside a record', good('<A><X>1</X></A><A><X>2</X>').slice(0, -40)],
    ['a closing tag that does not match', good('<A><X>1</Y></A>')],
    ['a bare ampersand', good('<A><X>Salt & Stone</X></A>')],
    ['a DOCTYPE', `<!DOCTYPE response [<!ENTITY a "b">]>${good('<A><X>&a;</X></A>')}`],
    ['two roots', `${good('<A><X>1</X></A>')}<response/>`],
    ['nesting deeper than the cap', good(`${'<N>'.repeat(80)}${'</N>'.repeat(80)}`)],
    ['an attribute without quotes', good('<A k=1><X>1</X></A>')],
    ['a name that would reach a prototype', good('<A><__proto__>p</__proto__></A>')],
    ['an attribute name that would reach a prototype', good('<A constructor="x"><X>1</X></A>')],
  ])('%s', (_what, body) => {
    expect(() => splitRecords(body)).toThrow(MalformedResponseError);
  });

  it('records with attributes, repeated or nested fields, CDATA and references read as the usual parser reads them', () => {
    const body = good(
      '<A n="1 &amp; 2"><X>a</X></A><A><X>1</X><X>2</X></A><A><X><Y>deep</Y></X></A><A><X><![CDATA[<b>]]> &#233;&lt;</X><toString>t</toString></A><A/>',
    );
    const { skeleton, spans } = splitRecords(body);
    expect(skeleton).toContain('<data count="2" totalcount="2"></data>');
    const got: XmlRecord[] = [];
    scanRecords(body, spans.get('C')!, (r) => got.push(r));
    expect(got).toEqual([
      { $element: 'A', '@n': '1 & 2', X: 'a' },
      { $element: 'A', X: ['1', '2'] },
      { $element: 'A', X: { Y: 'deep' } },
      { $element: 'A', X: '<b> é<', __toString: 't' },
      { $element: 'A' },
    ]);
    const usual = interpretResponse(parseXmlDocument(body, { status: 200, contentType: 'text/xml' }), (t) => t).results.get('C');
    expect(usual?.ok && usual.data.records).toEqual(got);
  });

  it('flat records, then one of another shape mid-page, then flat ones again: each as the usual parser reads it', () => {
    const body = good(
      '<A><X>Smith &amp; Sons</X><Y/><toString>t</toString></A>\n  <A>\n    <X>&#233;t&#xE9;</X>\n    <Y>2 > 1</Y>\n  </A>' +
        '<A><X>1</X><X>2</X></A><A><X>after</X></A><B><B>same name</B></B><A></A><A><X>last</X></A>',
    );
    const { spans } = splitRecords(body);
    const got: XmlRecord[] = [];
    scanRecords(body, spans.get('C')!, (r) => got.push(r));
    expect(got.slice(0, 2)).toEqual([
      { $element: 'A', X: 'Smith & Sons', Y: '', __toString: 't' },
      { $element: 'A', X: 'été', Y: '2 > 1' },
    ]);
    expect(got).toHaveLength(7);
    const usual = interpretResponse(parseXmlDocument(body, { status: 200, contentType: 'text/xml' }), (t) => t).results.get('C');
    expect(usual?.ok && usual.data.records).toEqual(got);
  });
});

describe('over HTTP', () => {
  let peer: RawPeer | undefined;
  let client: IntacctClient | undefined;
  afterEach(async () => {
    await client?.close();
    await peer?.close();
  });

  it('a response retried after throttling hands over the records of the answer that was accepted, once', async () => {
    let calls = 0;
    peer = await startRawPeer((_req, body, res) => {
      const [id] = functionControlIds(body);
      res.writeHead(200, { 'content-type': 'text/xml' });
      if (body.includes('<getAPISession')) return void res.end(sessionResponse(peer!.endpoint, id!));
      calls += 1;
      const records = calls === 1 ? '<A><X>first</X></A>' : '<A><X>second</X></A>';
      const throttled = calls === 1 ? `<result><status>failure</status><function>query</function><controlid>other</controlid><errormessage><error><errorno>GW-0010</errorno><description>Rate limit exceeded</description></error></errormessage></result>` : '';
      res.end(okResponse(`<result><status>success</status><function>query</function><controlid>${id}</controlid><data count="1">${records}</data></result>${throttled}`));
    });
    client = new IntacctClient({ endpoint: peer.endpoint, credentials: PEER_CREDENTIALS, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    await client.connect();
    const got: XmlRecord[] = [];
    const [outcome] = await client.execute([{ function: 'query', object: 'A', select: ['X'] }], { onRecord: (_i, r) => got.push(r) });
    expect(outcome!.ok).toBe(true);
    expect(got).toEqual([{ $element: 'A', X: 'second' }]);
  });

  it('a cut-off page is a failed read, never fewer records', async () => {
    peer = await startRawPeer((_req, body, res) => {
      const [id] = functionControlIds(body);
      res.writeHead(200, { 'content-type': 'text/xml' });
      if (body.includes('<getAPISession')) return void res.end(sessionResponse(peer!.endpoint, id!));
      res.end(okResponse(`<result><status>success</status><function>query</function><controlid>${id}</controlid><data count="2"><A><X>1</X></A><A><X>2</X></A></data></result>`).slice(0, -60));
    });
    client = new IntacctClient({ endpoint: peer.endpoint, credentials: PEER_CREDENTIALS, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    await client.connect();
    const got: XmlRecord[] = [];
    const [outcome] = await client.execute([{ function: 'query', object: 'A', select: ['X'] }], { onRecord: (_i, r) => got.push(r) });
    expect(outcome!.ok).toBe(false);
    expect(outcome!.ok ? undefined : outcome!.error).toBeInstanceOf(MalformedResponseError);
    expect(got).toEqual([]);
  });
});
