/**
 * `intacct-preflight checks | head` and `audit --out - | head -c 100`: a reader that goes away
 * early is not a crash. The command finishes quietly with the exit code it would have had.
 */
import { spawn } from 'node:child_process';
import { BIN } from './sandbox-helpers.js';

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the first byte is written, so every write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('checks with its reader gone exits 0 without a stack trace', async () => {
  const { code, stderr } = await runWithClosedStdout(['checks']);
  expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  expect(code).toBe(0);
});

test('an audit writing JSON to a closed stdout keeps its verdict exit code (the demo is not ready: 1)', async () => {
  const { code, stderr } = await runWithClosedStdout(['audit', '--demo', '--format', 'json', '--out', '-', '--quiet']);
  expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  expect(code).toBe(1);
});
