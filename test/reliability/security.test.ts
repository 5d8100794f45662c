/**
 * The tool's security promises, each proved end to end against the sandbox gateway:
 * (a) read-only — only allowlisted read functions ever reach the gateway, user checks never hold
 *     the client, and a user fact that asks for a write is refused before anything is sent;
 * (b) secrets — passwords and session ids appear in no output, file or log;
 * (c) TLS verification is never disabled, and plain http is refused beyond loopback;
 * (d) a credentials file others can read is warned about;
 * (e) --redact leaves no customer or vendor name or id in any report.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { runAudit } from '../../src/audit/audit.js';
import { IntacctClient } from '../../src/intacct/client.js';
import { resolveCredentials } from '../../src/intacct/credentials.js';
import type { AuditResult } from '../../src/model/result.js';
import { listCompanies, loadCompany } from '../../src/sandbox/companies.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { filesUnder, run } from '../cli/helpers.js';
import { sandboxEnv } from '../cli/sandbox-helpers.js';
import { startHostileGateway } from './hostile-gateway.js';
import { byId, connectionFor, nonReadFunctions, outcome, TODAY } from './helpers.js';

/** Every sandbox any test here starts: afterAll proves none of them received a non-read function. */
const started: Sandbox[] = [];
async function sandboxFor(company: string | CompanyFixture, opts: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const sb = await startSandbox({ company: typeof company === 'string' ? loadCompany(company) : company, ...opts });
  started.push(sb);
  return sb;
}

