/**
 * Check semantics that hold on a real ledger, through the real command line against the sandbox
 * gateway over HTTP: sub-ledger GL postings are not journal-entry payments (and the module key the
 * verdict rests on can be corrected in the config file), inactive foreign-currency contacts are
 * the remedy applied, reversals are neither credit invoices nor silent, accounts requiring a
 * dimension Re-Leased does not send are found (and the profile's dimensions are heard), audit-trail
 * rows of entities are seen and deletions before the connection are not counted, and a company
 * without Accounts Payable is never asked for bills.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { AuditResult, CheckResult } from '../../src/model/result.js';
import { cleanEnv, removeDir, run, tempDir } from './helpers.js';
import { sandboxEnv, variant, withSandbox } from './sandbox-helpers.js';

let cwd: string;
beforeAll(() => {
  cwd = tempDir('preflight-ledger-');
});
afterAll(() => removeDir(cwd));

const JSON_OUT = ['--format', 'json', '--out', '-', '--fail-on', 'never', '--quiet'];

function parse(stdout: string): AuditResult {
  return JSON.parse(stdout) as AuditResult;
}

function byId(r: AuditResult, id: string): CheckResult {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no result for ${id}`);
  return c;
}

const keys = (c: CheckResult, field: string) => (c.affected?.sample ?? []).map((s) => s[field]);

async function demo(argv: string[] = []): Promise<AuditResult> {
  const r = await run(['audit', '--demo', ...JSON_OUT, ...argv], { cwd, env: cleanEnv(cwd) });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(ExitCode.Ok);
  return parse(r.stdout);
}

function config(name: string, body: unknown): string {
  writeFileSync(join(cwd, name), JSON.stringify(body));
  return name;
}

describe('the demo ledger: sub-ledger postings, reversals, accounts requiring dimensions', () => {
  let r: AuditResult;
  beforeAll(async () => {
    r = await demo();
  });

  test('journal-entry payments: only entries made in General Ledger count; the evidence says what the verdict rests on', () => {
    const je = byId(r, 'payments.journal-entry-payments');
    expect(je.status).toBe('fail');
    expect(je.affected?.count).toBe(4);
    expect(je.summary).toContain('158 lines posted by the sub-ledgers were left out');
    const [filter, module, everyModule] = je.evidence;
    expect(filter).toMatchObject({ source: 'query', object: 'GLDETAIL', observed: 4 });
    expect(filter!.note).toContain('MODULEKEY in (2.GL)');
    expect(module).toMatchObject({ source: 'lookup', object: 'GLDETAIL', field: 'MODULEKEY' });
    expect(module!.note).toContain('not yet verified on a real company');
    expect(everyModule).toMatchObject({ object: 'GLDETAIL', observed: 162 });
    expect(everyModule!.note).toContain('2.GL, 3.AP, 4.AR');
  });

  test('the module key is data: set to the sub-ledgers\' key, the AR postings are what is counted', async () => {
    const asAr = await demo(['--config', config('modules.json', { checkOptions: { 'payments.journal-entry-payments': { modules: ['4.AR'] } } }), '--checks', 'payments.journal-entry-payments']);
    const je = byId(asAr, 'payments.journal-entry-payments');
    expect(je.affected!.count).toBeGreaterThan(100);
    expect(new Set(keys(je, 'MODULEKEY'))).toEqual(new Set(['4.AR']));
    expect(je.evidence.some((e) => e.note?.includes('modules'))).toBe(true);
  });

  test('journal symbols match in any case; a journal the company does not have needs a person', async () => {
    const lower = await demo(['--config', config('journals.json', { checkOptions: { 'payments.journal-entry-payments': { journals: ['crj'] } } }), '--checks', 'payments.journal-entry-payments']);
    const je = byId(lower, 'payments.journal-entry-payments');
    expect(je.status).toBe('fail');
    expect(keys(je, 'BATCHNO')).toEqual(['813']);
    const missing = await demo(['--config', config('missing.json', { checkOptions: { 'payments.journal-entry-payments': { journals: ['GJ', 'RENTJ'] } } }), '--checks', 'payments.journal-entry-payments']);
    expect(byId(missing, 'payments.journal-entry-payments')).toMatchObject({ status: 'manual', summary: expect.stringContaining('no journal RENTJ') });
  });

  test('the inactive foreign-currency tenant is listed, not counted', () => {
    const fx = byId(r, 'currency.foreign-currency-contacts');
    expect(fx.affected?.count).toBe(4);
    expect(keys(fx, 'ID')).not.toContain('HPG-T020');
    expect(fx.evidence.find((e) => e.field === 'STATUS' && e.object === 'CUSTOMER')?.note).toContain('HPG-T020');
  });

  test('reversed invoices are listed; the records zeroing them out are not credit invoices', () => {
    const rev = byId(r, 'transactions.reversed-invoices');
    expect(rev).toMatchObject({ status: 'fail', severity: 'info', category: 'transactions' });
    expect(keys(rev, 'RECORDID')).toEqual(['INV-2043', 'BILL-324']);
    expect(rev.remediation.join(' ')).toContain('Sync Results');
    const neg = byId(r, 'transactions.negative-invoices');
    expect(neg.affected?.count).toBe(5);
    expect(keys(neg, 'STATE')).not.toContain('Reversal');
  });

  test('accounts requiring a dimension Re-Leased does not send; --dimensions says what it sends', async () => {
    const dims = byId(r, 'accounts.required-dimensions');
    expect(dims).toMatchObject({ status: 'fail', severity: 'warning', category: 'accounts' });
    expect(dims.affected!.sample).toEqual([
      expect.objectContaining({ ACCOUNTNO: '6100', TITLE: 'Repairs and maintenance', REQUIRES: 'DEPARTMENT, LOCATION', NOTSENT: 'DEPARTMENT' }),
      expect.objectContaining({ ACCOUNTNO: '6300', TITLE: 'Utilities', REQUIRES: 'DEPARTMENT, CLASS', NOTSENT: 'DEPARTMENT, CLASS' }),
    ]);
    // The inactive account that requires a project does not count.
    expect(keys(dims, 'ACCOUNTNO')).not.toContain('6900');
    const withDept = await demo(['--dimensions', 'LOCATION,DEPARTMENT', '--checks', 'accounts.required-dimensions']);
    expect(byId(withDept, 'accounts.required-dimensions').affected!.sample).toEqual([expect.objectContaining({ ACCOUNTNO: '6300', NOTSENT: 'CLASS' })]);
  });

  test('required custom fields are looked for on every object Re-Leased creates', () => {
    const custom = byId(r, 'objects.required-custom-fields');
    const looked = custom.evidence.filter((e) => e.source === 'lookup').map((e) => e.object);
    expect(looked).toEqual(expect.arrayContaining(['ARINVOICEITEM', 'APBILLITEM', 'ARADJUSTMENTITEM', 'APADJUSTMENTITEM', 'ARPYMT', 'APPYMT', 'SODOCUMENT', 'PODOCUMENTENTRY']));
  });
});

describe('multi-entity: audit-trail rows of entities, and the connection date', () => {
  test('at the top level the deletions of a private entity count; before --connected-on they are listed, not counted', async () => {
    await withSandbox('multi-entity', async (sb) => {
      const env = sandboxEnv(sb, cwd);
      const all = await run(['audit', ...JSON_OUT], { cwd, env });
      expect(all.code).toBe(ExitCode.Ok);
      const top = parse(all.stdout);
      expect(keys(byId(top, 'contacts.deleted-contacts'), 'OBJECTKEY').sort()).toEqual(['SC-S000', 'UK-T000']);
      expect(keys(byId(top, 'transactions.deleted-invoices'), 'OBJECTKEY').sort()).toEqual(['NZ-INV-0', 'UK-B-0']);

      const since = parse((await run(['audit', ...JSON_OUT, '--connected-on', '2025-01-01'], { cwd, env })).stdout);
      const contacts = byId(since, 'contacts.deleted-contacts');
      expect(keys(contacts, 'OBJECTKEY')).toEqual(['UK-T000']);
      expect(contacts.evidence.find((e) => e.field === 'ACCESSTIME')?.note).toContain('not counted: vendor SC-S000');
      const invoices = byId(since, 'transactions.deleted-invoices');
      expect(keys(invoices, 'OBJECTKEY')).toEqual(['NZ-INV-0']);
      expect(invoices.evidence.find((e) => e.field === 'ACCESSTIME')?.note).toContain('apbill UK-B-0');

      // At an entity, the entity's own rows and the shared ones: not another entity's.
      const nz = parse((await run(['audit', ...JSON_OUT, '--entity-id', 'NZ01'], { cwd, env })).stdout);
      expect(keys(byId(nz, 'contacts.deleted-contacts'), 'OBJECTKEY')).toEqual(['SC-S000']);
      expect(keys(byId(nz, 'transactions.deleted-invoices'), 'OBJECTKEY')).toEqual(['NZ-INV-0']);
    });
  });
});

describe('ar-only: a company without Accounts Payable', () => {
  test('is never asked for bills, vendors or AP payments; the checks over several objects judge the rest and say what did not apply', async () => {
    await withSandbox('ar-only', async (sb) => {
      const r = await run(['audit', ...JSON_OUT], { cwd, env: sandboxEnv(sb, cwd) });
      expect(r.code).toBe(ExitCode.Ok);
      const result = parse(r.stdout);
      const queried = sb.received.filter((f) => f.name === 'query' || f.name === 'readByQuery').map((f) => f.object);
      for (const object of ['APBILL', 'VENDOR', 'APPYMT', 'APADJUSTMENT']) expect(queried).not.toContain(object);

      const neg = byId(result, 'transactions.negative-invoices');
      expect(neg.status).toBe('fail');
      expect(keys(neg, 'RECORDID')).toEqual(['LEVY-0099']);
      expect(neg.summary).toContain('AP bills did not apply: Accounts Payable (AP) is not subscribed');
      for (const id of ['transactions.attachments', 'transactions.reversed-invoices', 'currency.foreign-currency-transactions', 'contacts.inactive-contacts', 'currency.foreign-currency-contacts']) {
        const c = byId(result, id);
        expect([id, c.status]).toEqual([id, 'pass']);
        expect(c.summary).toContain('did not apply');
      }
      const perm = byId(result, 'connection.read-permissions');
      expect(perm.status).toBe('pass');
      expect(perm.summary).toContain('VENDOR, APBILL, APPYMT, APADJUSTMENT did not apply');
      expect(byId(result, 'objects.required-custom-fields').summary).toContain('APBILLITEM');

      // No vendors are created without AP, so their numbering does not apply (not a blocker to confirm by hand).
      const vendorIds = byId(result, 'ap.vendor-id-sequence');
      expect([vendorIds.status, vendorIds.summary]).toEqual(['not-applicable', expect.stringContaining('Accounts Payable (AP) is not subscribed')]);
      expect(byId(result, 'ar.customer-id-sequence').status).toBe('pass');
      expect(result.verdict).toBe('ready');
    });
  });

  test('a variant without Accounts Receivable either: the data checks over invoices and bills do not apply at all', async () => {
    const none = variant('ar-only', (c) => {
      c.applications = ['GL', 'CM'];
    });
    await withSandbox(none, async (sb) => {
      const r = await run(['audit', ...JSON_OUT, '--checks', 'transactions.*'], { cwd, env: sandboxEnv(sb, cwd) });
      const result = parse(r.stdout);
      for (const id of ['transactions.negative-invoices', 'transactions.attachments', 'transactions.reversed-invoices']) {
        expect([id, byId(result, id).status]).toEqual([id, 'not-applicable']);
      }
      expect(sb.received.some((f) => f.object === 'ARINVOICE' && f.name === 'query')).toBe(false);
    });
  });
});
