/**
 * What the build works out in advance (scripts/generate.mjs) must be exactly what the command line
 * would have produced: the executable's `--help` and `--version`, answered without yargs, are the
 * in-process command line's output byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './helpers.js';
import { BIN } from './sandbox-helpers.js';

const bin = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test.each([['--help'], ['-h']])('the executable\'s %s (stdout not a terminal) is the parser\'s help, unchanged', async (flag) => {
  const inProcess = await run([flag]);
  const spawned = bin([flag]);
  expect(spawned.status).toBe(0);
  expect(spawned.stderr).toBe('');
  expect(spawned.stdout).toBe(inProcess.stdout);
});

test('the executable\'s --version is the package version, one line', async () => {
  const { version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
  const spawned = bin(['--version']);
  expect(spawned.status).toBe(0);
  expect(spawned.stdout).toBe(`${version}\n`);
  expect((await run(['--version'])).stdout).toBe(spawned.stdout);
});

test('with another argument, --help goes through the parser (audit --help is the audit command\'s help)', () => {
  const spawned = bin(['audit', '--help']);
  expect(spawned.status).toBe(0);
  expect(spawned.stdout).toMatch(/--fail-on/);
  expect(spawned.stdout).not.toBe(bin(['--help']).stdout);
});
