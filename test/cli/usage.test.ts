/**
 * Usage errors: every bad flag, config file and credentials file ends in exit 4 with ONE line
 * on stderr that says what to fix — never a stack trace, never a half-run audit.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODE_TABLE, ExitCode } from '../../src/cli/exit-codes.js';
import { cleanEnv, run, tempDir } from './helpers.js';

function expectOneLine(stderr: string): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack frames
}

describe('bad options → exit 4 with one line', () => {
  test.each([
    [['--bogus'], /Unknown option: --bogus/],
    [["frobnicate"], /Unknown command "frobnicate" \(commands: audit, render/],
    [['--format', 'pdf'], /--format "pdf" is not a report format: use html, json, md, junit/],
    [['--format', 'html,json', '--out', '-'], /--out - writes one report to stdout, but 2 formats were asked for \(html, json\)/],
    [['--fail-on', 'sometimes'], /--fail-on must be one of blocker, warning, info, never \(got "sometimes"\)/],
    [['--sync-from', '2017-06-30'], /--sync-from must not be before 2018-01-01 \(Re-Leased never syncs earlier/],
    [['--sync-from', '01/02/2020'], /--sync-from must be a date written YYYY-MM-DD/],
    [['--sync-from', '2021-02-29'], /--sync-from "2021-02-29" is not a real date/],
    [['--sync-from', '2999-01-01'], /--sync-from must not be in the future/],
    [['--concurrency', '0'], /--concurrency must be a whole number from 1 to 16/],
    [['--concurrency', 'lots'], /--concurrency must be a whole number from 1 to 16/],
    [['--max-functions', '500'], /--max-functions must be a whole number from 1 to 100/],
    [['--timeout', '-1'], /--timeout must be a number of seconds above 0/],
    [['--checks', 'ar.customer-id-sequense', '--demo'], /unknown check "ar\.customer-id-sequense" \(did you mean ar\.customer-id-sequence\?\)/],
    [['--skip', 'zz.*', '--demo'], /--skip: "zz\.\*" matches no check/],
    [['--demo', '--company-id', 'ACME'], /--demo audits the built-in demo sandbox .* leave out --company-id/],
    [['--config', 'missing.json'], /Config file missing\.json: file not found/],
    [['--out'], /--out needs a value|Not enough arguments/],
    [['--quiet', '--verbose'], /quiet.*verbose|mutually exclusive/],
    [['render'], /render needs the report\.json to render/],
    [['render', 'nope.json'], /nope\.json/],
    [['explain', 'ar.customer-id-sequense'], /Unknown check "ar\.customer-id-sequense" \(did you mean ar\.customer-id-sequence\?\)/],
    [['prefs', 'A R'], /is not an application code/],
    [['sandbox', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['sandbox', '--company', 'no-such-company'], /--company no-such-company:/],
  ])('%j', async (argv, expected) => {
    const r = await run(argv);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(expected);
    expectOneLine(r.stderr);
    expect(r.stdout).toBe('');
  });
});

describe('bad credentials → exit 4 naming what is missing and where to put it', () => {
  const home = tempDir('preflight-home-');
  const iniDir = join(home, '.intacct');
  mkdirSync(iniDir, { recursive: true });

  test('a missing password without a terminal', async () => {
    const r = await run(['audit'], {
      env: cleanEnv(home, {
        INTACCT_SENDER_ID: 's',
        INTACCT_SENDER_PASSWORD: 'sp',
        INTACCT_COMPANY_ID: 'c',
        INTACCT_USER_ID: 'u',
      }),
    });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/Missing user password: set INTACCT_USER_PASSWORD or user_password in .*credentials\.ini \(passwords are never command-line options\)/);
    expectOneLine(r.stderr);
  });

  test('a missing company id', async () => {
    const r = await run(['audit'], { env: cleanEnv(home, { INTACCT_USER_ID: 'u', INTACCT_SENDER_ID: 's' }) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/Missing company id: set --company-id, INTACCT_COMPANY_ID or company_id in/);
    expectOneLine(r.stderr);
  });

  test('nothing set up at all: every missing id named at once, and --demo suggested', async () => {
    const r = await run(['audit'], { env: cleanEnv(home) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/Missing company id, user id and sender id: set INTACCT_COMPANY_ID, INTACCT_USER_ID, INTACCT_SENDER_ID .*--demo/);
    expectOneLine(r.stderr);
  });

  test('a profile that is not in the credentials file', async () => {
    writeFileSync(join(iniDir, 'credentials.ini'), '[default]\nsender_id = s\n');
    chmodSync(join(iniDir, 'credentials.ini'), 0o600);
    const r = await run(['audit', '--profile', 'acme'], { env: cleanEnv(home) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/Profile "acme" not found/);
    expectOneLine(r.stderr);
  });

  test('a plain-http endpoint that is not loopback', async () => {
    const r = await run(['audit', '--endpoint', 'http://intacct.example.com/ia/xml/xmlgw.phtml'], {
      env: cleanEnv(home, {
        INTACCT_SENDER_ID: 's',
        INTACCT_SENDER_PASSWORD: 'sp',
        INTACCT_COMPANY_ID: 'c',
        INTACCT_USER_ID: 'u',
        INTACCT_USER_PASSWORD: 'up',
      }),
    });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/http/i);
    expectOneLine(r.stderr);
  });
});

describe('bad config files through the command line → exit 4', () => {
  const dir = tempDir('preflight-cfg-');
  const write = (name: string, data: unknown) => {
    writeFileSync(join(dir, name), typeof data === 'string' ? data : JSON.stringify(data));
    return name;
  };

  test.each([
    ['not-json.json', '{ "failOn": ', /not valid JSON at line 1/],
    ['unknown-key.json', { failOn: 'blocker', colour: true }, /colour: unknown key/],
    ['password.json', { senderPassword: 'x' }, /"senderPassword" — passwords never go in the config file/],
    ['unknown-severity-id.json', { severity: { 'ar.no-such-check': 'info' } }, /severity\.ar\.no-such-check: unknown check "ar\.no-such-check"/],
    ['unknown-waiver-id.json', { waivers: [{ check: 'ar.customer-id-sequense', reason: 'r', expires: '2099-01-01' }] }, /waivers\[0\]\.check: unknown check .*did you mean ar\.customer-id-sequence/],
    ['unknown-attestation-id.json', { attestations: [{ check: 'so.nope', by: 'me', date: '2025-01-01' }] }, /attestations\[0\]\.check: unknown check "so\.nope"/],
    ['bad-checks-dir.json', { checksDirs: ['no-such-folder'] }, /no-such-folder/],
  ])('%s', async (name, content, expected) => {
    const r = await run(['--demo', '--config', write(name, content)], { cwd: dir });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(expected);
    expectOneLine(r.stderr);
  });
});

describe('help and catalogue', () => {
  test('--help documents every exit code from the one table', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(ExitCode.Ok);
    for (const { code, meaning } of EXIT_CODE_TABLE) {
      expect(r.stdout).toContain(`${String(code).padStart(3)}  ${meaning}`);
    }
    expect(r.stdout).toMatch(/--fail-on/);
    expect(r.stdout).not.toMatch(/--password|--sender-password|--user-password/);
  });

  test('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('checks lists every built-in check with its severity; --json is parseable', async () => {
    const table = await run(['checks']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+SEVERITY\s+TITLE/);
    expect(table.stdout).toMatch(/connection\.web-services-access\s+blocker/);
    const json = await run(['checks', '--json']);
    const rows = JSON.parse(json.stdout) as { id: string; severity: string; title: string }[];
    expect(rows.map((r) => r.id)).toContain('ar.customer-id-sequence');
    for (const row of rows) expect(table.stdout).toContain(row.id);
  });

  test('checks shows severity overrides from the config', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ severity: { 'ap.account-labels-disabled': 'blocker' } }));
    const r = await run(['checks', '--config', 'c.json'], { cwd: dir });
    expect(r.stdout).toMatch(/ap\.account-labels-disabled\s+blocker\s+.*\(default warning\)/);
  });

  test('explain prints why, how to fix and the docs of one check', async () => {
    const r = await run(['explain', 'ar.customer-id-sequence']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ar\.customer-id-sequence — /);
    expect(r.stdout).toMatch(/Why it matters/);
    expect(r.stdout).toMatch(/How to fix it\n\s+1\. /);
    expect(r.stdout).toMatch(/Docs\n\s+- .*https?:\/\//);
  });
});
