import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserCheckError } from '../../src/util/errors.js';
import { builtinChecks, loadAllChecks, loadUserChecks, originOf } from '../../src/plan/registry.js';
import { ctx, makeCheck } from '../helpers/checks.js';

const META = {
  id: 'acme.customer-names',
  title: 'Customer names are filled in',
  severity: 'warning',
  category: 'contacts',
  why: 'Re-Leased shows the name.',
  remediation: ['Open Accounts Receivable > Customers', 'Fill in the name'],
  docs: [{ title: 'Acme guide', url: 'https://acme.example/guide' }],
  version: 1,
};

/** An ES module exporting a check whose meta is `meta` (merged over a valid one). */
function moduleSource(meta: Record<string, unknown> = {}, body = ''): string {
  return `const fact = {
  key: 'acme:prefs:AR',
  request: () => ({ function: 'get_companyprefs', application: 'AR' }),
  interpret: (data) => data.records.length,
};
${body}
export default {
  meta: ${JSON.stringify({ ...META, ...meta })},
  needs: () => ({ prefs: { fact } }),
  evaluate: (facts) => ({ status: facts.prefs.ok ? 'pass' : 'error', summary: 'read the AR preferences', evidence: [] }),
};
`;
}

let root: string;
let n = 0;
/** A fresh folder holding the given files. */
function folder(files: Record<string, string>): string {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function loadError(dir: string, existing = [] as ReturnType<typeof makeCheck>[]): Promise<UserCheckError> {
  const e = await loadUserChecks(dir, existing).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserCheckError);
  return e as UserCheckError;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'preflight-user-checks-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadUserChecks', () => {
  it('loads every .mjs module of a folder (and .js in a "type": "module" folder), skipping helpers', async () => {
    const dir = folder({
      'names.mjs': moduleSource(),
      'ids.js': moduleSource({ id: 'acme.customer-ids' }),
      'package.json': '{"type": "module"}',
      '_shared.mjs': 'export const helper = 1;',
      'README.md': '# not a check',
    });
    const checks = await loadUserChecks(dir, []);
    expect(checks.map((c) => c.meta.id)).toEqual(['acme.customer-ids', 'acme.customer-names']);
    expect(originOf(checks[0]!)).toBe(dir);
    expect(checks[1]!.needs({ ...ctx, options: {} }).prefs!.fact.key).toBe('acme:prefs:AR');
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['no default export', { 'a.mjs': 'export const check = {};' }, /a\.mjs: has no default export/],
    ['a syntax error', { 'a.mjs': 'export default {\n  meta: {' }, /a\.mjs: could not be loaded: SyntaxError: Unexpected end of input \(line 2\)/],
    ['a throw at load', { 'a.mjs': 'throw new Error("needs ACME_TOKEN");' }, /a\.mjs: could not be loaded: needs ACME_TOKEN/],
    ['no meta', { 'a.mjs': 'export default { needs() { return {}; }, evaluate() {} };' }, /a\.mjs: default export has no "meta" object/],
    ['a bad id', { 'a.mjs': moduleSource({ id: 'Acme Check' }) }, /a\.mjs: meta\.id "Acme Check" must be lower-case words joined by dots/],
    ['a bad severity', { 'a.mjs': moduleSource({ severity: 'critical' }) }, /check acme\.customer-names: meta\.severity must be one of blocker, warning, info \(got "critical"\)/],
    ['no why', { 'a.mjs': moduleSource({ why: '' }) }, /meta\.why must be a non-empty string/],
    ['bad docs', { 'a.mjs': moduleSource({ docs: [{ title: 'x', url: 'not a url' }] }) }, /meta\.docs must be a list of \{ title, url \} with https: URLs/],
    ['no version', { 'a.mjs': moduleSource({ version: undefined }) }, /meta\.version must be a non-negative integer/],
    ['no evaluate', { 'a.mjs': `export default { meta: ${JSON.stringify(META)}, needs: () => ({}) };` }, /evaluate\(facts, ctx\) must be a function/],
  ])('names the file and the problem for %s', async (_name, files, message) => {
    const e = await loadError(folder(files));
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
  });

  it('refuses an id used by a built-in check or by another user check', async () => {
    const builtin = makeCheck('acme.customer-names');
    expect((await loadError(folder({ 'a.mjs': moduleSource() }), [builtin])).message).toMatch(/a\.mjs: check id "acme\.customer-names" is already used by a built-in check/);
    const twice = folder({ 'a.mjs': moduleSource(), 'b.mjs': moduleSource() });
    expect((await loadError(twice)).message).toMatch(/b\.mjs: check id "acme\.customer-names" is already used by another user check in .*a\.mjs/);
  });

  it('refuses a missing folder and a folder with no modules', async () => {
    expect((await loadError(join(root, 'nowhere'))).message).toMatch(/nowhere: cannot read the check folder \(ENOENT\)/);
    expect((await loadError(folder({ 'notes.txt': 'x' }))).message).toMatch(/contains no check modules/);
  });

  it('loadAllChecks puts user checks after the built-ins and keeps ids unique across folders', async () => {
    const a = folder({ 'a.mjs': moduleSource({ id: 'acme.one' }) });
    const b = folder({ 'b.mjs': moduleSource({ id: 'acme.one' }) });
    const all = await loadAllChecks([a]);
    expect(all.map((c) => c.meta.id)).toEqual([...builtinChecks().map((c) => c.meta.id), 'acme.one']);
    await expect(loadAllChecks([a, b])).rejects.toThrow(/already used by another user check/);
  });
});
