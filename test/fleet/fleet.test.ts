/**
 * `intacct-preflight fleet` end to end, in-process, against a portfolio of generated companies
 * served by one real sandbox gateway over loopback HTTP (the real client, no mocks): each company
 * audited exactly as `audit` audits it, the index, baselines found in the output folder, a company
 * that cannot sign in, the fleet's exit code, and shards merged into the index of one run.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { readResultFile } from '../../src/render/index.js';
import type { AuditResult } from '../../src/model/result.js';
import { compareRows } from '../../src/fleet/index-model.js';
import { cleanEnv, run, tempDir } from '../cli/helpers.js';
import { BIN } from '../cli/sandbox-helpers.js';
import { comparable, readIndex, startPortfolio, type Portfolio } from './helpers.js';

let portfolio: Portfolio;
beforeAll(async () => {
  portfolio = await startPortfolio(6);
});
afterAll(() => portfolio.close());

/** What a verdict rests on, check by check. */
function statuses(result: AuditResult): Record<string, string> {
  return Object.fromEntries(result.checks.map((c) => [c.id, `${c.status}${c.affected ? ` ${c.affected.count}` : ''}`]));
}

function kindOf(name: string): string {
  return portfolio.companies.find((c) => c.name === name)!.kind;
}

describe('a fleet run', () => {
  let cwd: string;
  let out: string;
  let first: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    cwd = tempDir('preflight-fleet-');
    out = join(cwd, 'out');
    first = await run(['fleet', portfolio.manifest(cwd), '--out', 'out', '--jobs', '3'], { cwd, env: portfolio.env(cwd) });
  }, 60_000);

  test('audits every company as audit does: same verdict, same status and count for every check', async () => {
    expect(first.code).toBe(ExitCode.GateFailed);
    for (const c of portfolio.companies) {
      const single = tempDir('preflight-single-');
      const f = c.fixture;
      const env = cleanEnv(single, {
        INTACCT_ENDPOINT_URL: portfolio.sandbox.endpoint,
        INTACCT_SENDER_ID: f.credentials.senderId,
        INTACCT_SENDER_PASSWORD: f.credentials.senderPassword,
        INTACCT_COMPANY_ID: f.company.id,
        INTACCT_USER_ID: f.credentials.userId,
        INTACCT_USER_PASSWORD: f.credentials.userPassword,
      });
      const alone = await run(['audit', '--out', 'r'], { cwd: single, env });
      const mine = readResultFile(join(out, c.name, 'report.json'));
      const theirs = readResultFile(join(single, 'r', 'report.json'));
      expect({ name: c.name, verdict: mine.verdict, checks: statuses(mine) }).toEqual({ name: c.name, verdict: theirs.verdict, checks: statuses(theirs) });
      const row = readIndex(out).companies.find((r) => r.name === c.name)!;
      expect(row.exitCode).toBe(alone.code);
    }
  }, 60_000);

  test('writes the index (fleet.json valid against its schema), worst first, and each company its reports', () => {
    expect(readdirSync(out).sort()).toEqual([...portfolio.companies.map((c) => c.name), 'fleet.json', 'fleet.md', 'index.html'].sort());
    const index = readIndex(out);
    expect(index.companies).toHaveLength(6);
    expect([...index.companies].sort(compareRows)).toEqual(index.companies);
    expect(index.companies.map((r) => r.outcome)).toEqual(['gate-failed', 'gate-failed', 'could-not-audit', 'incomplete', 'passed', 'passed']);
    expect(index.summary).toEqual({
      companies: 6,
      outcomes: { 'gate-failed': 2, 'could-not-audit': 1, incomplete: 1, passed: 2 },
      verdicts: { 'not-ready': 2, incomplete: 1, ready: 2 },
    });
    for (const row of index.companies) {
      expect(kindOf(row.name)).toBe({ 'gate-failed': 'not-ready', 'could-not-audit': 'refuses-sign-in', incomplete: 'incomplete', passed: 'ready' }[row.outcome]);
      expect(readdirSync(join(out, row.name)).sort()).toEqual(['report.html', 'report.json']);
      expect(row.reports).toEqual({ html: `${row.name}/report.html`, json: `${row.name}/report.json` });
      expect(row.durationMs).toBeGreaterThan(0);
    }
    const notReady = index.companies.filter((r) => r.outcome === 'gate-failed');
    for (const r of notReady) expect(r.failingBlockers.length).toBe(1);
    const md = readFileSync(join(out, 'fleet.md'), 'utf8');
    for (const row of index.companies) expect(md).toContain(`[report](${row.name}/report.html)`);
    expect(first.stdout).toMatch(/^Fleet: 6 companies: 2 fail their gate · 1 could not be audited · 1 incomplete · 2 pass$/m);
  });

  test('a company whose sign-in is refused is its own row, with a one-line reason; the others carry on', () => {
    const index = readIndex(out);
    const refused = index.companies.find((r) => r.outcome === 'could-not-audit')!;
    expect(kindOf(refused.name)).toBe('refuses-sign-in');
    expect(refused.exitCode).toBe(3);
    expect(refused.reason).toMatch(/not authori[sz]ed/i);
    expect(refused.reason).not.toMatch(/\n/);
    expect(refused.verdict).toBeUndefined();
    // its report is written, as audit writes one for a company it could not audit
    expect(readResultFile(join(out, refused.name, 'report.json')).checks.every((c) => c.status === 'error')).toBe(true);
    expect(index.companies.filter((r) => r.outcome !== 'could-not-audit').every((r) => r.counts!.pass > 0)).toBe(true);
  });

  test('never more than two requests of one company in flight, and every function a read', () => {
    for (const c of portfolio.sandbox.companies) {
      expect(c.stats.requests).toBeGreaterThan(0);
      expect(c.stats.maxInFlight).toBeLessThanOrEqual(2);
    }
    expect(portfolio.sandbox.stats.throttled).toBe(0);
  });

  test('the next run in the same folder compares each company with its previous report; --fail-on-new gates on what is new', async () => {
    const ready = portfolio.companies.find((c) => c.kind === 'ready')!;
    const again = await run(['fleet', join(cwd, 'fleet.json'), '--out', 'out', '--fail-on-new'], { cwd, env: portfolio.env(cwd) });
    const index = readIndex(out);
    for (const row of index.companies) {
      if (row.outcome === 'could-not-audit') {
        expect(row.baselineNote).toMatch(/could not audit/);
        continue;
      }
      expect(row.sinceLastAudit).toMatchObject({ counts: { new: 0, worse: 0 } });
      expect(row.gate).toBe('--fail-on-new, --fail-on blocker');
    }
    // known problems only, and one company that cannot sign in
    expect(again.code).toBe(ExitCode.CouldNotAudit);

    // someone switches AR account labels on in a ready company: new since last run, and the gate fails on it
    ready.fixture.preferences.AR!.ENABLEACCOUNTLABELS = 'T';
    try {
      const drift = await run(['fleet', join(cwd, 'fleet.json'), '--out', 'out', '--fail-on-new'], { cwd, env: portfolio.env(cwd) });
      expect(drift.code).toBe(ExitCode.GateFailed);
      const row = readIndex(out).companies[0]!;
      expect(row.name).toBe(ready.name);
      expect(row).toMatchObject({ outcome: 'gate-failed', verdict: 'not-ready', sinceLastAudit: { verdictBefore: 'ready', counts: { new: 1 } } });
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/change--new">1 new problem[^<]*Verdict: Ready for go-live → Not ready for go-live/);
    } finally {
      ready.fixture.preferences.AR!.ENABLEACCOUNTLABELS = 'F';
    }
  }, 60_000);
});

