/**
 * checkOptions from the config file, through the real command line against the demo company:
 * a consultant narrows payments.journal-entry-payments to some journals without a code change,
 * the report says which options the verdict rests on, mistakes are usage errors before any read,
 * and a snapshot re-evaluates offline with the options it was read with. The demo company's
 * lines of entries made in General Ledger naming a customer or vendor in the window: three in GJ
 * (batches 811, 812, 814) and one in CRJ (batch 813).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { AuditResult, CheckResult } from '../../src/model/result.js';
import { cleanEnv, removeDir, run, tempDir } from './helpers.js';

const ID = 'payments.journal-entry-payments';

let cwd: string;
beforeAll(() => {
  cwd = tempDir('preflight-check-options-');
});
afterAll(() => removeDir(cwd));

function writeConfig(name: string, checkOptions: unknown): string {
  writeFileSync(join(cwd, name), JSON.stringify({ checkOptions }));
  return name;
}

async function auditDemo(config: string | undefined, extra: string[] = []): Promise<{ code: number; stderr: string; result: AuditResult }> {
  const r = await run(['audit', '--demo', '--checks', ID, '--format', 'json', '--out', '-', '--fail-on', 'never', '--quiet', ...(config ? ['--config', config] : []), ...extra], {
    cwd,
    env: cleanEnv(cwd),
  });
  return { code: r.code, stderr: r.stderr, result: r.stdout ? (JSON.parse(r.stdout) as AuditResult) : (undefined as never) };
}

function check(result: AuditResult): CheckResult {
  return result.checks.find((c) => c.id === ID)!;
}

function batches(c: CheckResult): string[] {
  return (c.affected?.sample ?? []).map((r) => String(r['BATCHNO'])).sort();
}

describe('checkOptions for payments.journal-entry-payments', () => {
  test('without options every journal counts, and no config evidence is added', async () => {
    const { code, result } = await auditDemo(undefined);
    expect(code).toBe(ExitCode.Ok);
    const je = check(result);
    expect(je.status).toBe('fail');
    expect(je.affected?.count).toBe(4);
    expect(je.evidence.some((e) => e.source === 'config')).toBe(false);
  });

  test('excludeJournals leaves the cash receipts journal out, and the report says so', async () => {
    const { result } = await auditDemo(writeConfig('exclude.json', { [ID]: { excludeJournals: ['CRJ'] } }));
    const je = check(result);
    expect(je.affected?.count).toBe(3);
    expect(batches(je)).toEqual(['811', '812', '814']);
    expect(je.summary).toContain('excluding journal CRJ');
    expect(je.evidence).toContainEqual(expect.objectContaining({ source: 'config', note: 'options: {"excludeJournals":["CRJ"]}' }));
  });

  test('journals narrows to the listed journals; excluding every journal in use passes', async () => {
    const only = check((await auditDemo(writeConfig('only.json', { [ID]: { journals: ['CRJ'] } }))).result);
    expect(only.affected?.count).toBe(1);
    expect(batches(only)).toEqual(['813']);
    const none = check((await auditDemo(writeConfig('none.json', { [ID]: { excludeJournals: ['GJ', 'CRJ'] } }))).result);
    expect(none.status).toBe('pass');
    expect(none.summary).toContain('excluding journals GJ, CRJ');
  });

  test.each<[string, unknown, RegExp]>([
    ['a misspelt check id', { 'payments.journal-entry-payment': { excludeJournals: ['CRJ'] } }, /checkOptions\.payments\.journal-entry-payment: unknown check "payments\.journal-entry-payment" \(did you mean payments\.journal-entry-payments\?\)/],
    ['a check that takes no options', { 'ar.customer-refunds': { excludeJournals: ['CRJ'] } }, /checkOptions\.ar\.customer-refunds: the check ar\.customer-refunds takes no options/],
    ['a string instead of a list', { [ID]: { excludeJournals: 'CRJ' } }, /checkOptions\.payments\.journal-entry-payments: excludeJournals must be array \(got "CRJ"\)/],
    ['an unknown option', { [ID]: { excludeJournal: ['CRJ'] } }, /unknown option "excludeJournal"; expected one of modules, excludeJournals, journals/],
  ])('%s is a one-line usage error (exit 4)', async (_what, options, expected) => {
    const r = await run(['audit', '--demo', '--config', writeConfig('bad.json', options), '--out', 'bad', '--quiet'], { cwd, env: cleanEnv(cwd) });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('snapshots keep the check options', () => {
  test('the snapshot records them, and --from-snapshot re-evaluates with them (offline equals live)', async () => {
    const config = writeConfig('snap.json', { [ID]: { excludeJournals: ['CRJ'] } });
    const live = await run(['audit', '--demo', '--config', config, '--format', 'json', '--out', 'live', '--snapshot', 'live/snapshot.json.gz', '--fail-on', 'never', '--quiet'], {
      cwd,
      env: cleanEnv(cwd),
    });
    expect(live.code).toBe(ExitCode.Ok);
    const snapshot = JSON.parse(gunzipSync(readFileSync(join(cwd, 'live', 'snapshot.json.gz'))).toString('utf8')) as { checkOptions?: unknown };
    expect(snapshot.checkOptions).toEqual({ [ID]: { modules: ['2.GL'], excludeJournals: ['CRJ'], journals: [] } });

    // No config now: the options come from the snapshot, so the CRJ-less read is found.
    const offline = await run(['audit', '--from-snapshot', 'live/snapshot.json.gz', '--format', 'json', '--out', 'offline', '--fail-on', 'never', '--quiet'], {
      cwd,
      env: cleanEnv(cwd),
    });
    expect(offline).toMatchObject({ code: ExitCode.Ok, stderr: '' });
    const a = JSON.parse(readFileSync(join(cwd, 'live', 'report.json'), 'utf8')) as AuditResult;
    const b = JSON.parse(readFileSync(join(cwd, 'offline', 'report.json'), 'utf8')) as AuditResult;
    expect(check(b).affected?.count).toBe(3);
    const strip = (r: AuditResult) => r.checks.map(({ durationMs: _d, ...c }) => c);
    expect(strip(b)).toEqual(strip(a));
    expect(b.verdict).toBe(a.verdict);
  });
});
