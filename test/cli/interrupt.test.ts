/**
 * Ctrl+C in the middle of an audit, against the real executable (dist/src/cli/bin.js, built by
 * the global setup): exit 130, one line, and no report — not even a half-written one.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers.js';
import { interruptMidAudit, withSandbox } from './sandbox-helpers.js';

test('SIGINT mid-audit exits 130 and leaves no report files', async () => {
  const cwd = tempDir();
  const outcome = await withSandbox('demo', (sb) => interruptMidAudit(['audit', '--out', 'out', '--format', 'html,json,md,junit'], cwd, sb), {
    latencyMs: 400,
  });
  expect(outcome.code).toBe(130);
  expect(outcome.stderr.trim().split('\n').pop()).toMatch(/^Interrupted: stopped, no report written\.$/);
  const out = join(cwd, 'out');
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
}, 30000);
