/** The fact catalogue: canonical keys, the requests sent, and reading the gateway's answers. */
import {
  applications,
  baseCurrencies,
  companyPrefs,
  describeFilter,
  entityDetails,
  financialSetup,
  foreignCurrencyFilter,
  foreignCurrencyFilterFor,
  isUnsubscribed,
  objectLookup,
  objectProbe,
  recordSample,
  syncWindowFilter,
  toIntacctDate,
} from '../../src/facts/index.js';
import type { FunctionData, XmlRecord } from '../../src/intacct/functions.js';
import type { FactLookup, FactResult } from '../../src/model/check.js';
import { readSetting } from '../../src/kit/index.js';
import { catalog } from './helpers.js';

const ctx = { syncFrom: '2018-01-01' };
const none: FactLookup = () => undefined;
const data = (records: XmlRecord[], extra: Partial<FunctionData> = {}): FunctionData => ({ records, ...extra });

describe('fact keys', () => {
  test('the same read gives the same key; a different read a different key', () => {
    expect(companyPrefs('ar').key).toBe(companyPrefs('AR').key);
    expect(companyPrefs('SO').key).not.toBe(companyPrefs('SO', 'E1').key);
    expect(objectLookup('customer').key).toBe(objectLookup('CUSTOMER').key);
    expect(objectProbe('VENDOR').key).not.toBe(objectLookup('VENDOR').key);
    const a = recordSample({ object: 'ARINVOICE', fields: ['RECORDNO', 'CURRENCY'], filter: syncWindowFilter('2018-01-01', { dateField: 'WHENCREATED', openField: 'TOTALDUE' }) });
    const b = recordSample({ object: 'arinvoice', fields: ['CURRENCY', 'RECORDNO', 'CURRENCY'], filter: syncWindowFilter('2018-01-01', { dateField: 'WHENCREATED', openField: 'TOTALDUE' }) });
    const c = recordSample({ object: 'ARINVOICE', fields: ['RECORDNO', 'CURRENCY'], filter: syncWindowFilter('2020-01-01', { dateField: 'WHENCREATED', openField: 'TOTALDUE' }) });
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
    expect(recordSample({ object: 'CUSTOMER', fields: ['RECORDNO'], showPrivate: true }).key).not.toBe(recordSample({ object: 'CUSTOMER', fields: ['RECORDNO'] }).key);
  });

  test('a currency-dependent sample depends on the financial setup and entity facts (and on the subscriptions)', () => {
    const def = recordSample({ object: 'CUSTOMER', fields: ['CURRENCY'], filter: foreignCurrencyFilter() });
    expect(def.dependsOn?.map((d) => d.key).sort()).toEqual([applications().key, entityDetails().key, financialSetup().key].sort());
  });
});

describe('objects of applications the company does not subscribe to', () => {
  const subscribed = (...apps: string[]): FactLookup => (key) => (key === applications().key ? { ok: true, value: apps, request: { function: 'get_applications' } } : undefined);

  test('a bill read settles as not-subscribed without a function when AP is not subscribed; sent as usual when it is', () => {
    const bills = recordSample({ object: 'APBILL', fields: ['RECORDNO'] });
    expect(bills.dependsOn?.map((d) => d.key)).toEqual([applications().key]);
    expect(bills.request(ctx, subscribed('GL', 'AR'))).toEqual({ kind: 'not-subscribed', message: 'Accounts Payable (AP) is not subscribed (get_applications), so APBILL was not read' });
    expect(bills.request(ctx, subscribed('GL', 'AP'))).toMatchObject({ function: 'query', object: 'APBILL' });
    // Customers come with Accounts Receivable or Order Entry.
    expect(recordSample({ object: 'CUSTOMER', fields: ['RECORDNO'] }).request(ctx, subscribed('GL', 'SO'))).toMatchObject({ function: 'query' });
    // A field definition is not a read of records: lookups go out whatever the subscriptions.
    expect(objectLookup('ARINVOICE').dependsOn).toBeUndefined();
  });

  test('General Ledger and platform objects are always read; the key does not change with the gate', () => {
    expect(recordSample({ object: 'GLACCOUNT', fields: ['RECORDNO'] }).dependsOn).toBeUndefined();
    expect(recordSample({ object: 'AUDITHISTORY', fields: ['RECORDNO'] }).dependsOn).toBeUndefined();
    expect(recordSample({ object: 'APBILL', fields: ['RECORDNO'] }).key).toBe('sample:APBILL|where=*|select=RECORDNO|order=-|limit=25');
  });

  test('isUnsubscribed tells a read set aside from a module the gateway refused', () => {
    const setAside = { ok: false as const, error: { kind: 'not-subscribed' as const, message: 'x' }, request: { function: 'get_applications' as const } };
    const refused = { ok: false as const, error: { kind: 'not-subscribed' as const, message: 'x' }, request: { function: 'query' as const, object: 'APBILL' } };
    expect(isUnsubscribed(setAside)).toBe(true);
    expect(isUnsubscribed(refused)).toBe(false);
  });

  test('a field of a related object is read under its dotted name or nested', () => {
    const def = recordSample({ object: 'GLDETAIL', fields: ['RECORDNO', 'JOURNAL.SYMBOL'] });
    const dotted = def.interpret(data([{ RECORDNO: '1', 'JOURNAL.SYMBOL': 'GJ' }], { totalCount: 2 }), ctx, none);
    const nested = def.interpret(data([{ RECORDNO: '2', JOURNAL: { SYMBOL: 'APJ' } }], { totalCount: 2 }), ctx, none);
    expect(dotted.sample[0]).toEqual({ RECORDNO: '1', 'JOURNAL.SYMBOL': 'GJ' });
    expect(nested.sample[0]).toEqual({ RECORDNO: '2', 'JOURNAL.SYMBOL': 'APJ' });
  });

  test('caseInsensitive is sent and keyed', () => {
    const spec = { object: 'GLDETAIL', fields: ['RECORDNO'], filter: { op: 'in' as const, field: 'JOURNAL.SYMBOL', values: ['gj'] } };
    const ci = recordSample({ ...spec, caseInsensitive: true });
    expect(ci.key).not.toBe(recordSample(spec).key);
    expect(ci.request(ctx, none)).toMatchObject({ caseInsensitive: true });
  });
});

