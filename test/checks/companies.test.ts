/**
 * The checks through the real client against the sandbox gateway, one audit per shipped fixture
 * company: status, evidence, count and sample of each check in each state the companies were
 * built to show (see each company's description).
 */
import { runAudit } from '../../src/audit/audit.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { generateCompany } from '../../src/sandbox/generate.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import type { AuditResult, CheckResult } from '../../src/model/result.js';

async function audit(company: CompanyFixture, opts: { entityId?: string; syncFrom?: string } = {}): Promise<{ result: AuditResult; sandbox: Sandbox }> {
  const sandbox = await startSandbox({ company });
  try {
    const result = await runAudit({
      connection: { endpoint: sandbox.endpoint, credentials: { ...sandbox.credentials, ...(opts.entityId ? { entityId: opts.entityId } : {}) } },
      ...(opts.syncFrom ? { syncFrom: opts.syncFrom } : {}),
    });
    return { result, sandbox };
  } finally {
    await sandbox.close();
  }
}

const byId = (r: AuditResult, id: string): CheckResult => {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no result for ${id}`);
  return c;
};
const statuses = (r: AuditResult) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
const keys = (c: CheckResult, field: string) => (c.affected?.sample ?? []).map((s) => s[field]);

describe('demo: Harbourview Property Group', () => {
  let r: AuditResult;
  beforeAll(async () => {
    r = (await audit(loadCompany('demo'))).result;
  });

  test('is not ready: three blockers fail, and every warning and info finding shows', () => {
    expect(r.verdict).toBe('not-ready');
    expect(statuses(r)).toEqual({
      'accounts.required-dimensions': 'fail',
      'ap.account-labels-disabled': 'fail',
      'ap.vendor-id-sequence': 'pass',
      'ar.account-labels-disabled': 'fail',
      'ar.customer-id-sequence': 'fail',
      'ar.customer-refunds': 'fail',
      'connection.read-permissions': 'pass',
      'connection.web-services-access': 'pass',
      'contacts.deleted-contacts': 'fail',
      'contacts.inactive-contacts': 'fail',
      'currency.company-settings': 'pass',
      'currency.foreign-currency-contacts': 'fail',
      'currency.foreign-currency-transactions': 'fail',
      'objects.required-custom-fields': 'fail',
      'payments.journal-entry-payments': 'fail',
      'payments.unapplied-credits': 'fail',
      'po.subtotal-dimensions-from-lines': 'pass',
      'so.subtotal-dimensions-from-lines': 'fail',
      'transactions.attachments': 'fail',
      'transactions.deleted-invoices': 'fail',
      'transactions.negative-invoices': 'fail',
      'transactions.reversed-invoices': 'fail',
    });
  });

  test('settings checks name the preference read, its value, and that the name is unverified', () => {
    const seq = byId(r, 'ar.customer-id-sequence');
    expect(seq.evidence[0]).toMatchObject({ source: 'get_companyprefs', application: 'AR', preference: 'CUSTOMERSEQUENCE', observed: '', verified: false });
    expect(seq.evidence[1]).toMatchObject({ source: 'lookup', object: 'CUSTOMER', field: 'CUSTOMERID', observed: 'required' });
    expect(byId(r, 'ar.account-labels-disabled').evidence).toEqual(
      expect.arrayContaining([expect.objectContaining({ preference: 'ENABLEACCOUNTLABELS', observed: 'T' }), expect.objectContaining({ object: 'ARACCOUNTLABEL', observed: 3 })]),
    );
    expect(byId(r, 'connection.web-services-access').evidence).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'companyid', observed: 'harbourview-demo' }), expect.objectContaining({ field: 'userid', observed: 'ws_released' })]),
    );
  });

  test('transactions in the window or still open count; settled ones before 2018 do not', () => {
    const neg = byId(r, 'transactions.negative-invoices');
    expect(neg.affected?.count).toBe(5);
    expect(neg.summary).toContain('4 AR invoices, 1 AP bill');
    const negDates = neg.affected!.sample.map((s) => `${s['OBJECT']} ${s['WHENCREATED']} ${s['TOTALDUE']}`);
    expect(negDates).toContain('ARINVOICE 06/05/2017 -220.00'); // open, from 2017: counts
    expect(negDates).not.toContain('ARINVOICE 11/20/2016 0.00'); // settled, from 2016: does not
    expect(negDates.some((d) => d.startsWith('APBILL 03/03/2017'))).toBe(false);

    const fx = byId(r, 'currency.foreign-currency-transactions');
    expect(fx.affected?.count).toBe(6);
    expect(fx.affected!.sample.every((s) => s['CURRENCY'] !== 'AUD' && s['BASECURRENCY'] === 'AUD')).toBe(true);
    expect(fx.affected!.sample.filter((s) => s['WHENCREATED'] === '10/01/2017')).toHaveLength(0);
    expect(fx.affected!.sample.filter((s) => s['WHENCREATED'] === '12/01/2017')).toHaveLength(1);

    const att = byId(r, 'transactions.attachments');
    expect(att.affected?.count).toBe(8);
    expect(keys(att, 'SUPDOCID')).toEqual(expect.arrayContaining(['ARREARS-14', 'LEASE-0412', 'ROOF-INSP']));
    expect(keys(att, 'SUPDOCID')).not.toContain('OLD-0214');
  });

  test('samples are newest first and carry what a consultant needs to find each record', () => {
    const neg = byId(r, 'transactions.negative-invoices');
    expect(neg.affected!.columns).toEqual(['OBJECT', 'RECORDNO', 'RECORDID', 'CONTACTID', 'CONTACTNAME', 'WHENCREATED', 'TOTALENTERED', 'TOTALDUE', 'CURRENCY', 'MEGAENTITYID', 'STATE']);
    expect(neg.affected!.sample[0]).toMatchObject({ OBJECT: 'ARINVOICE', WHENCREATED: '05/12/2025', TOTALENTERED: '-450.00', CONTACTNAME: 'Wharf Street Books' });
    const times = neg.affected!.sample.map((s) => {
      const [m, d, y] = String(s['WHENCREATED']).split('/');
      return `${y}${m}${d}`;
    });
    expect(times).toEqual([...times].sort().reverse());
  });

  test('contacts: foreign currency, inactive and deleted ones', () => {
    const fx = byId(r, 'currency.foreign-currency-contacts');
    expect(fx.affected?.count).toBe(4);
    expect(fx.affected!.sample.map((s) => `${s['OBJECT']}:${s['ID']}:${s['CURRENCY']}`).sort()).toEqual(
      ['CUSTOMER:HPG-T003:NZD', 'CUSTOMER:HPG-T008:USD', 'VENDOR:V0004:USD', 'VENDOR:V0015:GBP'].sort(),
    );
    // The inactive NZD tenant is the remedy already applied: listed in the evidence, not counted.
    expect(fx.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ object: 'CUSTOMER', field: 'STATUS', observed: 1, note: expect.stringContaining('not counted: HPG-T020') })]));
    expect(byId(r, 'contacts.inactive-contacts').affected?.count).toBe(6);
    const deleted = byId(r, 'contacts.deleted-contacts');
    expect(deleted.affected?.count).toBe(3); // dates do not matter for contacts: the 2016 deletion counts
    expect(keys(deleted, 'OBJECTKEY')).toEqual(['HPG-T031', 'V0019', 'HPG-T032']);
  });

  test('payments, journals, deleted invoices and required custom fields', () => {
    const credits = byId(r, 'payments.unapplied-credits');
    expect(credits.affected?.count).toBe(4);
    expect(keys(credits, 'KIND').sort()).toEqual(['advance', 'advance', 'overpayment', 'overpayment']);
    const je = byId(r, 'payments.journal-entry-payments');
    // Only the receipts and the payment entered as General Ledger journal entries; the AR and AP
    // sub-ledgers' own postings (every invoice, bill, receipt and payment) name customers too.
    expect(je.affected?.count).toBe(4);
    expect(je.summary).toMatch(/heuristic/i);
    expect(je.summary).toMatch(/\d+ lines posted by the sub-ledgers were left out/);
    expect(keys(je, 'BATCHNO').sort()).toEqual(['811', '812', '813', '814']);
    expect(new Set(keys(je, 'MODULEKEY'))).toEqual(new Set(['2.GL']));
    expect(keys(je, 'JOURNAL').sort()).toEqual(['CRJ', 'GJ', 'GJ', 'GJ']);
    const del = byId(r, 'transactions.deleted-invoices');
    expect(del.affected?.count).toBe(3);
    expect(keys(del, 'OBJECTKEY')).toEqual(['INV-1991', 'INV-1988', 'BILL-288']);
    const custom = byId(r, 'objects.required-custom-fields');
    expect(custom.affected?.sample.map((s) => `${s['OBJECT']}.${s['FIELD']}`)).toEqual(['CUSTOMER.PROPERTY_CODE', 'APBILL.APPROVER_NOTE']);
  });

  test('reversals: the reversed invoice and bill are listed; the records that zero them out are not credit invoices', () => {
    const rev = byId(r, 'transactions.reversed-invoices');
    expect(rev.affected?.count).toBe(2);
    expect(keys(rev, 'RECORDID')).toEqual(['INV-2043', 'BILL-324']);
    expect(new Set(keys(rev, 'STATE'))).toEqual(new Set(['Reversed']));
    const neg = byId(r, 'transactions.negative-invoices');
    expect(keys(neg, 'RECORDID')).not.toContain('INV-2043');
    expect(keys(neg, 'RECORDID')).not.toContain('BILL-324');
    expect(neg.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'lookup', object: 'ARINVOICE', observed: 'identified', note: expect.stringContaining('STATE "Reversal"') })]));
  });

  test('a later sync-from date shrinks the window', async () => {
    const later = (await audit(loadCompany('demo'), { syncFrom: '2025-01-01' })).result;
    const neg = byId(later, 'transactions.negative-invoices');
    // 05/12/2025 and 02/20/2025 (in window), 06/05/2017 (still open) on AR; none on AP.
    expect(neg.affected?.count).toBe(3);
    expect(byId(later, 'payments.journal-entry-payments').affected?.count).toBe(3);
  });
});

describe('ready: Kauri Street Properties', () => {
  test('every blocker passes, warnings are clean, and the verdict is ready', async () => {
    const r = (await audit(loadCompany('ready'))).result;
    expect(r.verdict).toBe('ready');
    for (const c of r.checks.filter((x) => x.severity !== 'info')) expect([c.id, c.status]).toEqual([c.id, 'pass']);
    expect(byId(r, 'transactions.negative-invoices').affected?.count).toBe(0); // the 2016 credit invoice is settled
    expect(byId(r, 'transactions.attachments').affected?.count).toBe(0);
    expect(byId(r, 'contacts.inactive-contacts')).toMatchObject({ status: 'fail', affected: { count: 1, sample: [{ OBJECT: 'VENDOR', ID: 'S-006' }] } });
  });
});

describe('restricted: Wattle Grove Strata Management', () => {
  let r: AuditResult;
  beforeAll(async () => {
    r = (await audit(loadCompany('restricted'))).result;
  });

  test('a denied integration object fails connection.read-permissions, saying writes cannot be verified', () => {
    const perm = byId(r, 'connection.read-permissions');
    expect(perm.status).toBe('fail');
    expect(perm.summary).toContain('TAXDETAIL');
    expect(perm.summary).not.toMatch(/AUDITHISTORY|GLDETAIL/);
    expect(perm.summary).toMatch(/write permissions cannot be verified/i);
    expect(r.verdict).toBe('not-ready');
  });

  test('AUDITHISTORY and GLDETAIL denied: the dependent checks are manual, naming the permission', () => {
    for (const id of ['contacts.deleted-contacts', 'transactions.deleted-invoices']) {
      const c = byId(r, id);
      expect(c.status).toBe('manual');
      expect(c.summary).toContain('permission for custom reports');
      expect(c.evidence[0]).toMatchObject({ source: 'query', object: 'AUDITHISTORY', observed: null });
    }
    expect(byId(r, 'payments.journal-entry-payments').status).toBe('manual');
  });

  test('account labels: a label query refused because the feature is off is evidence, not an error', () => {
    const c = byId(r, 'ar.account-labels-disabled');
    expect(c.status).toBe('pass');
    expect(c.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ object: 'ARACCOUNTLABEL', observed: 'refused: feature off' })]));
  });
});

describe('unknown-prefs: Rata Lane Commercial', () => {
  test('settings checks are manual and list the preference names seen; the verdict is incomplete', async () => {
    const r = (await audit(loadCompany('unknown-prefs'))).result;
    expect(r.verdict).toBe('incomplete');
    for (const id of ['ar.customer-id-sequence', 'ap.vendor-id-sequence', 'so.subtotal-dimensions-from-lines', 'po.subtotal-dimensions-from-lines', 'ap.account-labels-disabled', 'ar.customer-refunds']) {
      expect([id, byId(r, id).status]).toEqual([id, 'manual']);
    }
    const seq = byId(r, 'ar.customer-id-sequence');
    expect(seq.evidence[0]).toMatchObject({ preference: 'CUSTOMERSEQUENCE', observed: null, verified: false });
    expect(seq.evidence[0]!.note).toContain('AR_ACCTLABELS_ENABLED, CUST_ID_DOCSEQ, INVOICE_DOCSEQ, REFUNDS_ON');
    // The refused label query settles AR labels even without a known preference name.
    expect(byId(r, 'ar.account-labels-disabled').status).toBe('pass');
  });
});

describe('no-order-entry: Pohutukawa Property Management', () => {
  test('subtotal checks are not-applicable with the reason; the company is ready', async () => {
    const r = (await audit(loadCompany('no-order-entry'))).result;
    for (const id of ['so.subtotal-dimensions-from-lines', 'po.subtotal-dimensions-from-lines']) {
      const c = byId(r, id);
      expect(c.status).toBe('not-applicable');
      expect(c.summary).toMatch(/not subscribed/);
      expect(c.evidence[0]).toMatchObject({ source: 'get_applications', observed: 'GL, AR, AP, CM' });
    }
    expect(r.verdict).toBe('ready');
  });
});

describe('multi-entity: Southern Cross Property Holdings', () => {
  test('top level: per-entity base currencies, private entity included; subtotals judged where Re-Leased creates records (the top level)', async () => {
    const { result: r, sandbox } = await audit(loadCompany('multi-entity'));
    const contacts = byId(r, 'currency.foreign-currency-contacts');
    expect(contacts.affected?.count).toBe(5);
    expect(contacts.affected!.sample.map((s) => `${s['ID']}:${s['CURRENCY']}>${s['BASECURRENCY'] ?? '-'}`).sort()).toEqual(
      ['AU-T003:NZD>AUD', 'NZ-T003:AUD>NZD', 'UK-T002:USD>GBP', 'SC-T002:USD>-', 'NZ-S002:USD>NZD'].sort(),
    );
    const tx = byId(r, 'currency.foreign-currency-transactions');
    expect(tx.affected?.count).toBe(4);
    expect(keys(tx, 'RECORDID').sort()).toEqual(['AU-INV-3', 'NZ-B-2', 'NZ-INV-2', 'UK-INV-2']);
    expect(byId(r, 'payments.unapplied-credits').affected?.count).toBe(1); // at the private entity

    // No entity connected: Re-Leased creates records at the top level, whose "use line-item
    // dimensions" is on; NZ01 not distributing subtotals is not where Re-Leased writes.
    expect(byId(r, 'so.subtotal-dimensions-from-lines').status).toBe('pass');
    expect(byId(r, 'po.subtotal-dimensions-from-lines').status).toBe('pass');
    expect(sandbox.received.filter((f) => f.name === 'get_companyprefs' && f.sessionEntity)).toEqual([]);
  });

  test('entity audit: records compared with that entity’s base currency', async () => {
    const r = (await audit(loadCompany('multi-entity'), { entityId: 'NZ01' })).result;
    const contacts = byId(r, 'currency.foreign-currency-contacts');
    expect(contacts.affected!.sample.every((s) => s['BASECURRENCY'] === 'NZD')).toBe(true);
    expect(keys(contacts, 'ID')).not.toContain('NZ-T001'); // an NZD tenant at NZ01 is local
    expect(keys(contacts, 'ID')).not.toContain('UK-T002'); // another entity's record is not visible here
    expect(byId(r, 'po.subtotal-dimensions-from-lines').status).toBe('fail');
    expect(byId(r, 'so.subtotal-dimensions-from-lines').status).toBe('pass');
  });
});

describe('cost does not grow with the size of the company', () => {
  test('a 40x larger company takes the same functions, and no query pages through records', async () => {
    const small = await audit(generateCompany({ invoices: 200, seed: 7 }));
    const large = await audit(generateCompany({ invoices: 8000, seed: 7 }));
    const shape = (s: Sandbox) => s.received.map((f) => `${f.name}:${f.object ?? f.application ?? ''}`).sort();
    expect(shape(large.sandbox)).toEqual(shape(small.sandbox));
    expect(large.sandbox.received.some((f) => f.name === 'readMore')).toBe(false);
    // The large company really has more findings: counts come from totalcount, samples stay ≤ 25.
    const neg = byId(large.result, 'transactions.negative-invoices');
    expect(neg.affected!.count).toBeGreaterThan(byId(small.result, 'transactions.negative-invoices').affected!.count);
    for (const c of large.result.checks) if (c.affected) expect(c.affected.sample.length).toBeLessThanOrEqual(25);
  }, 60000);
});
