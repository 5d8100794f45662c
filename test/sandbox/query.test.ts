/**
 * Reading data from the sandbox: query filters and readByQuery query strings (tables of cases),
 * typed comparisons of numbers and dates, paging (readMore, offset, totalcount/numremaining),
 * ordering, aggregates, multi-entity visibility, metadata functions and documented errors.
 */
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { call, loginOf, one, queryXml, rbqXml, session } from './helpers.js';
import { smallCompany } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ company: smallCompany() });
});
afterAll(() => sb.close());

const ids = (records: Record<string, string>[], field = 'RECORDNO'): string[] => records.map((r) => r[field]!);
const SHOW_PRIVATE = '<options><showprivate>true</showprivate></options>';

// Top level with showprivate sees all six customers: 1 (shared) 2,3,5 (E1) 4,6 (E2, private).
describe('query filter operators (CUSTOMER, showprivate)', () => {
  const cases: [string, string, string[]][] = [
    ['equalto text', '<equalto><field>CUSTOMERID</field><value>C003</value></equalto>', ['3']],
    ['equalto is case-sensitive', '<equalto><field>NAME</field><value>GAMMA CO</value></equalto>', []],
    ['notequalto skips NULL like SQL', '<notequalto><field>CURRENCY</field><value>USD</value></notequalto>', ['2', '4']],
    ['lessthan number compares numerically', '<lessthan><field>TOTALDUE</field><value>10</value></lessthan>', ['2', '3', '5']],
    ['greaterthan number (not text order)', '<greaterthan><field>TOTALDUE</field><value>50</value></greaterthan>', ['1', '4', '6']],
    ['greaterthanorequalto', '<greaterthanorequalto><field>TOTALDUE</field><value>100</value></greaterthanorequalto>', ['1', '4', '6']],
    ['lessthanorequalto negative', '<lessthanorequalto><field>TOTALDUE</field><value>-5.5</value></lessthanorequalto>', ['5']],
    ['timestamp vs date operand (midnight)', '<lessthan><field>WHENCREATED</field><value>01/01/2024</value></lessthan>', ['2']],
    ['timestamp ordering across years', '<greaterthanorequalto><field>WHENCREATED</field><value>01/01/2024 00:00:00</value></greaterthanorequalto>', ['1', '3', '4', '5', '6']],
    ['between numbers inclusive', '<between><field>TOTALDUE</field><value>0</value><value>100</value></between>', ['1', '2', '3']],
    ['in', '<in><field>CUSTOMERID</field><value>C001</value><value>C006</value><value>C999</value></in>', ['1', '6']],
    ['notin skips NULL', '<notin><field>CURRENCY</field><value>USD</value></notin>', ['2', '4']],
    ['like with % and _', '<like><field>NAME</field><value>_eta%</value></like>', ['2', '6']],
    ['like matches a literal underscore too', '<like><field>NAME</field><value>Epsilon_5%</value></like>', ['5']],
    ['notlike', '<notlike><field>NAME</field><value>%a%</value></notlike>', ['5']],
    ['isnull (null and missing)', '<isnull><field>SUPDOCID</field></isnull>', ['1', '2', '4', '5', '6']],
    ['isnotnull', '<isnotnull><field>SUPDOCID</field></isnotnull>', ['3']],
    ['isnull on a null value', '<isnull><field>CURRENCY</field></isnull>', ['5']],
    ['enum label', '<equalto><field>STATUS</field><value>inactive</value></equalto>', ['2', '6']],
    ['custom field', '<equalto><field>RL_PROPERTY</field><value>P1</value></equalto>', ['1']],
    [
      'and / or nesting',
      '<or><and><equalto><field>STATUS</field><value>active</value></equalto><greaterthan><field>TOTALDUE</field><value>500</value></greaterthan></and><equalto><field>CUSTOMERID</field><value>C002</value></equalto></or>',
      ['2', '4'],
    ],
  ];
  test.each(cases)('%s', async (_label, filter, expected) => {
    const r = await one(sb, queryXml('CUSTOMER', ['RECORDNO'], `<filter>${filter}</filter>${SHOW_PRIVATE}`));
    expect(r.status).toBe('success');
    expect(ids(r.records)).toEqual(expected);
    expect(r.attrs.totalcount).toBe(String(expected.length));
  });

  test('caseinsensitive option', async () => {
    const r = await one(sb, queryXml('CUSTOMER', ['RECORDNO'], `<filter><equalto><field>NAME</field><value>GAMMA CO</value></equalto></filter><options><caseinsensitive>true</caseinsensitive><showprivate>true</showprivate></options>`));
    expect(ids(r.records)).toEqual(['3']);
  });

  test('dates in DATE fields compare as dates, not text (12/31/2023 < 01/02/2024)', async () => {
    const r = await one(sb, queryXml('ARINVOICE', ['RECORDNO'], `<filter><lessthan><field>WHENCREATED</field><value>01/01/2024</value></lessthan></filter><orderby><order><field>WHENCREATED</field></order></orderby>`));
    expect(ids(r.records)).toEqual(['105', '102']);
  });
});