describe('recordSample', () => {
  test('asks for count and a sample of at most 25 in one query, newest first', () => {
    const def = recordSample({ object: 'ARINVOICE', fields: ['RECORDNO'], orderBy: [{ field: 'WHENCREATED', descending: true }], limit: 500, showPrivate: true });
    expect(def.request(ctx, none)).toEqual({
      function: 'query',
      object: 'ARINVOICE',
      select: ['RECORDNO'],
      orderBy: [{ field: 'WHENCREATED', descending: true }],
      showPrivate: true,
      pageSize: 25,
    });
  });

  test('takes the count from totalcount and keeps only the selected fields, empty as null', () => {
    const def = recordSample({ object: 'CUSTOMER', fields: ['CUSTOMERID', 'CURRENCY'] });
    const value = def.interpret(
      data(
        [
          { $element: 'CUSTOMER', CUSTOMERID: 'C1', CURRENCY: 'NZD', EXTRA: 'x' },
          { $element: 'CUSTOMER', CUSTOMERID: 'C2', CURRENCY: '' },
        ],
        { totalCount: 1234, count: 2 },
      ),
      ctx,
      none,
    );
    expect(value).toEqual({ object: 'CUSTOMER', count: 1234, fields: ['CURRENCY', 'CUSTOMERID'], sample: [{ CUSTOMERID: 'C1', CURRENCY: 'NZD' }, { CUSTOMERID: 'C2', CURRENCY: null }] });
  });
});

describe('sync window', () => {
  test('dated on or after syncFrom (MM/DD/YYYY) or still open', () => {
    expect(toIntacctDate('2019-07-04')).toBe('07/04/2019');
    expect(syncWindowFilter('2019-07-04', { dateField: 'WHENCREATED', openField: 'TOTALDUE' })).toEqual({
      or: [
        { op: 'greaterthanorequalto', field: 'WHENCREATED', value: '07/04/2019' },
        { op: 'notequalto', field: 'TOTALDUE', value: '0' },
      ],
    });
    expect(syncWindowFilter('2018-01-01', { dateField: 'ENTRY_DATE' })).toEqual({ op: 'greaterthanorequalto', field: 'ENTRY_DATE', value: '01/01/2018' });
    expect(() => toIntacctDate('01/01/2018')).toThrow(/YYYY-MM-DD/);
  });
});

describe('base currencies', () => {
  const single = { baseCurrency: 'AUD', multiCurrency: true, multiBaseCurrency: false };
  const multi = { baseCurrency: '', multiCurrency: true, multiBaseCurrency: true };
  const entities = [
    { id: 'AU01', name: 'AU', recordno: '1', currency: 'AUD' },
    { id: 'NZ01', name: 'NZ', recordno: '2', currency: 'NZD' },
    { id: 'NZ02', name: 'NZ2', recordno: '3', currency: 'NZD' },
  ];

  test('single base currency: CURRENCY set and different from it', () => {
    const bases = baseCurrencies(single, [], undefined);
    expect(describeFilter(foreignCurrencyFilterFor(bases as never))).toBe('CURRENCY is set AND CURRENCY != AUD');
  });

  test('multiple base currencies at top level: per entity, OR-ed, plus top-level records', () => {
    const bases = baseCurrencies(multi, entities, undefined);
    expect(describeFilter(foreignCurrencyFilterFor(bases as never))).toBe(
      'CURRENCY is set AND ((MEGAENTITYID = AU01 AND CURRENCY != AUD) OR (MEGAENTITYID in (NZ01, NZ02) AND CURRENCY != NZD) OR (MEGAENTITYID is empty AND CURRENCY not in (AUD, NZD)))',
    );
  });

  test('an entity session compares with that entity’s currency', () => {
    expect(baseCurrencies(multi, entities, 'NZ01')).toMatchObject({ default: 'NZD' });
    expect(baseCurrencies(multi, [], 'XX')).toEqual({ problem: expect.stringContaining('XX') });
  });

  test('the dynamic filter refuses to guess when the financial setup failed', () => {
    const filter = foreignCurrencyFilter();
    const failedSetup: FactResult = { ok: false, error: { kind: 'permission', message: 'denied' }, request: { function: 'getFinancialSetup' } };
    const lookup: FactLookup = (key) => (key === financialSetup().key ? failedSetup : undefined);
    expect(filter.resolve(ctx, lookup)).toMatchObject({ kind: 'not-gathered', message: expect.stringContaining('getFinancialSetup failed') });
  });
});

