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

/** A lookup answer: fields by id, with STATE's valid values when given. */
const definition = (object: string, states: string[] | undefined, extra: string[] = []): FactResult =>
  ok(
    {
      object,
      fields: [
        { id: 'RECORDNO', label: 'Record number', dataType: 'INTEGER', required: false, readOnly: true, isCustom: false },
        { id: 'STATE', label: 'State', dataType: 'ENUM', required: false, readOnly: true, isCustom: false, ...(states ? { validValues: states } : {}) },
        ...extra.map((id) => ({ id, label: id, dataType: 'TEXT', required: false, readOnly: true, isCustom: false })),
      ],
    },
    { function: 'lookup', object },
  );
const STATES = ['Draft', 'Posted', 'Paid', 'Reversed', 'Reversal'];
const definitions = (states: string[] | undefined = STATES) => ({ 'definition:ARINVOICE': definition('ARINVOICE', states), 'definition:APBILL': definition('APBILL', states) });
/** A read set aside because the company does not subscribe to its application. */
const unsubscribed = (object: string, app: string): FactResult =>
  failed('not-subscribed', { function: 'get_applications' }, `${app} is not subscribed (get_applications), so ${object} was not read`);

describe('transactions.negative-invoices', () => {
  test('pass with a zero count when nothing matches', () => {
    const out = evaluate('transactions.negative-invoices', { ...definitions(), ARINVOICE: sample('ARINVOICE', []), APBILL: sample('APBILL', []) });
    expect(out.status).toBe('pass');
    expect(out.affected?.count).toBe(0);
  });

  test('fail with the total count from Intacct and a merged sample, newest first', () => {
    const out = evaluate('transactions.negative-invoices', {
      ...definitions(),
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
    const out = evaluate('transactions.negative-invoices', { ...definitions(), ARINVOICE: sample('ARINVOICE', many, 300), APBILL: sample('APBILL', many.map((_, i) => bill(i + 100, '02/01/2025')), 30) });
    expect(out.affected!.count).toBe(330);
    expect(out.affected!.sample).toHaveLength(25);
  });

  test('error when a read failed, naming it', () => {
    const out = evaluate('transactions.negative-invoices', { ...definitions(), ARINVOICE: sample('ARINVOICE', []), APBILL: failed('transport', { function: 'query', object: 'APBILL' }, 'timed out') });
    expect(out.status).toBe('error');
    expect(out.summary).toContain('AP bills');
    expect(out.evidence.some((e) => e.object === 'APBILL' && e.observed === null)).toBe(true);
  });

  test('the records that zero out reversals are left out, by the STATE value lookup reports; the evidence says so', () => {
    const ctx = context();
    const fact = check('transactions.negative-invoices').needs(ctx)['ARINVOICE']!.fact;
    const defs = definitions(['Draft', 'Posted', 'Reversed', 'Reversal']);
    const lookup = (key: string) => (key === 'lookup:ARINVOICE' ? defs['definition:ARINVOICE'] : key === 'applications' ? ok(['GL', 'AR', 'AP']) : undefined);
    expect(fact.request(ctx, lookup)).toMatchObject({
      filter: { and: [{ or: expect.any(Array) }, { and: [{ op: 'lessthan', field: 'TOTALENTERED', value: '0' }, { op: 'notequalto', field: 'STATE', value: 'Reversal' }] }] },
    });
    const out = evaluate('transactions.negative-invoices', { ...defs, ARINVOICE: sample('ARINVOICE', []), APBILL: sample('APBILL', []) });
    expect(out.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'lookup', object: 'ARINVOICE', field: 'STATE', observed: 'identified', note: expect.stringContaining('STATE "Reversal"') }),
      ]),
    );
    expect(out.evidence.find((e) => e.object === 'ARINVOICE' && e.source === 'lookup')!.note).toContain('left out');
  });

  test('when the definition does not identify reversals, every negative total counts, and the evidence says so', () => {
    const ctx = context();
    const fact = check('transactions.negative-invoices').needs(ctx)['APBILL']!.fact;
    const bare = definition('APBILL', ['Draft', 'Posted', 'Paid']);
    const lookup = (key: string) => (key === 'lookup:APBILL' ? bare : key === 'applications' ? ok(['GL', 'AR', 'AP']) : undefined);
    expect((fact.request(ctx, lookup) as { filter: { and: unknown[] } }).filter.and[1]).toEqual({ op: 'lessthan', field: 'TOTALENTERED', value: '0' });
    const out = evaluate('transactions.negative-invoices', { 'definition:ARINVOICE': definition('ARINVOICE', STATES), 'definition:APBILL': bare, ARINVOICE: sample('ARINVOICE', []), APBILL: sample('APBILL', []) });
    const ev = out.evidence.find((e) => e.object === 'APBILL' && e.source === 'lookup')!;
    expect(ev).toMatchObject({ observed: 'not identified' });
    expect(ev.note).toContain('Draft, Posted, Paid');
    expect(ev.note).toContain('counted like any negative invoice');
  });

  test('a reversal field is used when STATE lists no reversal value', () => {
    const ctx = context();
    const withField = definition('ARINVOICE', ['Draft', 'Posted'], ['REVERSEDFROM']);
    const lookup = (key: string) => (key === 'lookup:ARINVOICE' ? withField : key === 'applications' ? ok(['AR']) : undefined);
    const fn = check('transactions.negative-invoices').needs(ctx)['ARINVOICE']!.fact.request(ctx, lookup) as { filter: { and: unknown[] } };
    expect(fn.filter.and[1]).toEqual({ and: [{ op: 'lessthan', field: 'TOTALENTERED', value: '0' }, { op: 'isnull', field: 'REVERSEDFROM' }] });
  });

  test('without Accounts Payable the bills do not apply: the invoices decide, and the summary says which part did not apply', () => {
    const out = evaluate('transactions.negative-invoices', {
      'definition:ARINVOICE': definition('ARINVOICE', STATES),
      'definition:APBILL': failed('not-subscribed', { function: 'lookup', object: 'APBILL' }),
      ARINVOICE: sample('ARINVOICE', [invoice(1, '05/01/2025', { TOTALENTERED: '-10.00' })]),
      APBILL: unsubscribed('APBILL', 'Accounts Payable (AP)'),
    });
    expect(out.status).toBe('fail');
    expect(out.affected?.count).toBe(1);
    expect(out.summary).toContain('AP bills did not apply: Accounts Payable (AP) is not subscribed');
    expect(out.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'get_applications', object: 'APBILL', observed: 'not subscribed' })]));
    const none = evaluate('transactions.negative-invoices', {
      ...definitions(),
      ARINVOICE: unsubscribed('ARINVOICE', 'Accounts Receivable (AR)'),
      APBILL: unsubscribed('APBILL', 'Accounts Payable (AP)'),
    });
    expect(none.status).toBe('not-applicable');
    expect(none.summary).toMatch(/^Does not apply: Accounts Receivable \(AR\) is not subscribed.*Accounts Payable \(AP\) is not subscribed/);
  });
});

