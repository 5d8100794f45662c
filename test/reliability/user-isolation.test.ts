/**
 * User check modules run in a worker thread the engine can stop (issue 12, reproduction 6): a
 * module that never finishes loading or evaluating ends the run in one line naming it (exit 4),
 * Ctrl+C is heard whatever a module does (exit 130), and a module's console output never mixes
 * with a report on stdout. Against the built executable, with a short time limit (config
 * `userCheckTimeout`) so each case takes well under a second of waiting.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { AuditResult } from '../../src/model/result.js';
import { spawnCli, type SpawnedRun } from '../cli/sandbox-helpers.js';
import { cleanEnv, run, tempDirsRemovedAfterAll } from '../cli/helpers.js';

const temp = tempDirsRemovedAfterAll();

/** A folder holding one module `name` with `source`, and a config giving user checks `limit` seconds. */
function moduleDir(name: string, source: string, limit = 0.3): { dir: string; file: string; config: string } {
  const dir = temp('preflight-isolation-');
  writeFileSync(join(dir, name), source);
  const config = join(dir, '_preflight.json');
  writeFileSync(config, JSON.stringify({ userCheckTimeout: limit }));
  return { dir, file: join(dir, name), config };
}

const META = `{ id: 'user.isolated', title: 'Isolated', severity: 'info', category: 'user', why: 'Because.', remediation: [], docs: [], version: 1 }`;
const PREFS = `{ key: 'user:prefs:AR', request: () => ({ function: 'get_companyprefs', application: 'AR' }), interpret: (d) => d.records.length }`;
const check = (evaluate: string, prelude = '') => `${prelude}
export default { meta: ${META}, needs: () => ({ prefs: { fact: ${PREFS} } }), evaluate: ${evaluate} };
`;

/** The executable on the demo company; `interruptOn`: SIGINT once stderr shows this text. */
function cli(args: string[], opts: { interruptOn?: string } = {}): Promise<SpawnedRun> {
  const home = temp('preflight-isolation-home-');
  return spawnCli(['audit', '--demo', ...args], { cwd: home, env: cleanEnv(home), ...opts });
}

const lines = (text: string) => text.trim().split('\n').filter((l) => l.trim() !== '');

describe('reproduction 6: a module that never finishes ends the run in one line naming it, exit 4', () => {
  it.each([
    ['an endless loop at the top level', 'loop.mjs', 'while (true) {}\n', 'loading'],
    ['a top-level await that never settles', 'wait.mjs', 'await new Promise(() => {});\nexport default {};\n', 'loading'],
    ['an evaluate that never returns', 'slow.mjs', check('() => { while (true) {} }'), 'evaluating'],
    ['an interpret that never returns', 'stuck.mjs', check(`() => ({ status: 'pass', summary: 'ok' })`).replace('interpret: (d) => d.records.length', 'interpret: () => { for (;;) {} }'), 'interpreting fact user:prefs:AR'],
  ])('%s', async (_label, name, source, doing) => {
    const { dir, file, config } = moduleDir(name, source);
    const r = await cli(['--checks-dir', dir, '--config', config, '--quiet', '--out', '-', '--format', 'json']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([`Error: ${file}: did not finish ${doing} within 0.3 s (userCheckTimeout): an endless loop or a promise that never settles? It was stopped.`]);
  }, 20000);
});

describe('reproduction 6: Ctrl+C is heard whatever a module does: exit 130, no report', () => {
  it.each([
    ['while it loops at the top level', 'loop.mjs', "console.log('loading…');\nwhile (true) {}\n"],
    ['while its evaluate loops', 'slow.mjs', check("() => { console.log('evaluating…'); while (true) {} }")],
  ])('%s', async (_label, name, source) => {
    // The default time limit (10 s): the interrupt, not the limit, ends it.
    const dir = temp('preflight-isolation-');
    writeFileSync(join(dir, name), source);
    const out = join(dir, 'out');
    const r = await cli(['--checks-dir', dir, '--out', out, '--format', 'json'], { interruptOn: '…\n' });
    expect(r.code).toBe(130);
    expect(lines(r.stderr).pop()).toBe('Interrupted: stopped, no report written.');
    expect(r.ms).toBeLessThan(9000);
  }, 20000);
});

it('console.log in a module goes to stderr: --out - --format json stays one JSON document', async () => {
  const source = check(
    `() => { console.log('log from evaluate'); console.info('info'); process.stdout.write('raw write\\n'); return { status: 'pass', summary: 'ok' }; }`,
    "console.log('log while loading');",
  );
  const { dir, config } = moduleDir('noisy.mjs', source, 5);
  const r = await cli(['--checks-dir', dir, '--config', config, '--out', '-', '--format', 'json', '--fail-on', 'never']);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as AuditResult;
  expect(report.checks.find((c) => c.id === 'user.isolated')?.status).toBe('pass');
  for (const text of ['log while loading', 'log from evaluate', 'info', 'raw write']) expect(r.stderr).toContain(text);
}, 20000);

describe('a bad dependsOn in a user fact is a usage error naming the file (exit 4)', () => {
  const withDeps = (deps: string) =>
    check(`() => ({ status: 'pass', summary: 'ok' })`).replace(
      `needs: () => ({ prefs: { fact: ${PREFS} } })`,
      `needs: () => ({ prefs: { fact: { key: 'user:f', dependsOn: ${deps}, request: () => ({ function: 'get_companyprefs', application: 'AR' }), interpret: () => 1 } } })`,
    );
  it.each([
    ['null', '[null]', /invalid dependsOn\[0\] \(null\): not an object/],
    ['a key instead of a fact', "['companyPrefs:AR']", /invalid dependsOn\[0\] \(the key "companyPrefs:AR"\): not an object/],
    ['a fact without functions', "[{ key: 'user:x' }]", /invalid dependsOn\[0\] \(object\): fact "user:x" has no request\(\) function/],
    ['a cycle', '(() => { const a = { key: "user:a", request: () => ({ function: "get_companyprefs", application: "AR" }), interpret: () => 1 }; a.dependsOn = [a]; return [a]; })()', /fact dependency cycle: user:f → user:a → user:a|fact dependency cycle: user:a → user:a/],
  ])('%s', async (_label, deps, message) => {
    const { dir, file } = moduleDir('deps.mjs', withDeps(deps), 5);
    const r = await run(['audit', '--demo', '--checks-dir', dir, '--quiet', '--out', '-', '--format', 'json'], { cwd: dir, env: cleanEnv(dir) });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    const [line, ...rest] = lines(r.stderr);
    expect(rest).toEqual([]);
    expect(line!.startsWith(`Error: ${file}: `)).toBe(true);
    expect(line).toMatch(message);
  });
});