describe('reading answers', () => {
  test('applications, financial setup and entities', () => {
    expect(applications().interpret(data([{ $element: 'application', '#text': 'GL' }, { $element: 'application', '#text': 'so' }]), ctx, none)).toEqual(['GL', 'SO']);
    expect(
      financialSetup().interpret(
        data([{ $element: 'financialSetup', baseCurrency: '', multiCurrency: 'true', multiBaseCurrency: 'true', defaultBook: 'ACCRUAL' }]),
        ctx,
        none,
      ),
    ).toEqual({ baseCurrency: '', multiCurrency: true, multiBaseCurrency: true, defaultBook: 'ACCRUAL' });
    expect(entityDetails().interpret(data([{ $element: 'entity', id: 'E1', name: 'North', recordno: '4', currency: 'GBP', weekstart: 'Sunday' }]), ctx, none)).toEqual([
      { id: 'E1', name: 'North', recordno: '4', currency: 'GBP' },
    ]);
  });

  test('company preferences keep names and empty values', () => {
    const value = companyPrefs('AR').interpret(
      data([
        { $element: 'companypref', application: 'AR', preference: 'CUSTOMERSEQUENCE', prefvalue: '' },
        { $element: 'companypref', application: 'AR', preference: 'ENABLEACCOUNTLABELS', prefvalue: 'T' },
      ]),
      ctx,
      none,
    );
    expect(value).toEqual({ CUSTOMERSEQUENCE: '', ENABLEACCOUNTLABELS: 'T' });
  });

  test('lookup lists fields with REQUIRED and ISCUSTOM, one field or many', () => {
    const field = (id: string, required: string, custom: string): XmlRecord => ({ ID: id, LABEL: id, DATATYPE: 'TEXT', REQUIRED: required, READONLY: 'false', ISCUSTOM: custom });
    const many = objectLookup('CUSTOMER').interpret(
      data([{ $element: 'Type', '@Name': 'CUSTOMER', Fields: { Field: [field('CUSTOMERID', 'false', 'false'), field('PROPERTY', 'true', 'true')] }, Relationships: { Relationship: { OBJECTPATH: 'PARENT', OBJECTNAME: 'CUSTOMER', RELATIONSHIPTYPE: 'MANY2ONE', RELATEDBY: 'PARENTID' } } }]),
      ctx,
      none,
    );
    expect(many.fields.map((f) => [f.id, f.required, f.isCustom])).toEqual([
      ['CUSTOMERID', false, false],
      ['PROPERTY', true, true],
    ]);
    const one = objectLookup('VENDOR').interpret(data([{ $element: 'Type', Fields: { Field: field('VENDORID', 'true', 'false') } }]), ctx, none);
    expect(one.fields).toHaveLength(1);
    expect(() => objectLookup('X').interpret(data([]), ctx, none)).toThrow(/no field definitions/);
  });
});

describe('readSetting', () => {
  const entry = catalog['arAccountLabels']!;
  test('finds the first candidate present and reads a flag', () => {
    expect(readSetting({ ENABLEACCOUNTLABELS: 'true', OTHER: 'x' }, entry)).toEqual({ found: true, preference: 'ENABLEACCOUNTLABELS', value: 'true', on: true, seen: ['ENABLEACCOUNTLABELS', 'OTHER'] });
    expect(readSetting({ enableaccountlabels: 'F' }, entry)).toMatchObject({ found: true, preference: 'enableaccountlabels', on: false });
  });
  test('reports the names seen when no candidate is present, and an unknown value as undefined', () => {
    expect(readSetting({ B: '1', A: '2' }, entry)).toEqual({ found: false, seen: ['A', 'B'] });
    expect(readSetting({ ENABLEACCOUNTLABELS: 'maybe' }, entry).on).toBeUndefined();
  });
  test('non-empty settings: any value means assigned', () => {
    const seq = catalog['customerIdSequence']!;
    expect(readSetting({ CUSTOMERSEQUENCE: 'CUST' }, seq).on).toBe(true);
    expect(readSetting({ CUSTOMERSEQUENCE: '  ' }, seq).on).toBe(false);
  });
});
