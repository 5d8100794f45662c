/**
 * `audit` end to end, in-process against the real sandbox gateway over loopback HTTP: exit codes,
 * report files, stdout discipline, progress and colour.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateResult } from '../../src/render/index.js';
import type { AuditResult } from '../../src/model/result.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { run, tempDir } from './helpers.js';
import { sandboxEnv, variant, withSandbox } from './sandbox-helpers.js';

function readReport(dir: string): AuditResult {
  const data = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as unknown;
  const v = validateResult(data);
  if (!v.ok) throw new Error(`report.json does not match the schema: ${v.errors.join('; ')}`);
  return v.result;
}

describe('exit codes', () => {
  test('0: the ready company passes the gate; html and json are written to ./preflight-report/', async () => {
    const cwd = tempDir();
    const r = await withSandbox('ready', (sb) => run(['audit'], { cwd, env: sandboxEnv(sb, cwd) }));
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(ExitCode.Ok);
    expect(readdirSync(join(cwd, 'preflight-report')).sort()).toEqual(['report.html', 'report.json']);
    const report = readReport(join(cwd, 'preflight-report'));
    expect(report.verdict).toBe('ready');
    expect(report.run.source).toBe('live');
    expect(r.stdout).toMatch(/Verdict: READY/);
    expect(r.stdout).toMatch(/Report: preflight-report[\\/]report\.html, preflight-report[\\/]report\.json/);
  });

  test('1: --demo audits the built-in demo company; output ends with the report, the verdict and the failing blockers', async () => {
    const cwd = tempDir();
    const r = await run(['--demo'], { cwd });
    expect(r.code).toBe(ExitCode.GateFailed);
    const report = readReport(join(cwd, 'preflight-report'));
    expect(report.run.source).toBe('demo');
    expect(report.verdict).toBe('not-ready');
    const failing = report.checks.filter((c) => c.severity === 'blocker' && c.status === 'fail' && !c.waived);
    expect(failing.length).toBeGreaterThan(0);
    const tail = r.stdout.trimEnd().split('\n').slice(-3).join('\n');
    expect(tail).toMatch(/Report: preflight-report[\\/]report\.html/);
    expect(tail).toMatch(/Verdict: NOT READY — /);
    for (const c of failing) expect(tail).toContain(c.id);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^Gate \(--fail-on blocker\): /);
  });

  test('0 with --fail-on never (what npm run demo passes), still saying why the company is not ready', async () => {
    const cwd = tempDir();
    const r = await run(['audit', '--demo', '--fail-on', 'never'], { cwd });
    expect(r.code).toBe(ExitCode.Ok);
    expect(r.stdout).toMatch(/Verdict: NOT READY/);
  });

  test('2: a blocker only a person can confirm (unknown-prefs) leaves the gate undecided, with one line saying why', async () => {
    const cwd = tempDir();
    const r = await withSandbox('unknown-prefs', (sb) => run(['audit'], { cwd, env: sandboxEnv(sb, cwd) }));
    expect(r.code).toBe(ExitCode.Incomplete);
    const report = readReport(join(cwd, 'preflight-report'));
    expect(report.checks.some((c) => c.severity === 'blocker' && (c.status === 'manual' || c.status === 'error'))).toBe(true);
    // After the progress lines, the last line says why; with --quiet it is the only line.
    expect(r.stderr.trim().split('\n').pop()).toMatch(/^Incomplete \(--fail-on blocker\): Audit incomplete/);
    const quiet = await withSandbox('unknown-prefs', (sb) => run(['audit', '--quiet'], { cwd, env: sandboxEnv(sb, cwd) }));
    expect(quiet.code).toBe(ExitCode.Incomplete);
    expect(quiet.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('3: a wrong user password — one line naming the problem, and the report is still written for support', async () => {
    const cwd = tempDir();
    const r = await withSandbox('ready', (sb) => run(['audit', '--quiet'], { cwd, env: sandboxEnv(sb, cwd, { INTACCT_USER_PASSWORD: 'not-the-password' }) }));
    expect(r.code).toBe(ExitCode.CouldNotAudit);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Error: could not audit: .*(sign-in|user|password|credentials)/i);
    expect(r.stderr).not.toContain('not-the-password');
    const report = readReport(join(cwd, 'preflight-report'));
    expect(report.verdict).toBe('incomplete');
    expect(report.checks.find((c) => c.id === 'connection.web-services-access')?.status).toBe('error');
  });

  test('3: a sender not authorised for the company', async () => {
    const cwd = tempDir();
    const fixture = variant('ready', (c) => {
      c.credentials.authorisedSenders = ['some-other-sender'];
    });
    const r = await withSandbox(fixture, (sb) => run(['audit'], { cwd, env: sandboxEnv(sb, cwd) }));
    expect(r.code).toBe(ExitCode.CouldNotAudit);
    // Progress lines first (CI), then the one error line, last.
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('Error:'))).toHaveLength(1);
    expect(lines.pop()).toMatch(/^Error: could not audit: .*sender.*authori[sz]/i);
    expect(r.stdout).toMatch(/^Report: preflight-report/m);
  });

  test('3: nothing listening at the endpoint', async () => {
    const cwd = tempDir();
    const r = await withSandbox('ready', async (sb) => {
      const env = sandboxEnv(sb, cwd);
      await sb.close();
      return run(['audit', '--timeout', '2', '--quiet'], { cwd, env });
    });
    expect(r.code).toBe(ExitCode.CouldNotAudit);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Error: could not audit: .*(refused|connect)/i);
  });
});

describe('formats and outputs', () => {
  test('each format is written under its own name into --out', async () => {
    const cwd = tempDir();
    const r = await run(['--demo', '--format', 'md,junit', '--format', 'html', '--format', 'json', '--out', 'reports/today', '--fail-on', 'never'], { cwd });
    expect(r.code).toBe(0);
    const dir = join(cwd, 'reports', 'today');
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.json', 'report.junit.xml', 'report.md']);
    const report = readReport(dir);
    expect(readFileSync(join(dir, 'report.junit.xml'), 'utf8')).toMatch(/<testsuites?[\s>]/);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(report.checks[0]!.id);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/i);
  });

  test('--format json --out - : stdout is exactly the JSON report; the summary goes to stderr', async () => {
    const cwd = tempDir();
    const r = await run(['--demo', '--format', 'json', '--out', '-'], { cwd });
    expect(r.code).toBe(ExitCode.GateFailed);
    const v = validateResult(JSON.parse(r.stdout));
    expect(v.ok).toBe(true);
    expect(r.stderr).toMatch(/Verdict: NOT READY/);
    expect(existsSync(join(cwd, 'preflight-report'))).toBe(false);
  });

  test('--out - with junit writes the XML to stdout', async () => {
    const r = await run(['--demo', '--format', 'junit', '--out', '-', '--quiet']);
    expect(r.stdout).toMatch(/^<\?xml[^>]*\?>\s*<testsuites?[\s>]/);
    expect(r.stderr).toBe('');
  });

  test('--quiet prints nothing on stderr (nor a summary on stdout)', async () => {
    const r = await run(['--demo', '--quiet']);
    expect(r.code).toBe(ExitCode.GateFailed);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });

  test('progress in CI (not a terminal) is plain lines on stderr, one per check', async () => {
    const r = await run(['--demo']);
    const report = JSON.parse((await run(['--demo', '--format', 'json', '--out', '-', '--quiet'])).stdout) as AuditResult;
    expect(r.stderr).not.toMatch(/\r|\x1b\[/);
    expect(r.stderr).toMatch(/Signing in to Intacct/);
    for (const c of report.checks) expect(r.stderr).toMatch(new RegExp(`\\[\\d+/\\d+\\] ${c.id.replace(/\./g, '\\.')}: ${c.status}`));
    expect(r.stdout).not.toMatch(/Signing in/);
  });

  test('progress on a terminal is one live line, cleared before the summary', async () => {
    const r = await run(['--demo'], { stderrTTY: true });
    expect(r.stderr).toMatch(/\r\x1b\[2K/);
    expect(r.stderr.endsWith('\r\x1b[2K') || /\r\x1b\[2K$/.test(r.stderr.replace(/\n[^\r]*$/, ''))).toBe(true);
  });

  test('in a CI log (stdout not a terminal) each finding is printed whole; on a terminal it wraps to the width', async () => {
    const cwd = tempDir();
    const log = await run(['--demo', '--fail-on', 'never'], { cwd });
    const report = readReport(join(cwd, 'preflight-report'));
    const findings = report.checks.filter((c) => c.status === 'fail');
    for (const c of findings) expect(log.stdout).toContain(c.summary);
    expect(log.stdout).not.toContain('…');

    const tty = await run(['--demo', '--fail-on', 'never'], { stdoutTTY: true });
    const table = tty.stdout.slice(0, tty.stdout.indexOf('\nReport: ')).split('\n');
    for (const line of table) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    const longest = findings.reduce((a, b) => (b.summary.length > a.summary.length ? b : a));
    // A token longer than the column (a preference or config key) is cut across lines: compare without the wrapping.
    expect(tty.stdout.replace(/\s+/g, '')).toContain(longest.summary.replace(/\s+/g, ''));
  });

  test('NO_COLOR keeps escape codes out; FORCE_COLOR puts colour in', async () => {
    const plain = await run(['--demo', '--fail-on', 'never'], { stdoutTTY: true });
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const cwd = tempDir();
    const coloured = await run(['--demo', '--fail-on', 'never'], { cwd, env: { HOME: cwd, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(/\x1b\[/);
  });

  test('--checks limits the run; the blockers left out are listed as not run and keep the verdict from ready', async () => {
    const cwd = tempDir();
    const r = await withSandbox('ready', (sb) => run(['audit', '--checks', 'ar.*', '--format', 'json', '--out', '-', '--quiet'], { cwd, env: sandboxEnv(sb, cwd) }));
    const report = JSON.parse(r.stdout) as AuditResult;
    expect(report.checks.every((c) => c.id.startsWith('ar.') || c.id === 'connection.web-services-access')).toBe(true);
    expect(report.notRun.some((n) => n.severity === 'blocker')).toBe(true);
    expect(report.verdict).not.toBe('ready');
    expect(r.code).toBe(ExitCode.Incomplete);
  });
});