describe('the fleet exit code', () => {
  const pick = (...kinds: string[]) => kinds.map((k) => portfolio.companies.find((c) => c.kind === k)!.name);
  test.each([
    [['ready', 'ready'], ExitCode.Ok],
    [['ready', 'incomplete'], ExitCode.Incomplete],
    [['ready', 'incomplete', 'refuses-sign-in'], ExitCode.CouldNotAudit],
    [['ready', 'refuses-sign-in', 'not-ready', 'incomplete'], ExitCode.GateFailed],
  ])('%j → %i', async (kinds, code) => {
    const cwd = tempDir('preflight-fleet-');
    const names = [...new Set(pick(...kinds))];
    const r = await run(['fleet', portfolio.manifest(cwd, names), '--out', 'out'], { cwd, env: portfolio.env(cwd) });
    expect(r.code).toBe(code);
    expect(readIndex(join(cwd, 'out')).exitCode).toBe(code);
    const errors = r.stderr.split('\n').filter((l) => /^(Error|Incomplete):/.test(l));
    // every exit other than 0 and 1 says why on one line
    expect(errors).toHaveLength(code === ExitCode.CouldNotAudit || code === ExitCode.Incomplete ? 1 : 0);
  }, 60_000);

  test('--fail-on applies to each company: with --fail-on never every company passes', async () => {
    const cwd = tempDir('preflight-fleet-');
    const r = await run(['fleet', portfolio.manifest(cwd, pick('not-ready', 'incomplete', 'ready')), '--out', 'out', '--fail-on', 'never'], { cwd, env: portfolio.env(cwd) });
    expect(r.code).toBe(ExitCode.Ok);
    expect(readIndex(join(cwd, 'out')).companies.map((c) => c.outcome)).toEqual(['passed', 'passed', 'passed']);
  }, 60_000);
});