describe('transactions.reversed-invoices', () => {
  test('fail lists the reversed originals in the window; the remediation says to unlink after the next sync', () => {
    const out = evaluate('transactions.reversed-invoices', {
      ...definitions(),
      ARINVOICE: sample('ARINVOICE', [invoice(5, '06/01/2025', { STATE: 'Reversed', TOTALDUE: '0.00' })]),
      APBILL: sample('APBILL', [], 0),
    });
    expect(out.status).toBe('fail');
    expect(out.affected).toMatchObject({ count: 1, keyField: 'RECORDNO', objectField: 'OBJECT', sample: [expect.objectContaining({ RECORDID: 'INV-5', STATE: 'Reversed' })] });
    expect(out.summary).toContain('1 transaction');
    expect(out.summary).toContain('Sync Results');
    const meta = check('transactions.reversed-invoices').meta;
    expect(meta).toMatchObject({ severity: 'info', category: 'transactions' });
    expect(meta.remediation.join(' ')).toMatch(/next sync.*unlink/is);
  });

  test('selects the originals by the STATE value lookup reports', () => {
    const ctx = context();
    const lookup = (key: string) => (key === 'lookup:ARINVOICE' ? definition('ARINVOICE', ['Posted', 'REVERSED', 'Reversal']) : key === 'applications' ? ok(['AR']) : undefined);
    const fn = check('transactions.reversed-invoices').needs(ctx)['ARINVOICE']!.fact.request(ctx, lookup) as { filter: { and: unknown[] } };
    expect(fn.filter.and[1]).toEqual({ op: 'equalto', field: 'STATE', value: 'REVERSED' });
  });

  test('manual when the definition identifies no reversed records; pass when none', () => {
    const ctx = context();
    const lookup = (key: string) => (key === 'lookup:APBILL' ? definition('APBILL', ['Posted']) : key === 'applications' ? ok(['AP']) : undefined);
    const built = check('transactions.reversed-invoices').needs(ctx)['APBILL']!.fact.request(ctx, lookup);
    expect(built).toMatchObject({ kind: 'unknown-object', message: expect.stringContaining('reversed APBILL records cannot be identified') });
    const out = evaluate('transactions.reversed-invoices', {
      ...definitions(),
      ARINVOICE: sample('ARINVOICE', []),
      APBILL: failed('unknown-object', { function: 'get_applications' }, 'reversed APBILL records cannot be identified: lookup APBILL lists STATE values Posted'),
    });
    expect(out.status).toBe('manual');
    expect(out.summary).toContain('by hand');
    expect(evaluate('transactions.reversed-invoices', { ...definitions(), ARINVOICE: sample('ARINVOICE', []), APBILL: sample('APBILL', []) }).status).toBe('pass');
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
      inactiveCUSTOMER: sample('CUSTOMER', []),
      inactiveVENDOR: sample('VENDOR', []),
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
    const none = { inactiveCUSTOMER: sample('CUSTOMER', []), inactiveVENDOR: sample('VENDOR', []), CUSTOMER: sample('CUSTOMER', []), VENDOR: sample('VENDOR', []) };
    expect(evaluate('currency.foreign-currency-contacts', { setup: setup(), entities: entities(), ...none }).status).toBe('pass');
  });

  test('only active contacts count; inactive ones (the remedy applied) are listed by number in the evidence', () => {
    const ctx = context();
    const needs = check('currency.foreign-currency-contacts').needs(ctx);
    const subscribedAll = (key: string) => (key === 'applications' ? ok(['AR', 'AP']) : key === 'financialSetup' ? setup('AUD') : key === 'entityDetails' ? entities() : undefined);
    expect(needs['CUSTOMER']!.fact.request(ctx, subscribedAll)).toMatchObject({ filter: { and: [{ op: 'equalto', field: 'STATUS', value: 'active' }, expect.anything()] } });
    expect(needs['inactiveVENDOR']!.fact.request(ctx, subscribedAll)).toMatchObject({ filter: { and: [{ op: 'equalto', field: 'STATUS', value: 'inactive' }, expect.anything()] } });
    const out = evaluate('currency.foreign-currency-contacts', {
      setup: setup('AUD'),
      entities: entities(),
      inactiveCUSTOMER: sample('CUSTOMER', [{ CUSTOMERID: 'C7', NAME: 'Old Kiwi Ltd', STATUS: 'inactive', CURRENCY: 'NZD' }, { CUSTOMERID: 'C8', NAME: 'Gone', STATUS: 'inactive', CURRENCY: 'USD' }], 3),
      inactiveVENDOR: sample('VENDOR', []),
      CUSTOMER: sample('CUSTOMER', []),
      VENDOR: sample('VENDOR', []),
    });
    expect(out.status).toBe('pass');
    expect(out.summary).toContain('active');
    expect(out.evidence).toEqual(
      expect.arrayContaining([expect.objectContaining({ object: 'CUSTOMER', field: 'STATUS', observed: 3, note: expect.stringContaining('not counted: C7, C8 and 1 more') })]),
    );
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
  const glDetail = (validValues?: string[], withModule = true): FactResult =>
    ok(
      {
        object: 'GLDETAIL',
        fields: [
          { id: 'RECORDNO', label: 'Record number', dataType: 'INTEGER', required: false, readOnly: true, isCustom: false },
          ...(withModule ? [{ id: 'MODULEKEY', label: 'Source module', dataType: 'TEXT', required: false, readOnly: true, isCustom: false, ...(validValues ? { validValues } : {}) }] : []),
        ],
      },
      { function: 'lookup', object: 'GLDETAIL' },
    );
  const line = (n: number, extra: SampleRecord = {}): SampleRecord => ({ RECORDNO: String(n), BATCHNO: '811', BATCH_DATE: '02/14/2025', 'JOURNAL.SYMBOL': 'GJ', MODULEKEY: '2.GL', CUSTOMERID: 'C1', AMOUNT: '4950.00', ...extra });
  const modules = (keys: string[], count: number) => sample('GLDETAIL', keys.map((k, i) => ({ RECORDNO: String(100 + i), MODULEKEY: k })), count);
  const facts = (over: Record<string, FactResult> = {}) => ({ definition: glDetail(), lines: sample('GLDETAIL', [line(7)], 1), everyModule: modules(['4.AR', '3.AP', '2.GL'], 320), ...over });

  test('fail counts only lines entered in General Ledger, says how many the sub-ledgers posted, and that it is a heuristic', () => {
    const out = evaluate('payments.journal-entry-payments', facts());
    expect(out.status).toBe('fail');
    expect(out.summary).toMatch(/heuristic/i);
    expect(out.summary).toContain('1 line of journal entries entered in General Ledger');
    expect(out.summary).toContain('319 lines posted by the sub-ledgers were left out');
    expect(out.affected).toMatchObject({ count: 1, object: 'GLDETAIL', keyField: 'RECORDNO', sample: [expect.objectContaining({ JOURNAL: 'GJ', MODULEKEY: '2.GL' })] });
    // What the verdict rests on: the module key as lookup reports it, documented but unverified, and correctable.
    const rests = out.evidence.find((e) => e.source === 'lookup')!;
    expect(rests).toMatchObject({ object: 'GLDETAIL', field: 'MODULEKEY', observed: 'present' });
    expect(rests.note).toContain('MODULEKEY in (2.GL)');
    expect(rests.note).toContain('not yet verified');
    expect(rests.note).toContain('"modules"');
    const all = out.evidence.find((e) => e.source === 'query' && e.observed === 320)!;
    expect(all.note).toContain('1 entered in General Ledger, 319 posted by other modules');
    expect(all.note).toContain('2.GL, 3.AP, 4.AR');
  });

  test('the read filters on the module key (and keeps the journals asked for, in any case)', () => {
    const ctx = context({ syncFrom: '2021-07-01', options: { journals: ['gj'], excludeJournals: ['CRJ'] } });
    const needs = check('payments.journal-entry-payments').needs({ ...ctx, options: { modules: ['2.GL'], ...ctx.options } });
    const fn = needs['lines']!.fact.request(ctx, () => undefined);
    expect(fn).toMatchObject({
      function: 'query',
      object: 'GLDETAIL',
      caseInsensitive: true,
      filter: {
        and: [
          { op: 'greaterthanorequalto', field: 'BATCH_DATE', value: '07/01/2021' },
          { op: 'in', field: 'MODULEKEY', values: ['2.GL'] },
          { or: [{ op: 'isnotnull', field: 'CUSTOMERID' }, { op: 'isnotnull', field: 'VENDORID' }] },
          { and: [{ op: 'in', field: 'JOURNAL.SYMBOL', values: ['gj'] }, { op: 'notin', field: 'JOURNAL.SYMBOL', values: ['CRJ'] }] },
        ],
      },
    });
    // Every module's lines, beside them: the same read without the module filter.
    expect((needs['everyModule']!.fact.request(ctx, () => undefined) as { filter: { and: unknown[] } }).filter.and).toHaveLength(3);
    expect(needs['journalList']!.fact.request(ctx, () => undefined)).toMatchObject({ object: 'GLJOURNAL', caseInsensitive: true, filter: { op: 'in', field: 'SYMBOL', values: ['gj', 'CRJ'] } });
    // No journal options: no journal read, and the query is not case-insensitive.
    const plain = check('payments.journal-entry-payments').needs({ ...context(), options: { modules: ['2.GL'], journals: [], excludeJournals: [] } });
    expect(plain['journalList']).toBeUndefined();
    expect(plain['lines']!.fact.request(context(), () => undefined)).not.toHaveProperty('caseInsensitive');
  });

  test('manual when a journal in "journals" does not exist (matched in any case); an unknown journal to leave out is only noted', () => {
    const journals = (symbols: string[]) => sample('GLJOURNAL', symbols.map((s) => ({ SYMBOL: s, TITLE: s, STATUS: 'active' })));
    const opts = context({ options: { journals: ['gj', 'PAYJ'] } });
    const out = evaluate('payments.journal-entry-payments', facts({ journalList: journals(['GJ']) }), opts);
    expect(out.status).toBe('manual');
    expect(out.summary).toContain('no journal PAYJ');
    const ok2 = evaluate('payments.journal-entry-payments', facts({ journalList: journals(['GJ']) }), context({ options: { journals: ['gj'], excludeJournals: ['XYZ'] } }));
    expect(ok2.status).toBe('fail');
    expect(ok2.summary).toContain('(in journal gj, excluding journal XYZ)');
    expect(ok2.evidence.find((e) => e.object === 'GLJOURNAL')!.note).toContain('nothing to leave out: XYZ');
  });

  test('manual when the module key cannot identify GL entries: no such field, or none of the modules among its valid values', () => {
    const noField = evaluate('payments.journal-entry-payments', facts({ definition: glDetail(undefined, false), lines: failed('unknown-object', { function: 'query', object: 'GLDETAIL' }) }));
    expect(noField.status).toBe('manual');
    expect(noField.summary).toContain('no MODULEKEY field');
    const otherValues = evaluate('payments.journal-entry-payments', facts({ definition: glDetail(['1.GL', '2.AP', '3.AR']) }));
    expect(otherValues.status).toBe('manual');
    expect(otherValues.summary).toContain('(1.GL, 2.AP, 3.AR)');
    expect(otherValues.summary).toContain('checkOptions "modules"');
    // Set to this company's key, the check runs with it.
    const corrected = evaluate('payments.journal-entry-payments', facts({ definition: glDetail(['1.GL', '2.AP', '3.AR']) }), context({ options: { modules: ['1.gl'] } }));
    expect(corrected.status).toBe('fail');
    expect(corrected.evidence.find((e) => e.source === 'lookup')).toMatchObject({ observed: '1.GL, 2.AP, 3.AR' });
  });

  test('manual when the lines in use carry module keys Intacct does not document (a count of 0 would be a silent pass)', () => {
    const out = evaluate('payments.journal-entry-payments', facts({ lines: sample('GLDETAIL', []), everyModule: modules(['1.GL', '3.AR', '2.AP'], 300) }));
    expect(out.status).toBe('manual');
    expect(out.summary).toContain('(1.GL, 2.AP, 3.AR)');
    expect(out.summary).toContain('checkOptions "modules"');
    // Named in the options, a key is this company's: no longer strange.
    const named = evaluate('payments.journal-entry-payments', facts({ lines: sample('GLDETAIL', []), everyModule: modules(['1.GL', '4.AR'], 300) }), context({ options: { modules: ['1.GL'] } }));
    expect(named.status).toBe('pass');
  });

  test('manual, naming the permission, when GL detail is denied; error on an outage; pass when none', () => {
    const denied = evaluate('payments.journal-entry-payments', facts({ lines: failed('permission', { function: 'query', object: 'GLDETAIL' }) }));
    expect(denied.status).toBe('manual');
    expect(denied.summary).toContain('Journal entries');
    expect(evaluate('payments.journal-entry-payments', facts({ lines: failed('transport', { function: 'query', object: 'GLDETAIL' }) })).status).toBe('error');
    const clean = evaluate('payments.journal-entry-payments', facts({ lines: sample('GLDETAIL', []), everyModule: modules(['4.AR'], 12) }));
    expect(clean.status).toBe('pass');
    expect(clean.summary).toMatch(/heuristic/i);
    expect(clean.summary).toContain('12 lines posted by the sub-ledgers were left out');
  });

  test('the defaults count module 2.GL in every journal; the remediation says how to correct the module key', () => {
    const meta = check('payments.journal-entry-payments').meta;
    expect(meta.options?.defaults).toEqual({ modules: ['2.GL'], excludeJournals: [], journals: [] });
    expect(meta.remediation.join(' ')).toContain('"modules"');
    expect(meta.version).toBe(2);
    expect(evaluate('payments.journal-entry-payments', facts()).evidence[0]!.note).toContain('all journals');
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
  const CREATED = ['CUSTOMER', 'VENDOR', 'ARINVOICE', 'ARINVOICEITEM', 'APBILL', 'APBILLITEM', 'ARADJUSTMENT', 'ARADJUSTMENTITEM', 'APADJUSTMENT', 'APADJUSTMENTITEM', 'ARPYMT', 'APPYMT'];
  const OE_PO = ['SODOCUMENT', 'SODOCUMENTENTRY', 'PODOCUMENT', 'PODOCUMENTENTRY'];
  const apps = (...codes: string[]) => ok(codes, { function: 'get_applications' });
  const clean = (over: Record<string, FactResult> = {}) => ({
    applications: apps('GL', 'AR', 'AP', 'SO', 'PO'),
    ...Object.fromEntries([...CREATED, ...OE_PO].map((o) => [o, def(o, o === 'CUSTOMER' ? [['NAME', true, false], ['NOTE', false, true]] : [])])),
    ...over,
  });

  test('looks at every object Re-Leased creates, lines included, and the OE / PO documents unless the profile rules them out', () => {
    const needs = check('objects.required-custom-fields').needs(context({ options: {} }));
    expect(Object.keys(needs).sort()).toEqual(['applications', ...CREATED, ...OE_PO].sort());
    const direct = check('objects.required-custom-fields').needs(context({ integration: { ...context().integration, orderEntry: false, purchasing: false } }));
    expect(Object.keys(direct).sort()).toEqual(['applications', ...CREATED].sort());
  });

  test('pass when only standard fields are required', () => {
    const out = evaluate('objects.required-custom-fields', clean());
    expect(out.status).toBe('pass');
    expect(out.summary).toContain('16 objects');
  });

  test('fail lists each required custom field by object, lines and payments included', () => {
    const out = evaluate('objects.required-custom-fields', clean({ APBILL: def('APBILL', [['APPROVER', true, true]]), ARINVOICEITEM: def('ARINVOICEITEM', [['UNIT_REF', true, true]]), ARPYMT: def('ARPYMT', [['BANKREF', true, true]]) }));
    expect(out.status).toBe('fail');
    expect(out.affected).toMatchObject({ count: 3, objectField: 'OBJECT', keyField: 'FIELD' });
    expect(out.affected!.sample.map((r) => `${r['OBJECT']}.${r['FIELD']}`)).toEqual(['ARINVOICEITEM.UNIT_REF', 'APBILL.APPROVER', 'ARPYMT.BANKREF']);
  });

  test('objects of an application not subscribed do not apply, whatever their lookup says; the summary names them', () => {
    const out = evaluate(
      'objects.required-custom-fields',
      clean({ applications: apps('GL', 'AR', 'CM'), APBILL: failed('not-subscribed', { function: 'lookup', object: 'APBILL' }), SODOCUMENT: def('SODOCUMENT', [['X', true, true]]) }),
    );
    expect(out.status).toBe('pass');
    expect(out.summary).toContain('VENDOR, APBILL, APBILLITEM, APADJUSTMENT, APADJUSTMENTITEM, APPYMT, SODOCUMENT, SODOCUMENTENTRY, PODOCUMENT, PODOCUMENTENTRY did not apply');
    expect(out.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'get_applications', object: 'APBILL', observed: 'not subscribed' })]));
  });

  test('error when a lookup failed and nothing was found elsewhere', () => {
    const out = evaluate('objects.required-custom-fields', clean({ VENDOR: failed('permission', { function: 'lookup', object: 'VENDOR' }) }));
    expect(out.status).toBe('error');
    expect(out.summary).toContain('VENDOR');
  });
});

