/**
 * Bad input, as a table: every bad flag, credentials file and config file ends in exit 4 (or 3
 * when the gateway refuses the credentials) with exactly one line on stderr that names what to
 * fix — never a stack trace, never a report. Complements test/cli/usage.test.ts (which covers the
 * common mistakes) with the less common ones; and Ctrl+C leaves no partial report anywhere.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { cleanEnv, run, tempDir } from '../cli/helpers.js';
import { interruptMidAudit, sandboxEnv } from '../cli/sandbox-helpers.js';
import { nonReadFunctions } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ company: loadCompany('ready') });
});
afterAll(async () => {
  expect(nonReadFunctions(sb)).toEqual([]);
  await sb?.close();
});

function expectOneLine(stderr: string, names: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toEqual([expect.stringMatching(names)]);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/Internal error/);
}

/** Nothing but the (empty) output folder may be left behind by a refused run. */
function expectNoReport(cwd: string): void {
  const out = join(cwd, 'preflight-report');
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe('bad flags → exit 4, one line naming the flag', () => {
  test.each([
    [['--timeout', 'abc'], /--timeout/],
    [['--timeout', '0'], /--timeout/],
    [['--timeout', '99999'], /--timeout/],
    [['--max-functions', '0'], /--max-functions/],
    [['--max-functions', '1.5'], /--max-functions/],
    [['--concurrency', '17'], /--concurrency/],
    [['--concurrency', '1.5'], /--concurrency/],
    [['--fail-on'], /--fail-on/],
    [['--sync-from'], /--sync-from/],
    [['--format', ''], /--format/],
    [['--format', 'json,pdf'], /--format "pdf"/],
    [['--checks', ''], /--checks/],
    [['--checks-dir', 'no-such-folder'], /no-such-folder/],
    [['--debug-log', 'no-such-folder/debug.log'], /debug/],
    [['--profile'], /--profile/],
    [['explain'], /explain needs a check id/],
    [['render', 'not-json.txt'], /not-json\.txt/],
    [['render', 'not-a-report.json'], /not-a-report\.json/],
    [['render', 'report.json', '--format', 'pdf'], /--format/],
  ])('%j', async (argv, names) => {
    const cwd = tempDir('preflight-bad-');
    writeFileSync(join(cwd, 'not-json.txt'), 'hello');
    writeFileSync(join(cwd, 'not-a-report.json'), JSON.stringify({ verdict: 'ready' }));
    writeFileSync(join(cwd, 'report.json'), JSON.stringify({ verdict: 'ready' }));
    const r = await run(argv, { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, names);
    expectNoReport(cwd);
  });
});

describe('bad user check folders → exit 4, one line naming the file', () => {
  test.each([
    ['syntax.mjs', 'export default {', /syntax\.mjs/],
    ['no-meta.mjs', 'export default { evaluate() { return { status: "pass" }; } };', /no-meta\.mjs/],
    ['throws.mjs', 'throw new Error("boom at load");', /throws\.mjs/],
    ['bad-id.mjs', `export default { meta: { id: 'Not An Id', title: 't', severity: 'blocker', category: 'x', why: 'w', remediation: ['r'], docs: [], version: 1 }, needs: () => ({}), evaluate: () => ({ status: 'pass', summary: 's', evidence: [] }) };`, /bad-id\.mjs/],
    ['dup.mjs', `export default { meta: { id: 'connection.web-services-access', title: 't', severity: 'blocker', category: 'x', why: 'w', remediation: ['r'], docs: [{ title: 'd', url: 'https://example.com' }], version: 1 }, needs: () => ({}), evaluate: () => ({ status: 'pass', summary: 's', evidence: [] }) };`, /dup\.mjs|connection\.web-services-access/],
  ])('%s', async (file, source, names) => {
    const cwd = tempDir('preflight-bad-checks-');
    mkdirSync(join(cwd, 'checks'));
    writeFileSync(join(cwd, 'checks', file), source);
    const before = sb.received.length;
    const r = await run(['audit', '--checks-dir', 'checks'], { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, names);
    expect(sb.received.length).toBe(before); // refused before connecting
    expectNoReport(cwd);
  });
});

describe('bad credentials files → exit 4, one line naming the file and line or key', () => {
  test.each([
    ['a line that is not key = value', '[default]\nsender_id sandbox\n', /credentials\.ini:2/],
    ['a key before any section', 'sender_id = s\n[default]\n', /credentials\.ini:1/],
    ['an unclosed quote', '[default]\nuser_password = "abc\n', /credentials\.ini:2.*quote/],
    ['an empty section name', '[]\nsender_id = s\n', /credentials\.ini:1/],
    ['a plain-http endpoint that is not loopback', '[default]\nendpoint_url = http://intacct.example.com/ia/xml/xmlgw.phtml\n', /http/],
    ['an endpoint that is not a URL', '[default]\nendpoint_url = not a url\n', /endpoint|URL/i],
  ])('%s', async (_name, ini, names) => {
    const home = tempDir('preflight-bad-ini-');
    mkdirSync(join(home, '.intacct'));
    const file = join(home, '.intacct', 'credentials.ini');
    writeFileSync(file, ini);
    chmodSync(file, 0o600);
    // Everything else comes from the environment, so the file alone is at fault.
    const env = cleanEnv(home, {
      INTACCT_SENDER_ID: sb.credentials.senderId,
      INTACCT_SENDER_PASSWORD: sb.credentials.senderPassword,
      INTACCT_COMPANY_ID: sb.credentials.companyId,
      INTACCT_USER_ID: sb.credentials.userId,
      INTACCT_USER_PASSWORD: sb.credentials.userPassword,
    });
    if (!/endpoint/.test(ini)) env.INTACCT_ENDPOINT_URL = sb.endpoint;
    const r = await run(['audit'], { cwd: home, env });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, names);
    expectNoReport(home);
  });

  test('INTACCT_PROFILE naming a profile the file does not have', async () => {
    const home = tempDir('preflight-bad-ini-');
    mkdirSync(join(home, '.intacct'));
    writeFileSync(join(home, '.intacct', 'credentials.ini'), '[default]\nsender_id = s\n[acme]\nsender_id = a\n');
    chmodSync(join(home, '.intacct', 'credentials.ini'), 0o600);
    const r = await run(['audit'], { cwd: home, env: cleanEnv(home, { INTACCT_PROFILE: 'acme-typo', INTACCT_ENDPOINT_URL: sb.endpoint }) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /Profile "acme-typo" not found.*\(profiles: .*acme/);
  });

  test('a credentials "file" that is a folder', async () => {
    const home = tempDir('preflight-bad-ini-');
    mkdirSync(join(home, '.intacct', 'credentials.ini'), { recursive: true });
    const r = await run(['audit', '--profile', 'default'], { cwd: home, env: cleanEnv(home, { INTACCT_ENDPOINT_URL: sb.endpoint }) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /credentials\.ini/);
  });

  test('an environment endpoint that is not a URL', async () => {
    const cwd = tempDir('preflight-bad-');
    const r = await run(['audit'], { cwd, env: sandboxEnv(sb, cwd, { INTACCT_ENDPOINT_URL: 'xmlgw.phtml' }) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /endpoint|URL/i);
  });
});

describe('credentials the gateway refuses → exit 3, one line saying which and where to fix it', () => {
  test.each([
    ['a wrong sender password', { INTACCT_SENDER_PASSWORD: 'not-the-sender-password' }, /sender|partner/i],
    ['an unknown sender id', { INTACCT_SENDER_ID: 'someone-else' }, /sender|partner|authori/i],
    ['a wrong user password', { INTACCT_USER_PASSWORD: 'not-the-user-password' }, /user|sign-in|password/i],
    ['an unknown user', { INTACCT_USER_ID: 'nobody' }, /user|sign-in/i],
    ['a wrong company id', { INTACCT_COMPANY_ID: 'other-company' }, /company|sign-in/i],
    ['an entity that does not exist', { INTACCT_ENTITY_ID: 'NO-SUCH-ENTITY' }, /entity|NO-SUCH-ENTITY/i],
  ])('%s', async (_name, override, names) => {
    const cwd = tempDir('preflight-refused-');
    const r = await run(['audit', '--quiet', '--format', 'json'], { cwd, env: sandboxEnv(sb, cwd, override) });
    expect(r.code).toBe(ExitCode.CouldNotAudit);
    expectOneLine(r.stderr, names);
    expect(r.stderr).toMatch(/^Error: could not audit: /);
    for (const v of Object.values(override)) if (/password/.test(v)) expect(r.stderr).not.toContain(v);
  });
});

describe('bad config files → exit 4, one line naming the file or key', () => {
  test.each([
    ['empty.json', '', /empty\.json/],
    ['array.json', '[]', /array\.json|object/],
    ['null.json', 'null', /null\.json|object/],
    ['string-checks.json', { checks: 'ar.*' }, /checks/],
    ['empty-format.json', { format: [] }, /format/],
    ['out-number.json', { out: 5 }, /out/],
    ['timeout-string.json', { timeout: '30' }, /timeout/],
    ['checksdirs-string.json', { checksDirs: 'x' }, /checksDirs/],
    ['attestation-date.json', { attestations: [{ check: 'ar.customer-id-sequence', by: 'me', date: '31/12/2024' }] }, /attestations\[0\]\.date/],
    ['waiver-records.json', { waivers: [{ check: 'ar.customer-id-sequence', reason: 'r', expires: '2099-01-01', records: 'CUSTOMER:1' }] }, /waivers\[0\]\.records/],
    ['deep.json', JSON.stringify({ catalog: { x: JSON.parse('['.repeat(500) + ']'.repeat(500)) } }), /catalog/],
  ])('%s', async (name, content, names) => {
    const cwd = tempDir('preflight-bad-config-');
    writeFileSync(join(cwd, name), typeof content === 'string' ? content : JSON.stringify(content));
    const r = await run(['audit', '--demo', '--config', name], { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, names);
    expectNoReport(cwd);
  });

  test('a config path that is a folder', async () => {
    const cwd = tempDir('preflight-bad-config-');
    mkdirSync(join(cwd, 'conf.json'));
    const r = await run(['audit', '--demo', '--config', 'conf.json'], { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /conf\.json/);
  });
});

// ---------------------------------------------------------------------------------------------
// Ctrl+C: test/cli/interrupt.test.ts covers a fresh output folder; these cover a report stream on
// stdout and a folder that already holds last week's report.

describe('SIGINT during an audit', () => {
  let slow: Sandbox;
  beforeAll(async () => {
    slow = await startSandbox({ company: loadCompany('demo'), latencyMs: 400 });
  });
  afterAll(async () => {
    await slow?.close();
  });

  test('with the report streamed to stdout: exit 130 and not one byte of a partial report', async () => {
    const cwd = tempDir('preflight-int-');
    const r = await interruptMidAudit(['audit', '--format', 'json', '--out', '-'], cwd, slow);
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').pop()).toBe('Interrupted: stopped, no report written.');
  }, 30_000);

  test('with last run’s reports in the folder: they are left exactly as they were', async () => {
    const cwd = tempDir('preflight-int-');
    const out = join(cwd, 'out');
    mkdirSync(out);
    const previous: Record<string, string> = { 'report.json': '{"previous":true}', 'report.html': '<p>previous</p>', 'report.md': '# previous' };
    for (const [f, text] of Object.entries(previous)) writeFileSync(join(out, f), text);
    const r = await interruptMidAudit(['audit', '--format', 'html,json,md,junit', '--out', 'out'], cwd, slow);
    expect(r.code).toBe(130);
    expect(readdirSync(out).sort()).toEqual(Object.keys(previous).sort());
    for (const [f, text] of Object.entries(previous)) expect(readFileSync(join(out, f), 'utf8')).toBe(text);
  }, 30_000);
});
