/**
 * A user data check's worklist rows are made in the worker a page at a time (issue 12 section 1,
 * issue 13): the time limit is on each page's ask, not on each row, so a slow row ends the run in
 * one line naming the module (exit 4) instead of passing row by row; a row that never finishes is
 * stopped; Ctrl+C during the worklist phase exits 130 at once (the engine's thread is never
 * blocked waiting for a row). Against the built executable on the demo company, with short limits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { AuditResult } from '../../src/model/result.js';
import { spawnCli, type SpawnedRun } from '../cli/sandbox-helpers.js';
import { cleanEnv, tempDirsRemovedAfterAll } from '../cli/helpers.js';

const temp = tempDirsRemovedAfterAll();

const KIT = pathToFileURL(join(process.cwd(), 'dist', 'src', 'kit', 'index.js')).href;

/** The README's example check (AR invoices in draft), with `row` as its set's row. */
function draftCheck(id: string, row: string, prelude = ''): string {
  return `import { dataCheck, transactions, TRANSACTION_COLUMNS, TRANSACTION_WINDOW } from '${KIT}';
${prelude}
const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end) {} };
// The demo has two drafts, each made a row once for the report's sample: later rows are the worklist's.
let rows = 0;
const inWorklist = () => ++rows > 2;
export default dataCheck({
  meta: { id: '${id}', title: 'Drafts', severity: 'info', category: 'ar', why: 'Because.', remediation: ['Post or delete it.'], docs: [], version: 1 },
  records: (ctx) => [{ ...transactions(ctx, 'ARINVOICE', { op: 'equalto', field: 'STATE', value: 'Draft' }), row: ${row} }],
  sample: { columns: TRANSACTION_COLUMNS, keyField: 'RECORDNO', objectField: 'OBJECT' },
  found: (n) => n + ' drafts',
  clean: 'No drafts.',
});
`;
}

async function cli(modules: Record<string, string>, opts: { limit?: number; interruptOn?: string; env?: Record<string, string> } = {}): Promise<SpawnedRun & { dir: string; out: string }> {
  const dir = temp('preflight-rows-');
  for (const [name, source] of Object.entries(modules)) writeFileSync(join(dir, name), source);
  const args = ['audit', '--demo', '--checks-dir', dir, '--checks', 'user.*', '--worklists', '--format', 'json', '--out', join(dir, 'out'), '--fail-on', 'never'];
  if (opts.limit !== undefined) {
    writeFileSync(join(dir, '_preflight.json'), JSON.stringify({ userCheckTimeout: opts.limit }));
    args.push('--config', join(dir, '_preflight.json'));
  }
  const run = await spawnCli(args, { cwd: dir, env: { ...cleanEnv(dir), ...opts.env }, ...(opts.interruptOn ? { interruptOn: opts.interruptOn } : {}) });
  return { ...run, dir, out: join(dir, 'out') };
}

const lines = (text: string) => text.trim().split('\n').filter((l) => l.trim() !== '');

describe("the time limit is on a page of a user check's rows, not on each row: exit 4 naming the module", () => {
  it.each([
    ['a row that never finishes', '(r) => { while (inWorklist()) {} return r; }'],
    // 300 ms a row is under the limit, a page of them (the demo has two) is not.
    ['rows each under the limit, a page of them over it', '(r) => { if (inWorklist()) busy(300); return r; }'],
  ])('%s', async (_label, row) => {
    const r = await cli({ 'rows.mjs': draftCheck('user.drafts', row) }, { limit: 0.4 });
    expect(r.code).toBe(4);
    expect(lines(r.stderr).pop()).toBe(`Error: ${join(r.dir, 'rows.mjs')}: did not finish making worklist rows within 0.4 s (userCheckTimeout): an endless loop or a promise that never settles? It was stopped.`);
  }, 30000);
});

it('Ctrl+C while a user check makes its worklist rows exits 130 at once', async () => {
  // 1.5 s a row under the default limit (10 s): only the interrupt ends it.
  const r = await cli({ 'slow.mjs': draftCheck('user.drafts', "(r) => { if (inWorklist()) { console.log('worklist row…'); busy(1500); } return r; }") }, { interruptOn: 'worklist row…\n' });
  expect(r.code).toBe(130);
  expect(lines(r.stderr).pop()).toBe('Interrupted: stopped, no report written.');
  expect(r.ms).toBeLessThan(3000);
}, 30000);

