/**
 * The company generator (reproducible, proportionate, with a small share of problems), the cost
 * model's arithmetic and rows-examined accounting, and fixture loading with clear errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listCompanies, loadCompany, FixtureError } from '../../src/sandbox/companies.js';
import { modelledServerTimeMs, functionServerMs } from '../../src/sandbox/cost.js';
import { generateCompany, recordCount } from '../../src/sandbox/generate.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { call, one, queryXml, rbqXml, smallCompany, FIXTURE_PATH } from './helpers.js';

describe('generateCompany', () => {
  const base = smallCompany();
  const a = generateCompany({ invoices: 2000, seed: 11, base });

  test('the same seed gives the same records; another seed differs', () => {
    const b = generateCompany({ invoices: 2000, seed: 11, base });
    const c = generateCompany({ invoices: 2000, seed: 12, base });
    for (const name of ['ARINVOICE', 'CUSTOMER', 'APBILL', 'ARPYMT', 'GLENTRY', 'AUDITHISTORY']) {
      expect(JSON.stringify(b.objects[name]!.records)).toBe(JSON.stringify(a.objects[name]!.records));
    }
    expect(JSON.stringify(c.objects.ARINVOICE!.records)).not.toBe(JSON.stringify(a.objects.ARINVOICE!.records));
  });

  test('counts are proportionate to the number of invoices', () => {
    const counts = Object.fromEntries(['ARINVOICE', 'CUSTOMER', 'VENDOR', 'APBILL', 'ARPYMT', 'APPYMT', 'GLENTRY', 'ARADJUSTMENT'].map((n) => [n, recordCount(a.objects[n])]));
    expect(counts).toEqual({ ARINVOICE: 2000, CUSTOMER: 100, VENDOR: 40, APBILL: 800, ARPYMT: 1400, APPYMT: 640, GLENTRY: 2000, ARADJUSTMENT: 20 });
    expect(a.objects.ARINVOICE!.records.length).toBe(2000);
    expect(recordCount(generateCompany({ invoices: 50_000, seed: 1, base }).objects.CUSTOMER)).toBe(2500);
  });

  test('configuration comes from the base company; records are consistent', () => {
    expect(a.preferences).toEqual(base.preferences);
    expect(a.applications).toEqual(base.applications);
    const inv = [...a.objects.ARINVOICE!.records];
    for (const r of inv) {
      if (r.STATE !== 'Reversed') expect(Number(r.TOTALDUE)).toBeCloseTo(Number(r.TOTALENTERED) - Number(r.TOTALPAID), 2);
      expect(r.WHENCREATED).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    }
  });

  test('a realistic small share of problems', () => {
    const inv = [...a.objects.ARINVOICE!.records];
    const share = (pred: (r: Record<string, string | null>) => boolean) => inv.filter(pred).length / inv.length;
    const negative = share((r) => Number(r.TOTALENTERED) < 0);
    const foreign = share((r) => r.CURRENCY !== r.BASECURR);
    const attached = share((r) => r.SUPDOCID !== null);
    const open = share((r) => Number(r.TOTALDUE) !== 0);
    expect(negative).toBeGreaterThan(0);
    expect(negative).toBeLessThan(0.02);
    expect(foreign).toBeGreaterThan(0);
    expect(foreign).toBeLessThan(0.1);
    expect(attached).toBeGreaterThan(0);
    expect(attached).toBeLessThan(0.05);
    expect(open).toBeGreaterThan(0.03);
    expect(open).toBeLessThan(0.3);
    const pymts = [...a.objects.ARPYMT!.records];
    expect(pymts.some((p) => (p.RECORDTYPE === 'rp' || p.RECORDTYPE === 'rr') && Number(p.TOTALDUE) !== 0)).toBe(true);
    expect([...a.objects.AUDITHISTORY!.records].some((r) => r.ACCESSMODE === 'D' && r.OBJECTTYPE === 'customer')).toBe(true);
    expect([...a.objects.CUSTOMER!.records].some((r) => r.STATUS === 'inactive')).toBe(true);
  });

  test('served by the sandbox: filters agree with the records and customer balances add up', async () => {
    const sb = await startSandbox({ company: a });
    try {
      const inv = [...a.objects.ARINVOICE!.records];
      const neg = await one(sb, queryXml('ARINVOICE', ['RECORDNO'], '<filter><lessthan><field>TOTALENTERED</field><value>0</value></lessthan></filter><pagesize>2000</pagesize>'));
      expect(neg.records.map((r) => r.RECORDNO)).toEqual(inv.filter((r) => Number(r.TOTALENTERED) < 0).map((r) => r.RECORDNO));
      const cust = a.objects.CUSTOMER!.records[7]!;
      const sum = await one(sb, `<query><object>ARINVOICE</object><select><sum>TOTALDUE</sum></select><filter><equalto><field>CUSTOMERID</field><value>${cust.CUSTOMERID}</value></equalto></filter></query>`);
      expect(Number(sum.records[0]!['SUM.TOTALDUE'] || 0)).toBeCloseTo(Number(cust.TOTALDUE), 2);
      // Ordered pages equal a full sort done here (ties in storage order), for numbers and dictionary text.
      const byDue = [...inv].sort((x, y) => Number(y.TOTALDUE) - Number(x.TOTALDUE) || Number(x.RECORDNO) - Number(y.RECORDNO));
      const duePage = await one(sb, queryXml('ARINVOICE', ['RECORDNO'], '<orderby><order><field>TOTALDUE</field><descending/></order></orderby><pagesize>50</pagesize><offset>1900</offset>'));
      expect(duePage.records.map((r) => r.RECORDNO)).toEqual(byDue.slice(1900, 1950).map((r) => r.RECORDNO));
      const byCustomer = [...inv].sort((x, y) => (x.CUSTOMERID! < y.CUSTOMERID! ? -1 : x.CUSTOMERID! > y.CUSTOMERID! ? 1 : Number(x.RECORDNO) - Number(y.RECORDNO)));
      const custPage = await one(sb, queryXml('ARINVOICE', ['RECORDNO'], '<orderby><order><field>CUSTOMERID</field></order></orderby><pagesize>30</pagesize><offset>5</offset>'));
      expect(custPage.records.map((r) => r.RECORDNO)).toEqual(byCustomer.slice(5, 35).map((r) => r.RECORDNO));
      const rbq = await one(sb, rbqXml('ARINVOICE', "STATE = 'Draft'", 'RECORDNO,STATE', 1000));
      expect(Number(rbq.attrs.totalcount)).toBe(inv.filter((r) => r.STATE === 'Draft').length);
    } finally {
      await sb.close();
    }
  });

  test('bad options are refused', () => {
    expect(() => generateCompany({ invoices: 0, seed: 1 })).toThrow(/invoices/);
    expect(() => generateCompany({ invoices: 10, seed: 1.5 })).toThrow(/seed/);
  });
});

describe('cost model', () => {
  test('5 ms per function plus 0.1 ms per 1,000 rows examined, summed over a request', () => {
    expect(functionServerMs(0)).toBe(5);
    expect(functionServerMs(1_000_000)).toBeCloseTo(105, 9);
    expect(modelledServerTimeMs([])).toBe(0);
    expect(modelledServerTimeMs([1000, 0, 2_000_000])).toBeCloseTo(5.1 + 5 + 205, 9);
  });

  test('rows examined: full scans for query/readByQuery/read, the page for readMore, none for metadata', async () => {
    const company = generateCompany({ invoices: 3000, seed: 5, base: smallCompany() });
    const sb = await startSandbox({ company, costModel: true });
    try {
      const first = await call(sb, [queryXml('ARINVOICE', ['RECORDNO'], '<filter><lessthan><field>TOTALENTERED</field><value>0</value></lessthan></filter>'), rbqXml('CUSTOMER', '', 'RECORDNO', 100), '<lookup><object>ARINVOICE</object></lookup>', '<get_companyprefs application="AR"/>']);
      const resultId = first.results[1]!.attrs.resultId!;
      const rows = sb.received.map((r) => r.rowsExamined);
      expect(rows).toEqual([3000, 150, 0, 0]);
      expect(sb.stats.modelledServerMs).toBeCloseTo(modelledServerTimeMs([3000, 150, 0, 0]), 9);
      await call(sb, [`<readMore><resultId>${resultId}</resultId></readMore>`]);
      expect(sb.received[4]!.rowsExamined).toBe(50);
    } finally {
      await sb.close();
    }
  });

  test('the response is held for at least latency + modelled server time', async () => {
    const sb = await startSandbox({ company: smallCompany(), costModel: true, latencyMs: 60 });
    try {
      const t0 = performance.now();
      await call(sb, ['<get_applications/>', '<get_applications/>', '<get_applications/>', '<get_applications/>']);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(60 + 20 - 2);
    } finally {
      await sb.close();
    }
  });
});

describe('loadCompany / listCompanies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sbx-fixtures-'));
  const write = (name: string, data: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
    return file;
  };
  const good = (): Record<string, any> => JSON.parse(JSON.stringify(smallCompany())); // eslint-disable-line @typescript-eslint/no-explicit-any

  test('loads a fixture by path', () => {
    expect(loadCompany(FIXTURE_PATH).company.id).toBe('SBX-TEST');
  });

  test('every shipped company is valid and listed with its description', () => {
    const list = listCompanies();
    for (const c of list) {
      expect(c.description).not.toMatch(/^\(invalid/);
      expect(loadCompany(c.name).description).toBe(c.description);
    }
  });

  test('an unknown name lists the available companies', () => {
    expect(() => loadCompany('no-such-company')).toThrow(/unknown company 'no-such-company'; available: /);
  });

  test.each([
    ['unknown top-level key', (f: Record<string, any>) => (f.prefs = {}), /: prefs is not a known key/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['missing password', (f: Record<string, any>) => delete f.credentials.userPassword, /credentials\.userPassword is missing/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['record with an undeclared field', (f: Record<string, any>) => (f.objects.ARINVOICE.records[1].FOO = 'x'), /objects\.ARINVOICE\.records\[1\]\.FOO is not a field of ARINVOICE/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['number instead of text', (f: Record<string, any>) => (f.objects.CUSTOMER.records[0].TOTALDUE = 100), /records\[0\]\.TOTALDUE must be a string or null/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['entity preferences for an unknown entity', (f: Record<string, any>) => (f.entityPreferences.E9 = {}), /entityPreferences\.E9 names an entity/], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['boolean as text', (f: Record<string, any>) => (f.financialSetup.multiCurrency = 'yes'), /financialSetup\.multiCurrency must be true or false/], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])('a bad fixture fails with one line naming the file and key: %s', (label, mutate, message) => {
    const f = good();
    mutate(f);
    const file = write(`${label.replace(/\W+/g, '-')}.json`, f);
    let error: unknown;
    try {
      loadCompany(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureError);
    const msg = (error as Error).message;
    expect(msg).toContain(file);
    expect(msg).toMatch(message);
    expect(msg).not.toContain('\n');
  });

  test('invalid JSON and missing files', () => {
    const file = write('broken.json', '{"description": ');
    expect(() => loadCompany(file)).toThrow(/is not valid JSON/);
    expect(() => loadCompany(join(dir, 'absent.json'))).toThrow(/does not exist/);
  });
});
