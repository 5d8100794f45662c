/**
 * `sandbox` serves a fixture company and prints env lines a pipeline can load; an audit driven
 * only by those lines works. `prefs` prints one application's preferences and the catalog mapping.
 */
import { ExitCode } from '../../src/cli/exit-codes.js';
import { cleanEnv, run, tempDir } from './helpers.js';
import { sandboxEnv, withSandbox } from './sandbox-helpers.js';
import { Writable, PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

/** Runs `sandbox` in-process until the returned stop() is called; resolves once the env lines are out. */
async function startSandboxCommand(args: string[]): Promise<{ env: Record<string, string>; stop: () => Promise<number>; stderr: () => string }> {
  const controller = new AbortController();
  let out = '';
  let err = '';
  let ready: () => void;
  const printed = new Promise<void>((r) => (ready = r));
  const stdout = new Writable({
    write(chunk, _e, cb) {
      out += String(chunk);
      if (out.includes('INTACCT_USER_PASSWORD=')) ready();
      cb();
    },
  });
  const stderr = new Writable({
    write(chunk, _e, cb) {
      err += String(chunk);
      cb();
    },
  });
  const cwd = tempDir();
  const done = runCli(['sandbox', ...args], { stdout, stderr, stdin: new PassThrough(), env: cleanEnv(cwd), cwd, signal: controller.signal });
  await Promise.race([printed, done.then((code) => Promise.reject(new Error(`sandbox exited ${code}: ${err}`)))]);
  const env: Record<string, string> = {};
  for (const line of out.trim().split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (!m) throw new Error(`not a KEY=value line: ${line}`);
    env[m[1]!] = m[2]!.replace(/^'(.*)'$/, '$1');
  }
  return {
    env,
    stderr: () => err,
    stop: async () => {
      controller.abort('SIGTERM');
      return done;
    },
  };
}

test('sandbox prints KEY=value lines for the SDK variables, serves until stopped, and exits 0', async () => {
  const sb = await startSandboxCommand(['--company', 'ready', '--latency', '1']);
  try {
    expect(Object.keys(sb.env).sort()).toEqual(
      ['INTACCT_COMPANY_ID', 'INTACCT_ENDPOINT_URL', 'INTACCT_SENDER_ID', 'INTACCT_SENDER_PASSWORD', 'INTACCT_USER_ID', 'INTACCT_USER_PASSWORD'].sort(),
    );
    expect(sb.env.INTACCT_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const cwd = tempDir();
    const audit = await run(['audit', '--quiet'], { cwd, env: cleanEnv(cwd, sb.env) });
    expect(audit.code).toBe(ExitCode.Ok);
  } finally {
    expect(await sb.stop()).toBe(ExitCode.Ok);
  }
  expect(sb.stderr()).toMatch(/Sandbox stopped/);
});

test('sandbox --list names the fixture companies', async () => {
  const r = await run(['sandbox', '--list']);
  expect(r.code).toBe(0);
  for (const name of ['demo', 'ready', 'unknown-prefs']) expect(r.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
});

test('prefs AR prints sorted name=value lines and which catalog settings were found', async () => {
  const cwd = tempDir();
  const r = await withSandbox('demo', (sb) => run(['prefs', 'ar'], { cwd, env: sandboxEnv(sb, cwd) }));
  expect(r.code).toBe(0);
  const pairs = r.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
  expect(pairs.length).toBeGreaterThan(0);
  for (const p of pairs) expect(p).toMatch(/^[A-Za-z0-9_.-]+=/);
  const names = pairs.map((p) => p.split('=')[0]!);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  expect(r.stdout).toMatch(/^# Settings catalog entries for AR:/m);
  expect(r.stdout).toMatch(/^#\s+customerIdSequence: (found|NOT FOUND)/m);
});

test('prefs --json is parseable', async () => {
  const cwd = tempDir();
  const r = await withSandbox('demo', (sb) => run(['prefs', 'AP', '--json'], { cwd, env: sandboxEnv(sb, cwd) }));
  const data = JSON.parse(r.stdout) as { application: string; preferences: Record<string, string>; catalog: { setting: string }[] };
  expect(data.application).toBe('AP');
  expect(data.catalog.map((c) => c.setting)).toContain('vendorIdSequence');
});

test('prefs with a wrong password exits 3', async () => {
  const cwd = tempDir();
  const r = await withSandbox('demo', (sb) => run(['prefs', 'AR'], { cwd, env: sandboxEnv(sb, cwd, { INTACCT_SENDER_PASSWORD: 'wrong' }) }));
  expect(r.code).toBe(ExitCode.CouldNotAudit);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
});
