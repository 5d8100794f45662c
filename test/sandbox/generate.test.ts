/**
 * The company generator (reproducible, proportionate, with a small share of problems and at least
 * a full sample of each problem kind at any size), the cost model's arithmetic and rows-examined
 * accounting, and fixture loading with clear errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listCompanies, loadCompany, FixtureError } from '../../src/sandbox/companies.js';
import { modelledServerTimeMs, functionServerMs } from '../../src/sandbox/cost.js';
import { runAuditWithFacts } from '../../src/audit/audit.js';
import type { RecordSample } from '../../src/facts/index.js';
import { generateCompany, MIN_EXAMPLES, recordCount } from '../../src/sandbox/generate.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { call, one, queryXml, rbqXml, smallCompany, FIXTURE_PATH } from './helpers.js';

describe('generateCompany', () => {
  const base = smallCompany();
  const a = generateCompany({ invoices: 2000, seed: 11, base });

  test('the same seed gives the same records; another seed differs', () => {
    const b = generateCompany({ invoices: 2000, seed: 11, base });
    const c = generateCompany({ invoices: 2000, seed: 12, base });
    for (const name of ['ARINVOICE', 'CUSTOMER', 'APBILL', 'ARPYMT', 'GLDETAIL', 'AUDITHISTORY']) {
      expect(JSON.stringify(b.objects[name]!.records)).toBe(JSON.stringify(a.objects[name]!.records));
    }
    expect(JSON.stringify(c.objects.ARINVOICE!.records)).not.toBe(JSON.stringify(a.objects.ARINVOICE!.records));
  });

  test('counts are proportionate to the number of invoices, with floors for small companies', () => {
    const objects = ['ARINVOICE', 'CUSTOMER', 'VENDOR', 'APBILL', 'ARPYMT', 'APPYMT', 'GLDETAIL', 'ARADJUSTMENT', 'AUDITHISTORY'];
    // Invoices and bills, not counting the records that zero out the reversed ones.
    const documents = (c: CompanyFixture, n: string) => [...c.objects[n]!.records].filter((r) => r.STATE !== 'Reversal').length;
    const countsOf = (c: CompanyFixture) => ({ ...Object.fromEntries(objects.map((n) => [n, recordCount(c.objects[n])])), ARINVOICE: documents(c, 'ARINVOICE'), APBILL: documents(c, 'APBILL') });
    expect(countsOf(generateCompany({ invoices: 20_000, seed: 1, base }))).toEqual({
      ARINVOICE: 20_000, CUSTOMER: 1000, VENDOR: 400, APBILL: 8000, ARPYMT: 14_000, APPYMT: 6400, GLDETAIL: 20_000, ARADJUSTMENT: 200, AUDITHISTORY: 200,
    });
    // Small companies keep enough contacts and audit rows for the seeded problems.
    expect(countsOf(a)).toEqual({ ARINVOICE: 2000, CUSTOMER: 100, VENDOR: 100, APBILL: 800, ARPYMT: 1400, APPYMT: 640, GLDETAIL: 2000, ARADJUSTMENT: 20, AUDITHISTORY: 200 });
    // Each reversed document has exactly one record that zeroes it out: same number, negated total.
    const inv = [...a.objects.ARINVOICE!.records];
    const reversed = inv.filter((r) => r.STATE === 'Reversed');
    const zeroing = inv.filter((r) => r.STATE === 'Reversal');
    expect(zeroing.map((r) => r.RECORDID)).toEqual(reversed.map((r) => r.RECORDID));
    for (const [k, z] of zeroing.entries()) expect(Number(z.TOTALENTERED)).toBeCloseTo(-Number(reversed[k]!.TOTALENTERED), 2);
    expect(a.objects.ARINVOICE!.records.length).toBe(2000 + zeroing.length);
    expect(recordCount(generateCompany({ invoices: 50_000, seed: 1, base }).objects.CUSTOMER)).toBe(2500);
  });

  test('configuration comes from the base company; records are consistent', () => {
    expect(a.preferences).toEqual(base.preferences);
    expect(a.applications).toEqual(base.applications);
    const inv = [...a.objects.ARINVOICE!.records];
    for (const r of inv) {
      if (r.STATE !== 'Reversed' && r.STATE !== 'Reversal') expect(Number(r.TOTALDUE)).toBeCloseTo(Number(r.TOTALENTERED) - Number(r.TOTALPAID), 2);
      expect(r.WHENCREATED).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    }
  });

  test('a realistic small share of problems in a large company', () => {
    // Read straight from the generated columns (numbers and dictionary codes, as the sandbox's
    // filters do): a large company's rows are never materialised.
    const big = generateCompany({ invoices: 100_000, seed: 3, base });
    type Value = (field: string) => string | number | null;
    const share = (company: CompanyFixture, object: string, pred: (v: Value) => boolean): number => {
      const table = company.objects[object]!.table!;
      let hits = 0;
      for (let i = 0; i < table.size; i++) {
        const v: Value = (f) => {
          const col = table.columns[f]!;
          return col.dictionary ? col.dictionary.values[col.dictionary.code(i)]! : col.number ? col.number(i) : col.text(i);
        };
        if (pred(v)) hits++;
      }
      return hits / table.size;
    };
    const between = (x: number, lo: number, hi: number) => {
      expect(x).toBeGreaterThan(lo);
      expect(x).toBeLessThan(hi);
    };
    const syncFrom = Date.UTC(2018, 0, 1) / 86400000; // date columns count days
    const baseCurrency = big.financialSetup.baseCurrency;
    between(share(big, 'ARINVOICE', (v) => (v('TOTALENTERED') as number) < 0), 0.002, 0.01);
    between(share(big, 'ARINVOICE', (v) => v('CURRENCY') !== baseCurrency), 0.01, 0.1);
    between(share(big, 'ARINVOICE', (v) => v('SUPDOCID') !== null), 0.005, 0.05);
    between(share(big, 'ARINVOICE', (v) => v('TOTALDUE') !== 0), 0.03, 0.3);
    between(share(big, 'ARINVOICE', (v) => v('TOTALDUE') !== 0 && (v('WHENCREATED') as number) < syncFrom), 0, 0.005);
    between(share(big, 'APBILL', (v) => (v('TOTALENTERED') as number) < 0), 0.001, 0.01);
    between(share(big, 'CUSTOMER', (v) => v('STATUS') === 'inactive'), 0.02, 0.1);
    between(share(big, 'VENDOR', (v) => v('CURRENCY') !== baseCurrency), 0.01, 0.1);
    between(share(big, 'ARPYMT', (v) => (v('RECORDTYPE') === 'rp' || v('RECORDTYPE') === 'rr') && v('TOTALDUE') !== 0), 0.002, 0.03);
    // GL detail as on a real ledger: most lines are sub-ledger postings naming a customer or vendor;
    // lines entered in General Ledger that name one are rare.
    const namesParty = (v: Value) => v('CUSTOMERID') !== null || v('VENDORID') !== null;
    between(share(big, 'GLDETAIL', (v) => namesParty(v) && v('MODULEKEY') !== '2.GL'), 0.8, 0.95);
    between(share(big, 'GLDETAIL', (v) => namesParty(v) && v('MODULEKEY') === '2.GL'), 0.0005, 0.005);
    between(share(big, 'GLDETAIL', (v) => v('MODULEKEY') === '11.CM'), 0.01, 0.05);
  });

  describe(`at least ${MIN_EXAMPLES} examples of each problem kind, even in a small company`, () => {
    type Row = Record<string, string | null>;
    const small = generateCompany({ invoices: 1000, seed: 42 });
    const rows = (object: string): Row[] => [...small.objects[object]!.records];
    const base = small.financialSetup.baseCurrency;
    const foreign = (r: Row) => r.CURRENCY !== null && r.CURRENCY !== base;
    const count = (object: string, pred: (r: Row) => boolean) => rows(object).filter(pred).length;

    const kinds: [label: string, object: string, matches: (r: Row) => boolean][] = [
      ['negative invoices', 'ARINVOICE', (r: Row) => Number(r.TOTALENTERED) < 0],
      ['negative bills', 'APBILL', (r: Row) => Number(r.TOTALENTERED) < 0],
      ['foreign-currency customers', 'CUSTOMER', foreign],
      ['foreign-currency vendors', 'VENDOR', foreign],
      ['foreign-currency invoices', 'ARINVOICE', foreign],
      ['foreign-currency bills', 'APBILL', foreign],
      ['inactive customers', 'CUSTOMER', (r: Row) => r.STATUS === 'inactive'],
      ['inactive vendors', 'VENDOR', (r: Row) => r.STATUS === 'inactive'],
      ['unapplied overpayments and advances', 'ARPYMT', (r: Row) => ['rp', 'rr'].includes(r.RECORDTYPE!) && Number(r.TOTALDUE) !== 0],
      ['invoices with attachments', 'ARINVOICE', (r: Row) => r.SUPDOCID !== null],
      ['bills with attachments', 'APBILL', (r: Row) => r.SUPDOCID !== null],
      ['open invoices from before 2018', 'ARINVOICE', (r: Row) => Number(r.TOTALDUE) !== 0 && Number(r.WHENCREATED!.slice(-4)) < 2018],
      ['open bills from before 2018', 'APBILL', (r: Row) => Number(r.TOTALDUE) !== 0 && Number(r.WHENCREATED!.slice(-4)) < 2018],
      ['lines of journal entries entered in General Ledger naming a customer or vendor', 'GLDETAIL', (r: Row) => r.MODULEKEY === '2.GL' && (r.CUSTOMERID !== null || r.VENDORID !== null)],
      ['inactive foreign-currency customers', 'CUSTOMER', (r: Row) => foreign(r) && r.STATUS === 'inactive'],
      ['inactive foreign-currency vendors', 'VENDOR', (r: Row) => foreign(r) && r.STATUS === 'inactive'],
      ['active foreign-currency customers', 'CUSTOMER', (r: Row) => foreign(r) && r.STATUS === 'active'],
      ['reversed invoices', 'ARINVOICE', (r: Row) => r.STATE === 'Reversed'],
      ['reversed bills', 'APBILL', (r: Row) => r.STATE === 'Reversed'],
      ['records zeroing out a reversed invoice', 'ARINVOICE', (r: Row) => r.STATE === 'Reversal' && Number(r.TOTALENTERED) < 0],
      ...['customer', 'vendor', 'arinvoice', 'apbill'].map(
        (type) => [`deleted ${type} records in the audit trail`, 'AUDITHISTORY', (r: Row) => r.ACCESSMODE === 'D' && r.OBJECTTYPE === type] as [string, string, (r: Row) => boolean],
      ),
    ];
    test.each(kinds)('%s', (_label, object, pred) => {
      expect(count(object, pred)).toBeGreaterThanOrEqual(MIN_EXAMPLES);
    });

    test('seeded foreign-currency transactions belong to foreign-currency contacts; open items stay consistent', () => {
      const customerCurrency = new Map(rows('CUSTOMER').map((c) => [c.CUSTOMERID, c.CURRENCY]));
      for (const r of rows('ARINVOICE')) {
        expect(r.CURRENCY).toBe(customerCurrency.get(r.CUSTOMERID));
        expect(Number(r.TOTALDUE)).toBeCloseTo(r.STATE === 'Reversed' || r.STATE === 'Reversal' ? 0 : Number(r.TOTALENTERED) - Number(r.TOTALPAID), 2);
      }
      // Customer balances still add up with the seeded rows.
      const due = new Map<string | null, number>();
      for (const r of rows('ARINVOICE')) due.set(r.CUSTOMERID, (due.get(r.CUSTOMERID) ?? 0) + Number(r.TOTALDUE));
      for (const c of rows('CUSTOMER')) expect(Number(c.TOTALDUE)).toBeCloseTo(due.get(c.CUSTOMERID) ?? 0, 1);
    });

    test("a full audit finds a full sample for every data check's query", async () => {
      const sb = await startSandbox({ company: small });
      try {
        const run = await runAuditWithFacts({ connection: { endpoint: sb.endpoint, credentials: { ...sb.credentials } } });
        const samples = run.store
          .entries()
          // Samples of generated objects (set-up objects such as account labels come from the base company).
          .filter((e) => e.key.startsWith('sample:') && small.objects[e.result.request.object ?? '']?.table !== undefined)
          .map((e) => {
            if (!e.result.ok) throw new Error(`${e.key} failed: ${e.result.error.message}`);
            const v = e.result.value as RecordSample;
            return { key: e.key, count: v.count, sampled: v.sample.length };
          });
        // Every data check's records (negative, foreign-currency, inactive, unapplied, attached, deleted, journal lines).
        expect(samples.length).toBeGreaterThanOrEqual(14);
        expect(samples.filter((s) => s.count < MIN_EXAMPLES || s.sampled !== MIN_EXAMPLES)).toEqual([]);
      } finally {
        await sb.close();
      }
    }, 30_000);
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
      // Every AR invoice row, the records zeroing out reversed ones included.
      const invoiceRows = recordCount(company.objects.ARINVOICE);
      expect(invoiceRows).toBeGreaterThan(3000);
      expect(rows).toEqual([invoiceRows, 150, 0, 0]);
      expect(sb.stats.modelledServerMs).toBeCloseTo(modelledServerTimeMs([invoiceRows, 150, 0, 0]), 9);
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
