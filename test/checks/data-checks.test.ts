/**
 * Evaluate tests for the data checks, with plain facts: pass on no matching records, fail with the
 * total count and a sample (newest first, ≤ 25, columns a consultant needs), and the honest status
 * when a read failed (error, or manual where a missing permission is the reason).
 */
import type { FactResult, SampleRecord } from '../../src/model/check.js';
import { check, context, evaluate, failed, ok, sample } from './helpers.js';

const setup = (base = 'AUD', multiBase = false) => ok({ baseCurrency: multiBase ? '' : base, multiCurrency: true, multiBaseCurrency: multiBase }, { function: 'getFinancialSetup' });
const entities = (...list: [string, string][]) => ok(list.map(([id, currency], i) => ({ id, name: id, recordno: String(i + 1), currency })), { function: 'readEntityDetails' });
const invoice = (n: number, date: string, extra: SampleRecord = {}): SampleRecord => ({
  RECORDNO: String(n),
  RECORDID: `INV-${n}`,
  CUSTOMERID: `C${n}`,
  CUSTOMERNAME: `Tenant ${n}`,
  WHENCREATED: date,
  TOTALENTERED: '100.00',
  TOTALDUE: '0.00',
  CURRENCY: 'AUD',
  MEGAENTITYID: null,
  ...extra,
});
const bill = (n: number, date: string, extra: SampleRecord = {}): SampleRecord => ({
  RECORDNO: String(n),
  RECORDID: `BILL-${n}`,
  VENDORID: `V${n}`,
  VENDORNAME: `Supplier ${n}`,
  WHENCREATED: date,
  TOTALENTERED: '50.00',
  TOTALDUE: '0.00',
  CURRENCY: 'AUD',
  MEGAENTITYID: null,
  ...extra,
});

describe('transactions.negative-invoices', () => {
  test('pass with a zero count when nothing matches', () => {
    const out = evaluate('transactions.negative-invoices', { ARINVOICE: sample('ARINVOICE', []), APBILL: sample('APBILL', []) });
    expect(out.status).toBe('pass');
    expect(out.affected?.count).toBe(0);
  });

  test('fail with the total count from Intacct and a merged sample, newest first', () => {
    const out = evaluate('transactions.negative-invoices', {
      ARINVOICE: sample('ARINVOICE', [invoice(1, '05/01/2025', { TOTALENTERED: '-10.00' }), invoice(2, '01/15/2024', { TOTALENTERED: '-5.00' })], 40),
      APBILL: sample('APBILL', [bill(9, '03/01/2025', { TOTALENTERED: '-1.00' })], 1),
    });
    expect(out.status).toBe('fail');
    expect(out.affected).toMatchObject({ count: 41, keyField: 'RECORDNO', objectField: 'OBJECT' });
    expect(out.affected!.sample.map((r) => [r['OBJECT'], r['RECORDID'], r['CONTACTID']])).toEqual([
      ['ARINVOICE', 'INV-1', 'C1'],
      ['APBILL', 'BILL-9', 'V9'],
      ['ARINVOICE', 'INV-2', 'C2'],
    ]);
    expect(out.affected!.columns).toEqual(expect.arrayContaining(['RECORDID', 'CONTACTID', 'CONTACTNAME', 'WHENCREATED', 'TOTALENTERED', 'CURRENCY']));
    expect(out.affected!.sample[1]).toMatchObject({ OBJECT: 'APBILL', CONTACTID: 'V9', CONTACTNAME: 'Supplier 9' });
    expect(out.summary).toContain('41 transactions');
    expect(out.summary).toContain('40 AR invoices, 1 AP bill');
  });

  test('the sample never exceeds 25 records', () => {
    const many = Array.from({ length: 25 }, (_, i) => invoice(i + 1, `01/${String(i + 1).padStart(2, '0')}/2025`));
    const out = evaluate('transactions.negative-invoices', { ARINVOICE: sample('ARINVOICE', many, 300), APBILL: sample('APBILL', many.map((_, i) => bill(i + 100, '02/01/2025')), 30) });
    expect(out.affected!.count).toBe(330);
    expect(out.affected!.sample).toHaveLength(25);
  });

  test('error when a read failed, naming it', () => {
    const out = evaluate('transactions.negative-invoices', { ARINVOICE: sample('ARINVOICE', []), APBILL: failed('transport', { function: 'query', object: 'APBILL' }, 'timed out') });
    expect(out.status).toBe('error');
    expect(out.summary).toContain('AP bills');
    expect(out.evidence.some((e) => e.object === 'APBILL' && e.observed === null)).toBe(true);
  });
});

