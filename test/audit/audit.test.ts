/** runAudit end to end: user checks, the real client and the sandbox gateway over loopback HTTP. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateFacts, runAudit, runAuditWithFacts, type ProgressEvent } from '../../src/audit/audit.js';
import { AbortError, UsageError } from '../../src/util/errors.js';
import { FactStore } from '../../src/gather/store.js';
import { validateResult } from '../../src/render/index.js';
import type { AuditResult } from '../../src/model/result.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { connectionFor, testCompany } from '../helpers/sandbox-company.js';

/** User checks written as a consultant would: plain ES modules declaring plain-data facts. */
const USER_CHECKS = `
const meta = (id, severity, title) => ({
  id, title, severity, category: 'acme', why: 'Acme needs it.', remediation: ['Open Intacct', 'Fix it'],
  docs: [{ title: 'Acme', url: 'https://acme.example/docs' }], version: 2,
});
const prefs = (app, entityId) => ({
  key: 'acme:prefs:' + app + (entityId ? '@' + entityId : ''),
  ...(entityId ? { entityId } : {}),
  request: () => ({ function: 'get_companyprefs', application: app }),
  interpret: (data) => Object.fromEntries(data.records.map((r) => [r.preference, r.prefvalue ?? ''])),
});
const foreignCustomers = {
  key: 'acme:foreign-customers',
  request: () => ({ function: 'query', object: 'CUSTOMER', select: ['CUSTOMERID', 'NAME', 'CURRENCY'],
    filter: { op: 'notequalto', field: 'CURRENCY', value: 'GBP' }, orderBy: [{ field: 'CUSTOMERID' }], pageSize: 25 }),
  interpret: (data) => ({ count: data.totalCount ?? data.records.length,
    sample: data.records.map((r) => ({ CUSTOMERID: r.CUSTOMERID, NAME: r.NAME, CURRENCY: r.CURRENCY })) }),
};
const audit = { key: 'acme:deleted', request: () => ({ function: 'query', object: 'AUDITHISTORY', select: ['OBJECTKEY'], pageSize: 1 }),
  interpret: (data) => data.totalCount ?? 0 };
const ev = (app, pref, value) => ({ source: 'get_companyprefs', application: app, preference: pref, observed: value ?? null });

export const checks = [
  { meta: meta('acme.customer-sequence', 'blocker', 'Customer ids'),
    needs: () => ({ ar: { fact: prefs('AR') } }),
    evaluate: ({ ar }) => ar.value.CUSTOMERSEQUENCE
      ? { status: 'pass', summary: 'Customer ids are numbered', evidence: [ev('AR', 'CUSTOMERSEQUENCE', ar.value.CUSTOMERSEQUENCE)] }
      : { status: 'fail', summary: 'No customer sequence', evidence: [ev('AR', 'CUSTOMERSEQUENCE', null)] } },
  { meta: meta('acme.vendor-sequence', 'blocker', 'Vendor ids'),
    needs: () => ({ ap: { fact: prefs('AP') } }),
    evaluate: ({ ap }) => ap.value.VENDORSEQUENCE
      ? { status: 'pass', summary: 'Vendor ids are numbered', evidence: [] }
      : { status: 'fail', summary: 'No vendor sequence', evidence: [ev('AP', 'VENDORSEQUENCE', ap.value.VENDORSEQUENCE)] } },
  { meta: meta('acme.foreign-customers', 'warning', 'Foreign customers'),
    needs: () => ({ c: { fact: foreignCustomers } }),
    evaluate: ({ c }) => ({ status: c.value.count ? 'fail' : 'pass', summary: c.value.count + ' customers in another currency', evidence: [],
      affected: { count: c.value.count, sample: c.value.sample, columns: ['CUSTOMERID', 'NAME', 'CURRENCY'], object: 'CUSTOMER', keyField: 'CUSTOMERID' } }) },
  { meta: meta('acme.deleted-customers', 'warning', 'Deleted customers'),
    needs: () => ({ d: { fact: audit, onError: 'manual' } }),
    evaluate: ({ d }) => ({ status: d.value ? 'fail' : 'pass', summary: 'deletions: ' + d.value, evidence: [] }) },
  { meta: meta('acme.entity-subtotals', 'info', 'Entity subtotals'),
    needs: (ctx) => Object.fromEntries((ctx.entities ?? []).map((e) => [e, { fact: prefs('SO', e) }])),
    evaluate: (facts, ctx) => {
      const off = (ctx.entities ?? []).filter((e) => facts[e].value.USELINEDIMENSIONSINSUBTOTALS !== 'T');
      if (!ctx.entities?.length) return { status: 'not-applicable', summary: 'No entities', evidence: [] };
      return { status: off.length ? 'fail' : 'pass', summary: off.length ? 'Off at ' + off.join(', ') : 'On everywhere', evidence: [] };
    } },
];
`;