describe('readByQuery query strings (CUSTOMER, top level: private E2 rows hidden)', () => {
  const cases: [string, string[]][] = [
    ['', ['1', '2', '3', '5']],
    ["CUSTOMERID = 'C003'", ['3']],
    ["CUSTOMERID != 'C003' AND CUSTOMERID <> 'C001'", ['2', '5']],
    ['TOTALDUE < 10', ['2', '3', '5']],
    ['TOTALDUE > 50', ['1']],
    ['TOTALDUE >= 0 AND TOTALDUE <= 9.99', ['2', '3']],
    ["STATUS = 'T'", ['1', '3', '5']],
    ["STATUS = 'F'", ['2']],
    ["NAME LIKE 'Beta O\\'%'", ['2']],
    ["name like '%co'", ['3']],
    ["NAME NOT LIKE '%a%'", ['5']],
    ["CUSTOMERID IN ('C001', 'C005', 'C004')", ['1', '5']],
    ["CUSTOMERID NOT IN ('C001')", ['2', '3', '5']],
    ['CURRENCY IS NULL', ['5']],
    ['SUPDOCID IS NOT NULL', ['3']],
    ["(STATUS = 'T' OR STATUS = 'F') AND NOT (TOTALDUE > 0)", ['2', '5']],
    ["STATUS = 'F' OR CUSTOMERID = 'C003' AND TOTALDUE > 100", ['2']],
    ["WHENCREATED < '01/01/2024'", ['2']],
    ["WHENCREATED >= '01/15/2024 10:00:00'", ['1', '3']],
  ];
  test.each(cases)('%s', async (query, expected) => {
    const r = await one(sb, rbqXml('CUSTOMER', query));
    expect(r.status).toBe('success');
    expect(ids(r.records)).toEqual(expected);
    expect(r.attrs).toMatchObject({ listtype: 'customer', totalcount: String(expected.length), numremaining: '0' });
  });

  test('legacy ACCESSMODE word in readByQuery, code in query', async () => {
    const legacy = await one(sb, rbqXml('AUDITHISTORY', "ACCESSMODE = 'Delete'", 'OBJECTDESC,ACCESSMODE'));
    expect(legacy.records).toEqual([{ OBJECTDESC: 'C007', ACCESSMODE: 'D' }]);
    const q = await one(sb, queryXml('AUDITHISTORY', ['OBJECTDESC'], '<filter><equalto><field>ACCESSMODE</field><value>D</value></equalto></filter>'));
    expect(q.records).toEqual([{ OBJECTDESC: 'C007' }]);
  });

  test.each([["CUSTOMERID = 'C001", /unterminated/], ["CUSTOMERID = 'C001' AND", /end of the query/], ['CUSTOMERID C001', /operator/], ["TOTALDUE > 'abc'", /Invalid value/], ["WHENCREATED > '13/45/2024'", /timestamp/], ["WHENCREATED > '2024-01-31'", /MM\/DD\/YYYY/]])(
    'a bad query string fails with Query Failed: %s',
    async (query, message) => {
      const r = await one(sb, rbqXml('CUSTOMER', query));
      expect(r.status).toBe('failure');
      expect(r.errors[0]!.errorno).toBe('Query Failed');
      expect(r.errors[0]!.description2).toMatch(message);
    },
  );
});

