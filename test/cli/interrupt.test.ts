/**
 * Ctrl+C in the middle of an audit, against the real executable (dist/src/cli/bin.js, built by
 * the global setup): exit 130, one line, and no report — not even a half-written one.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers.js';
import { sandboxEnv, withSandbox } from './sandbox-helpers.js';

const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'bin.js');

test('SIGINT mid-audit exits 130 and leaves no report files', async () => {
  const cwd = tempDir();
  const outcome = await withSandbox(
    'demo',
    (sb) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'audit', '--out', 'out', '--format', 'html,json,md,junit'], {
          cwd,
          env: sandboxEnv(sb, cwd),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        let sent = false;
        child.stderr.on('data', (d: Buffer) => {
          stderr += String(d);
          // Signed in and reading: the audit is under way and slow (latency) — interrupt it now.
          if (!sent && /Signed in/.test(stderr)) {
            sent = true;
            child.kill('SIGINT');
          }
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      }),
    { latencyMs: 400 },
  );
  expect(outcome.code).toBe(130);
  expect(outcome.stderr.trim().split('\n').pop()).toMatch(/^Interrupted: stopped, no report written\.$/);
  const out = join(cwd, 'out');
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
}, 30000);
