/**
 * What the build works out in advance (scripts/generate.mjs) must be exactly what the command line
 * would have produced: the executable's `--help` and `--version`, answered without yargs, are the
 * in-process command line's output byte for byte; so are the bundled command line's answers (the
 * demo reports are pinned by test/pin).
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

test('the executable runs the command line from the build\'s bundle, and V8 takes its code cache', () => {
  // As bin.js does for an audit: its V8 flags, then load.ts (a cache made under other flags is refused).
  const probe = [
    "const { setStartupFlags } = await import('./dist/src/cli/flags.js');",
    "setStartupFlags(['audit']);",
    "const loaded = await (await import('./dist/src/cli/load.js')).loadCommandLine();",
    'console.log(JSON.stringify({ bundled: loaded.bundled, cacheUsed: loaded.cacheUsed }));',
  ].join('\n');
  const spawned = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', cwd: process.cwd() });
  expect(spawned.stderr).toBe('');
  expect(JSON.parse(spawned.stdout)).toEqual({ bundled: true, cacheUsed: true });
});

test.each([
  [['audit', '--help']],
  [['checks', '--help']],
  [['audit', '--no-such-option']],
  [['frobnicate']],
])('the bundled command line answers %j as the in-process one does', async (args) => {
  const inProcess = await run(args);
  const spawned = bin(args);
  expect(spawned.status).toBe(inProcess.code);
  expect(spawned.stdout).toBe(inProcess.stdout);
  expect(spawned.stderr).toBe(inProcess.stderr);
});

test('the bundled command line loads a user check (import() of a file, from a code-cached script)', () => {
  const spawned = bin(['audit', '--demo', '--checks-dir', join(process.cwd(), 'examples', 'user-checks'), '--format', 'json', '--out', '-', '--quiet', '--fail-on', 'never']);
  expect(spawned.stderr).toBe('');
  expect(spawned.status).toBe(0);
  const report = JSON.parse(spawned.stdout) as { checks: { id: string }[] };
  expect(report.checks.map((c) => c.id)).toContain('example.draft-ar-invoices');
});
