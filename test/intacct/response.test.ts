/**
 * Response parsing: data attributes and records as documented, XL03000006 classified by its block
 * and text, permission errors recognised, and — for any input at all — either a result or a typed
 * error (property-based).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { IntacctError, MalformedResponseError } from '../../src/intacct/index.js';
import {
  authenticationError,
  controlError,
  functionError,
  interpretResponse,
  parseXmlDocument,
  type GatewayResponse,
} from '../../src/intacct/response.js';

const ctx = { status: 200, contentType: 'text/xml' };
const identity = (s: string): string => s;
const parse = (xml: string): GatewayResponse => interpretResponse(parseXmlDocument(xml, ctx), identity);

const wrap = (results: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status><senderid>s</senderid><controlid>c</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control>` +
  `<operation><authentication><status>success</status><userid>u</userid><companyid>co</companyid><locationid></locationid><sessiontimestamp>2026-01-01T00:00:00+00:00</sessiontimestamp><sessiontimeout>2026-01-01T01:00:00+00:00</sessiontimeout></authentication>${results}</operation></response>`;

describe('successful results', () => {
  it('maps data attributes and records (values as text, escapes decoded, whitespace and leading zeros kept)', () => {
    const r = parse(
      wrap(
        '<result><status>success</status><function>readByQuery</function><controlid>f1</controlid>' +
          '<data listtype="customer" count="2" totalcount="5" numremaining="3" resultId="RID-1">' +
          '<customer><RECORDNO>007</RECORDNO><NAME> Smith &amp; Sons &#x41;&#66; </NAME><SUPDOCID></SUPDOCID></customer>' +
          '<customer><RECORDNO>8</RECORDNO><NAME>&lt;b&gt;</NAME><SUPDOCID/></customer></data></result>',
      ),
    );
    const entry = r.results.get('f1');
    expect(entry).toEqual({
      ok: true,
      functionName: 'readByQuery',
      data: {
        listType: 'customer',
        count: 2,
        totalCount: 5,
        numRemaining: 3,
        resultId: 'RID-1',
        records: [
          { $element: 'customer', RECORDNO: '007', NAME: ' Smith & Sons AB ', SUPDOCID: '' },
          { $element: 'customer', RECORDNO: '8', NAME: '<b>', SUPDOCID: '' },
        ],
      },
    });
    expect(r.authentication).toMatchObject({ userId: 'u', companyId: 'co', sessionTimeout: '2026-01-01T01:00:00+00:00' });
  });

  it('keeps nested structures, repeated elements as lists and attributes under @name', () => {
    const r = parse(
      wrap(
        '<result><status>success</status><function>lookup</function><controlid>f1</controlid><data listtype="All" count="1">' +
          '<Type Name="ARINVOICE" DocumentType=""><Fields><Field><ID>STATE</ID><VALIDVALUES><VALIDVALUE>Posted</VALIDVALUE><VALIDVALUE>Paid</VALIDVALUE></VALIDVALUES></Field>' +
          '<Field><ID>RECORDNO</ID><VALIDVALUES/></Field></Fields></Type></data></result>',
      ),
    );
    const data = r.results.get('f1');
    expect(data?.ok && data.data.records[0]).toEqual({
      $element: 'Type',
      '@Name': 'ARINVOICE',
      '@DocumentType': '',
      Fields: {
        Field: [
          { ID: 'STATE', VALIDVALUES: { VALIDVALUE: ['Posted', 'Paid'] } },
          { ID: 'RECORDNO', VALIDVALUES: '' },
        ],
      },
    });
  });

  it('reads the legacy get_list paging element', () => {
    const r = parse(
      wrap('<result><status>success</status><function>get_list</function><controlid>f1</controlid><listtype start="0" end="1" total="9">supdoc</listtype><data><supdoc><supdocid>A</supdocid></supdoc><supdoc><supdocid>B</supdocid></supdoc></data></result>'),
    );
    const e = r.results.get('f1');
    expect(e?.ok && e.data).toMatchObject({ listType: 'supdoc', totalCount: 9, offset: 0 });
    expect(e?.ok && e.data.records.map((x) => x.supdocid)).toEqual(['A', 'B']);
  });

  it('never lets element names such as __proto__ or constructor touch object prototypes', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      let records: unknown;
      try {
        const e = parse(wrap(`<result><status>success</status><function>x</function><controlid>f1</controlid><data><r><${name}><polluted>yes</polluted></${name}></r></data></result>`)).results.get('f1');
        records = e?.ok ? e.data.records : undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedResponseError); // refused by the parser: also fine
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      if (records) expect(Object.getPrototypeOf((records as object[])[0])).toBe(Object.prototype);
    }
  });
});

describe('failures', () => {
  const err = (errorno: string, description: string, description2 = '', correction = '') =>
    `<errormessage><error><errorno>${errorno}</errorno><description>${description}</description><description2>${description2}</description2><correction>${correction}</correction></error></errormessage>`;

  it.each([
    ['Incorrect Intacct XML Partner ID or password.', 'sender-credentials'],
    ['Sign-in information is incorrect', 'sender-credentials'],
    ['Invalid Web Services Authorization', 'sender-not-authorised'],
  ])('classifies XL03000006 "%s" in the control block as %s', (description, reason) => {
    const r = parse(`<response><control><status>failure</status></control>${err('XL03000006', description)}</response>`);
    expect(r.controlFailure).toBeDefined();
    expect(controlError(r.controlFailure!.errors).reason).toBe(reason);
  });

  it.each([
    ['Invalid Web Services Authorization', "The sender ID 'x' is not authorized for company 'Y'", 'sender-not-authorised'],
    ['Sign-in information is incorrect', '', 'user-credentials'],
    ['Sign-in information is incorrect', "Entity 'E9' does not exist", 'entity'],
    ['Invalid session', 'The session ID is not valid or has expired.', 'user-credentials'],
  ])('classifies XL03000006 "%s / %s" in the authentication block as %s', (description, description2, reason) => {
    const r = parse(
      `<response><control><status>success</status></control><operation><authentication><status>failure</status><userid>u</userid><companyid>c</companyid></authentication>${err('XL03000006', description, description2)}</operation></response>`,
    );
    expect(r.authFailure).toBeDefined();
    const e = authenticationError(r.authFailure!.errors);
    expect(e.reason).toBe(reason);
    expect(e.message).not.toMatch(/\n/);
  });

  it.each([
    ['You do not have permission for API operation QUERY on objects of type vendor', true],
    ['User is not authorized to perform this operation', true],
    ['Object definition VENDOR9 not found', false],
  ])('recognises permission errors: "%s" → %s', (description2, permission) => {
    const r = parse(wrap(`<result><status>failure</status><function>query</function><controlid>f1</controlid>${err('BL34000061', '', description2)}</result>`));
    const entry = r.results.get('f1');
    if (!entry || entry.ok) throw new Error('expected failure');
    const e = functionError(entry, { function: 'query' });
    expect(e.permission).toBe(permission);
    if (!permission) expect(e.object).toBe('VENDOR9');
  });

  it('keeps chained errors and reports the first as the main one', () => {
    const r = parse(
      wrap(
        '<result><status>failure</status><function>query</function><controlid>f1</controlid><errormessage>' +
          '<error><errorno>Query Failed</errorno><description/><description2>Unknown field X</description2><correction>Use lookup</correction></error>' +
          '<error><errorno>BL1</errorno><description/><description2>Could not run query.</description2><correction/></error></errormessage></result>',
      ),
    );
    const entry = r.results.get('f1');
    if (!entry || entry.ok) throw new Error('expected failure');
    const e = functionError(entry, { function: 'query', object: 'CUSTOMER' });
    expect(e).toMatchObject({ errorno: 'Query Failed', description2: 'Unknown field X', correction: 'Use lookup' });
    expect(e.errors).toHaveLength(2);
    expect(e.message).toBe('query CUSTOMER failed: Query Failed — Unknown field X — Use lookup — BL1 — Could not run query.');
  });
});

describe('any input', () => {
  const valid = wrap('<result><status>success</status><function>query</function><controlid>f1</controlid><data listtype="CUSTOMER" count="1" totalcount="1" numremaining="0" offset="0"><CUSTOMER><NAME>A</NAME></CUSTOMER></data></result>');

  function outcome(body: string): 'ok' | 'typed' {
    try {
      parse(body);
      return 'ok';
    } catch (e) {
      if (e instanceof IntacctError) return 'typed';
      throw e;
    }
  }

  it('gives a result or a typed error for random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => ['ok', 'typed'].includes(outcome(s))), { numRuns: 300 });
  });

  it('gives a result or a typed error for mutated gateway responses', () => {
    const mutation = fc.record({ at: fc.nat({ max: valid.length }), cut: fc.nat({ max: 20 }), insert: fc.string({ maxLength: 20 }) });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let body = valid;
        for (const m of mutations) body = body.slice(0, m.at) + m.insert + body.slice(m.at + m.cut);
        return ['ok', 'typed'].includes(outcome(body));
      }),
      { numRuns: 500 },
    );
  });

  it('never reports a truncated response as a successful shorter one', () => {
    for (let cut = 1; cut < valid.length; cut++) {
      expect(() => parse(valid.slice(0, cut))).toThrow(MalformedResponseError);
    }
  });
});