describe('accounts.required-dimensions', () => {
  const FLAGS = ['REQUIREDEPT', 'REQUIRELOC', 'REQUIREPROJECT', 'REQUIRECUSTOMER', 'REQUIREVENDOR', 'REQUIREEMPLOYEE', 'REQUIREITEM', 'REQUIRECLASS', 'REQUIRECONTRACT', 'REQUIREWAREHOUSE'];
  const glAccount = (flags = FLAGS): FactResult =>
    ok({ object: 'GLACCOUNT', fields: ['RECORDNO', 'ACCOUNTNO', 'TITLE', 'STATUS', ...flags].map((id) => ({ id, label: id, dataType: 'BOOLEAN', required: false, readOnly: false, isCustom: false })) }, { function: 'lookup', object: 'GLACCOUNT' });
  const account = (no: string, title: string, ...required: string[]): SampleRecord => ({ ACCOUNTNO: no, TITLE: title, STATUS: 'active', ...Object.fromEntries(FLAGS.map((f) => [f, required.includes(f) ? 'true' : 'false'])) });
  const lookupWith = (def: FactResult) => (key: string) => (key === 'lookup:GLACCOUNT' ? def : undefined);

  test('asks for active accounts requiring a dimension Re-Leased does not send, among the flags the company has', () => {
    const ctx = context();
    const fact = check('accounts.required-dimensions').needs(ctx)['accounts']!.fact;
    const fn = fact.request(ctx, lookupWith(glAccount(['REQUIREDEPT', 'REQUIRELOC', 'REQUIRECUSTOMER', 'REQUIRECLASS'])));
    // LOCATION is sent (the default profile), the customer and vendor are carried: only DEPT and CLASS asked for.
    expect(fn).toMatchObject({
      object: 'GLACCOUNT',
      filter: { and: [{ op: 'equalto', field: 'STATUS', value: 'active' }, { or: [{ op: 'equalto', field: 'REQUIREDEPT', value: 'true' }, { op: 'equalto', field: 'REQUIRECLASS', value: 'true' }] }] },
    });
    // Flags the company's accounts do not have are not selected either.
    expect((fn as { select: string[] }).select).toEqual(expect.arrayContaining(['REQUIREDEPT', 'REQUIRECLASS', 'REQUIRELOC']));
    expect((fn as { select: string[] }).select).not.toContain('REQUIREWAREHOUSE');
    // A dimension the profile says is sent is not asked for.
    const withDept = context({ integration: { ...ctx.integration, dimensions: ['LOCATION', 'DEPARTMENT'] } });
    const fn2 = check('accounts.required-dimensions').needs(withDept)['accounts']!.fact.request(withDept, lookupWith(glAccount(['REQUIREDEPT', 'REQUIRECLASS'])));
    expect((fn2 as { filter: { and: unknown[] } }).filter.and[1]).toEqual({ op: 'equalto', field: 'REQUIRECLASS', value: 'true' });
  });

  test('fail lists account number, title, the dimensions required and those not sent', () => {
    const out = evaluate('accounts.required-dimensions', {
      definition: glAccount(),
      accounts: sample('GLACCOUNT', [account('6100', 'Repairs and maintenance', 'REQUIREDEPT', 'REQUIRELOC'), account('6300', 'Utilities', 'REQUIRECLASS')], 2),
    });
    expect(out.status).toBe('fail');
    expect(out.affected).toMatchObject({ count: 2, keyField: 'ACCOUNTNO', object: 'GLACCOUNT' });
    expect(out.affected!.sample).toEqual([
      { ACCOUNTNO: '6100', TITLE: 'Repairs and maintenance', ACCOUNTTYPE: null, REQUIRES: 'DEPARTMENT, LOCATION', NOTSENT: 'DEPARTMENT' },
      { ACCOUNTNO: '6300', TITLE: 'Utilities', ACCOUNTTYPE: null, REQUIRES: 'CLASS', NOTSENT: 'CLASS' },
    ]);
    expect(out.summary).toContain('2 active GL accounts require a dimension Re-Leased does not send (it sends LOCATION and the customer or vendor)');
    expect(check('accounts.required-dimensions').meta).toMatchObject({ severity: 'warning', category: 'accounts' });
  });

  test('pass when none; pass without a read when every flag is sent or the accounts have none of them', () => {
    expect(evaluate('accounts.required-dimensions', { definition: glAccount(), accounts: sample('GLACCOUNT', []) }).status).toBe('pass');
    const none = evaluate('accounts.required-dimensions', { definition: glAccount(['REQUIRELOC']), accounts: failed('unknown-object', { function: 'lookup', object: 'GLACCOUNT' }) });
    expect(none.status).toBe('pass');
    expect(none.summary).toContain('lists none of those flags');
    const all = context({ integration: { ...context().integration, dimensions: ['LOCATION', 'DEPARTMENT', 'PROJECT', 'EMPLOYEE', 'ITEM', 'CLASS', 'CONTRACT', 'WAREHOUSE'] } });
    expect(check('accounts.required-dimensions').needs(all)['accounts']).toBeUndefined();
    expect(evaluate('accounts.required-dimensions', { definition: glAccount() }, all).status).toBe('pass');
  });
});