// The executable runs from dist/, where the fleet index's template is precompiled by the build like the report's: the same page.
test('the built executable writes the same index (its template precompiled by the build)', async () => {
  const cwd = tempDir('preflight-fleet-bin-');
  const manifest = portfolio.manifest(cwd);
  const env = portfolio.env(cwd);
  const inProcess = await run(['fleet', manifest, '--out', 'in-process', '-q'], { cwd, env });
  // Not spawnSync: the sandbox answering the executable runs in this process.
  const built = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = execFile(process.execPath, [BIN, 'fleet', manifest, '--out', 'built', '-q'], { cwd, env }, (err, _stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ code: child.exitCode, stderr });
    });
  });
  expect(built).toEqual({ code: inProcess.code, stderr: inProcess.stderr });
  expect(existsSync(join(BIN, '..', '..', 'render', 'templates.generated.cjs'))).toBe(true);
  const generated = readFileSync(join(BIN, '..', '..', 'render', 'templates.generated.cjs'), 'utf8');
  expect(generated).toMatch(/"fleet": \{/);
  expect(maskRun(readFileSync(join(cwd, 'built', 'index.html'), 'utf8'))).toBe(maskRun(readFileSync(join(cwd, 'in-process', 'index.html'), 'utf8')));
}, 60_000);

/** An index page but for the run line, the durations and the embedded JSON (which holds them). */
function maskRun(html: string): string {
  return html
    .replace(/<p class="verdict__reason">[^<]*<\/p>/, '')
    .replace(/<td class="num">[^<]*<\/td>/g, '')
    .replace(/<script type="application\/json" id="preflight-fleet">[\s\S]*?<\/script>/, '');
}