describe('paging', () => {
  test('readByQuery pages with resultId and readMore until numremaining is 0', async () => {
    const first = await one(sb, rbqXml('CUSTOMER', '', 'RECORDNO,NAME', 3));
    expect(first.attrs).toMatchObject({ count: '3', totalcount: '4', numremaining: '1' });
    expect(first.attrs.resultId).not.toBe('');
    const more = await one(sb, `<readMore><resultId>${first.attrs.resultId}</resultId></readMore>`);
    expect(more.attrs).toMatchObject({ count: '1', numremaining: '0', resultId: '' });
    expect(ids([...first.records, ...more.records])).toEqual(['1', '2', '3', '5']);
    const again = await one(sb, `<readMore><resultId>${first.attrs.resultId}</resultId></readMore>`);
    expect(again.status).toBe('failure');
  });

  test('query pages with offset: totalcount, offset, count, numremaining', async () => {
    const page = (offset: number) => one(sb, queryXml('CUSTOMER', ['RECORDNO'], `<orderby><order><field>RECORDNO</field><descending/></order></orderby>${SHOW_PRIVATE}<pagesize>4</pagesize><offset>${offset}</offset>`));
    const a = await page(0);
    expect(a.attrs).toMatchObject({ listtype: 'CUSTOMER', totalcount: '6', offset: '0', count: '4', numremaining: '2' });
    expect(ids(a.records)).toEqual(['6', '5', '4', '3']);
    const b = await page(4);
    expect(b.attrs).toMatchObject({ totalcount: '6', offset: '4', count: '2', numremaining: '0' });
    expect(ids(b.records)).toEqual(['2', '1']);
    const c = await page(10);
    expect(c.attrs).toMatchObject({ count: '0', numremaining: '0' });
  });

  test.each([
    ['query pagesize 2001', queryXml('CUSTOMER', ['RECORDNO'], '<pagesize>2001</pagesize>')],
    ['query pagesize 0', queryXml('CUSTOMER', ['RECORDNO'], '<pagesize>0</pagesize>')],
    ['readByQuery pagesize 1001', rbqXml('CUSTOMER', '', 'RECORDNO', 1001)],
  ])('%s is refused', async (_l, xml) => {
    expect((await one(sb, xml)).status).toBe('failure');
  });

  test('orderby multiple keys, NULLs last ascending', async () => {
    const r = await one(sb, queryXml('CUSTOMER', ['RECORDNO'], `<orderby><order><field>CURRENCY</field><ascending/></order><order><field>TOTALDUE</field><descending/></order></orderby>${SHOW_PRIVATE}`));
    expect(ids(r.records)).toEqual(['2', '4', '6', '1', '3', '5']);
  });
});

describe('aggregates', () => {
  test('count without and with grouping', async () => {
    const all = await one(sb, `<query><object>ARINVOICE</object><select><count>RECORDNO</count></select><options><showprivate>true</showprivate></options></query>`);
    expect(all.records).toEqual([{ 'COUNT.RECORDNO': '5' }]);
    const byState = await one(sb, `<query><object>ARINVOICE</object><select><field>STATE</field><count>RECORDNO</count><sum>TOTALDUE</sum></select><orderby><order><field>STATE</field></order></orderby><options><showprivate>true</showprivate></options></query>`);
    expect(byState.records).toEqual([
      { STATE: 'Draft', 'COUNT.RECORDNO': '1', 'SUM.TOTALDUE': '1000' },
      { STATE: 'Paid', 'COUNT.RECORDNO': '2', 'SUM.TOTALDUE': '0' },
      { STATE: 'Posted', 'COUNT.RECORDNO': '2', 'SUM.TOTALDUE': '74.5' },
    ]);
  });
});