let dir: string;
let single: Sandbox;
let multi: Sandbox;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-audit-'));
  writeFileSync(join(dir, '_checks.mjs'), USER_CHECKS);
  ['customer-sequence', 'vendor-sequence', 'foreign-customers', 'deleted-customers', 'entity-subtotals'].forEach((name, i) =>
    writeFileSync(join(dir, `${name}.mjs`), `import { checks } from './_checks.mjs';\nexport default checks[${i}];\n`),
  );
  single = await startSandbox({ company: testCompany() });
  multi = await startSandbox({ company: testCompany({ entities: true }) });
});
afterAll(async () => {
  await single?.close();
  await multi?.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ({ checkDirs: [dir], checks: ['acme.*'], today: '2025-06-15' });
const statusOf = (r: AuditResult, id: string) => r.checks.find((c) => c.id === id)?.status;

function expectValid(result: AuditResult): void {
  const v = validateResult(JSON.parse(JSON.stringify(result)));
  expect(v.ok ? [] : v.errors).toEqual([]);
}

describe('runAudit against the sandbox', () => {
  it('gathers in two HTTP requests, evaluates every check and builds a valid result', async () => {
    const events: ProgressEvent[] = [];
    const start = single.received.length;
    const result = await runAudit({ ...base(), connection: connectionFor(single), onProgress: (e) => events.push(e) });

    expect(Object.fromEntries(result.checks.map((c) => [c.id, c.status]))).toEqual({
      'acme.customer-sequence': 'pass',
      'acme.vendor-sequence': 'fail',
      'acme.foreign-customers': 'fail',
      'acme.deleted-customers': 'manual',
      'acme.entity-subtotals': 'not-applicable',
    });
    expect(result.verdict).toBe('not-ready');
    expect(result.verdictReason).toBe('1 blocker fails: acme.vendor-sequence.');
    const foreign = result.checks.find((c) => c.id === 'acme.foreign-customers')!;
    expect(foreign.affected).toMatchObject({ count: 2, sample: [{ CUSTOMERID: 'C2' }, { CUSTOMERID: 'C3' }] });
    expect(foreign).toMatchObject({ origin: dir, checkVersion: 2, severity: 'warning', defaultSeverity: 'warning' });
    expect(result.checks.find((c) => c.id === 'acme.deleted-customers')!.summary).toMatch(/^Needs a person to confirm: no permission: query AUDITHISTORY/);

    // One session, then one batch: the company facts ride along with the checks' facts.
    expect(result.run.stats.httpRequests).toBe(2);
    const received = single.received.slice(start);
    expect(received.filter((f) => f.name === 'getAPISession')).toHaveLength(1);
    expect(new Set(received.map((f) => f.request)).size).toBe(2);
    expect(received.filter((f) => f.name === 'get_companyprefs').map((f) => f.application)).toEqual(['AR', 'AP']);

    expect(result.company).toMatchObject({ id: 'ENGINE-TEST', baseCurrency: 'GBP', multiCurrency: true, applications: ['GL', 'AR', 'AP', 'SO'] });
    expect(result.run).toMatchObject({ source: 'live', syncFrom: '2018-01-01', endpointHost: new URL(single.endpoint).host });
    expect(result.counts).toMatchObject({ pass: 1, fail: 2, manual: 1, 'not-applicable': 1, error: 0 });
    expect(result.notRun.every((n) => !n.id.startsWith('acme.'))).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['connect', 'connect', 'gather', ...Array(5).fill('check'), 'done']);
    expectValid(result);
  });

  it('applies severity overrides, waivers and attestations from the options', async () => {
    const result = await runAudit({
      ...base(),
      connection: connectionFor(single),
      severity: { 'acme.foreign-customers': 'blocker' },
      waivers: [
        { check: 'acme.vendor-sequence', reason: 'Vendors come from the ERP', expires: '2025-12-31', owner: 'finance' },
        { check: 'acme.foreign-customers', records: ['CUSTOMER:C2', 'CUSTOMER:C3'], reason: 'Closing these', expires: '2025-06-15' },
      ],
      attestations: [
        { check: 'acme.deleted-customers', by: 'Jo Consultant', date: '2025-06-10' },
        { check: 'acme.customer-sequence', by: 'Jo Consultant', date: '2025-06-10' },
      ],
    });
    expect(result.checks.find((c) => c.id === 'acme.vendor-sequence')).toMatchObject({ status: 'fail', waived: true, waiver: { state: 'active' } });
    expect(result.checks.find((c) => c.id === 'acme.foreign-customers')).toMatchObject({ severity: 'blocker', defaultSeverity: 'warning', status: 'fail', waived: true });
    expect(result.checks.find((c) => c.id === 'acme.deleted-customers')).toMatchObject({ status: 'pass', attestedStatus: 'manual', attestation: { by: 'Jo Consultant' } });
    expect(result.warnings).toEqual(['Attestation for acme.customer-sequence by Jo Consultant ignored: the check is pass, not manual.']);
    expect(result.verdict).not.toBe('not-ready');
    expect(result.counts.waived).toBe(2);
    expectValid(result);
  });

  it('redacts customer names and ids when asked', async () => {
    const result = await runAudit({ ...base(), connection: connectionFor(single), redact: true });
    expect(result.redacted).toBe(true);
    const text = JSON.stringify(result.checks);
    expect(text).not.toContain('Bolt Estates');
    expect(text).not.toContain('Crown Homes');
    expect(result.checks.find((c) => c.id === 'acme.foreign-customers')!.affected!.count).toBe(2);
  });

  it('reads per-entity facts in a second round once the entities are known', async () => {
    const start = multi.received.length;
    const result = await runAudit({ ...base(), connection: connectionFor(multi) });
    expect(statusOf(result, 'acme.entity-subtotals')).toBe('fail');
    expect(result.checks.find((c) => c.id === 'acme.entity-subtotals')!.summary).toBe('Off at E2');
    expect(result.company.entities).toEqual([
      { id: 'E1', name: 'North', currency: 'GBP' },
      { id: 'E2', name: 'South', currency: 'EUR' },
    ]);
    const received = multi.received.slice(start);
    expect(received.filter((f) => f.name === 'getAPISession')).toHaveLength(3);
    expect(received.filter((f) => f.name === 'get_companyprefs' && f.application === 'SO').map((f) => f.sessionEntity).sort()).toEqual(['E1', 'E2']);
    // session, round 1, then per entity a session and a batch
    expect(result.run.stats.httpRequests).toBe(6);
  });

  it('resolves with an incomplete result when it cannot sign in', async () => {
    const conn = connectionFor(single);
    conn.credentials.userPassword = 'wrong';
    const result = await runAudit({ ...base(), connection: conn });
    const access = result.checks.find((c) => c.id === 'connection.web-services-access')!;
    expect(access.status).toBe('error');
    expect(access.summary.length).toBeGreaterThan(0);
    expect(access.summary).not.toContain('wrong');
    expect(access.summary).toMatch(/sign-in|user|password|credentials/i);
    expect(result.checks.filter((c) => c.id.startsWith('acme.')).map((c) => [c.status, c.summary])).toEqual(Array(5).fill(['error', 'not run: no connection']));
    expect(result.verdict).toBe('incomplete');
    expect(result.notRun.some((n) => n.id === 'connection.web-services-access')).toBe(false);
    expectValid(result);
  });

  it('refuses bad options before touching the network', async () => {
    const start = single.received.length;
    await expect(runAudit({ ...base(), checks: ['acme.vendor-sequense'], connection: connectionFor(single) })).rejects.toThrow(
      '--checks: unknown check "acme.vendor-sequense" (did you mean acme.vendor-sequence?) — intacct-preflight checks lists the ids.',
    );
    await expect(runAudit({ ...base(), syncFrom: '2017-12-31', connection: connectionFor(single) })).rejects.toThrow(UsageError);
    expect(single.received.length).toBe(start);
  });

  it('stops with an AbortError when interrupted', async () => {
    const slow = await startSandbox({ company: testCompany(), latencyMs: 400 });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await expect(runAudit({ ...base(), connection: connectionFor(slow), signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    } finally {
      await slow.close();
    }
  });

  it('re-evaluates saved facts offline to the same result', async () => {
    const live = await runAuditWithFacts({ ...base(), connection: connectionFor(multi) });
    const saved = FactStore.fromJSON(JSON.parse(JSON.stringify(live.store)));
    const offline = await evaluateFacts(saved, { ...base() });
    const comparable = (r: AuditResult) => ({
      ...r,
      run: { ...r.run, startedAt: 0, finishedAt: 0, durationMs: 0, source: 0 },
      checks: r.checks.map((c) => ({ ...c, durationMs: 0 })),
    });
    expect(comparable(offline)).toEqual(comparable(live.result));
    expect(offline.run.source).toBe('snapshot');
    expect(offline.run.stats).toEqual(live.result.run.stats);

    // A fact the saved run never read is not-gathered, so its check is an error, not a guess.
    const partial = FactStore.fromResults(new Map([...saved.results()].filter(([k]) => k !== 'acme:prefs:AP')), saved.meta);
    const r = await evaluateFacts(partial, { ...base() });
    expect(r.checks.find((c) => c.id === 'acme.vendor-sequence')).toMatchObject({ status: 'error', summary: expect.stringMatching(/acme:prefs:AP is not in the saved facts/) });
  });
});
