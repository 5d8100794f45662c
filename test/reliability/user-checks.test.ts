/**
 * User checks are the user's own code: a mistake in one (or a deliberate trick) never changes
 * another check's result, never bends the built-in verdict, never crashes the run or leaves a
 * report that render/diff/--baseline refuse. Each case is a reproduction from issue 12, run
 * through the real command line against the demo company.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditResult, CheckResult } from '../../src/model/result.js';
import { validateResult } from '../../src/render/schema.js';
import { run, tempDirsRemovedAfterAll } from '../cli/helpers.js';

const temp = tempDirsRemovedAfterAll();

/** A folder of user check modules, by file name. */
function userChecks(files: Record<string, string>): string {
  const dir = temp('preflight-user-isolation-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const meta = (id: string, severity = 'info') =>
  `{ id: '${id}', title: 'User check ${id}', severity: '${severity}', category: 'user', why: 'Because.', remediation: [], docs: [], version: 1 }`;

/** A check that reads the AR preferences and returns `outcome` (a JavaScript expression). */
const returning = (id: string, outcome: string, prelude = '') => `${prelude}
const prefs = { key: 'companyPrefs:AR', request: () => ({ function: 'get_companyprefs', application: 'AR' }), interpret: (d) => d.records.length };
export default { meta: ${meta(id)}, needs: () => ({ prefs: { fact: prefs } }), evaluate: () => (${outcome}) };
`;

/** The demo company audited as JSON to stdout, with the given user check folder. */
async function demo(dir?: string, extra: string[] = []): Promise<{ code: number; stderr: string; report?: AuditResult }> {
  const r = await run(['audit', '--demo', ...(dir ? ['--checks-dir', dir] : []), '--format', 'json', '--out', '-', '--quiet', ...extra]);
  return { code: r.code, stderr: r.stderr, ...(r.stdout.trim() ? { report: JSON.parse(r.stdout) as AuditResult } : {}) };
}

const builtins = (r: AuditResult) =>
  Object.fromEntries(r.checks.filter((c) => c.origin === 'builtin').map((c) => [c.id, { status: c.status, summary: c.summary, count: c.affected?.count }]));
const check = (r: AuditResult, id: string): CheckResult => {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};

/** The demo company without user checks: what no user module may change. */
let reference: AuditResult;
beforeAll(async () => {
  const r = await demo();
  expect(r.code).toBe(1);
  reference = r.report!;
  expect(reference.verdict).toBe('not-ready');
});

describe('fact values are immutable once interpreted', () => {
  it('reproduction 1: a user fact that rewrites the facts it depends on leaves the demo company not-ready, exit 1', async () => {
    // Verbatim from the issue: it rewrites the AR and SO preferences the blockers read.
    const dir = userChecks({
      'h.mjs': `const p=a=>({key:\`companyPrefs:\${a}\`,request:()=>({function:'get_companyprefs',application:a}),interpret:()=>({})});
export default{meta:{id:'zz.helper',title:'H',severity:'info',category:'x',why:'w',remediation:[],docs:[],version:1},
needs:()=>({f:{fact:{key:'zz:h',dependsOn:[p('AR'),p('SO')],request:()=>({function:'get_companyprefs',application:'GL'}),
interpret:(d,c,l)=>{Object.assign(l('companyPrefs:AR').value,{CUSTOMERSEQUENCE:'CUST',ENABLEACCOUNTLABELS:'F'});Object.assign(l('companyPrefs:SO').value,{USELINEDIMENSIONSINSUBTOTALS:'T'});return 1}}}}),
evaluate:()=>({status:'pass',summary:'ok'})};
`,
    });
    const r = await demo(dir);
    expect(r.code).toBe(1);
    expect(r.report!.verdict).toBe('not-ready');
    expect(builtins(r.report!)).toEqual(builtins(reference));
    // The helper itself learns that a fact value is read-only.
    expect(check(r.report!, 'zz.helper')).toMatchObject({ status: 'error', summary: expect.stringMatching(/could not be interpreted: .*(read.only|not extensible)/) });
  });
});

describe('a user fact’s request is validated before it is built', () => {
  it.each([
    ['an "in" filter with one value', `{ function: 'query', object: 'CUSTOMER', select: ['CUSTOMERID'], filter: { op: 'in', field: 'STATUS', value: 'active' } }`, /filter.*values/],
    ['a read without fields', `{ function: 'read', object: 'CUSTOMER', keys: ['1'] }`, /fields/],
  ])('reproduction 2 (%s): only that check is error, the built-in verdict and exit code are unchanged', async (_label, request, what) => {
    const dir = userChecks({
      'bad-read.mjs': `export default { meta: ${meta('zz.bad-read', 'blocker')},
        needs: () => ({ q: { fact: { key: 'zz:q', request: () => (${request}), interpret: (d) => d.records.length } } }),
        evaluate: () => ({ status: 'pass', summary: 'read it' }) };`,
    });
    const r = await demo(dir);
    expect(r.code).toBe(1);
    expect(r.report!.verdict).toBe('not-ready');
    expect(builtins(r.report!)).toEqual(builtins(reference));
    const bad = check(r.report!, 'zz.bad-read');
    expect(bad.status).toBe('error');
    expect(bad.summary).toMatch(what);
    expect(bad.summary).not.toMatch(/reading 'map'|\n/);
  });
});

describe('a user check’s outcome is normalised and validated before it enters the result', () => {
  /** Renders a report file written by the audit: the schema must accept it. */
  async function renderable(report: AuditResult): Promise<void> {
    expect(validateResult(report)).toEqual({ ok: true, result: report });
    const dir = temp('preflight-render-');
    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(report));
    const r = await run(['render', file, '--format', 'md', '--out', '-']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }

  it('reproduction 4: a sample of non-records is that check’s error, not a crash; the report renders', async () => {
    const dir = userChecks({ 'r4.mjs': returning('zz.r4', `{ status: 'fail', summary: 'x', affected: { count: 2, sample: [1, null], columns: ['a'] } }`) });
    const r = await demo(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(check(r.report!, 'zz.r4')).toMatchObject({ status: 'error', summary: expect.stringMatching(/affected\.sample\[0\]/) });
    await renderable(r.report!);
  });

  it('reproduction 5: a boolean in a sample is text in the report, which render then accepts', async () => {
    const dir = userChecks({
      'r5.mjs': returning('zz.r5', `{ status: 'fail', summary: 'x', affected: { count: 1, sample: [{ RECORDNO: '1', OVERDUE: true }], columns: ['RECORDNO', 'OVERDUE'] } }`),
    });
    const r = await demo(dir);
    expect(r.code).toBe(1);
    expect(check(r.report!, 'zz.r5')).toMatchObject({ status: 'fail', affected: { sample: [{ RECORDNO: '1', OVERDUE: 'true' }] } });
    await renderable(r.report!);
  });

  it('values JSON cannot hold become that check’s error, each named; the others and the report are unharmed', async () => {
    const cases: Record<string, [string, string?]> = {
      bigint: [`{ status: 'fail', summary: 'x', affected: { count: 1, sample: [{ N: 10n }], columns: ['N'] } }`],
      'big-count': [`{ status: 'fail', summary: 'x', affected: { count: 10n, sample: [], columns: [] } }`],
      fn: [`{ status: 'pass', summary: 'x', evidence: [{ source: 'query', observed: () => 1 }] }`],
      'undefined-summary': [`{ status: 'pass', summary: undefined }`],
      'undefined-record': [`{ status: 'fail', summary: 'x', affected: { count: 1, sample: [undefined], columns: [] } }`],
      cycle: [`(() => { const e = { source: 'query', observed: 1 }; e.self = e; return { status: 'pass', summary: 'x', evidence: [e] }; })()`],
      getter: [`{ status: 'pass', get summary() { throw new Error('boom'); } }`],
      proxy: [`(() => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return { status: 'pass', summary: 'x', evidence: [proxy] }; })()`],
      nested: [`{ status: 'fail', summary: 'x', affected: { count: 1, sample: [{ RECORDNO: '1', LINES: [{ A: 1 }] }], columns: ['RECORDNO'] } }`],
      'not-finite': [`{ status: 'fail', summary: 'x', affected: { count: Infinity, sample: [], columns: [] } }`],
      'bad-status': [`{ status: 'ok', summary: 'x' }`],
      promise: [`Promise.resolve({ status: 'pass', summary: 'x' })`],
    };
    const dir = userChecks(Object.fromEntries(Object.entries(cases).map(([name, [outcome]]) => [`${name}.mjs`, returning(`zz.${name}`, outcome)])));
    const r = await demo(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    for (const name of Object.keys(cases)) {
      const c = check(r.report!, `zz.${name}`);
      expect({ name, status: c.status }).toEqual({ name, status: 'error' });
      expect(c.summary).not.toMatch(/\n/);
    }
    expect(builtins(r.report!)).toEqual(builtins(reference));
    await renderable(r.report!);
  });
});
