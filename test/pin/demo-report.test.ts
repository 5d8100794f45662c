/**
 * Pins what users get: the demo company's reports, produced by the real command line against
 * the built-in sandbox, are byte for byte what they were when this test was written (clock
 * times, durations and the sandbox's port masked). A refactoring that changes one character of
 * a report fails here; a deliberate change updates the files in test/pin/golden/ in the same
 * commit, so the difference is reviewed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, tempDir } from '../cli/helpers.js';
import { BIN } from '../cli/sandbox-helpers.js';
import { maskVolatile } from './mask.js';

const golden = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'golden', name), 'utf8');

describe('the demo company report is unchanged', () => {
  const out = tempDir('preflight-pin-');
  beforeAll(async () => {
    const r = await run(['audit', '--demo', '--format', 'json,md,junit,html', '--out', out, '--fail-on', 'never'], { cwd: out });
    if (r.code !== 0) throw new Error(`audit --demo exited ${r.code}: ${r.stderr}`);
  });

  test.each(['report.json', 'report.md', 'report.junit.xml', 'report.html'])('%s', (name) => {
    expect(maskVolatile(readFileSync(join(out, name), 'utf8'))).toBe(golden(name));
  });
});

// The executable runs from dist/, where the HTML templates are precompiled by the build: the same page.
test('the built executable writes the same reports (templates precompiled by the build)', () => {
  const out = tempDir('preflight-pin-bin-');
  const r = spawnSync(process.execPath, [BIN, 'audit', '--demo', '--format', 'json,md,junit,html', '--out', out, '--fail-on', 'never', '--quiet'], { cwd: out, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  for (const name of ['report.json', 'report.md', 'report.junit.xml', 'report.html']) {
    expect(maskVolatile(readFileSync(join(out, name), 'utf8'))).toBe(golden(name));
  }
});
