/**
 * `sandbox --fleet N --manifest FILE`: N generated companies on one loopback port, their manifest
 * written (credentials as prefixes, no password), their KEY=value lines printed like `sandbox`
 * prints one company's; a fleet run driven only by those lines and that manifest works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { runCli } from '../../src/cli/main.js';
import { cleanEnv, run, tempDir } from '../cli/helpers.js';
import { readIndex } from './helpers.js';

test('serves N distinct companies on one port, writes their manifest and prints their credentials', async () => {
  const cwd = tempDir('preflight-sandbox-fleet-');
  const controller = new AbortController();
  let out = '';
  let err = '';
  let ready!: () => void;
  const served = new Promise<void>((r) => (ready = r));
  const stdout = new Writable({ write: (c, _e, cb) => void ((out += String(c)), cb()) });
  const stderr = new Writable({
    write(c, _e, cb) {
      err += String(c);
      if (err.includes('Ctrl+C to stop')) ready();
      cb();
    },
  });
  const done = runCli(['sandbox', '--fleet', '5', '--manifest', 'fleet.json'], { stdout, stderr, stdin: new PassThrough(), env: cleanEnv(cwd), cwd, signal: controller.signal });
  await Promise.race([served, done.then((code) => Promise.reject(new Error(`sandbox exited ${code}: ${err}`)))]);
  try {
    const env: Record<string, string> = {};
    for (const line of out.trim().split('\n')) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
      expect(m).not.toBeNull();
      env[m![1]!] = m![2]!.replace(/^'(.*)'$/, '$1');
    }
    expect(Object.keys(env)).toHaveLength(5 * 6);
    const ids = Object.entries(env).filter(([k]) => k.endsWith('_INTACCT_COMPANY_ID')).map(([, v]) => v);
    const users = Object.entries(env).filter(([k]) => k.endsWith('_INTACCT_USER_PASSWORD')).map(([, v]) => v);
    const endpoints = Object.entries(env).filter(([k]) => k.endsWith('_INTACCT_ENDPOINT_URL')).map(([, v]) => v);
    expect(new Set(ids).size).toBe(5);
    expect(new Set(users).size).toBe(5);
    expect(new Set(endpoints).size).toBe(1);
    expect(endpoints[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    const text = readFileSync(join(cwd, 'fleet.json'), 'utf8');
    for (const secret of users) expect(text).not.toContain(secret);
    const manifest = JSON.parse(text) as { companies: { name: string; credentials: { envPrefix: string } }[] };
    expect(manifest.companies.map((c) => c.credentials.envPrefix)).toEqual(['COMPANY_01_', 'COMPANY_02_', 'COMPANY_03_', 'COMPANY_04_', 'COMPANY_05_']);

    const fleet = await run(['fleet', 'fleet.json', '--out', 'out', '-q'], { cwd, env: cleanEnv(cwd, env) });
    expect(fleet.code).toBe(ExitCode.GateFailed);
    expect(new Set(readIndex(join(cwd, 'out')).companies.map((c) => c.outcome))).toEqual(new Set(['gate-failed', 'could-not-audit', 'incomplete', 'passed']));
  } finally {
    controller.abort('SIGTERM');
    expect(await done).toBe(ExitCode.Ok);
  }
  expect(err).toMatch(/serving 5 generated companies \(1 ready, 2 not-ready, 1 refuses-sign-in, 1 incomplete\)/);
  expect(err).toMatch(/Sandbox stopped/);
}, 60_000);

test.each([
  [['--fleet', '0', '--manifest', 'm.json'], /^Error: --fleet must be a whole number of companies from 1 to 1000\.$/],
  [['--fleet', '3'], /^Error: --fleet needs --manifest FILE/],
  [['--manifest', 'm.json'], /^Error: --manifest goes with --fleet N/],
  [['--fleet', '3', '--manifest', 'm.yaml'], /^Error: --manifest m\.yaml: the sandbox writes a JSON manifest; name it \.json\.$/],
])('sandbox %j → exit 4 with one line', async (args, expected) => {
  const r = await run(['sandbox', ...args]);
  expect(r.code).toBe(ExitCode.Usage);
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(expected)]);
});
