/**
 * Where Re-Leased creates records, end to end through the command line against the sandbox:
 * the multi-entity-settings company keeps its own sequencing and subtotal settings at the top
 * level and in each entity, so the same company passes or fails depending on the integration
 * profile, wherever the audit signs in. The audit opens the other session itself (an entity's,
 * or the top level's with an empty locationid), and the sandbox log shows in which session each
 * preference was read. Also: an entity the company does not have, OE/PO subscribed but not used,
 * the Re-Leased currency, and the profile in the reports, snapshots and baselines.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { AuditResult, CheckResult } from '../../src/model/result.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { validateResult } from '../../src/render/index.js';
import { removeDir, run, tempDir } from './helpers.js';
import { sandboxEnv, withSandbox } from './sandbox-helpers.js';

const PER_ENTITY = ['ar.customer-id-sequence', 'ap.vendor-id-sequence', 'so.subtotal-dimensions-from-lines', 'po.subtotal-dimensions-from-lines'];

let cwd: string;
beforeAll(() => {
  cwd = tempDir('preflight-where-');
});
afterAll(() => removeDir(cwd));

function config(name: string, integration: unknown): string {
  writeFileSync(join(cwd, name), JSON.stringify({ integration }));
  return name;
}

interface Audited {
  code: number;
  stderr: string;
  result: AuditResult;
  /** Session each preference read went to: application → entity, or 'top' for a top-level session. */
  prefsRead: Record<string, string[]>;
}

async function audit(sb: Sandbox, argv: string[], checks = PER_ENTITY): Promise<Audited> {
  const before = sb.received.length;
  const r = await run(['audit', '--checks', checks.join(','), '--format', 'json', '--out', '-', '--fail-on', 'never', '--quiet', ...argv], { cwd, env: sandboxEnv(sb, cwd) });
  const prefsRead: Record<string, string[]> = {};
  for (const f of sb.received.slice(before)) {
    if (f.name !== 'get_companyprefs' || !f.application) continue;
    (prefsRead[f.application] ??= []).push(f.sessionEntity ?? 'top');
  }
  return { code: r.code, stderr: r.stderr, result: r.stdout ? (JSON.parse(r.stdout) as AuditResult) : (undefined as never), prefsRead };
}

const check = (r: AuditResult, id: string): CheckResult => r.checks.find((c) => c.id === id)!;
const statuses = (r: AuditResult) => Object.fromEntries(PER_ENTITY.map((id) => [id, check(r, id).status]));