describe('transactions.attachments', () => {
  test('fail lists the attachment ids; pass when none', () => {
    const out = evaluate('transactions.attachments', { ARINVOICE: sample('ARINVOICE', [invoice(1, '01/01/2025', { SUPDOCID: 'LEASE-1' })]), APBILL: sample('APBILL', []) });
    expect(out.status).toBe('fail');
    expect(out.affected!.sample[0]).toMatchObject({ SUPDOCID: 'LEASE-1', RECORDID: 'INV-1' });
    expect(evaluate('transactions.attachments', { ARINVOICE: sample('ARINVOICE', []), APBILL: sample('APBILL', []) }).status).toBe('pass');
  });
});

describe('currency.foreign-currency-transactions', () => {
  test('shows the base currency of each record’s entity', () => {
    const out = evaluate(
      'currency.foreign-currency-transactions',
      {
        setup: setup('', true),
        entities: entities(['AU01', 'AUD'], ['NZ01', 'NZD']),
        ARINVOICE: sample('ARINVOICE', [invoice(1, '02/01/2025', { CURRENCY: 'AUD', MEGAENTITYID: 'NZ01' })]),
        APBILL: sample('APBILL', [bill(2, '01/01/2025', { CURRENCY: 'NZD', MEGAENTITYID: 'AU01' })]),
      },
    );
    expect(out.status).toBe('fail');
    expect(out.affected!.sample.map((r) => [r['RECORDID'], r['CURRENCY'], r['BASECURRENCY']])).toEqual([
      ['INV-1', 'AUD', 'NZD'],
      ['BILL-2', 'NZD', 'AUD'],
    ]);
    expect(out.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'readEntityDetails', observed: 'AU01: AUD, NZ01: NZD' })]));
  });

  test('error when the base currency could not be worked out (the sample was not read)', () => {
    const notGathered = failed('not-gathered', { function: 'query', object: 'ARINVOICE' }, 'not read because getFinancialSetup failed');
    const out = evaluate('currency.foreign-currency-transactions', { setup: failed('permission', { function: 'getFinancialSetup' }), entities: entities(), ARINVOICE: notGathered, APBILL: notGathered });
    expect(out.status).toBe('error');
  });
});

describe('currency.foreign-currency-contacts', () => {
  test('fail with customers and vendors, keyed by id and object', () => {
    const out = evaluate('currency.foreign-currency-contacts', {
      setup: setup('AUD'),
      entities: entities(),
      CUSTOMER: sample('CUSTOMER', [{ RECORDNO: '3', CUSTOMERID: 'C1', NAME: 'Kiwi Ltd', CURRENCY: 'NZD', MEGAENTITYID: null, STATUS: 'active', WHENMODIFIED: '01/02/2025 10:00:00' }]),
      VENDOR: sample('VENDOR', [{ RECORDNO: '8', VENDORID: 'V1', NAME: 'US Supplies', CURRENCY: 'USD', MEGAENTITYID: null, STATUS: 'active', WHENMODIFIED: '03/02/2025 10:00:00' }]),
    });
    expect(out.status).toBe('fail');
    expect(out.affected).toMatchObject({ count: 2, keyField: 'ID', objectField: 'OBJECT' });
    expect(out.affected!.sample).toEqual([
      { OBJECT: 'VENDOR', ID: 'V1', NAME: 'US Supplies', CURRENCY: 'USD', BASECURRENCY: 'AUD', MEGAENTITYID: null, STATUS: 'active' },
      { OBJECT: 'CUSTOMER', ID: 'C1', NAME: 'Kiwi Ltd', CURRENCY: 'NZD', BASECURRENCY: 'AUD', MEGAENTITYID: null, STATUS: 'active' },
    ]);
  });

  test('pass when none', () => {
    expect(evaluate('currency.foreign-currency-contacts', { setup: setup(), entities: entities(), CUSTOMER: sample('CUSTOMER', []), VENDOR: sample('VENDOR', []) }).status).toBe('pass');
  });
});

describe('contacts.inactive-contacts', () => {
  test('fail counts customers and vendors; error when customers cannot be read', () => {
    const out = evaluate('contacts.inactive-contacts', {
      CUSTOMER: sample('CUSTOMER', [{ CUSTOMERID: 'C9', NAME: 'Gone Café', STATUS: 'inactive' }], 4),
      VENDOR: sample('VENDOR', [], 0),
    });
    expect(out.status).toBe('fail');
    expect(out.summary).toContain('4 customers, 0 vendors');
    expect(evaluate('contacts.inactive-contacts', { CUSTOMER: failed('permission', { function: 'query', object: 'CUSTOMER' }), VENDOR: sample('VENDOR', []) }).status).toBe('error');
    expect(evaluate('contacts.inactive-contacts', { CUSTOMER: sample('CUSTOMER', []), VENDOR: sample('VENDOR', []) }).status).toBe('pass');
  });
});

