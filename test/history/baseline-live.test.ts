/**
 * Baselines from real reports: the JSON the audit writes for a fixture company (real client,
 * sandbox gateway on loopback) loads as a baseline and compares as a consultant expects after a
 * fix in Intacct.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../../src/audit/audit.js';
import { renderJson } from '../../src/render/json.js';
import type { AuditResult } from '../../src/model/result.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { compareResults, failOnNewExitCode, loadBaseline } from '../../src/history/baseline.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'history-baseline-live-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function audit(company: CompanyFixture): Promise<AuditResult> {
  const sandbox = await startSandbox({ company });
  try {
    return await runAudit({
      connection: { endpoint: sandbox.endpoint, credentials: { ...sandbox.credentials }, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 5 } },
      syncFrom: '2019-01-01',
      today: '2025-06-02',
    });
  } finally {
    await sandbox.close();
  }
}

describe('baseline from a saved demo report', () => {
  test('the saved report loads as a baseline; the same company audited again is unchanged', async () => {
    const first = await audit(loadCompany('demo'));
    const file = join(dir, 'report.json');
    writeFileSync(file, renderJson(first));
    const baseline = loadBaseline(file, first);
    const comparison = compareResults(baseline, await audit(loadCompany('demo')));
    expect(comparison.checks.filter((c) => c.change !== 'unchanged').map((c) => c.id)).toEqual([]);
    expect(failOnNewExitCode(comparison, first, 'info').code).toBe(0);
  });

  test('a new foreign-currency customer after go-live is a worse, newly appeared record and fails --fail-on-new', async () => {
    const before = await audit(loadCompany('demo'));
    const company = loadCompany('demo');
    const customers = company.objects.CUSTOMER!.records;
    const template = customers[0]!;
    customers.push({ ...template, RECORDNO: '990001', CUSTOMERID: 'C-NEW-990001', NAME: 'Newly Added Tenant Ltd', CURRENCY: 'JPY', STATUS: 'active' });
    const after = await audit(company);
    const comparison = compareResults(before, after);
    const contacts = comparison.checks.find((c) => c.id === 'currency.foreign-currency-contacts')!;
    expect(contacts).toMatchObject({ worse: true });
    expect(contacts.countAfter).toBe(contacts.countBefore! + 1);
    expect(contacts.records?.added.map((r) => r.key)).toContain('CUSTOMER:C-NEW-990001');
    expect(failOnNewExitCode(comparison, after, 'warning').code).toBe(1);
  });
});