describe('multi-entity visibility', () => {
  test('top level without showprivate hides private-entity rows; with showprivate sees them', async () => {
    expect((await one(sb, queryXml('ARINVOICE', ['RECORDNO']))).attrs.totalcount).toBe('4');
    expect((await one(sb, queryXml('ARINVOICE', ['RECORDNO'], SHOW_PRIVATE))).attrs.totalcount).toBe('5');
  });
  test('an entity session sees its own rows and top-level shared ones', async () => {
    const e2 = await session(sb, 'E2');
    const r = await one(sb, queryXml('CUSTOMER', ['RECORDNO']), { sessionid: e2 });
    expect(ids(r.records)).toEqual(['1', '4', '6']);
    const viaLogin = await one(sb, rbqXml('ARINVOICE', ''), loginOf(sb, 'E1'));
    expect(ids(viaLogin.records)).toEqual(['101', '102', '103', '105']);
  });
  test('readEntityDetails: all entities at top level, one in an entity session', async () => {
    const top = await one(sb, '<readEntityDetails/>');
    expect((top.data.entity as Record<string, string>[]).map((e) => [e.id, e.currency, e.recordno])).toEqual([
      ['E1', 'USD', '11'],
      ['E2', 'GBP', '12'],
    ]);
    const e1 = await one(sb, '<readEntityDetails/>', loginOf(sb, 'E1'));
    expect((e1.data.entity as Record<string, string>[]).map((e) => e.id)).toEqual(['E1']);
  });
  test('get_companyprefs answers from entity preferences in an entity session', async () => {
    const pref = (r: { data: Record<string, unknown[]> }) => Object.fromEntries((r.data.companypref as Record<string, string>[]).map((p) => [p.preference, p.prefvalue]));
    const top = await one(sb, '<get_companyprefs application="AR"/>');
    expect(pref(top)).toEqual({ CUSTOMER_SEQUENCE: 'CUST', ACCOUNT_LABELS: 'false' });
    expect((top.data.companypref![0] as Record<string, string>).application).toBe('AR');
    const e1 = await one(sb, '<get_companyprefs application="AR"/>', loginOf(sb, 'E1'));
    expect(pref(e1)).toEqual({ CUSTOMER_SEQUENCE: 'E1-CUST' });
    const e2 = await one(sb, '<get_companyprefs application="AR"/>', loginOf(sb, 'E2'));
    expect(pref(e2)).toEqual({ CUSTOMER_SEQUENCE: 'CUST', ACCOUNT_LABELS: 'false' });
    expect((await one(sb, '<get_companyprefs application="PO"/>')).attrs.count).toBe('0');
    expect((await one(sb, '<get_companyprefs application="XX"/>')).status).toBe('failure');
  });
});

describe('read, lookup, inspect, get_list', () => {
  test('read by RECORDNO keys with a field list', async () => {
    const r = await one(sb, '<read><object>CUSTOMER</object><keys>3,1,99</keys><fields>RECORDNO,NAME</fields></read>');
    expect(r.records).toEqual([
      { RECORDNO: '1', NAME: 'Alpha Ltd' },
      { RECORDNO: '3', NAME: 'gamma co' },
    ]);
  });
  test('lookup lists standard and custom fields with the documented elements', async () => {
    const r = await one(sb, '<lookup><object>CUSTOMER</object></lookup>');
    const type = r.data.Type![0] as { '@Name': string; Fields: { Field: Record<string, unknown>[] } };
    expect(type['@Name']).toBe('CUSTOMER');
    const fields = type.Fields.Field;
    expect(fields.map((f) => f.ID)).toEqual(['RECORDNO', 'CUSTOMERID', 'NAME', 'STATUS', 'CURRENCY', 'WHENCREATED', 'WHENMODIFIED', 'MEGAENTITYID', 'MEGAENTITYNAME', 'SUPDOCID', 'TOTALDUE', 'RL_PROPERTY']);
    const status = fields.find((f) => f.ID === 'STATUS')!;
    expect(status).toMatchObject({ DATATYPE: 'ENUM', ISCUSTOM: 'false', VALIDVALUES: { VALIDVALUE: ['active', 'inactive'] } });
    expect(fields.find((f) => f.ID === 'RL_PROPERTY')).toMatchObject({ ISCUSTOM: 'true', REQUIRED: 'true', LABEL: 'Property' });
    expect(fields.find((f) => f.ID === 'NAME')).toMatchObject({ REQUIRED: 'false' }); // fixture override
  });
  test("inspect '*' lists every object (also denied ones); inspect detail gives field types", async () => {
    const all = await one(sb, '<inspect><object>*</object></inspect>');
    const names = (all.data.type as Record<string, string>[]).map((t) => t['@typename']);
    expect(names).toEqual(expect.arrayContaining(['CUSTOMER', 'ARINVOICE', 'APBILL', 'SODOCUMENTPARAMS', 'AUDITHISTORY']));
    const detail = await one(sb, '<inspect detail="1"><object>ARINVOICE</object></inspect>');
    const fields = (detail.data.Type![0] as { Fields: { Field: Record<string, string>[] } }).Fields.Field;
    expect(fields.find((f) => f.Name === 'WHENDUE')!.dataType).toBe('DATE');
  });
  test('get_applications and get_list trxcurrencies', async () => {
    expect((await one(sb, '<get_applications/>')).data.application).toEqual(['GL', 'AR', 'AP', 'SO']);
    const p = await call(sb, ['<get_list object="trxcurrencies"/>']);
    const codes = (p.results[0]!.data.trxcurrencies as Record<string, string>[]).map((c) => c.code);
    expect(codes).toEqual(['EUR', 'GBP', 'USD']);
  });
});

