/**
 * A bad manifest (or a company's bad config file, credentials or options) is exit 4 with one line
 * naming what to fix, before any company is contacted: the sandbox receives nothing and no output
 * folder appears.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { inShard, parseShard, shardOf } from '../../src/fleet/shard.js';
import { run, tempDir } from '../cli/helpers.js';
import { startPortfolio, type Portfolio } from './helpers.js';

let portfolio: Portfolio;
beforeAll(async () => {
  portfolio = await startPortfolio(3);
});
afterAll(() => portfolio.close());

const ok = (extra: Record<string, unknown> = {}) => ({ name: 'company-01', credentials: { envPrefix: 'COMPANY_01_' }, ...extra });

type Case = [string, unknown | string, RegExp, string[]?, ((dir: string) => void)?];
const cases: Case[] = [
  ['a manifest that does not exist', undefined, /^Error: Manifest missing\.json: file not found\.$/],
  ['not JSON', '{ "companies": [ }', /^Error: Manifest fleet\.json: not valid JSON at line 1, column 18\.$/],
  ['no companies', { companies: [] }, /^Error: Manifest fleet\.json: companies: must list at least 1 item\.$/],
  ['an unknown key', { companies: [ok({ entitiy: 'NZ' })] }, /^Error: Manifest fleet\.json: companies\[0\]\.entitiy: unknown key \(expected one of: name, title, credentials, config, entity\)\.$/],
  ['a password', { companies: [ok({ credentials: { envPrefix: 'A_', password: 'x' } })] }, /^Error: Manifest fleet\.json: "companies\[0\]\.credentials\.password" — passwords never go in the manifest/],
  ['two credential sources', { companies: [ok({ credentials: { envPrefix: 'A_', profile: 'a' } })] }, /^Error: Manifest fleet\.json: companies\[0\]\.credentials: must NOT have more than 1 properties/],
  ['a prefix without its underscore', { companies: [ok({ credentials: { envPrefix: 'ACME' } })] }, /^Error: Manifest fleet\.json: companies\[0\]\.credentials\.envPrefix: "ACME" is not a valid value\.$/],
  ['a name that is no folder name', { companies: [ok({ name: '../etc' })] }, /^Error: Manifest fleet\.json: companies\[0\]\.name: "\.\.\/etc" is not a valid value\.$/],
  ['the same name twice (ignoring case)', { companies: [ok(), ok({ name: 'Company-01' })] }, /^Error: Manifest fleet\.json: companies\[1\]\.name "Company-01" repeats companies\[0\]\.name/],
  ['an unknown format', '{}', /^Error: Manifest fleet\.toml: unknown manifest format "\.toml": name it \.json, \.yaml or \.yml\.$/, [], undefined],
  ['missing credentials', { companies: [ok({ credentials: { envPrefix: 'NOBODY_' } })] }, /^Error: companies\[0\] "company-01": missing NOBODY_INTACCT_SENDER_ID, NOBODY_INTACCT_SENDER_PASSWORD, NOBODY_INTACCT_COMPANY_ID, NOBODY_INTACCT_USER_ID, NOBODY_INTACCT_USER_PASSWORD in the environment/],
  ['an unknown profile', { companies: [ok({ credentials: { profile: 'acme' } })] }, /^Error: companies\[0\] "company-01": Profile "acme" not found: credentials file .* does not exist/],
  ['a config file that does not exist', { companies: [ok({ config: 'acme.json' })] }, /^Error: companies\[0\] "company-01": Config file .*acme\.json: file not found\.$/],
  ['an unknown check in a company\'s config', { companies: [ok({ config: 'acme.json' })] }, /^Error: companies\[0\] "company-01": Config file .*acme\.json: waivers\[0\]\.check: unknown check "ar\.customer-id-sequense" \(did you mean ar\.customer-id-sequence\?\)/, [], (dir) =>
    writeFileSync(join(dir, 'acme.json'), JSON.stringify({ waivers: [{ check: 'ar.customer-id-sequense', reason: 'known', expires: '2099-01-01' }] }))],
  ['--shard out of range', { companies: [ok()] }, /^Error: --shard must be K\/N with 1 ≤ K ≤ N ≤ 256, e\.g\. --shard 2\/4 \(got "4\/3"\)\.$/, ['--shard', '4/3']],
  ['--jobs 0', { companies: [ok()] }, /^Error: --jobs must be a whole number from 1 to 64/, ['--jobs', '0']],
  ['--concurrency above Intacct\'s limit', { companies: [ok()] }, /^Error: --concurrency must be 1 or 2: Intacct serves at most 2 requests of one company at a time\.$/, ['--concurrency', '3']],
];

test.each(cases)('%s → exit 4, one line, nobody contacted', async (_what, manifest, expected, extra = [], setUp) => {
  const cwd = tempDir('preflight-fleet-bad-');
  setUp?.(cwd);
  const file = _what === 'an unknown format' ? 'fleet.toml' : manifest === undefined ? 'missing.json' : 'fleet.json';
  if (manifest !== undefined) writeFileSync(join(cwd, file), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  const before = portfolio.sandbox.stats.requests;
  const r = await run(['fleet', file, '--out', 'out', ...extra], { cwd, env: portfolio.env(cwd) });
  expect(r.code).toBe(ExitCode.Usage);
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(expected)]);
  expect(r.stdout).toBe('');
  expect(portfolio.sandbox.stats.requests).toBe(before);
  expect(existsSync(join(cwd, 'out'))).toBe(false);
});

test('a company whose profile is in ~/.intacct/credentials.ini is audited with it, and only it', async () => {
  const cwd = tempDir('preflight-fleet-profile-');
  const c = portfolio.companies[0]!;
  const f = c.fixture;
  mkdirSync(join(cwd, '.intacct'));
  writeFileSync(
    join(cwd, '.intacct', 'credentials.ini'),
    `[first]\nsender_id = ${f.credentials.senderId}\nsender_password = ${f.credentials.senderPassword}\ncompany_id = ${f.company.id}\nuser_id = ${f.credentials.userId}\nuser_password = ${f.credentials.userPassword}\nendpoint_url = ${portfolio.sandbox.endpoint}\n`,
  );
  chmodSync(join(cwd, '.intacct', 'credentials.ini'), 0o600);
  writeFileSync(join(cwd, 'fleet.json'), JSON.stringify({ companies: [{ name: 'first', credentials: { profile: 'first' } }] }));
  // The machine's own INTACCT_* variables must not leak into a company of the manifest.
  const env = { ...portfolio.env(cwd), INTACCT_COMPANY_ID: 'SOMEONE-ELSE', INTACCT_USER_PASSWORD: 'wrong' };
  const r = await run(['fleet', 'fleet.json', '--out', 'out'], { cwd, env });
  expect(r.stderr).not.toMatch(/Error/);
  expect(r.code).toBe(ExitCode.Ok);
});

test('a YAML manifest is read like a JSON one; a YAML syntax error is one line with its position', async () => {
  const cwd = tempDir('preflight-fleet-yaml-');
  writeFileSync(join(cwd, 'fleet.yaml'), '# the first company\ncompanies:\n  - name: company-01\n    credentials: { envPrefix: COMPANY_01_ }\n');
  const r = await run(['fleet', 'fleet.yaml', '--out', 'out'], { cwd, env: portfolio.env(cwd) });
  expect(r.code).toBe(ExitCode.Ok);
  writeFileSync(join(cwd, 'bad.yml'), 'companies:\n  - name: [\n');
  const bad = await run(['fleet', 'bad.yml'], { cwd, env: portfolio.env(cwd) });
  expect(bad.code).toBe(ExitCode.Usage);
  expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: Manifest bad\.yml: not valid YAML.* at line \d+, column \d+\.$/)]);
  writeFileSync(join(cwd, 'twice.yaml'), 'companies: []\ncompanies: []\n');
  const twice = await run(['fleet', 'twice.yaml'], { cwd, env: portfolio.env(cwd) });
  expect(twice.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: Manifest twice\.yaml: not valid YAML \(duplicate key\) at line 2, column 1\.$/)]);
});

describe('--shard K/N', () => {
  const names = Array.from({ length: 200 }, (_, i) => ({ name: `company-${i}` }));
  test('puts every company in exactly one shard, the same one on every machine and every run', () => {
    for (const total of [1, 2, 3, 7]) {
      const parts = Array.from({ length: total }, (_, k) => inShard(names, { index: k + 1, total }).map((c) => c.name));
      expect(parts.flat().sort()).toEqual(names.map((c) => c.name).sort());
      expect(new Set(parts.flat()).size).toBe(names.length);
      if (total > 1) for (const p of parts) expect(p.length).toBeGreaterThan(names.length / total / 2);
    }
    // pinned: a change of the split would move companies away from their previous reports (baselines)
    expect(['acme', 'kauri', 'harbourview', 'company-01', 'company-02'].map((n) => shardOf(n, 4))).toEqual([2, 1, 3, 2, 2]);
    // names are folder names compared ignoring case, so the split ignores case too
    expect(shardOf('ACME', 4)).toBe(shardOf('acme', 4));
  });
  test('a company keeps its shard when others are added', () => {
    const before = inShard(names.slice(0, 100), { index: 2, total: 4 }).map((c) => c.name);
    const after = inShard(names, { index: 2, total: 4 }).map((c) => c.name);
    expect(after.filter((n) => before.includes(n))).toEqual(before);
  });
  test.each(['0/3', '3/2', '1/0', 'two/four', '1/257'])('%s is refused', (text) => {
    expect(() => parseShard(text)).toThrow(/--shard must be K\/N/);
  });
});
