/**
 * Snapshots, baselines and diff through the real command line (in-process runCli, the real client
 * over HTTP against the sandbox gateway on loopback):
 * - support reproduces a customer's report from a snapshot alone, offline, with no credentials;
 * - a consultant re-running after fixes sees "Since last audit" first;
 * - a nightly monitoring job fails only on new problems (--fail-on-new);
 * - two saved reports compare with `diff`.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { AuditResult } from '../../src/model/result.js';
import { validateResult } from '../../src/render/schema.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { cleanEnv, removeDir, run, tempDir, type RunOutcome } from './helpers.js';
import { sandboxEnv, withSandbox } from './sandbox-helpers.js';

type Rec = Record<string, unknown>;

/** Timing and where the result came from differ by nature; everything else must be equal. */
function comparable(r: AuditResult): unknown {
  const { startedAt: _s, finishedAt: _f, durationMs: _d, source: _src, ...run } = r.run;
  return { ...r, run, checks: r.checks.map((c) => ({ ...c, durationMs: 0 })) };
}

function readJson(path: string): AuditResult {
  return JSON.parse(readFileSync(path, 'utf8')) as AuditResult;
}

function records(fixture: CompanyFixture, object: string): Rec[] {
  return (fixture.objects as unknown as Record<string, { records: Rec[] }>)[object]!.records;
}

/** The demo company after a month of changes (one new foreign-currency customer only). */
function demoWithForeignCustomer(): CompanyFixture {
  const fixture = structuredClone(loadCompany('demo'));
  records(fixture, 'CUSTOMER').push({
    RECORDNO: '131',
    CUSTOMERID: 'HPG-T031',
    NAME: 'Fjordside Imports GmbH',
    STATUS: 'active',
    CURRENCY: 'EUR',
    WHENCREATED: '03/02/2025 09:30:00',
    WHENMODIFIED: '03/02/2025 09:30:00',
    MEGAENTITYID: null,
    MEGAENTITYNAME: null,
    SUPDOCID: null,
    TOTALDUE: '0.00',
  });
  return fixture;
}

/**
 * The demo company after the consultant's fixes and some new trouble: AR account labels switched
 * off (resolved), an inactive customer reactivated (records disappeared), the vendor id sequence
 * removed (a new blocker), and a foreign-currency customer added (worse, a record appeared).
 */
function demoChanged(): CompanyFixture {
  const fixture = demoWithForeignCustomer();
  const prefs = fixture.preferences as unknown as Record<string, Record<string, string>>;
  prefs.AR!.ENABLEACCOUNTLABELS = 'F';
  prefs.AP!.VENDORSEQUENCE = '';
  const inactive = records(fixture, 'CUSTOMER').find((r) => r.CUSTOMERID === 'HPG-T005')!;
  inactive.STATUS = 'active';
  return fixture;
}

/** Audits a fixture company through the command line with SDK environment variables, then stops its gateway. */
async function auditCompany(company: string | CompanyFixture, cwd: string, argv: string[]): Promise<RunOutcome> {
  return withSandbox(company, (sb) => run(['audit', '--quiet', ...argv], { cwd, env: sandboxEnv(sb, cwd) }));
}

/** Every customer and vendor name and id of a fixture company (what --redact must hide). */
function identities(fixture: CompanyFixture): string[] {
  const out = new Set<string>();
  for (const object of ['CUSTOMER', 'VENDOR']) {
    for (const r of records(fixture, object)) {
      for (const field of ['CUSTOMERID', 'VENDORID', 'NAME']) {
        const v = r[field];
        if (typeof v === 'string' && v.length >= 4) out.add(v);
      }
    }
  }
  return [...out];
}

let root: string;
beforeAll(() => {
  root = tempDir('preflight-history-');
});
afterAll(() => removeDir(root));