describe('documented errors', () => {
  test('unknown object → Object definition X not found', async () => {
    for (const xml of [rbqXml('VENDOR9', ''), queryXml('VENDOR9', ['RECORDNO']), '<lookup><object>VENDOR9</object></lookup>']) {
      const r = await one(sb, xml);
      expect(r.status).toBe('failure');
      expect(r.errors[0]).toMatchObject({ errorno: 'Query Failed', description2: 'Object definition VENDOR9 not found' });
    }
  });
  test('unknown field in select, filter, orderby, fields list', async () => {
    for (const xml of [
      queryXml('CUSTOMER', ['NOPE']),
      queryXml('CUSTOMER', ['RECORDNO'], '<filter><equalto><field>NOPE</field><value>1</value></equalto></filter>'),
      queryXml('CUSTOMER', ['RECORDNO'], '<orderby><order><field>NOPE</field></order></orderby>'),
      rbqXml('CUSTOMER', '', 'RECORDNO,NOPE'),
      rbqXml('CUSTOMER', "NOPE = '1'"),
    ]) {
      const r = await one(sb, xml);
      expect(r.status).toBe('failure');
      expect(r.errors[0]!.description2).toMatch(/Unknown field 'NOPE'/);
    }
  });
  test('a denied object fails every read with a recognisable permission error', async () => {
    for (const xml of [queryXml('APBILL', ['RECORDNO']), rbqXml('APBILL', ''), '<read><object>APBILL</object><keys>1</keys></read>', '<lookup><object>APBILL</object></lookup>']) {
      const r = await one(sb, xml);
      expect(r.status).toBe('failure');
      expect(r.errors[0]!.description2).toMatch(/You do not have permission for API operation \w+ on objects of type apbill/);
    }
  });
  test('a disabled feature object fails without a permission wording', async () => {
    const r = await one(sb, queryXml('ARACCOUNTLABEL', ['RECORDNO']));
    expect(r.status).toBe('failure');
    expect(r.errors[0]!.description).toBe('Feature not enabled');
    expect(JSON.stringify(r.errors)).not.toMatch(/permission/i);
  });
  test('filter structure errors: and with one child, two top-level operators, select empty', async () => {
    const and1 = await one(sb, queryXml('CUSTOMER', ['RECORDNO'], '<filter><and><equalto><field>RECORDNO</field><value>1</value></equalto></and></filter>'));
    expect(and1.errors[0]!.description2).toMatch(/at least two/);
    const two = await one(sb, queryXml('CUSTOMER', ['RECORDNO'], '<filter><equalto><field>RECORDNO</field><value>1</value></equalto><isnull><field>NAME</field></isnull></filter>'));
    expect(two.errors[0]!.description2).toMatch(/exactly one top-level/);
    const none = await one(sb, '<query><object>CUSTOMER</object><select/></query>');
    expect(none.status).toBe('failure');
  });
  test('one failing function does not fail its neighbours', async () => {
    const p = await call(sb, [queryXml('APBILL', ['RECORDNO']), queryXml('CUSTOMER', ['RECORDNO']), rbqXml('NOPE', '')]);
    expect(p.results.map((r) => r.status)).toEqual(['failure', 'success', 'failure']);
    expect(p.results.map((r) => r.controlid)).toEqual(['f1', 'f2', 'f3']);
  });
});
