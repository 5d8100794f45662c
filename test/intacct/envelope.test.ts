/** The request envelope: documented shape, every read function, and escaping of every value. */
import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { buildRequest, ConfigurationError, ReadOnlyViolationError, type ReadFunction } from '../../src/intacct/index.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, preserveOrder: false });
const sender = { senderId: 'SENDER', senderPassword: 'sender-pw' };

function build(fn: ReadFunction | ReadFunction[], auth: Parameters<typeof buildRequest>[0]['auth'] = { type: 'session', sessionId: 'SID' }) {
  const fns = Array.isArray(fn) ? fn : [fn];
  const xml = buildRequest({ sender, controlId: 'REQ1', auth, functions: fns.map((f, i) => ({ controlId: `F${i + 1}`, fn: f })) });
  return { xml, doc: parser.parse(xml) as any };
}

/** The XML of the first function's element, without the envelope. */
function fnXml(fn: ReadFunction): string {
  const { xml } = build(fn);
  return xml.slice(xml.indexOf('<function controlid="F1">') + '<function controlid="F1">'.length, xml.lastIndexOf('</function>'));
}

describe('request envelope', () => {
  it('has the documented control block and a login authentication with optional locationid', () => {
    const { doc } = build({ function: 'getAPISession' }, { type: 'login', userId: 'U', companyId: 'CO', password: 'user-pw', locationId: 'E1' });
    expect(doc.request.control).toEqual({
      senderid: 'SENDER',
      password: 'sender-pw',
      controlid: 'REQ1',
      uniqueid: 'false',
      dtdversion: '3.0',
      includewhitespace: 'false',
    });
    expect(doc.request.operation['@transaction']).toBe('false');
    expect(doc.request.operation.authentication).toEqual({ login: { userid: 'U', companyid: 'CO', password: 'user-pw', locationid: 'E1' } });
    expect(doc.request.operation.content.function['@controlid']).toBe('F1');
  });

  it('omits locationid when no entity is given and uses sessionid for session auth', () => {
    expect(build({ function: 'getAPISession' }, { type: 'login', userId: 'U', companyId: 'CO', password: 'p' }).doc.request.operation.authentication)
      .toEqual({ login: { userid: 'U', companyid: 'CO', password: 'p' } });
    expect(build({ function: 'get_applications' }).doc.request.operation.authentication).toEqual({ sessionid: 'SID' });
  });

  it('gives each function its own controlid', () => {
    const { doc } = build([{ function: 'get_applications' }, { function: 'getFinancialSetup' }, { function: 'readEntityDetails' }]);
    expect(doc.request.operation.content.function.map((f: any) => f['@controlid'])).toEqual(['F1', 'F2', 'F3']);
  });

  it.each<[string, ReadFunction, string]>([
    ['getAPISession', { function: 'getAPISession' }, '<getAPISession/>'],
    ['getAPISession at an entity', { function: 'getAPISession', locationId: 'E1' }, '<getAPISession><locationid>E1</locationid></getAPISession>'],
    ['getAPISession back to top level', { function: 'getAPISession', locationId: '' }, '<getAPISession><locationid/></getAPISession>'],
    [
      'readByQuery',
      { function: 'readByQuery', object: 'ARPYMT', fields: ['RECORDNO', 'TOTALDUE'], query: "RECORDTYPE in ('rp','rr') AND TOTALDUE <> 0", pageSize: 1000 },
      "<readByQuery><object>ARPYMT</object><fields>RECORDNO,TOTALDUE</fields><query>RECORDTYPE in (&apos;rp&apos;,&apos;rr&apos;) AND TOTALDUE &lt;&gt; 0</query><pagesize>1000</pagesize></readByQuery>",
    ],
    ['readByQuery all fields, no query', { function: 'readByQuery', object: 'VENDOR', fields: '*', query: '' }, '<readByQuery><object>VENDOR</object><fields>*</fields><query/><pagesize>100</pagesize></readByQuery>'],
    ['readMore', { function: 'readMore', resultId: '7765623330WNQPVm' }, '<readMore><resultId>7765623330WNQPVm</resultId></readMore>'],
    ['read', { function: 'read', object: 'CUSTOMER', keys: ['1', '2'], fields: '*' }, '<read><object>CUSTOMER</object><keys>1,2</keys><fields>*</fields></read>'],
    ['lookup', { function: 'lookup', object: 'SODOCUMENT', docParId: 'Sales Invoice' }, '<lookup><object>SODOCUMENT</object><docparid>Sales Invoice</docparid></lookup>'],
    ['inspect', { function: 'inspect', object: '*' }, '<inspect><object>*</object></inspect>'],
    ['inspect with detail', { function: 'inspect', object: 'APBILL', detail: true }, '<inspect detail="1"><object>APBILL</object></inspect>'],
    ['get_companyprefs', { function: 'get_companyprefs', application: 'AR' }, '<get_companyprefs application="AR"/>'],
    ['get_applications', { function: 'get_applications' }, '<get_applications/>'],
    ['getFinancialSetup', { function: 'getFinancialSetup' }, '<getFinancialSetup/>'],
    ['readEntityDetails', { function: 'readEntityDetails' }, '<readEntityDetails/>'],
    [
      'get_list',
      { function: 'get_list', object: 'supdoc', start: 0, maxItems: 10, showPrivate: true, fields: ['supdocid'] },
      '<get_list object="supdoc" start="0" maxitems="10" showprivate="true"><fields><field>supdocid</field></fields></get_list>',
    ],
  ])('serialises %s', (_name, fn, expected) => {
    expect(fnXml(fn)).toBe(expected);
  });

  it('serialises query with select, every filter operator, and/or nesting, orderby, options, paging', () => {
    const fn: ReadFunction = {
      function: 'query',
      object: 'ARINVOICE',
      select: ['RECORDNO', 'TOTALENTERED'],
      filter: {
        and: [
          { op: 'lessthan', field: 'TOTALENTERED', value: '0' },
          { or: [{ op: 'isnull', field: 'SUPDOCID' }, { op: 'in', field: 'STATE', values: ['Posted', 'Paid'] }] },
          { op: 'between', field: 'WHENCREATED', values: ['01/01/2018', '12/31/2025'] },
          { op: 'notlike', field: 'CUSTOMERNAME', value: 'Test%' },
          { op: 'isnotnull', field: 'CURRENCY' },
        ],
      },
      orderBy: [{ field: 'WHENCREATED', descending: true }, { field: 'RECORDNO' }],
      showPrivate: true,
      caseInsensitive: true,
      pageSize: 2000,
      offset: 4000,
    };
    expect(fnXml(fn)).toBe(
      '<query><object>ARINVOICE</object><select><field>RECORDNO</field><field>TOTALENTERED</field></select>' +
        '<filter><and><lessthan><field>TOTALENTERED</field><value>0</value></lessthan>' +
        '<or><isnull><field>SUPDOCID</field></isnull><in><field>STATE</field><value>Posted</value><value>Paid</value></in></or>' +
        '<between><field>WHENCREATED</field><value>01/01/2018</value><value>12/31/2025</value></between>' +
        '<notlike><field>CUSTOMERNAME</field><value>Test%</value></notlike><isnotnull><field>CURRENCY</field></isnotnull></and></filter>' +
        '<orderby><order><field>WHENCREATED</field><descending/></order><order><field>RECORDNO</field><ascending/></order></orderby>' +
        '<options><caseinsensitive>true</caseinsensitive><showprivate>true</showprivate></options><pagesize>2000</pagesize><offset>4000</offset></query>',
    );
  });

  it('escapes values so that no input can add elements or attributes', () => {
    const evil = '</value></equalto></filter><delete><object>CUSTOMER</object></delete><x a="';
    const { xml, doc } = build({ function: 'query', object: 'CUSTOMER', select: ['NAME'], filter: { op: 'equalto', field: 'NAME', value: evil } });
    expect(xml).not.toContain('<delete>');
    expect(doc.request.operation.content.function.query.filter.equalto.value).toBe(evil);
    const attr = build({ function: 'get_companyprefs', application: 'AR"/><delete/><x y="' });
    expect(attr.xml).not.toContain('<delete/>');
    expect(attr.doc.request.operation.content.function.get_companyprefs['@application']).toBe('AR"/><delete/><x y="');
  });

  it('refuses a non-read function even when called directly', () => {
    expect(() => build({ function: 'delete', object: 'CUSTOMER' } as unknown as ReadFunction)).toThrow(ReadOnlyViolationError);
  });

  it('refuses arguments the gateway would reject, before sending', () => {
    expect(() => build({ function: 'query', object: 'X', select: ['A'], pageSize: 2001 })).toThrow(ConfigurationError);
    expect(() => build({ function: 'readByQuery', object: 'X', fields: '*', query: '', pageSize: 1001 })).toThrow(/1 to 1000/);
    expect(() => build({ function: 'query', object: 'X', select: [] })).toThrow(/select/);
  });

  it.each<[string, unknown, string]>([
    ['"in" with one value', { function: 'query', object: 'X', select: ['A'], filter: { op: 'in', field: 'S', value: 'a' } }, 'query: "filter.values" is missing'],
    ['"between" with three values', { function: 'query', object: 'X', select: ['A'], filter: { op: 'between', field: 'D', values: ['1', '2', '3'] } }, 'query: "filter.values" must be a list of 2 strings for op "between"'],
    ['an unknown operator deep in and/or', { function: 'query', object: 'X', select: ['A'], filter: { and: [{ op: 'isnull', field: 'A' }, { or: [{ op: 'eq', field: 'B', value: '1' }] }] } }, 'query: "filter.and[1].or[0].op" "eq" is not one of'],
    ['a number as a comparison value', { function: 'query', object: 'X', select: ['A'], filter: { op: 'equalto', field: 'A', value: 1 } }, 'query: "filter.value" must be a string for op "equalto"'],
    ['a misspelt member', { function: 'query', object: 'X', select: ['A'], filters: { op: 'isnull', field: 'A' } }, 'query: unknown member "filters"'],
    ['an order without a field', { function: 'query', object: 'X', select: ['A'], orderBy: [{ descending: true }] }, 'query: "orderBy[0].field" is missing'],
    ['a read without fields', { function: 'read', object: 'CUSTOMER', keys: ['1'] }, 'read: "fields" is missing'],
    ['keys that are not text', { function: 'read', object: 'CUSTOMER', keys: [1], fields: '*' }, 'read: "keys" must list at least one key'],
  ])('refuses a function whose members do not have its shape (%s), saying what is wrong', (_label, fn, message) => {
    expect(() => build(fn as ReadFunction)).toThrow(ConfigurationError);
    expect(() => build(fn as ReadFunction)).toThrow(message);
  });
});