describe('deletions and the connection date', () => {
  const row = (type: string, key: string, time: string): SampleRecord => ({ OBJECTTYPE: type, OBJECTKEY: key, OBJECTDESC: key, ACCESSTIME: time, USERID: 'jsmith', SOURCE: 'ui' });
  const connected = (date: string) => context({ integration: { ...context().integration, connectedOn: date } });

  test.each([
    ['contacts.deleted-contacts', ['customer', 'vendor'], undefined],
    ['transactions.deleted-invoices', ['arinvoice', 'apbill'], '01/01/2018'],
  ])('%s: counted from the connection date; earlier deletions listed in the evidence, not counted', (id, types, syncFrom) => {
    const ctx = connected('2025-03-01');
    const needs = check(id).needs(ctx);
    const counted = needs['deletions']!.fact.request(ctx, () => undefined) as { filter: { and: unknown[] }; showPrivate?: boolean };
    expect(counted.filter.and).toContainEqual({ op: 'greaterthanorequalto', field: 'ACCESSTIME', value: '03/01/2025' });
    // At the top level of a multi-entity company entity-owned rows are read too.
    expect(counted.showPrivate).toBe(true);
    const earlier = needs['earlier']!.fact.request(ctx, () => undefined) as { filter: { and: unknown[] } };
    expect(JSON.stringify(earlier.filter)).toContain('{"op":"lessthan","field":"ACCESSTIME","value":"03/01/2025"}');
    if (syncFrom) expect(JSON.stringify(earlier.filter)).toContain(`{"op":"greaterthanorequalto","field":"ACCESSTIME","value":"${syncFrom}"}`);

    const out = evaluate(id, { deletions: sample('AUDITHISTORY', [row(types[0]!, 'K9', '04/02/2025 10:00:00')]), earlier: sample('AUDITHISTORY', [row(types[1]!, 'K1', '02/03/2024 10:14:09')], 1) }, ctx);
    expect(out.status).toBe('fail');
    expect(out.affected!.count).toBe(1);
    expect(out.summary).toContain('2025-03-01');
    expect(out.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ object: 'AUDITHISTORY', field: 'ACCESSTIME', observed: 1, note: expect.stringContaining(`not counted: ${types[1]} K1`) })]));
  });

  test('without a connection date nothing is read twice; an entity audit does not ask for private rows', () => {
    expect(check('contacts.deleted-contacts').needs(context())['earlier']).toBeUndefined();
    const atEntity = context({ entityId: 'NZ01' });
    expect(check('contacts.deleted-contacts').needs(atEntity)['deletions']!.fact.request(atEntity, () => undefined)).not.toHaveProperty('showPrivate');
    // A connection before the sync window changes nothing for invoices.
    expect(check('transactions.deleted-invoices').needs(connected('2017-06-01'))['earlier']).toBeUndefined();
  });
});

describe('sync window in the requests', () => {
  test('transaction checks ask for records dated on or after syncFrom, or still open, newest first (one day by RECORDNO, highest first)', () => {
    const ctx = context({ syncFrom: '2021-07-01' });
    const fn = check('transactions.negative-invoices').needs(ctx)['ARINVOICE']!.fact.request(ctx, () => undefined);
    expect(fn).toMatchObject({
      function: 'query',
      object: 'ARINVOICE',
      orderBy: [
        { field: 'WHENCREATED', descending: true },
        { field: 'RECORDNO', descending: true },
      ],
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

  test('an entity audit does not set showprivate (the session is at the entity)', () => {
    const ctx = context({ entityId: 'NZ01' });
    expect(check('contacts.inactive-contacts').needs(ctx)['CUSTOMER']!.fact.request(ctx, () => undefined)).not.toHaveProperty('showPrivate');
  });
});
