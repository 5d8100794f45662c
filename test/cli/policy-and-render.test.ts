/**
 * What support and consultants rely on after the audit: `render` reproduces the audit's files
 * byte for byte, waivers and attestations from the config change the gate as documented, and
 * --redact keeps customer and vendor names and ids out of every file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditResult } from '../../src/model/result.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { filesUnder, run, tempDir } from './helpers.js';
import { sandboxEnv, withSandbox, writeJson } from './sandbox-helpers.js';

const FILES = { html: 'report.html', md: 'report.md', junit: 'report.junit.xml', json: 'report.json' } as const;

describe('render', () => {
  const cwd = tempDir();
  beforeAll(async () => {
    const r = await run(['--demo', '--format', 'html,json,md,junit', '--fail-on', 'never', '--quiet'], { cwd });
    expect(r.code).toBe(0);
  });

  test.each(Object.entries(FILES))('render --format %s equals what audit wrote, byte for byte', async (format, file) => {
    const r = await run(['render', 'preflight-report/report.json', '--format', format], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(cwd, 'preflight-report', file), 'utf8'));
  });

  test('render --out FILE writes the file', async () => {
    const r = await run(['render', 'preflight-report/report.json', '--format', 'md', '--out', 'copy/summary.md'], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, 'copy', 'summary.md'), 'utf8')).toBe(readFileSync(join(cwd, 'preflight-report', 'report.md'), 'utf8'));
  });

  test('render of something that is not a report is a usage error in one line', async () => {
    const r = await run(['render', 'preflight-report/report.html'], { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

async function demoWithConfig(config: unknown): Promise<{ code: number; report: AuditResult; stderr: string }> {
  const cwd = tempDir();
  writeJson(cwd, 'preflight.json', config);
  const r = await run(['--demo', '--config', 'preflight.json', '--format', 'json', '--out', '-', '--quiet'], { cwd });
  return { code: r.code, report: JSON.parse(r.stdout) as AuditResult, stderr: r.stderr };
}

describe('waivers and attestations from the config file', () => {
  let baseline: AuditResult;
  beforeAll(async () => {
    baseline = (await demoWithConfig({})).report;
  });
  const failingBlockers = () => baseline.checks.filter((c) => c.severity === 'blocker' && c.status === 'fail');

  test('a valid waiver keeps the status, shows the waiver and stops the finding failing the gate', async () => {
    const waived = failingBlockers().map((c) => ({ check: c.id, reason: 'accepted for go-live', expires: '2099-12-31', owner: 'ops@example.com' }));
    const { report, code } = await demoWithConfig({ waivers: waived });
    for (const w of waived) {
      const c = report.checks.find((x) => x.id === w.check)!;
      expect(c.status).toBe('fail');
      expect(c.waived).toBe(true);
      expect(c.waiver).toMatchObject({ state: 'active', reason: 'accepted for go-live', expires: '2099-12-31', owner: 'ops@example.com' });
    }
    expect(code).not.toBe(ExitCode.GateFailed);
  });

  test('an expired waiver is reported as expired and no longer waives', async () => {
    const target = failingBlockers()[0]!;
    const { report, code } = await demoWithConfig({ waivers: [{ check: target.id, reason: 'was accepted', expires: '2020-01-01' }] });
    const c = report.checks.find((x) => x.id === target.id)!;
    expect(c.waived).toBe(false);
    expect(c.waiver?.state).toBe('expired');
    expect(code).toBe(ExitCode.GateFailed);
  });

  test('an attestation turns a manual blocker into a pass that says who attested it', async () => {
    const cwd = tempDir();
    const first = await withSandbox('unknown-prefs', (sb) => run(['audit', '--format', 'json', '--out', '-', '--quiet'], { cwd, env: sandboxEnv(sb, cwd) }));
    const manual = (JSON.parse(first.stdout) as AuditResult).checks.filter((c) => c.severity === 'blocker' && c.status === 'manual');
    expect(manual.length).toBeGreaterThan(0);
    writeJson(cwd, 'attest.json', { attestations: manual.map((c) => ({ check: c.id, by: 'Jo Consultant', date: '2025-05-01', note: 'checked in the UI' })) });
    const second = await withSandbox('unknown-prefs', (sb) =>
      run(['audit', '--config', 'attest.json', '--format', 'json', '--out', '-', '--quiet'], { cwd, env: sandboxEnv(sb, cwd) }),
    );
    const report = JSON.parse(second.stdout) as AuditResult;
    for (const m of manual) {
      const c = report.checks.find((x) => x.id === m.id)!;
      expect(c.status).toBe('pass');
      expect(c.attestedStatus).toBe('manual');
      expect(c.attestation).toMatchObject({ by: 'Jo Consultant', date: '2025-05-01' });
    }
    expect(first.code).toBe(ExitCode.Incomplete);
    expect(second.code).not.toBe(ExitCode.Incomplete);
  });
});

describe('--redact', () => {
  test('no customer or vendor name or id of the company appears in any output file', async () => {
    const cwd = tempDir();
    const r = await run(['--demo', '--redact', '--format', 'html,json,md,junit', '--fail-on', 'never'], { cwd });
    expect(r.code).toBe(0);
    const demo = loadCompany('demo');
    const secrets = new Set<string>();
    for (const [object, idField] of [['CUSTOMER', 'CUSTOMERID'], ['VENDOR', 'VENDORID']] as const) {
      for (const rec of demo.objects[object]?.records ?? []) {
        for (const v of [rec[idField], rec.NAME]) if (v && v.length >= 4) secrets.add(v);
      }
    }
    expect(secrets.size).toBeGreaterThan(0);
    // Without --redact the same run does show some of them (so this test can fail).
    const plain = await run(['--demo', '--format', 'json', '--out', '-', '--quiet']);
    expect([...secrets].some((s) => plain.stdout.includes(s))).toBe(true);
    const outputs = [...filesUnder(join(cwd, 'preflight-report')), { path: 'stdout', text: r.stdout }, { path: 'stderr', text: r.stderr }];
    const report = JSON.parse(readFileSync(join(cwd, 'preflight-report', 'report.json'), 'utf8')) as AuditResult;
    expect(report.redacted).toBe(true);
    for (const { path, text } of outputs) {
      for (const s of secrets) {
        if (text.includes(s)) throw new Error(`${path} contains "${s}"`);
      }
    }
  });
});