it("a user check's rows are made a page at a time, in order: its worklist is whole", async () => {
  const r = await cli({ 'rows.mjs': draftCheck('user.drafts', "(r) => ({ ...r, DESCRIPTION: 'made ' + r.RECORDNO })") }, { limit: 5 });
  expect(r.code).toBe(0);
  const report = JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')) as AuditResult;
  const check = report.checks.find((c) => c.id === 'user.drafts')!;
  expect(check.affected!.count).toBeGreaterThan(0);
  expect(check.worklist).toEqual({ file: 'worklists/user.drafts.csv', rows: check.affected!.count, complete: true });
  const csv = readFileSync(join(r.out, check.worklist!.file), 'utf8');
  expect(csv).toContain('Post or delete it.');
  expect(csv).not.toContain('INCOMPLETE');
}, 30000);

it("a user check's rows cannot carry the run's secrets into a worklist, and its module never sees a password in the environment", async () => {
  const leak = "(r) => ({ ...r, RECORDID: 'pw sandbox-user-password-not-real / sandbox-sender-password-not-real' })";
  const prelude = "console.log('env password: ' + (process.env.INTACCT_USER_PASSWORD ?? 'none') + ', company: ' + (process.env.INTACCT_COMPANY_ID ?? 'none'));";
  const r = await cli({ 'leak.mjs': draftCheck('user.drafts', leak, prelude) }, { limit: 5, env: { INTACCT_USER_PASSWORD: 'env-secret-value', INTACCT_COMPANY_ID: 'acme' } });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('env password: none, company: acme');
  const report = JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')) as AuditResult;
  const csv = readFileSync(join(r.out, report.checks.find((c) => c.id === 'user.drafts')!.worklist!.file), 'utf8');
  expect(csv).toContain('pw REDACTED / REDACTED');
  expect(csv).not.toMatch(/password-not-real|env-secret-value/);
}, 30000);

describe('one user module cannot change the kit constants another check uses', () => {
  const tries = `let refused = 0;
try { TRANSACTION_WINDOW.dateField = 'WHENDUE'; } catch { refused++; }
try { TRANSACTION_COLUMNS.splice(2); } catch { refused++; }
console.log('refused ' + refused);`;
  const mutator = (prelude: string) => draftCheck('user.mutator', '(r) => r', prelude).replace("'ARINVOICE'", "'APBILL'");
  const summary = (out: string) => {
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as AuditResult;
    const c = report.checks.find((x) => x.id === 'user.drafts')!;
    return { status: c.status, affected: c.affected, evidence: c.evidence, worklist: c.worklist, csv: readFileSync(join(out, c.worklist!.file), 'utf8') };
  };

  it("its writes fail, and the other check's query and result are what they are alone", async () => {
    const alone = await cli({ 'a.mjs': draftCheck('user.drafts', '(r) => r') }, { limit: 5 });
    const beside = await cli({ 'a.mjs': draftCheck('user.drafts', '(r) => r'), 'b.mjs': mutator(tries) }, { limit: 5 });
    expect([alone.code, beside.code]).toEqual([0, 0]);
    expect(beside.stderr).toContain('refused 2');
    const before = summary(alone.out);
    expect(before.status).toBe('fail');
    expect(before.affected!.columns.length).toBeGreaterThan(2);
    expect(summary(beside.out)).toEqual(before);
  }, 60000);

  it('an unguarded write is an error of that module alone (ESM is strict): exit 4 naming it', async () => {
    const r = await cli({ 'a.mjs': draftCheck('user.drafts', '(r) => r'), 'b.mjs': mutator("TRANSACTION_WINDOW.dateField = 'WHENDUE';") }, { limit: 5 });
    expect(r.code).toBe(4);
    expect(lines(r.stderr).pop()).toContain(join(r.dir, 'b.mjs'));
  }, 30000);
});
