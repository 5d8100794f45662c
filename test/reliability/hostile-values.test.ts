/**
 * Values a hostile but realistic user hands the tool (issue 12, sections 4 and 5): a malformed
 * credentials file never echoes a password, `--redact` leaves no customer or vendor name or id in
 * free text (any letter case, short forms, records sampled nowhere else), dates are judged in
 * local time, and every refusal is one line a person can act on.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { cleanEnv, run, tempDir } from '../cli/helpers.js';
import { BIN, sandboxEnv } from '../cli/sandbox-helpers.js';

function expectOneLine(stderr: string, names: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toEqual([expect.stringMatching(names)]);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/Internal error/);
}

// ---------------------------------------------------------------------------------------------
// 4. Secrets and redaction

describe('a credentials file parse error names the line and the key at most', () => {
  const PASSWORD = 'Zm9vYmFyU2VjcmV0UGFzcw==';

  /** Every run of 4 or more characters of the password, in any letter case. */
  function expectNoPart(text: string): void {
    const lower = text.toLowerCase();
    for (let i = 0; i + 4 <= PASSWORD.length; i++) expect({ part: PASSWORD.slice(i, i + 4), found: lower.includes(PASSWORD.slice(i, i + 4).toLowerCase()) }).toEqual({ part: PASSWORD.slice(i, i + 4), found: false });
  }

  test.each([
    ['a colon instead of = (reproduction 10)', `[default]\nuser_password: ${PASSWORD}\n`, /credentials\.ini:2\b.*user_password/],
    ['a password before any section', `${PASSWORD}\n[default]\n`, /credentials\.ini:1\b/],
    ['a value with a space in the key', `[default]\nuser password = ${PASSWORD}\n`, /credentials\.ini:2\b/],
  ])('%s', async (_name, ini, names) => {
    const home = tempDir('preflight-ini-leak-');
    mkdirSync(join(home, '.intacct'));
    const file = join(home, '.intacct', 'credentials.ini');
    writeFileSync(file, ini);
    chmodSync(file, 0o600);
    const r = await run(['audit', '--profile', 'default'], { cwd: home, env: cleanEnv(home) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, names);
    expectNoPart(r.stderr + r.stdout);
  });

  test('a password pasted on a line of its own is not quoted in the unknown-key warning', async () => {
    const home = tempDir('preflight-ini-leak-');
    mkdirSync(join(home, '.intacct'));
    const file = join(home, '.intacct', 'credentials.ini');
    // A password pasted alone on a line, whose base64 padding reads as "key ="
    writeFileSync(file, `[default]\nsender_id = s\n${PASSWORD}\n`);
    chmodSync(file, 0o600);
    const r = await run(['audit', '--profile', 'default'], { cwd: home, env: cleanEnv(home) });
    expect(r.code).toBe(ExitCode.Usage); // other values are missing
    expect(r.stderr).toMatch(/credentials\.ini:3\b/);
    expectNoPart(r.stderr + r.stdout);
  });
});