describe('shards and merge', () => {
  test('three shards merged give the index of one run, with every company in exactly one shard', async () => {
    const cwd = tempDir('preflight-fleet-');
    const manifest = portfolio.manifest(cwd);
    const env = portfolio.env(cwd);
    const whole = await run(['fleet', manifest, '--out', 'whole'], { cwd, env });
    const shardNames: string[][] = [];
    for (const k of [1, 2, 3]) {
      const r = await run(['fleet', manifest, '--shard', `${k}/3`, '--out', `shard-${k}`], { cwd, env });
      expect([0, 1, 2, 3]).toContain(r.code);
      const index = readIndex(join(cwd, `shard-${k}`));
      expect(index.run.shard).toEqual({ index: k, total: 3 });
      shardNames.push(index.companies.map((c) => c.name));
      // the same split every time
      const again = await run(['fleet', manifest, '--shard', `${k}/3`, '--out', `shard-${k}-again`, '-q'], { cwd, env });
      expect(again.code).toBe(r.code);
      expect(readIndex(join(cwd, `shard-${k}-again`)).companies.map((c) => c.name).sort()).toEqual([...shardNames[k - 1]!].sort());
    }
    expect(shardNames.flat().sort()).toEqual(portfolio.companies.map((c) => c.name).sort());

    const merged = await run(['fleet', 'merge', 'shard-1', 'shard-2', 'shard-3', '--out', 'merged'], { cwd, env });
    expect(merged.code).toBe(whole.code);
    const one = readIndex(join(cwd, 'whole'));
    const all = readIndex(join(cwd, 'merged'));
    expect(comparable(all)).toEqual(comparable(one));
    expect(all.run.merged).toEqual({ shards: [1, 2, 3], total: 3 });
    // the pages too, but for the run line and the durations
    expect(maskRun(readFileSync(join(cwd, 'merged', 'index.html'), 'utf8'))).toBe(maskRun(readFileSync(join(cwd, 'whole', 'index.html'), 'utf8')));
    expect(readFileSync(join(cwd, 'merged', 'fleet.md'), 'utf8').split('\n').slice(3).map((l) => l.replace(/\| [\d.]+ m?s \|/, '|')))
      .toEqual(readFileSync(join(cwd, 'whole', 'fleet.md'), 'utf8').split('\n').slice(3).map((l) => l.replace(/\| [\d.]+ m?s \|/, '|')));
    // every company's reports are beside the merged index, as after one run
    for (const c of portfolio.companies) expect(existsSync(join(cwd, 'merged', c.name, 'report.html'))).toBe(true);
  }, 120_000);

  test('a shard that is missing leaves its companies as rows that could not be audited', async () => {
    const cwd = tempDir('preflight-fleet-');
    const manifest = portfolio.manifest(cwd);
    const env = portfolio.env(cwd);
    await run(['fleet', manifest, '--shard', '1/2', '--out', 's1', '-q'], { cwd, env });
    const s1 = readIndex(join(cwd, 's1'));
    const r = await run(['fleet', 'merge', 's1', '--out', 'merged'], { cwd, env });
    const merged = readIndex(join(cwd, 'merged'));
    expect(merged.companies).toHaveLength(6);
    const missing = merged.companies.filter((c) => !s1.companies.some((s) => s.name === c.name));
    expect(missing.length).toBe(6 - s1.companies.length);
    for (const m of missing) expect(m).toMatchObject({ outcome: 'could-not-audit', reason: expect.stringMatching(/shard 2\/2 is not among the merged folders/) });
    expect([ExitCode.GateFailed, ExitCode.CouldNotAudit]).toContain(r.code);
  }, 60_000);

  test('folders of different manifests, or the same company twice, are refused with one line (exit 4)', async () => {
    const cwd = tempDir('preflight-fleet-');
    const env = portfolio.env(cwd);
    const names = portfolio.companies.map((c) => c.name);
    await run(['fleet', portfolio.manifest(cwd, names.slice(0, 2), 'a.json'), '--out', 'a', '-q'], { cwd, env });
    await run(['fleet', portfolio.manifest(cwd, names.slice(0, 3), 'b.json'), '--out', 'b', '-q'], { cwd, env });
    const other = await run(['fleet', 'merge', 'a', 'b'], { cwd, env });
    expect(other.code).toBe(ExitCode.Usage);
    expect(other.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: b and a are runs of different manifests/)]);
    await run(['fleet', portfolio.manifest(cwd, names.slice(0, 2), 'a.json'), '--out', 'a2', '-q'], { cwd, env });
    const twice = await run(['fleet', 'merge', 'a', 'a2'], { cwd, env });
    expect(twice.code).toBe(ExitCode.Usage);
    expect(twice.stderr.trim().split('\n')).toEqual([expect.stringMatching(/is in both a and a2/)]);
    const none = await run(['fleet', 'merge', 'nowhere'], { cwd, env });
    expect(none.code).toBe(ExitCode.Usage);
    expect(none.stderr.trim().split('\n')).toEqual([expect.stringMatching(/nowhere\/fleet\.json: no fleet\.json here/)]);
  }, 60_000);

  test('a huge, swapped or hostile file in a merged folder is read through the bounded reader: exit 4, one line, unread', async () => {
    const cwd = tempDir('preflight-fleet-');
    const env = portfolio.env(cwd);
    const names = portfolio.companies.map((c) => c.name);
    await run(['fleet', portfolio.manifest(cwd, names.slice(0, 2), 'a.json'), '--out', 'a', '-q'], { cwd, env });
    const merge = async (dir: string, expected: RegExp) => {
      const started = Date.now();
      const r = await run(['fleet', 'merge', dir, '--out', `merged-${dir}`], { cwd, env });
      expect({ code: r.code, stderr: r.stderr.trim().split('\n') }).toEqual({ code: ExitCode.Usage, stderr: [expect.stringMatching(expected)] });
      expect(Date.now() - started).toBeLessThan(5_000);
    };
    // fleet.json of gigabytes (sparse: no disk space), a FIFO (no writer: would block), nested 5,000 deep
    mkdirSync(join(cwd, 'huge'));
    writeFileSync(join(cwd, 'huge', 'fleet.json'), '');
    truncateSync(join(cwd, 'huge', 'fleet.json'), 3 * 2 ** 30);
    await merge('huge', /^Error: huge\/fleet\.json: is 3 GB, larger than 256 MB/);
    mkdirSync(join(cwd, 'fifo'));
    execFileSync('mkfifo', [join(cwd, 'fifo', 'fleet.json')]);
    await merge('fifo', /^Error: fifo\/fleet\.json: is a FIFO \(named pipe\), not a regular file/);
    mkdirSync(join(cwd, 'deep'));
    writeFileSync(join(cwd, 'deep', 'fleet.json'), `{"companies": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    await merge('deep', /^Error: deep\/fleet\.json: nests values more than 64 levels deep/);
    // a company's report swapped for a huge file: refused by its size before it is copied
    cpSync(join(cwd, 'a'), join(cwd, 'swapped'), { recursive: true });
    rmSync(join(cwd, 'swapped', names[0]!, 'report.html'));
    writeFileSync(join(cwd, 'swapped', names[0]!, 'report.html'), '');
    truncateSync(join(cwd, 'swapped', names[0]!, 'report.html'), 3 * 2 ** 30);
    await merge('swapped', new RegExp(`^Error: swapped/${names[0]}/report\\.html: is 3 GB, larger than 256 MB`));
    expect(existsSync(join(cwd, 'merged-swapped', 'fleet.json'))).toBe(false);
  }, 60_000);
});