const temps: string[] = [];
function tempDir(prefix = 'preflight-sec-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

afterAll(async () => {
  const received = started.reduce((n, sb) => n + sb.received.length, 0);
  expect(received).toBeGreaterThan(500); // the claim below covers real traffic
  for (const sb of started) {
    expect(nonReadFunctions(sb)).toEqual([]);
    await sb.close();
  }
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// (a) Read-only

describe('(a) read-only', () => {
  test.each(listCompanies().map((c) => c.name))('a full audit of the %s company sends only allowlisted read functions', async (name) => {
    const sb = await sandboxFor(name);
    const r = await runAudit({ today: TODAY, connection: connectionFor(sb) });
    expect(r.checks.length).toBeGreaterThan(15);
    expect(sb.received.length).toBeGreaterThan(10);
    expect(nonReadFunctions(sb)).toEqual([]);
  });

  /** A user check folder written as a consultant (or an attacker) would. */
  function userChecks(source: string): string {
    const dir = tempDir('preflight-user-checks-');
    writeFileSync(join(dir, 'probe.mjs'), source);
    return dir;
  }

  const META = `{ id: 'user.ID', title: 'User check', severity: 'blocker', category: 'user', why: 'Because.',
    remediation: ['Fix it'], docs: [{ title: 'Docs', url: 'https://example.com/docs' }], version: 1 }`;

  test('a user check only ever receives plain data: no argument it is given reaches the client', async () => {
    // The module runs in its worker thread: it walks everything it is handed there and says in its
    // summary what it saw (the client cannot cross a thread boundary, and nothing that looks like it does).
    const dir = userChecks(`
      const seen = [];
      const leaks = [];
      const visited = new Set();
      const walk = (v, path, depth) => {
        if (v === null || (typeof v !== 'object' && typeof v !== 'function') || visited.has(v) || depth > 8) return;
        visited.add(v);
        if (typeof v === 'function') {
          if (/execute|paginate|forEntity|connect/.test(v.name)) leaks.push(path + ' is ' + v.name + '()');
          return;
        }
        for (const key of Reflect.ownKeys(v)) {
          if (/^(execute|paginate|forEntity|connect|client|dispatcher)$/.test(String(key))) leaks.push(path + '.' + String(key));
          walk(v[key], path + '.' + String(key), depth + 1);
        }
      };
      const keep = (where, args) => { seen.push(where); walk(args, where, 0); };
      const fact = {
        key: 'user:prefs:AR',
        request: (...args) => { keep('request', args); return { function: 'get_companyprefs', application: 'AR' }; },
        interpret: (...args) => { keep('interpret', args); return args[0].records.length; },
      };
      export default {
        meta: ${META.replace('user.ID', 'user.probe')},
        needs: (...args) => { keep('needs', args); return { prefs: { fact } }; },
        evaluate: (...args) => { keep('evaluate', args); return { status: 'pass', summary: JSON.stringify({ seen: [...new Set(seen)].sort(), leaks }), evidence: [] }; },
      };`);
    const sb = await sandboxFor('ready');
    const r = await runAudit({ today: TODAY, connection: connectionFor(sb), checkDirs: [dir], checks: ['user.*'] });
    const probe = byId(r, 'user.probe');
    expect(probe.status).toBe('pass');
    expect(JSON.parse(probe.summary)).toEqual({ seen: ['evaluate', 'interpret', 'needs', 'request'], leaks: [] });
    // Nor is it on this thread: the module never ran here.
    expect((globalThis as { __userCheckArgs?: unknown }).__userCheckArgs).toBeUndefined();
  });

  test.each([
    ['create', `{ function: 'create', CUSTOMER: { NAME: 'Injected' } }`],
    ['delete', `{ function: 'delete', object: 'CUSTOMER', keys: '1' }`],
    ['update', `{ function: 'update', object: 'CUSTOMER' }`],
    ['a read name in other case', `{ function: 'Query', object: 'CUSTOMER', select: ['RECORDNO'] }`],
    ['getAPISession (sessions are the client’s to manage)', `{ function: 'getAPISession' }`],
  ])('a user fact asking for %s is refused before anything is sent; that check is error, the others are untouched', async (_label, request) => {
    const dir = userChecks(`
      export default {
        meta: ${META.replace('user.ID', 'user.writer')},
        needs: () => ({ w: { fact: { key: 'user:write', request: () => (${request}), interpret: (d) => d.records.length } } }),
        evaluate: () => ({ status: 'pass', summary: 'wrote', evidence: [] }),
      };`);
    const sb = await sandboxFor('ready');
    const reference = await runAudit({ today: TODAY, connection: connectionFor(sb) });
    const before = sb.received.length;
    const r = await runAudit({ today: TODAY, connection: connectionFor(sb), checkDirs: [dir] });
    const writer = byId(r, 'user.writer');
    expect(writer.status).toBe('error');
    expect(writer.summary).not.toMatch(/\n/);
    expect(sb.received.slice(before).map((f) => f.name)).not.toContain(expect.stringMatching(/^(create|delete|update|Query)$/));
    expect(sb.received.slice(before).filter((f) => f.name === 'getAPISession')).toHaveLength(1);
    // One hostile check must not take the built-in checks down with it.
    const others = outcome({ ...r, checks: r.checks.filter((c) => c.id !== 'user.writer') } as AuditResult);
    expect(others.checks).toEqual(outcome(reference).checks);
  });

  test('XML smuggled through a read function’s arguments stays text: no second function reaches the gateway', async () => {
    const dir = userChecks(`
      const evil = "CUSTOMER</object></query></function><function controlid='x'><create><CUSTOMER><NAME>pwned</NAME></CUSTOMER></create></function><function controlid='y'><query><object>CUSTOMER";
      export default {
        meta: ${META.replace('user.ID', 'user.smuggler')},
        needs: () => ({ q: { fact: { key: 'user:smuggle', request: () => ({ function: 'query', object: evil, select: ['RECORDNO'] }), interpret: (d) => d.records.length } } }),
        evaluate: () => ({ status: 'pass', summary: 'read', evidence: [] }),
      };`);
    const sb = await sandboxFor('ready');
    const before = sb.received.length;
    const r = await runAudit({ today: TODAY, connection: connectionFor(sb), checkDirs: [dir], checks: ['user.*'] });
    expect(byId(r, 'user.smuggler').status).toBe('error');
    const sent = sb.received.slice(before);
    expect(sent.map((f) => f.name)).not.toContain('create');
    expect(sent.filter((f) => f.name === 'query')).toHaveLength(1); // the smuggler's, as one query with an odd object name
    expect(nonReadFunctions(sb)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// (b) Secrets

const SENDER_PASSWORD = 'SndR-pw-9c1f7e22-Quokka';
const USER_PASSWORD = 'UsR-pw-41d8aa0b-Wombat';

/** The forms a secret could take in a file: as is, escaped for HTML/XML or JSON, or base64. */
function secretForms(secret: string): string[] {
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const csv = secret.replace(/"/g, '""');
  return [...new Set([secret, html, JSON.stringify(secret).slice(1, -1), csv, Buffer.from(secret).toString('base64')])];
}

/** The demo company behind a sandbox, signed in to with this file's passwords (so a test can look for them). */
async function demoWithKnownPasswords(): Promise<Awaited<ReturnType<typeof sandboxFor>>> {
  const fixture = structuredClone(loadCompany('demo'));
  fixture.credentials.senderPassword = SENDER_PASSWORD;
  fixture.credentials.userPassword = USER_PASSWORD;
  return sandboxFor(fixture);
}

describe('(b) secrets', () => {
  test('no password or session id in stdout, stderr, any report, the debug log or the snapshot of a --verbose run', async () => {
    const sb = await demoWithKnownPasswords();
    // A transparent proxy shows which session ids the gateway really issued.
    const wire = await startHostileGateway(sb);
    const cwd = tempDir();
    try {
      const env = sandboxEnv(sb, cwd, { INTACCT_ENDPOINT_URL: wire.endpoint });
      const files = await run(['audit', '--verbose', '--debug-log', 'debug.log', '--format', 'html,json,md,junit', '--out', 'reports'], { cwd, env });
      expect([ExitCode.GateFailed, ExitCode.Incomplete]).toContain(files.code);
      const toStdout = await Promise.all(
        ['json', 'md', 'junit', 'html'].map((format) => run(['audit', '--verbose', '--format', format, '--out', '-'], { cwd, env })),
      );
      expect(wire.sessionIds.length).toBeGreaterThanOrEqual(5);
      expect(new Set(wire.sessionIds).size).toBe(wire.sessionIds.length);

      const debugLog = readFileSync(join(cwd, 'debug.log'), 'utf8');
      expect(debugLog).toMatch(/<sessionid>/); // requests with sessions were logged...
      expect(debugLog).toMatch(/<function>|<query>|<get_companyprefs/);
      expect(readdirSync(join(cwd, 'reports')).sort()).toEqual(['report.html', 'report.json', 'report.junit.xml', 'report.md']);

      const outputs = [
        ...filesUnder(cwd).map((f) => ({ where: relative(cwd, f.path), text: f.text })),
        { where: 'stdout', text: files.stdout },
        { where: 'stderr', text: files.stderr },
        ...toStdout.flatMap((r, i) => [
          { where: `stdout #${i}`, text: r.stdout },
          { where: `stderr #${i}`, text: r.stderr },
        ]),
      ];
      expect(outputs.filter((o) => o.where.startsWith('stdout #')).every((o) => o.text.length > 200)).toBe(true);
      const secrets = [SENDER_PASSWORD, USER_PASSWORD, ...wire.sessionIds].flatMap(secretForms);
      const leaks = outputs.flatMap((o) => secrets.filter((s) => o.text.includes(s)).map((s) => `${o.where} contains ${s.slice(0, 6)}…`));
      expect(leaks).toEqual([]);
    } finally {
      await wire.close();
    }
  }, 60_000);

  test('a user check that writes the passwords and session ids into its summary, evidence and sample: no report carries them', async () => {
    const sb = await demoWithKnownPasswords();
    const wire = await startHostileGateway(sb);
    const cwd = tempDir();
    // The module learns the run's secrets from a file the test keeps up to date with what went over the wire.
    const known = join(cwd, 'secrets.json');
    const write = () => {
      // Whole or not at all: the module may read it at any moment.
      writeFileSync(`${known}.tmp`, JSON.stringify([SENDER_PASSWORD, USER_PASSWORD, ...wire.sessionIds]));
      renameSync(`${known}.tmp`, known);
    };
    write();
    const timer = setInterval(write, 5);
    const checks = join(cwd, 'checks');
    mkdirSync(checks);
    writeFileSync(
      join(checks, 'leaker.mjs'),
      `import { readFileSync } from 'node:fs';
      const prefs = { key: 'user:prefs:AR', request: () => ({ function: 'get_companyprefs', application: 'AR' }), interpret: (d) => d.records.length };
      export default {
        meta: { id: 'user.leaker', title: 'Leaker', severity: 'info', category: 'user', why: 'Because.', remediation: [], docs: [], version: 1 },
        needs: () => ({ prefs: { fact: prefs } }),
        evaluate: () => {
          const all = JSON.parse(readFileSync(${JSON.stringify(known)}, 'utf8')).join(' ');
          return { status: 'fail', summary: 'Secrets: ' + all, evidence: [{ source: 'user', observed: all, note: all }],
            affected: { count: 1, sample: [{ SECRET: all }], columns: ['SECRET'] } };
        },
      };`,
    );
    try {
      const env = sandboxEnv(sb, cwd, { INTACCT_ENDPOINT_URL: wire.endpoint });
      const files = await run(['audit', '--checks-dir', checks, '--format', 'html,json,md,junit', '--out', 'reports'], { cwd, env });
      // Each run holds its own sessions (the second knows nothing of the first's).
      const first = wire.sessionIds.splice(0);
      const toStdout = await run(['audit', '--checks-dir', checks, '--format', 'json', '--out', '-'], { cwd, env });
      clearInterval(timer);
      const second = wire.sessionIds.splice(0);
      expect(first.length).toBeGreaterThanOrEqual(1);
      expect(second.length).toBeGreaterThanOrEqual(1);
      const report = JSON.parse(readFileSync(join(cwd, 'reports', 'report.json'), 'utf8')) as AuditResult;
      // The check ran and wrote them; the report holds the placeholder instead.
      expect(byId(report, 'user.leaker').summary).toMatch(/^Secrets: REDACTED REDACTED REDACTED/);
      expect(JSON.stringify(byId(report, 'user.leaker').affected)).toMatch(/"SECRET":"REDACTED REDACTED REDACTED/);
      expect(byId(JSON.parse(toStdout.stdout) as AuditResult, 'user.leaker').summary).toMatch(/^Secrets: REDACTED REDACTED REDACTED/);
      const outputs = [
        ...readdirSync(join(cwd, 'reports')).map((f) => ({ where: f, text: readFileSync(join(cwd, 'reports', f), 'utf8'), ids: first })),
        { where: 'stdout', text: files.stdout, ids: first },
        { where: 'stderr', text: files.stderr, ids: first },
        { where: 'stdout (--out -)', text: toStdout.stdout, ids: second },
      ];
      expect(outputs.map((o) => o.where).sort()).toEqual(['report.html', 'report.json', 'report.junit.xml', 'report.md', 'stderr', 'stdout', 'stdout (--out -)']);
      const leaks = outputs.flatMap((o) =>
        [SENDER_PASSWORD, USER_PASSWORD, ...o.ids].flatMap(secretForms).filter((s) => o.text.includes(s)).map((s) => `${o.where} contains ${s.slice(0, 6)}…`),
      );
      expect(leaks).toEqual([]);
    } finally {
      clearInterval(timer);
      await wire.close();
    }
  }, 60_000);

  test('a sign-in refused for a wrong password does not echo the password tried', async () => {
    const sb = await sandboxFor('ready');
    const cwd = tempDir();
    const tried = 'Wrong-pw-77e1c0-Platypus';
    const r = await run(['audit', '--verbose', '--debug-log', 'debug.log', '--format', 'json'], {
      cwd,
      env: sandboxEnv(sb, cwd, { INTACCT_USER_PASSWORD: tried }),
    });
    expect(r.code).toBe(ExitCode.CouldNotAudit);
    const all = [r.stdout, r.stderr, ...filesUnder(cwd).map((f) => f.text)].join('\n');
    for (const form of secretForms(tried)) expect(all).not.toContain(form);
    expect(r.stderr).toMatch(/Error: could not audit: /);
  });
});

// ---------------------------------------------------------------------------------------------
// (c) TLS and plain http

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

describe('(c) TLS verification and plain http', () => {
  test('no source file disables certificate verification', () => {
    const root = process.cwd();
    const files = ['src', 'checks', 'bench'].flatMap((d) => sourceFiles(join(root, d)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /rejectUnauthorized\s*:\s*(false|0|!1|process\.env)/.test(text) || /NODE_TLS_REJECT_UNAUTHORIZED/.test(text) || /checkServerIdentity\s*:/.test(text);
    });
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  const credentials = { senderId: 's', senderPassword: 'sp', companyId: 'c', userId: 'u', userPassword: 'up' };

  test.each([
    'http://api.intacct.com/ia/xml/xmlgw.phtml',
    'http://10.0.0.8/ia/xml/xmlgw.phtml',
    'http://192.168.1.20:8080/ia/xml/xmlgw.phtml',
    'http://localhost.example.com/ia/xml/xmlgw.phtml',
    'http://127.0.0.1.nip.io/ia/xml/xmlgw.phtml',
    'http://[::ffff:a00:8]/ia/xml/xmlgw.phtml',
    'ftp://127.0.0.1/ia/xml/xmlgw.phtml',
  ])('plain or other-scheme endpoint %s is refused before any connection', (endpoint) => {
    expect(() => new IntacctClient({ endpoint, credentials })).toThrow(/http|https|loopback/i);
  });

  test.each(['http://127.0.0.1:9/x', 'http://localhost:9/x', 'http://[::1]:9/x', 'https://api.intacct.com/ia/xml/xmlgw.phtml'])(
    '%s is allowed (loopback sandbox or https)',
    (endpoint) => {
      expect(() => new IntacctClient({ endpoint, credentials })).not.toThrow();
    },
  );

  test('a non-loopback http endpoint given to the command line is exit 4 with one line, and nothing is sent', async () => {
    const sb = await sandboxFor('ready');
    const cwd = tempDir();
    const before = sb.received.length;
    const r = await run(['audit', '--endpoint', 'http://intacct.example.com/ia/xml/xmlgw.phtml'], { cwd, env: sandboxEnv(sb, cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(sb.received.length).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------
// (d) Credentials file permissions

describe('(d) credentials file permissions', () => {
  function profileWithMode(mode: number): string[] {
    const home = tempDir('preflight-home-');
    mkdirSync(join(home, '.intacct'));
    const file = join(home, '.intacct', 'credentials.ini');
    writeFileSync(file, '[default]\nsender_id = s\nsender_password = sp-secret\ncompany_id = c\nuser_id = u\nuser_password = up-secret\n');
    chmodSync(file, mode);
    return resolveCredentials({ env: { HOME: home } }).warnings;
  }

  test.each([0o644, 0o640, 0o604, 0o666])('mode %o (others or group can read) → a warning naming chmod 600', (mode) => {
    const warnings = profileWithMode(mode);
    expect(warnings.join('\n')).toMatch(/readable by other users.*chmod 600/);
    expect(warnings.join('\n')).not.toMatch(/secret/);
  });

  test.each([0o600, 0o400])('mode %o → no warning', (mode) => {
    expect(profileWithMode(mode)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// (e) --redact

/** Names and ids of every customer and vendor the fixture holds, deleted ones (audit trail) included. */
function identities(fixture: CompanyFixture): string[] {
  const out = new Set<string>();
  const objects = fixture.objects as Record<string, { records?: Record<string, unknown>[] }>;
  for (const r of objects.CUSTOMER?.records ?? []) for (const k of ['CUSTOMERID', 'NAME']) if (r[k]) out.add(String(r[k]));
  for (const r of objects.VENDOR?.records ?? []) for (const k of ['VENDORID', 'NAME']) if (r[k]) out.add(String(r[k]));
  for (const r of objects.AUDITHISTORY?.records ?? []) {
    if (/^(customer|vendor)$/i.test(String(r.OBJECTTYPE ?? ''))) for (const k of ['OBJECTKEY', 'OBJECTDESC']) if (r[k]) out.add(String(r[k]));
  }
  // Short generic values (a bare number) would match by accident; every fixture id here is longer.
  return [...out].filter((s) => s.length >= 4 && !/^\d+$/.test(s));
}

describe('(e) --redact', () => {
  test.each(['demo', 'multi-entity'])('no customer or vendor name or id of the %s company in any report or worklist written with --redact', async (name) => {
    const fixture = loadCompany(name);
    const names = identities(fixture);
    expect(names.length).toBeGreaterThan(20);
    const sb = await sandboxFor(fixture);
    const cwd = tempDir();
    const r = await run(['audit', '--redact', '--worklists', '--quiet', '--format', 'html,json,md,junit', '--out', 'reports', '--fail-on', 'warning'], { cwd, env: sandboxEnv(sb, cwd) });
    expect([ExitCode.GateFailed, ExitCode.Incomplete]).toContain(r.code);
    const reports = filesUnder(join(cwd, 'reports'));
    expect(reports.filter((f) => !f.path.includes(`${sep}worklists${sep}`))).toHaveLength(4);
    // Every affected record of the data checks, in worklists redacted like the reports.
    expect(reports.filter((f) => f.path.endsWith('.csv')).length).toBeGreaterThan(3);
    // The reports do carry findings about customers and vendors, under pseudonyms.
    const json = JSON.parse(reports.find((f) => f.path.endsWith('.json'))!.text) as AuditResult;
    expect(json.redacted).toBe(true);
    const samples = json.checks.flatMap((c) => c.affected?.sample ?? []);
    expect(samples.filter((s) => 'CUSTOMERID' in s || 'VENDORID' in s || 'CUSTOMERNAME' in s).length).toBeGreaterThan(0);
    const leaks = reports.flatMap((f) =>
      names.flatMap(secretForms).filter((n) => f.text.includes(n)).map((n) => `${relative(cwd, f.path)}: ${n}`),
    );
    expect(leaks).toEqual([]);
  });
});