describe('payments.unapplied-credits', () => {
  test('fail names overpayments and advances', () => {
    const out = evaluate('payments.unapplied-credits', {
      credits: sample('ARPYMT', [
        { RECORDNO: '1', RECORDTYPE: 'rp', CUSTOMERID: 'C1', TOTALDUE: '50.00', WHENCREATED: '01/01/2025' },
        { RECORDNO: '2', RECORDTYPE: 'rr', CUSTOMERID: 'C2', TOTALDUE: '80.00', WHENCREATED: '12/01/2016' },
      ]),
    });
    expect(out.status).toBe('fail');
    expect(out.affected!.sample.map((r) => [r['KIND'], r['RECORDTYPE']])).toEqual([
      ['overpayment', 'rp'],
      ['advance', 'rr'],
    ]);
    expect(out.affected).toMatchObject({ object: 'ARPYMT', keyField: 'RECORDNO' });
    expect(evaluate('payments.unapplied-credits', { credits: sample('ARPYMT', []) }).status).toBe('pass');
  });
});

describe('payments.journal-entry-payments', () => {
  test('fail says plainly it is a heuristic', () => {
    const out = evaluate('payments.journal-entry-payments', {
      lines: sample('GLENTRY', [{ RECORDNO: '7', BATCHNO: '811', ENTRY_DATE: '02/14/2025', CUSTOMERID: 'C1', AMOUNT: '4950.00' }]),
    });
    expect(out.status).toBe('fail');
    expect(out.summary).toMatch(/heuristic/i);
    expect(out.affected).toMatchObject({ count: 1, object: 'GLENTRY', keyField: 'RECORDNO' });
  });

  test('manual, naming the permission, when GLENTRY is denied; error on an outage; pass when none', () => {
    const denied = evaluate('payments.journal-entry-payments', { lines: failed('permission', { function: 'query', object: 'GLENTRY' }) });
    expect(denied.status).toBe('manual');
    expect(denied.summary).toContain('Journal entries');
    expect(evaluate('payments.journal-entry-payments', { lines: failed('transport', { function: 'query', object: 'GLENTRY' }) }).status).toBe('error');
    const clean = evaluate('payments.journal-entry-payments', { lines: sample('GLENTRY', []) });
    expect(clean.status).toBe('pass');
    expect(clean.summary).toMatch(/heuristic/i);
  });

  test('journal options narrow the read server-side and are named in the summary and evidence', () => {
    const opts = context({ syncFrom: '2021-07-01', options: { excludeJournals: ['CRJ', 'CDJ'], journals: ['GJ'] } });
    const fact = check('payments.journal-entry-payments').needs(opts)['lines']!.fact;
    const fn = fact.request(opts, () => undefined);
    expect((fn as { filter: { and: unknown[] } }).filter.and.slice(-1)).toEqual([
      { and: [{ op: 'in', field: 'JOURNAL', values: ['GJ'] }, { op: 'notin', field: 'JOURNAL', values: ['CRJ', 'CDJ'] }] },
    ]);
    // A different journal scope is a different read.
    const plainKey = check('payments.journal-entry-payments').needs(context({ syncFrom: '2021-07-01' }))['lines']!.fact.key;
    expect(fact.key).not.toBe(plainKey);

    const found = evaluate('payments.journal-entry-payments', { lines: sample('GLENTRY', [{ RECORDNO: '7', JOURNAL: 'GJ', CUSTOMERID: 'C1' }]) }, opts);
    expect(found.summary).toContain('in journal GJ, excluding journals CRJ, CDJ');
    expect(found.evidence[0]!.note).toContain('excluding journals CRJ, CDJ');
    const clean = evaluate('payments.journal-entry-payments', { lines: sample('GLENTRY', []) }, context({ options: { excludeJournals: ['CRJ'] } }));
    expect(clean.status).toBe('pass');
    expect(clean.summary).toContain('excluding journal CRJ');
    // At the defaults nothing is said about journals beyond "all journals".
    expect(evaluate('payments.journal-entry-payments', { lines: sample('GLENTRY', []) }).evidence[0]!.note).toContain('all journals');
  });

  test('the remediation tells the consultant sub-ledger journals can be excluded with checkOptions', () => {
    const meta = check('payments.journal-entry-payments').meta;
    expect(meta.remediation.join(' ')).toContain('checkOptions');
    expect(meta.options?.defaults).toEqual({ excludeJournals: [], journals: [] });
  });
});