describe('multi-entity-settings: per-entity settings are read where Re-Leased creates records', () => {
  let sb: Sandbox;
  let stop: () => void;
  beforeAll(async () => {
    // One sandbox for the whole block: each audit's reads are told apart by the log offset.
    await new Promise<void>((ready) => {
      void withSandbox('multi-entity-settings', (s) => {
        sb = s;
        ready();
        return new Promise<void>((done) => (stop = done));
      });
    });
  });
  afterAll(() => stop());

  test('signed in at the top level, Top-Level syncing (the default without an entity): the top level’s settings', async () => {
    const a = await audit(sb, []);
    expect(a.code).toBe(ExitCode.Ok);
    expect(statuses(a.result)).toEqual({
      'ar.customer-id-sequence': 'pass',
      'ap.vendor-id-sequence': 'pass',
      'so.subtotal-dimensions-from-lines': 'pass',
      'po.subtotal-dimensions-from-lines': 'fail',
    });
    expect(check(a.result, 'ar.customer-id-sequence').summary).toContain('at the top level, where Re-Leased creates them, get their ID from document sequence "CUST"');
    expect(check(a.result, 'po.subtotal-dimensions-from-lines').summary).toContain('"Use line-item dimensions in subtotals" is off at the top level');
    expect(a.prefsRead).toEqual({ AR: ['top'], AP: ['top'], SO: ['top'], PO: ['top'] });
    expect(a.result.integration).toEqual({ topLevelSyncing: true, dimensions: ['LOCATION'] });
  });

  test('signed in at the top level, Re-Leased in NZ01 without Top-Level syncing: NZ01’s settings, read in a session there', async () => {
    const a = await audit(sb, ['--config', config('nz01.json', { entity: 'NZ01' })]);
    expect(statuses(a.result)).toEqual({
      'ar.customer-id-sequence': 'fail',
      'ap.vendor-id-sequence': 'pass',
      'so.subtotal-dimensions-from-lines': 'fail',
      'po.subtotal-dimensions-from-lines': 'pass',
    });
    const so = check(a.result, 'so.subtotal-dimensions-from-lines');
    expect(so.summary).toContain('"Distribute subtotals at the entity level" is off at entity NZ01 (DISTRIBUTESUBTOTALSATENTITY = "F")');
    expect(so.evidence).toContainEqual(expect.objectContaining({ preference: 'DISTRIBUTESUBTOTALSATENTITY', observed: 'F' }));
    expect(check(a.result, 'ar.customer-id-sequence').summary).toContain('at entity NZ01, where Re-Leased creates them');
    expect(a.prefsRead).toEqual({ AR: ['NZ01'], AP: ['NZ01'], SO: ['NZ01'], PO: ['NZ01'] });
    expect(a.result.company.entityId).toBeUndefined();
    expect(a.result.integration).toEqual({ entity: 'NZ01', topLevelSyncing: false, dimensions: ['LOCATION'] });
  });

  test('signed in at NZ01 (Top-Level syncing off by default): NZ01’s settings, in the audit’s own session', async () => {
    const a = await audit(sb, ['--entity-id', 'NZ01']);
    expect(statuses(a.result)).toEqual({
      'ar.customer-id-sequence': 'fail',
      'ap.vendor-id-sequence': 'pass',
      'so.subtotal-dimensions-from-lines': 'fail',
      'po.subtotal-dimensions-from-lines': 'pass',
    });
    expect(a.prefsRead).toEqual({ AR: ['NZ01'], AP: ['NZ01'], SO: ['NZ01'], PO: ['NZ01'] });
  });

  test('signed in at NZ01 with --top-level-syncing: the top level’s settings, in a top-level session the audit opens', async () => {
    const a = await audit(sb, ['--entity-id', 'NZ01', '--top-level-syncing']);
    expect(statuses(a.result)).toEqual({
      'ar.customer-id-sequence': 'pass',
      'ap.vendor-id-sequence': 'pass',
      'so.subtotal-dimensions-from-lines': 'pass',
      'po.subtotal-dimensions-from-lines': 'fail',
    });
    expect(a.prefsRead).toEqual({ AR: ['top'], AP: ['top'], SO: ['top'], PO: ['top'] });
    expect(a.result.company.entityId).toBe('NZ01');
    expect(a.result.integration).toEqual({ entity: 'NZ01', topLevelSyncing: true, dimensions: ['LOCATION'] });
  });

  test('signed in at AU01 while Re-Leased is in NZ01: NZ01’s settings, in a session at NZ01', async () => {
    const a = await audit(sb, ['--entity-id', 'AU01', '--config', config('nz01.json', { entity: 'NZ01' })]);
    expect(check(a.result, 'ar.customer-id-sequence').status).toBe('fail');
    expect(a.prefsRead).toEqual({ AR: ['NZ01'], AP: ['NZ01'], SO: ['NZ01'], PO: ['NZ01'] });
  });

  test.each([
    [[] as string[], 'its entities: AU01, NZ01, UK01'],
    [['--entity-id', 'AU01'], 'its entities: AU01, NZ01, UK01'], // listed in a top-level session
  ])('an entity the company does not have ends the audit with one line naming it (signed in with %j)', async (signIn, listed) => {
    const r = await run(['audit', ...signIn, '--config', config('nz99.json', { entity: 'NZ99' }), '--out', join(cwd, 'nz99-report'), '--quiet'], { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`integration.entity NZ99 (the entity Re-Leased is connected to) is not an entity of company southerncross-settings (${listed})`);
    expect(r.stdout).toBe('');
    expect(existsSync(join(cwd, 'nz99-report'))).toBe(false);
  });
});

describe('oe-po-unused: Order Entry and Purchasing subscribed, Re-Leased posting AR invoices and AP bills directly', () => {
  test('without a profile the subtotal blockers fail and say that the profile keys apply', async () => {
    await withSandbox('oe-po-unused', async (sb) => {
      const a = await audit(sb, [], ['so.subtotal-dimensions-from-lines', 'po.subtotal-dimensions-from-lines']);
      expect(check(a.result, 'so.subtotal-dimensions-from-lines').status).toBe('fail');
      expect(check(a.result, 'so.subtotal-dimensions-from-lines').summary).toContain('set integration.orderEntry: false (--no-order-entry)');
      expect(check(a.result, 'po.subtotal-dimensions-from-lines').summary).toContain('set integration.purchasing: false (--no-purchasing)');
    });
  });

  test('--no-order-entry --no-purchasing: not-applicable with that reason, nothing read for them, and the company is ready', async () => {
    await withSandbox('oe-po-unused', async (sb) => {
      const r = await run(['audit', '--no-order-entry', '--no-purchasing', '--format', 'json', '--out', '-', '--quiet'], { cwd, env: sandboxEnv(sb, cwd) });
      expect(r.code).toBe(ExitCode.Ok);
      const result = JSON.parse(r.stdout) as AuditResult;
      expect(result.verdict).toBe('ready');
      expect(check(result, 'so.subtotal-dimensions-from-lines')).toMatchObject({ status: 'not-applicable' });
      expect(check(result, 'so.subtotal-dimensions-from-lines').summary).toContain('integration.orderEntry: false');
      expect(check(result, 'po.subtotal-dimensions-from-lines').summary).toContain('integration.purchasing: false');
      expect(sb.received.some((f) => f.name === 'get_companyprefs' && (f.application === 'SO' || f.application === 'PO'))).toBe(false);
      expect(result.integration).toMatchObject({ orderEntry: false, purchasing: false });
    });
  });

  test('--currency AUD: every contact and transaction is compared with the Re-Leased account’s currency', async () => {
    await withSandbox('oe-po-unused', async (sb) => {
      const ids = ['currency.foreign-currency-contacts', 'currency.foreign-currency-transactions'];
      const local = await audit(sb, [], ids);
      for (const id of ids) expect(check(local.result, id).status).toBe('pass');
      const aud = await audit(sb, ['--currency', 'AUD'], ids);
      const contacts = check(aud.result, 'currency.foreign-currency-contacts');
      expect(contacts.status).toBe('fail');
      expect(contacts.summary).toContain("other than AUD (the Re-Leased account's currency)");
      expect(contacts.affected!.sample.every((s) => s['CURRENCY'] === 'NZD' && s['BASECURRENCY'] === 'AUD')).toBe(true);
      expect(contacts.evidence).toContainEqual(expect.objectContaining({ source: 'config', field: 'integration.currency', observed: 'AUD' }));
      const tx = check(aud.result, 'currency.foreign-currency-transactions');
      expect(tx.status).toBe('fail');
      expect(tx.affected!.count).toBeGreaterThan(0);
      expect(tx.affected!.sample.every((s) => s['CURRENCY'] === 'NZD')).toBe(true);
    });
  });
});

describe('the profile is part of the result', () => {
  test('report.json carries it (schema-valid); HTML, Markdown, JUnit and the terminal summary say what the company was audited as', async () => {
    await withSandbox('multi-entity-settings', async (sb) => {
      const out = join(cwd, 'reports');
      const cfg = config('full.json', { entity: 'NZ01', purchasing: false, currency: 'NZD', dimensions: ['LOCATION', 'DEPARTMENT'], connectedOn: '2024-07-01' });
      const r = await run(['audit', '--config', cfg, '--no-order-entry', '--sync-from', '2023-07-01', '--format', 'json,md,html,junit', '--out', out, '--fail-on', 'never'], { cwd, env: sandboxEnv(sb, cwd) });
      expect(r.code).toBe(ExitCode.Ok);
      const result = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as AuditResult;
      expect(validateResult(result).ok).toBe(true);
      expect(result.integration).toEqual({ entity: 'NZ01', topLevelSyncing: false, orderEntry: false, purchasing: false, currency: 'NZD', dimensions: ['LOCATION', 'DEPARTMENT'], connectedOn: '2024-07-01' });
      const line = 'syncing in entity NZ01, AR/AP direct, NZD, dimensions LOCATION, DEPARTMENT, sync from 2023-07-01, connected 2024-07-01';
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(`Audited as: ${line}`);
      expect(readFileSync(join(out, 'report.junit.xml'), 'utf8')).toContain(`<property name="auditedAs" value="${line}"/>`);
      expect(r.stdout).toContain(`audited as: ${line}`);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).toContain('<dt>Audited as</dt><dd>syncing in entity NZ01, AR/AP direct, NZD, dimensions LOCATION, DEPARTMENT, sync from 2023-07-01, connected 2024-07-01</dd>');
    });
  });

  test('a snapshot keeps it: --from-snapshot re-evaluates with the same profile, and refuses profile flags', async () => {
    await withSandbox('multi-entity-settings', async (sb) => {
      const snap = join(cwd, 'where.json.gz');
      const live = await run(['audit', '--entity-id', 'NZ01', '--top-level-syncing', '--snapshot', snap, '--format', 'json', '--out', join(cwd, 'live'), '--fail-on', 'never', '--quiet'], { cwd, env: sandboxEnv(sb, cwd) });
      expect(live.code).toBe(ExitCode.Ok);
      const liveResult = JSON.parse(readFileSync(join(cwd, 'live', 'report.json'), 'utf8')) as AuditResult;

      const offline = await run(['audit', '--from-snapshot', snap, '--format', 'json', '--out', '-', '--fail-on', 'never', '--quiet'], { cwd });
      expect(offline.code).toBe(ExitCode.Ok);
      const again = JSON.parse(offline.stdout) as AuditResult;
      expect(again.integration).toEqual(liveResult.integration);
      for (const id of PER_ENTITY) expect([id, check(again, id).status]).toEqual([id, check(liveResult, id).status]);
      expect(check(again, 'ar.customer-id-sequence').summary).toBe(check(liveResult, 'ar.customer-id-sequence').summary);

      const refused = await run(['audit', '--from-snapshot', snap, '--no-top-level-syncing'], { cwd });
      expect(refused.code).toBe(ExitCode.Usage);
      expect(refused.stderr).toMatch(/--from-snapshot re-evaluates with the integration profile the snapshot was read with .* leave out --top-level-syncing/);
    });
  });

  test('--baseline names a profile that differs from the baseline’s as a change', async () => {
    await withSandbox('multi-entity-settings', async (sb) => {
      const first = join(cwd, 'first');
      await run(['audit', '--format', 'json', '--out', first, '--fail-on', 'never', '--quiet'], { cwd, env: sandboxEnv(sb, cwd) });
      const r = await run(['audit', '--baseline', join(first, 'report.json'), '--config', config('nz01.json', { entity: 'NZ01' }), '--currency', 'NZD', '--format', 'json,md', '--out', join(cwd, 'second'), '--fail-on', 'never', '--quiet'], {
        cwd,
        env: sandboxEnv(sb, cwd),
      });
      expect(r.code).toBe(ExitCode.Ok);
      const result = JSON.parse(readFileSync(join(cwd, 'second', 'report.json'), 'utf8')) as AuditResult;
      const note = result.sinceLastAudit!.notes.find((n) => n.includes('Re-Leased set up another way'));
      expect(note).toContain('integration.entity not set → NZ01');
      expect(note).toContain('integration.topLevelSyncing true → false');
      expect(note).toContain('integration.currency not set → NZD');
      expect(readFileSync(join(cwd, 'second', 'report.md'), 'utf8')).toContain('Re-Leased set up another way');
      // What moved because of it is still listed check by check.
      expect(result.sinceLastAudit!.items.map((i) => i.id)).toEqual(expect.arrayContaining(['ar.customer-id-sequence', 'so.subtotal-dimensions-from-lines']));
    });
  });
});
