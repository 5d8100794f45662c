/**
 * Secrets never leave the process: a full audit at --verbose with a debug log, and with the
 * password typed at a (fake) terminal prompt, leaves no password in stdout, stderr, a report
 * or the debug log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { filesUnder, run, tempDir } from './helpers.js';
import { sandboxEnv, variant, withSandbox } from './sandbox-helpers.js';

const SENDER_PASSWORD = 'Sender-Secret-7f3a9c';
const USER_PASSWORD = 'User-Secret-b81d44';

const fixture = () =>
  variant('demo', (c) => {
    c.credentials.senderPassword = SENDER_PASSWORD;
    c.credentials.userPassword = USER_PASSWORD;
  });

function assertNoSecret(outputs: { path: string; text: string }[]): void {
  for (const { path, text } of outputs) {
    for (const secret of [SENDER_PASSWORD, USER_PASSWORD]) {
      if (text.includes(secret)) throw new Error(`${path} contains a password`);
    }
  }
}

test('no password in stdout, stderr, reports or the debug log at --verbose', async () => {
  const cwd = tempDir();
  const r = await withSandbox(fixture(), (sb) =>
    run(['audit', '--verbose', '--debug-log', 'debug.log', '--format', 'html,json,md,junit'], { cwd, env: sandboxEnv(sb, cwd) }),
  );
  expect([ExitCode.GateFailed, ExitCode.Incomplete]).toContain(r.code);
  const debugLog = readFileSync(join(cwd, 'debug.log'), 'utf8');
  expect(debugLog).toMatch(/<sessionid>/); // the log is real: requests with sessions were logged
  for (const m of debugLog.matchAll(/<sessionid>([^<]*)<\/sessionid>/g)) expect(m[1]).toBe('REDACTED');
  assertNoSecret([...filesUnder(cwd), { path: 'stdout', text: r.stdout }, { path: 'stderr', text: r.stderr }]);
  expect(r.stderr).toMatch(/Credentials: .*senderPassword from env/);
});

test('a missing password is asked for on a terminal, without echo, and used', async () => {
  const cwd = tempDir();
  const r = await withSandbox(fixture(), (sb) => {
    const env = sandboxEnv(sb, cwd);
    delete env.INTACCT_USER_PASSWORD;
    return run(['audit', '--verbose', '--format', 'json'], { cwd, env, typed: `${USER_PASSWORD}\r` });
  });
  expect(r.stderr).toMatch(/Password for user /);
  expect(r.stderr).toMatch(/userPassword from prompt/);
  expect([ExitCode.GateFailed, ExitCode.Incomplete]).toContain(r.code);
  assertNoSecret([...filesUnder(cwd), { path: 'stdout', text: r.stdout }, { path: 'stderr', text: r.stderr }]);
});

test('a world-readable credentials file is warned about on stderr', async () => {
  const { mkdirSync, writeFileSync, chmodSync } = await import('node:fs');
  const home = tempDir();
  await withSandbox(fixture(), async (sb) => {
    mkdirSync(join(home, '.intacct'));
    const ini = join(home, '.intacct', 'credentials.ini');
    writeFileSync(
      ini,
      `[default]\nsender_id = ${sb.credentials.senderId}\nsender_password = ${SENDER_PASSWORD}\ncompany_id = ${sb.credentials.companyId}\nuser_id = ${sb.credentials.userId}\nuser_password = ${USER_PASSWORD}\nendpoint_url = ${sb.endpoint}\n`,
    );
    chmodSync(ini, 0o644);
    const r = await run(['audit', '--format', 'json'], { cwd: home, env: { HOME: home, NO_COLOR: '1' } });
    expect([ExitCode.GateFailed, ExitCode.Incomplete]).toContain(r.code);
    expect(r.stderr).toMatch(/Warning: Credentials file .* is readable by other users .*chmod 600/);
    assertNoSecret([{ path: 'stdout', text: r.stdout }, { path: 'stderr', text: r.stderr }]);
  });
});
