/**
 * The integration profile through the real command line: the config's `integration` block and
 * the flags (which win key by key) reach every check as `ctx.integration` with their defaults
 * resolved, and a profile that cannot describe a real set-up is a usage error (exit 4, one
 * line) before anything is read. A user check that echoes its context shows what the checks see.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { AuditResult } from '../../src/model/result.js';
import { cleanEnv, removeDir, run, tempDir } from './helpers.js';
import { sandboxEnv, withSandbox } from './sandbox-helpers.js';

let cwd: string;
beforeAll(() => {
  cwd = tempDir('preflight-integration-');
  mkdirSync(join(cwd, 'probe'));
  // Reports ctx.integration as its summary: what every check judges against.
  writeFileSync(
    join(cwd, 'probe', 'probe.integration.mjs'),
    `export default {
      meta: { id: 'probe.integration', title: 'Profile probe', severity: 'info', category: 'probe', why: 'test', remediation: ['none'], docs: [], version: 1 },
      needs: () => ({}),
      evaluate: (_facts, ctx) => ({ status: 'pass', summary: JSON.stringify(ctx.integration), evidence: [] }),
    };`,
  );
});
afterAll(() => removeDir(cwd));

function writeConfig(name: string, integration: unknown): string {
  writeFileSync(join(cwd, name), JSON.stringify({ integration }));
  return name;
}

const probeArgs = ['--checks-dir', 'probe', '--checks', 'probe.integration', '--format', 'json', '--out', '-', '--fail-on', 'never', '--quiet'];

async function profileSeen(argv: string[], env: NodeJS.ProcessEnv = cleanEnv(cwd)): Promise<unknown> {
  const r = await run(['audit', ...probeArgs, ...argv], { cwd, env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(ExitCode.Ok);
  const result = JSON.parse(r.stdout) as AuditResult;
  return JSON.parse(result.checks.find((c) => c.id === 'probe.integration')!.summary);
}

describe('the profile every check reads (ctx.integration)', () => {
  test('defaults: no entity, top-level syncing, LOCATION, nothing else decided', async () => {
    expect(await profileSeen(['--demo'])).toEqual({ topLevelSyncing: true, dimensions: ['LOCATION'] });
  });

  test('the config block, with flags winning key by key', async () => {
    const config = writeConfig('profile.json', { entity: 'AU01', currency: 'NZD', orderEntry: true, purchasing: false, dimensions: ['LOCATION', 'DEPARTMENT'], connectedOn: '2024-03-01' });
    const argv = ['--config', config, '--currency', 'AUD', '--no-order-entry', '--dimensions', 'location,class', '--top-level-syncing'];
    expect(await withSandbox('multi-entity', (sb) => profileSeen(argv, sandboxEnv(sb, cwd)))).toEqual({
      entity: 'AU01',
      topLevelSyncing: true,
      orderEntry: false,
      purchasing: false,
      currency: 'AUD',
      dimensions: ['LOCATION', 'CLASS'],
      connectedOn: '2024-03-01',
    });
  });

  test('a named entity turns top-level syncing off by default', async () => {
    const seen = await withSandbox('multi-entity', (sb) => profileSeen(['--config', writeConfig('entity.json', { entity: 'AU01' })], sandboxEnv(sb, cwd)));
    expect(seen).toEqual({ entity: 'AU01', topLevelSyncing: false, dimensions: ['LOCATION'] });
  });

  test('the entity the audit signs in at (--entity-id) is the default entity', async () => {
    const seen = await withSandbox('multi-entity', (sb) => profileSeen(['--entity-id', 'NZ01'], sandboxEnv(sb, cwd)));
    expect(seen).toEqual({ entity: 'NZ01', topLevelSyncing: false, dimensions: ['LOCATION'] });
  });

  test('INTACCT_ENTITY_ID likewise, and --top-level-syncing keeps records at the top level', async () => {
    const seen = await withSandbox('multi-entity', (sb) => profileSeen(['--top-level-syncing'], sandboxEnv(sb, cwd, { INTACCT_ENTITY_ID: 'NZ01' })));
    expect(seen).toEqual({ entity: 'NZ01', topLevelSyncing: true, dimensions: ['LOCATION'] });
  });
});

describe('a profile that cannot be right → exit 4 with one line, before anything is read', () => {
  test.each([
    [['--demo', '--no-top-level-syncing'], /integration\.topLevelSyncing is false .* but no entity is connected: set integration\.entity, --entity-id or INTACCT_ENTITY_ID/],
    [['--demo', '--currency', 'aud'], /integration\.currency \(--currency\) must be a currency code of three upper-case letters, e\.g\. AUD \(got "aud"\)/],
    [['--demo', '--currency', 'EURO'], /must be a currency code of three upper-case letters/],
    [['--demo', '--currency', ''], /--currency is empty: give a currency code/],
    [['--demo', '--connected-on', '2024-02-30'], /integration\.connectedOn \(--connected-on\) must be a real date written YYYY-MM-DD \(got "2024-02-30"\)/],
    [['--demo', '--connected-on', '1/3/2024'], /must be a real date written YYYY-MM-DD/],
    [['--demo', '--dimensions', ','], /integration\.dimensions \(--dimensions\) must list at least one dimension/],
    [['--demo', '--dimensions', 'LOCATION,dept-1'], /"dept-1" is not a dimension id/],
  ])('%j', async (argv, expected) => {
    const r = await run(['audit', ...argv], { cwd, env: cleanEnv(cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  test.each([
    [{ currency: 'usd' }, /integration\.currency: must be a currency code of three upper-case letters, e\.g\. AUD \(got "usd"\)/],
    [{ connectedOn: '2024-13-01' }, /integration\.connectedOn: must be a real date written YYYY-MM-DD/],
    [{ topLevelSyncing: 'yes' }, /integration\.topLevelSyncing: must be a boolean/],
    [{ dimensions: [] }, /integration\.dimensions: must list at least 1 item/],
    [{ entity: '' }, /integration\.entity: must not be empty/],
    [{ topLevel: true }, /integration\.topLevel: unknown key \(expected one of: entity, topLevelSyncing, orderEntry, purchasing, currency, dimensions, connectedOn\)/],
    [{ topLevelSyncing: false }, /no entity is connected/],
  ])('config %j', async (integration, expected) => {
    const r = await run(['audit', '--demo', '--config', writeConfig('bad.json', integration)], { cwd, env: cleanEnv(cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('an entity in a company without entities ends the audit, naming it', async () => {
    const r = await run(['audit', '--demo', '--quiet', '--config', writeConfig('e200.json', { entity: 'E200' })], { cwd, env: cleanEnv(cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr.trim()).toBe(
      'Error: integration.entity E200 (the entity Re-Leased is connected to) is not an entity of company harbourview-demo (it has no entities): correct integration.entity or --entity-id.',
    );
  });

  test('the entity from the environment satisfies --no-top-level-syncing before any password is asked for', async () => {
    // Validation passes, so the next thing missing is the credentials, not the profile.
    const r = await run(['audit', '--no-top-level-syncing'], { cwd, env: cleanEnv(cwd, { INTACCT_ENTITY_ID: 'E100' }) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/Missing company id, user id and sender id/);
  });
});

test('--help lists the profile flags with their defaults', async () => {
  const r = await run(['audit', '--help'], { cwd, env: cleanEnv(cwd) });
  expect(r.code).toBe(ExitCode.Ok);
  for (const flag of ['--top-level-syncing', '--no-top-level-syncing', '--order-entry', '--no-order-entry', '--purchasing', '--no-purchasing', '--currency', '--dimensions', '--connected-on']) {
    expect(r.stdout).toContain(flag);
  }
  expect(r.stdout).toMatch(/How Re-Leased is set up/);
});