describe.each([
  ['contacts.deleted-contacts', 'customer'],
  ['transactions.deleted-invoices', 'arinvoice'],
])('%s', (id, objectType) => {
  const deletions: FactResult = sample('AUDITHISTORY', [
    { OBJECTTYPE: objectType, OBJECTKEY: 'K1', OBJECTDESC: 'Something deleted', ACCESSTIME: '02/03/2025 10:14:09', USERID: 'jsmith', SOURCE: 'ui' },
  ]);

  test('fail with the deletions, keyed by object type and key', () => {
    const out = evaluate(id, { deletions });
    expect(out.status).toBe('fail');
    expect(out.affected).toMatchObject({ count: 1, keyField: 'OBJECTKEY', objectField: 'OBJECTTYPE' });
    expect(out.affected!.sample[0]).toMatchObject({ OBJECTKEY: 'K1', USERID: 'jsmith' });
  });

  test('manual without the permission, naming it; error on other failures; pass when none', () => {
    const denied = evaluate(id, { deletions: failed('permission', { function: 'query', object: 'AUDITHISTORY' }) });
    expect(denied.status).toBe('manual');
    expect(denied.summary).toContain('permission for custom reports');
    expect(denied.summary).toContain('Platform Services');
    expect(evaluate(id, { deletions: failed('function', { function: 'query', object: 'AUDITHISTORY' }) }).status).toBe('error');
    expect(evaluate(id, { deletions: sample('AUDITHISTORY', []) }).status).toBe('pass');
  });
});

describe('objects.required-custom-fields', () => {
  const def = (object: string, fields: [string, boolean, boolean][]): FactResult =>
    ok({ object, fields: fields.map(([id, required, isCustom]) => ({ id, label: id, dataType: 'TEXT', required, readOnly: false, isCustom })) }, { function: 'lookup', object });
  const clean = { CUSTOMER: def('CUSTOMER', [['NAME', true, false], ['NOTE', false, true]]), VENDOR: def('VENDOR', []), ARINVOICE: def('ARINVOICE', []), APBILL: def('APBILL', []) };

  test('pass when only standard fields are required', () => {
    expect(evaluate('objects.required-custom-fields', clean).status).toBe('pass');
  });

  test('fail lists each required custom field by object', () => {
    const out = evaluate('objects.required-custom-fields', { ...clean, APBILL: def('APBILL', [['APPROVER', true, true]]) });
    expect(out.status).toBe('fail');
    expect(out.affected).toMatchObject({ count: 1, sample: [{ OBJECT: 'APBILL', FIELD: 'APPROVER' }], objectField: 'OBJECT', keyField: 'FIELD' });
  });

  test('error when a lookup failed and nothing was found elsewhere', () => {
    const out = evaluate('objects.required-custom-fields', { ...clean, VENDOR: failed('permission', { function: 'lookup', object: 'VENDOR' }) });
    expect(out.status).toBe('error');
    expect(out.summary).toContain('VENDOR');
  });
});

describe('sync window in the requests', () => {
  test('transaction checks ask for records dated on or after syncFrom, or still open, newest first', () => {
    const ctx = context({ syncFrom: '2021-07-01' });
    const fn = check('transactions.negative-invoices').needs(ctx)['ARINVOICE']!.fact.request(ctx, () => undefined);
    expect(fn).toMatchObject({
      function: 'query',
      object: 'ARINVOICE',
      orderBy: [{ field: 'WHENCREATED', descending: true }],
      showPrivate: true,
      pageSize: 25,
      filter: {
        and: [
          { or: [{ op: 'greaterthanorequalto', field: 'WHENCREATED', value: '07/01/2021' }, { op: 'notequalto', field: 'TOTALDUE', value: '0' }] },
          { op: 'lessthan', field: 'TOTALENTERED', value: '0' },
        ],
      },
    });
  });

  test('journal lines count only when posted and dated in the window', () => {
    const ctx = context({ syncFrom: '2021-07-01' });
    const fn = check('payments.journal-entry-payments').needs(ctx)['lines']!.fact.request(ctx, () => undefined);
    expect(fn).toMatchObject({
      object: 'GLENTRY',
      filter: {
        and: [
          { op: 'equalto', field: 'STATE', value: 'Posted' },
          { op: 'greaterthanorequalto', field: 'ENTRY_DATE', value: '07/01/2021' },
          { or: [{ op: 'isnotnull', field: 'CUSTOMERID' }, { op: 'isnotnull', field: 'VENDORID' }] },
        ],
      },
    });
  });

  test('an entity audit does not set showprivate (the session is at the entity)', () => {
    const ctx = context({ entityId: 'NZ01' });
    expect(check('contacts.inactive-contacts').needs(ctx)['CUSTOMER']!.fact.request(ctx, () => undefined)).not.toHaveProperty('showPrivate');
  });
});