describe('--redact masks free text (reproduction 11)', () => {
  const FIXTURE = resolve('test', 'fixtures', 'free-text-company.json');
  let sb: Sandbox;
  let company: CompanyFixture;
  beforeAll(async () => {
    company = loadCompany(FIXTURE);
    sb = await startSandbox({ company });
  });
  afterAll(async () => {
    await sb?.close();
  });

  /** Every customer and vendor name and id of the fixture, and the short forms its texts use. */
  function identities(): string[] {
    const objects = company.objects as Record<string, { records: Record<string, string | null>[] }>;
    const values = new Set<string>(['Bayside Espresso', 'Apex Lift', 'Shoreline Kiosk', 'HPG-T031']);
    for (const r of objects.CUSTOMER!.records) values.add(r.CUSTOMERID!).add(r.NAME!);
    for (const r of objects.VENDOR!.records) values.add(r.VENDORID!).add(r.NAME!);
    return [...values];
  }

  function expectNoIdentity(where: string, text: string): void {
    const lower = text.toLowerCase();
    for (const value of identities()) {
      for (const form of [value, value.replace(/&/g, '&amp;'), JSON.stringify(value).slice(1, -1)]) {
        expect({ where, value: form, found: lower.includes(form.toLowerCase()) }).toEqual({ where, value: form, found: false });
      }
    }
  }

  test('no name or id remains in any format, the snapshot or the terminal output', async () => {
    const cwd = tempDir('preflight-redact-free-');
    const r = await run(['audit', '--redact', '--format', 'html,json,md,junit', '--out', 'r', '--snapshot', 'snap.json.gz'], { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.GateFailed);
    // The fixture is real: without --redact the journal-entry description names them.
    const plain = await run(['audit', '--format', 'json', '--out', '-', '--quiet'], { cwd, env: sandboxEnv(sb, cwd) });
    expect(plain.stdout).toContain('Rent from BAYSIDE ESPRESSO PTY LTD (Bayside Espresso); on behalf of Harbour Lights Dental (HPG-T002)');
    for (const name of ['report.html', 'report.json', 'report.md', 'report.junit.xml']) expectNoIdentity(name, readFileSync(join(cwd, 'r', name), 'utf8'));
    expectNoIdentity('snapshot', gunzipSync(readFileSync(join(cwd, 'snap.json.gz'))).toString('utf8'));
    expectNoIdentity('stdout', r.stdout);
    expectNoIdentity('stderr', r.stderr);

    // The free-text column is still there, masked, so the sample keeps its shape.
    const report = JSON.parse(readFileSync(join(cwd, 'r', 'report.json'), 'utf8')) as { checks: { id: string; affected?: { sample: Record<string, unknown>[] } }[] };
    const je = report.checks.find((c) => c.id === 'payments.journal-entry-payments')!;
    expect(je.affected!.sample.map((s) => s.DESCRIPTION)).toEqual([expect.stringMatching(/redacted/i), expect.stringMatching(/redacted/i)]);

    // The redacted snapshot still re-evaluates to the same redacted findings, offline.
    const again = await run(['audit', '--from-snapshot', 'snap.json.gz', '--format', 'json', '--out', '-', '--quiet'], { cwd, env: cleanEnv(cwd) });
    expect(again.code).toBe(ExitCode.GateFailed);
    const offline = JSON.parse(again.stdout) as typeof report;
    expect(offline.checks.find((c) => c.id === 'payments.journal-entry-payments')!.affected!.sample).toEqual(je.affected!.sample);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Dates and messages

describe('dates are judged in local time', () => {
  /**
   * The real executable in Auckland at 09:00 on 11 March 2026, which is still 10 March in UTC: a
   * preloaded module moves the clock (the test process's own time zone cannot be changed).
   */
  function inAucklandMorning(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const cwd = tempDir('preflight-local-today-');
    const clock = join(cwd, 'clock.mjs');
    writeFileSync(
      clock,
      `const Real = Date; const shift = Real.parse('2026-03-10T20:00:00Z') - Real.now();
globalThis.Date = class extends Real { constructor(...a) { if (a.length) super(...a); else super(Real.now() + shift); } static now() { return Real.now() + shift; } };\n`,
    );
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--import', pathToFileURL(clock).href, BIN, ...args], {
        cwd,
        env: { ...cleanEnv(cwd), TZ: 'Pacific/Auckland' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      child.on('error', reject);
      child.on('close', (code) => resolvePromise({ code, stderr }));
    });
  }

  test('--sync-from today is accepted where it is already today but not yet in UTC (Auckland morning)', async () => {
    // An unknown check id stops the run after the options were accepted, before any network.
    const today = await inAucklandMorning(['audit', '--demo', '--sync-from', '2026-03-11', '--checks', 'no.such-check']);
    expect(today.code).toBe(ExitCode.Usage);
    expectOneLine(today.stderr, /no\.such-check/);
    const tomorrow = await inAucklandMorning(['audit', '--demo', '--sync-from', '2026-03-12', '--checks', 'no.such-check']);
    expect(tomorrow.code).toBe(ExitCode.Usage);
    expectOneLine(tomorrow.stderr, /--sync-from .*future/);
  });

  test('an attestation dated in the future is a usage error, not a pass', async () => {
    const cwd = tempDir('preflight-future-attest-');
    writeFileSync(
      join(cwd, 'attest.json'),
      JSON.stringify({ attestations: [{ check: 'so.subtotal-dimensions-from-lines', by: 'Jo Consultant', date: '2099-01-01' }] }),
    );
    const r = await run(['audit', '--demo', '--config', 'attest.json'], { cwd });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /attestations\[0\].*2099-01-01.*future/);
  });
});

describe('one clear line instead of raw texts', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ company: loadCompany('ready') });
  });
  afterAll(async () => {
    await sb?.close();
  });

  test.each([
    ['file:///etc/passwd', /endpoint.*file:/],
    ['javascript:alert(1)', /endpoint.*javascript:/],
  ])('--endpoint %s', async (endpoint, names) => {
    const cwd = tempDir('preflight-endpoint-');
    const r = await run(['audit', '--endpoint', endpoint], { cwd, env: sandboxEnv(sb, cwd, { INTACCT_ENDPOINT_URL: undefined }) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, names);
    expect(r.stderr).not.toMatch(/"null"/);
  });

  test.each([[''], ['   ']])('a blank INTACCT_ENDPOINT_URL (%j) is an error, not a fall-back to production', async (blank) => {
    const cwd = tempDir('preflight-endpoint-');
    const before = sb.received.length;
    const r = await run(['audit'], { cwd, env: sandboxEnv(sb, cwd, { INTACCT_ENDPOINT_URL: blank }) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /INTACCT_ENDPOINT_URL.*(empty|blank)/);
    expect(sb.received.length).toBe(before);
  });

  test('a blank endpoint_url in the profile file is an error too', async () => {
    const home = tempDir('preflight-endpoint-');
    mkdirSync(join(home, '.intacct'));
    writeFileSync(join(home, '.intacct', 'credentials.ini'), '[default]\nendpoint_url =\n');
    chmodSync(join(home, '.intacct', 'credentials.ini'), 0o600);
    const env = sandboxEnv(sb, home);
    delete env.INTACCT_ENDPOINT_URL;
    const r = await run(['audit'], { cwd: home, env });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /endpoint_url.*(empty|blank)/);
  });

  test('a --timeout too small for the client names --timeout, not an internal option', async () => {
    const cwd = tempDir('preflight-timeout-');
    const r = await run(['audit', '--timeout', '0.0001'], { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expectOneLine(r.stderr, /--timeout/);
    expect(r.stderr).not.toMatch(/timeoutMs/);
  });

  test('a user check whose docs link is not https: is refused, naming the file', async () => {
    const meta = (url: string) =>
      `{ id: 'acme.docs', title: 't', severity: 'info', category: 'x', why: 'w', remediation: [], docs: [{ title: 'd', url: ${JSON.stringify(url)} }], version: 1 }`;
    for (const url of ['javascript:alert(1)', 'http://example.com/help', 'file:///etc/passwd']) {
      // A folder per case: a module, once imported, stays cached under its path.
      const cwd = tempDir('preflight-docs-');
      mkdirSync(join(cwd, 'checks'));
      writeFileSync(join(cwd, 'checks', 'docs.mjs'), `export default { meta: ${meta(url)}, needs: () => ({}), evaluate: () => ({ status: 'pass', summary: 's' }) };`);
      const r = await run(['audit', '--demo', '--checks-dir', 'checks'], { cwd });
      expect({ url, code: r.code }).toEqual({ url, code: ExitCode.Usage });
      expectOneLine(r.stderr, /docs\.mjs.*docs.*https:/);
    }
  });
});