describe('audit --snapshot and --from-snapshot', () => {
  let cwd: string;
  let live: AuditResult;
  beforeAll(async () => {
    cwd = join(root, 'roundtrip');
    mkdirSync(cwd);
    const r = await auditCompany('demo', cwd, ['--format', 'html,json', '--out', 'live', '--snapshot', 'live/snapshot.json.gz', '--fail-on', 'never']);
    expect(r.code).toBe(ExitCode.Ok);
    live = readJson(join(cwd, 'live', 'report.json'));
  });

  test('the snapshot is gzip JSON with the facts, and no password', () => {
    const bytes = readFileSync(join(cwd, 'live', 'snapshot.json.gz'));
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const text = gunzipSync(bytes).toString('utf8');
    const snapshot = JSON.parse(text) as Rec;
    expect(snapshot).toMatchObject({ format: 'intacct-preflight-snapshot', snapshotVersion: 1, source: 'live', redacted: false });
    expect(Object.keys(snapshot.facts as Rec).length).toBeGreaterThan(10);
    const { credentials } = loadCompany('demo');
    expect(text).not.toContain(credentials.senderPassword);
    expect(text).not.toContain(credentials.userPassword);
  });

  test('re-evaluated offline (gateway stopped, no credentials) it gives the live report.json, timing aside', async () => {
    // The sandbox is closed and the environment holds no INTACCT_* values: a run that tried to
    // connect would fail with a missing-credentials usage error instead of a report.
    const r = await run(['audit', '--from-snapshot', 'live/snapshot.json.gz', '--format', 'html,json', '--out', 'offline', '--fail-on', 'never', '--quiet'], {
      cwd,
      env: cleanEnv(cwd),
    });
    expect(r).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    const offline = readJson(join(cwd, 'offline', 'report.json'));
    expect(validateResult(offline).ok).toBe(true);
    expect(offline.run.source).toBe('snapshot');
    expect(comparable(offline)).toEqual(comparable(live));
    expect(readFileSync(join(cwd, 'offline', 'report.html'), 'utf8')).toContain('Re-evaluated from a snapshot');
  });

  test('the gate applies to the offline result as to the live one', async () => {
    const r = await run(['audit', '--from-snapshot', 'live/snapshot.json.gz', '--format', 'json', '--out', '-', '--quiet'], { cwd, env: cleanEnv(cwd) });
    expect(r.code).toBe(ExitCode.GateFailed);
    expect((JSON.parse(r.stdout) as AuditResult).verdict).toBe('not-ready');
  });

  test('a support engineer with only the snapshot file produces the HTML report on a machine with no credentials', async () => {
    const desk = join(root, 'support-desk');
    const home = join(root, 'empty-home');
    mkdirSync(desk);
    mkdirSync(home);
    copyFileSync(join(cwd, 'live', 'snapshot.json.gz'), join(desk, 'ticket-4711.snapshot.gz'));
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INTACCT_')));
    env.HOME = home;
    env.NO_COLOR = '1';

    const r = await run(['--from-snapshot', 'ticket-4711.snapshot.gz', '--fail-on', 'never'], { cwd: desk, env });
    expect(r.code).toBe(ExitCode.Ok);
    expect(r.stdout).toContain('Report: preflight-report/report.html, preflight-report/report.json');
    const html = readFileSync(join(desk, 'preflight-report', 'report.html'), 'utf8');
    expect(html).toContain('Not ready for go-live');
    expect(html).toContain('harbourview-demo');
    for (const check of live.checks.filter((c) => c.status === 'fail')) expect(html).toContain(`id="check-${check.id}"`);
    // …and can re-render it later from the JSON, byte for byte.
    const rendered = await run(['render', 'preflight-report/report.json', '--format', 'html'], { cwd: desk, env });
    expect(rendered.stdout).toBe(html);
  });

  test('--redact pseudonymises the snapshot too: no customer or vendor name or id inside, same pseudonyms as the report', async () => {
    const r = await auditCompany('demo', cwd, ['--redact', '--format', 'json', '--out', 'redacted', '--snapshot', 'redacted/snapshot.json.gz', '--fail-on', 'never']);
    expect(r.code).toBe(ExitCode.Ok);
    const text = gunzipSync(readFileSync(join(cwd, 'redacted', 'snapshot.json.gz'))).toString('utf8');
    expect((JSON.parse(text) as Rec).redacted).toBe(true);
    const names = identities(loadCompany('demo'));
    expect(names.length).toBeGreaterThan(40);
    const leaked = names.filter((n) => text.includes(n));
    expect(leaked).toEqual([]);
    expect(text).toMatch(/Customer-[0-9a-f]{6}/);

    const report = readJson(join(cwd, 'redacted', 'report.json'));
    expect(report.redacted).toBe(true);
    const again = await run(['--from-snapshot', 'redacted/snapshot.json.gz', '--format', 'json', '--out', '-', '--fail-on', 'never', '--quiet'], { cwd, env: cleanEnv(cwd) });
    expect(again.code).toBe(ExitCode.Ok);
    const offline = JSON.parse(again.stdout) as AuditResult;
    expect(offline.redacted).toBe(true);
    expect(comparable(offline)).toEqual(comparable(report));
  });

  test('a snapshot of an incompatible version is refused in one line naming the versions that read it', async () => {
    const snapshot = JSON.parse(gunzipSync(readFileSync(join(cwd, 'live', 'snapshot.json.gz'))).toString('utf8')) as Rec;
    snapshot.snapshotVersion = 2;
    snapshot.tool = { name: 'intacct-preflight', version: '3.0.0' };
    writeFileSync(join(cwd, 'future.snapshot.gz'), gzipSync(JSON.stringify(snapshot)));
    const r = await run(['--from-snapshot', 'future.snapshot.gz', '--out', 'future'], { cwd, env: cleanEnv(cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/snapshot version 2 \(written by intacct-preflight 3\.0\.0\)/);
    expect(lines[0]).toMatch(/reads snapshot version 1/);
    expect(lines[0]).toMatch(/intacct-preflight 3\.0\.0 or later/);
    expect(existsSync(join(cwd, 'future'))).toBe(false);
  });

  test('re-evaluated by newer check logic, the report and the terminal say so', async () => {
    const snapshot = JSON.parse(gunzipSync(readFileSync(join(cwd, 'live', 'snapshot.json.gz'))).toString('utf8')) as { checks: { id: string; version: number }[] };
    const older = snapshot.checks.find((c) => c.id === 'transactions.attachments')!;
    const current = older.version;
    older.version = current + 1;
    snapshot.checks = snapshot.checks.filter((c) => c.id !== 'transactions.deleted-invoices');
    writeFileSync(join(cwd, 'drift.snapshot.gz'), gzipSync(JSON.stringify(snapshot)));
    const r = await run(['--from-snapshot', 'drift.snapshot.gz', '--format', 'json,html', '--out', 'drift', '--fail-on', 'never'], { cwd, env: cleanEnv(cwd) });
    expect(r.code).toBe(ExitCode.Ok);
    const report = readJson(join(cwd, 'drift', 'report.json'));
    expect(report.warnings).toEqual([
      `transactions.attachments was re-evaluated with check version ${current}; the snapshot was made with version ${current + 1}, so its result may differ from the original report.`,
      'Not part of the audit that made the snapshot, so their facts may be missing: transactions.deleted-invoices.',
    ]);
    expect(r.stderr).toContain('Warning: transactions.attachments was re-evaluated with check version');
    expect(readFileSync(join(cwd, 'drift', 'report.html'), 'utf8')).toContain('Notes on this run');
  });

  test('a report given as a snapshot, or a damaged file, is a one-line usage error', async () => {
    const report = await run(['--from-snapshot', 'live/report.json'], { cwd, env: cleanEnv(cwd) });
    expect(report.code).toBe(ExitCode.Usage);
    expect(report.stderr.trim().split('\n')).toHaveLength(1);
    expect(report.stderr).toContain('this is a JSON report, not a snapshot');

    const bytes = readFileSync(join(cwd, 'live', 'snapshot.json.gz'));
    writeFileSync(join(cwd, 'cut.snapshot.gz'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const cut = await run(['--from-snapshot', 'cut.snapshot.gz'], { cwd, env: cleanEnv(cwd) });
    expect(cut.code).toBe(ExitCode.Usage);
    expect(cut.stderr.trim().split('\n')).toHaveLength(1);
    expect(cut.stderr).toContain('damaged snapshot');
  });
});

describe('history options that cannot work together are usage errors before anything runs', () => {
  const cases: [string, string[], RegExp][] = [
    ['--from-snapshot with --demo', ['--from-snapshot', 's.gz', '--demo'], /--from-snapshot .* --demo .*use one of them/],
    ['--from-snapshot with connection options', ['--from-snapshot', 's.gz', '--company-id', 'acme', '--timeout', '5'], /needs no connection.*leave out --company-id, --timeout/],
    ['--from-snapshot with --sync-from', ['--from-snapshot', 's.gz', '--sync-from', '2020-01-01'], /leave out --sync-from/],
    ['--from-snapshot with --snapshot', ['--from-snapshot', 's.gz', '--snapshot', 'again.gz'], /leave out --snapshot/],
    ['--fail-on-new without --baseline', ['--demo', '--fail-on-new'], /--fail-on-new needs --baseline/],
    ['--allow-other-company without --baseline', ['--demo', '--allow-other-company'], /only applies with --baseline/],
    ['--baseline that does not exist', ['--demo', '--baseline', 'nowhere/report.json'], /no such file/],
    ['--from-snapshot that does not exist', ['--from-snapshot', 'nowhere.gz'], /no such file/],
  ];
  test.each(cases)('%s', async (_name, argv, message) => {
    const cwd = tempDir();
    const r = await run(argv, { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(cwd, 'preflight-report'))).toBe(false);
  });
});

describe('audit --baseline and --fail-on-new', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = join(root, 'baseline');
    mkdirSync(cwd);
    const r = await auditCompany('demo', cwd, ['--format', 'json', '--out', 'before', '--fail-on', 'never']);
    expect(r.code).toBe(ExitCode.Ok);
  });

  test('unchanged company: --fail-on-new passes although the demo has failing blockers (the plain gate fails)', async () => {
    const plain = await auditCompany('demo', cwd, ['--baseline', 'before/report.json', '--format', 'json', '--out', 'same']);
    expect(plain.code).toBe(ExitCode.GateFailed);
    const r = await withSandbox('demo', (sb) =>
      run(['audit', '--baseline', 'before/report.json', '--fail-on-new', '--format', 'json', '--out', 'same'], { cwd, env: sandboxEnv(sb, cwd) }),
    );
    expect(r.code).toBe(ExitCode.Ok);
    expect(r.stdout).toContain('Since the audit of');
    expect(r.stdout).toMatch(/Gate \(--fail-on-new, --fail-on blocker\): Nothing new or worse among the blockers since the baseline \(3 known problems unchanged\)/);
    const report = readJson(join(cwd, 'same', 'report.json'));
    expect(report.sinceLastAudit).toMatchObject({ items: [], counts: { new: 0, resolved: 0, changed: 0 } });
    expect(report.sinceLastAudit!.headline).toMatch(/nothing changed/);
  });

  test('a new foreign-currency customer: a warning got worse, which fails --fail-on-new only at --fail-on warning', async () => {
    const company = demoWithForeignCustomer();
    const blocker = await auditCompany(company, cwd, ['--baseline', 'before/report.json', '--fail-on-new', '--format', 'json', '--out', 'fx']);
    expect(blocker.code).toBe(ExitCode.Ok);
    const warning = await auditCompany(company, cwd, ['--baseline', 'before/report.json', '--fail-on-new', '--fail-on', 'warning', '--format', 'json', '--out', 'fx']);
    expect(warning.code).toBe(ExitCode.GateFailed);
    const item = readJson(join(cwd, 'fx', 'report.json')).sinceLastAudit!.items.find((i) => i.id === 'currency.foreign-currency-contacts');
    expect(item).toMatchObject({ change: 'changed', tag: 'Worse', worse: true, countBefore: 4, countAfter: 5, recordsAdded: ['CUSTOMER:HPG-T031'], recordsRemoved: [] });
  });

  describe('after fixes and new trouble', () => {
    let r: RunOutcome;
    let report: AuditResult;
    beforeAll(async () => {
      r = await withSandbox(demoChanged(), (sb) =>
        run(['audit', '--baseline', 'before/report.json', '--fail-on-new', '--format', 'html,json,md', '--out', 'after'], { cwd, env: sandboxEnv(sb, cwd) }),
      );
      report = readJson(join(cwd, 'after', 'report.json'));
    });

    test('a new failing blocker fails --fail-on-new (exit 1) and the gate line names it', () => {
      expect(r.code).toBe(ExitCode.GateFailed);
      expect(r.stdout).toMatch(/Gate \(--fail-on-new, --fail-on blocker\): 1 of the blockers newly failed or got worse since the baseline: ap\.vendor-id-sequence \(new\)/);
    });

    test('report.json classifies every change: new, worse with the record that appeared, resolved, records that disappeared', () => {
      expect(validateResult(report).ok).toBe(true);
      const since = report.sinceLastAudit!;
      const byId = new Map(since.items.map((i) => [i.id, i]));
      expect(byId.get('ap.vendor-id-sequence')).toMatchObject({ change: 'new', tag: 'New', statusBefore: 'pass', statusAfter: 'fail', severity: 'blocker' });
      expect(byId.get('ar.account-labels-disabled')).toMatchObject({ change: 'resolved', tag: 'Resolved', statusBefore: 'fail', statusAfter: 'pass', better: true });
      expect(byId.get('currency.foreign-currency-contacts')).toMatchObject({ change: 'changed', worse: true, recordsAdded: ['CUSTOMER:HPG-T031'] });
      const inactive = byId.get('contacts.inactive-contacts')!;
      expect(inactive).toMatchObject({ change: 'changed', better: true, countBefore: 6, countAfter: 5 });
      expect(inactive.recordsRemoved).toEqual([expect.stringMatching(/:(HPG-T005|105)$/)]);
      // unchanged checks are counted, not listed
      expect(byId.has('so.subtotal-dimensions-from-lines')).toBe(false);
      expect(since.counts).toMatchObject({ new: 1, resolved: 1 });
      expect(since.counts.unchanged).toBeGreaterThan(10);
      expect(since.headline).toMatch(/1 new problem, 1 got worse, 1 resolved/);
      // most urgent first
      expect(since.items[0]!.id).toBe('ap.vendor-id-sequence');
    });

    test('report.html shows "Since last audit" first: after the verdict, before the blockers', () => {
      const html = readFileSync(join(cwd, 'after', 'report.html'), 'utf8');
      const verdict = html.indexOf('class="verdict ');
      const since = html.indexOf('id="since-last-audit"');
      const blockers = html.indexOf('class="blockers"');
      expect(verdict).toBeGreaterThan(0);
      expect(since).toBeGreaterThan(verdict);
      expect(blockers).toBeGreaterThan(since);
      const section = html.slice(since, blockers);
      expect(section).toContain('Since last audit');
      expect(section).toContain('1 new problem, 1 got worse, 1 resolved');
      expect(section).toMatch(/New problems[\s\S]*ap\.vendor-id-sequence[\s\S]*Got worse[\s\S]*currency\.foreign-currency-contacts[\s\S]*Resolved[\s\S]*ar\.account-labels-disabled/);
      expect(section).toContain('<code>CUSTOMER:HPG-T031</code>');
      expect(section).toContain('href="#check-ap.vendor-id-sequence"');
    });

    test('report.md shows it first too, and the terminal summary has one line per new, worse and resolved check', () => {
      const md = readFileSync(join(cwd, 'after', 'report.md'), 'utf8');
      const since = md.indexOf('### Since last audit');
      expect(since).toBeGreaterThan(0);
      expect(md.indexOf('### Findings')).toBeGreaterThan(since);
      expect(md).toMatch(/\*\*New\*\* `ap\.vendor-id-sequence`/);
      expect(md).toContain('appeared: `CUSTOMER:HPG-T031`');

      expect(r.stdout).toMatch(/▲ NEW +blocker +ap\.vendor-id-sequence/);
      expect(r.stdout).toMatch(/▲ WORSE +warning +currency\.foreign-currency-contacts/);
      expect(r.stdout).toMatch(/✔ RESOLVED +blocker +ar\.account-labels-disabled/);
      expect(r.stdout).not.toMatch(/BETTER +info +contacts\.inactive-contacts/);
    });

    test('render of the saved report.json reproduces the HTML and Markdown with the comparison', async () => {
      for (const [format, file] of [['html', 'report.html'], ['md', 'report.md']] as const) {
        const again = await run(['render', 'after/report.json', '--format', format], { cwd });
        expect(again.code).toBe(ExitCode.Ok);
        expect(again.stdout).toBe(readFileSync(join(cwd, 'after', file), 'utf8'));
      }
    });

    test('diff prints the same comparison of the two saved reports as Markdown and JSON', async () => {
      const md = await run(['diff', 'before/report.json', 'after/report.json'], { cwd });
      expect(md.code).toBe(ExitCode.Ok);
      expect(md.stdout).toMatch(/^## Changes since the audit of /);
      expect(md.stdout).toContain('1 new problem, 1 got worse, 1 resolved');
      expect(md.stdout).toMatch(/### New problems \(1\)[\s\S]*ap\.vendor-id-sequence/);
      expect(md.stdout).toMatch(/### Resolved \(1\)[\s\S]*ar\.account-labels-disabled/);
      expect(md.stdout).toContain('CUSTOMER:HPG-T031');

      const json = await run(['diff', 'before/report.json', 'after/report.json', '--format', 'json', '--out', 'diff/changes.json'], { cwd });
      expect(json.code).toBe(ExitCode.Ok);
      const comparison = JSON.parse(readFileSync(join(cwd, 'diff', 'changes.json'), 'utf8')) as {
        comparisonVersion: number;
        counts: Rec;
        checks: { id: string; change: string; records?: { added: { key: string }[] } }[];
      };
      expect(comparison.comparisonVersion).toBe(1);
      expect(comparison.counts).toMatchObject({ new: 1, resolved: 1 });
      expect(comparison.checks[0]).toMatchObject({ id: 'ap.vendor-id-sequence', change: 'new' });
      const fx = comparison.checks.find((c) => c.id === 'currency.foreign-currency-contacts')!;
      expect(fx.records!.added.map((a) => a.key)).toEqual(['CUSTOMER:HPG-T031']);
      // the comparison in report.json is the same one diff computes
      expect(comparison.counts).toEqual(report.sinceLastAudit!.counts);
    });
  });

  test('--redact with a plain baseline: the comparison is exact and no name or id from either report gets into the redacted one', async () => {
    const r = await auditCompany(demoChanged(), cwd, ['--redact', '--baseline', 'before/report.json', '--format', 'json,html,md', '--out', 'redacted', '--fail-on', 'never']);
    expect(r.code).toBe(ExitCode.Ok);
    const report = readJson(join(cwd, 'redacted', 'report.json'));
    expect(report.redacted).toBe(true);
    const fx = report.sinceLastAudit!.items.find((i) => i.id === 'currency.foreign-currency-contacts')!;
    // one record appeared, named by the same pseudonym the report's sample uses
    expect(fx.recordsAdded).toEqual([expect.stringMatching(/^CUSTOMER:CUST-[0-9a-f]{6,}$/)]);
    const sampleIds = report.checks.find((c) => c.id === 'currency.foreign-currency-contacts')!.affected!.sample.map((s) => `CUSTOMER:${String(s.ID)}`);
    expect(sampleIds).toContain(fx.recordsAdded[0]);
    expect(report.sinceLastAudit!.counts).toMatchObject({ new: 1, resolved: 1 });

    const names = [...identities(loadCompany('demo')), 'HPG-T031', 'Fjordside Imports GmbH'];
    for (const file of ['report.json', 'report.html', 'report.md']) {
      const text = readFileSync(join(cwd, 'redacted', file), 'utf8');
      expect([file, names.filter((n) => text.includes(n))]).toEqual([file, []]);
    }
  });

  test('a baseline of another company is refused before the audit, unless --allow-other-company', async () => {
    const other = await auditCompany('ready', cwd, ['--baseline', 'before/report.json', '--format', 'json', '--out', 'other']);
    expect(other.code).toBe(ExitCode.Usage);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(/the baseline before\/report\.json is of company harbourview-demo .* --allow-other-company/);
    expect(existsSync(join(cwd, 'other'))).toBe(false);

    const allowed = await auditCompany('ready', cwd, ['--baseline', 'before/report.json', '--allow-other-company', '--format', 'json', '--out', 'other', '--fail-on', 'never']);
    expect(allowed.code).toBe(ExitCode.Ok);
    expect(readJson(join(cwd, 'other', 'report.json')).sinceLastAudit).toBeDefined();

    const diff = await run(['diff', 'before/report.json', 'other/report.json'], { cwd });
    expect(diff.code).toBe(ExitCode.Usage);
    expect(diff.stderr).toMatch(/--allow-other-company/);
    expect((await run(['diff', 'before/report.json', 'other/report.json', '--allow-other-company'], { cwd })).code).toBe(ExitCode.Ok);
  });

  test('diff of a file that is not a report, or without two files, is a one-line usage error', async () => {
    writeFileSync(join(cwd, 'notes.txt'), 'not json');
    for (const argv of [['diff', 'before/report.json', 'notes.txt'], ['diff', 'before/report.json'], ['diff', 'before/report.json', 'before/report.json', '--format', 'html']]) {
      const r = await run(argv, { cwd });
      expect(r.code).toBe(ExitCode.Usage);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
