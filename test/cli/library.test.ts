/** The library entry (`import { audit } from 'intacct-preflight'`): typed options in, typed result out. */
import { audit, gateExitCode, loadCompany, renderMarkdown, startSandbox, type AuditResult } from '../../src/index.js';

test('audit() runs the engine against a gateway and the gate judges its result', async () => {
  const sb = await startSandbox({ company: loadCompany('ready') });
  try {
    const result: AuditResult = await audit({ connection: { endpoint: sb.endpoint, credentials: sb.credentials } });
    expect(result.verdict).toBe('ready');
    expect(gateExitCode(result, 'blocker').code).toBe(0);
    expect(renderMarkdown(result)).toContain(result.company.id);
  } finally {
    await sb.close();
  }
});

test('a user check built with the exported fact catalogue shares its reads with the built-in checks', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join, resolve } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  // The package as installed: the build made by the test run's global setup.
  const entry = pathToFileURL(resolve('dist/src/index.js')).href;
  const dir = mkdtempSync(join(tmpdir(), 'preflight-facts-'));
  writeFileSync(
    join(dir, 'ar-prefs-count.mjs'),
    `import { facts } from ${JSON.stringify(entry)};
export default {
  meta: { id: 'example.ar-prefs-count', title: 'AR preferences are readable', severity: 'info', category: 'ar',
    why: 'Example.', remediation: ['None.'], docs: [{ title: 'Example', url: 'https://example.com/' }], version: 1 },
  needs: () => ({ prefs: { fact: facts.companyPrefs('AR') } }),
  evaluate: ({ prefs }) => ({ status: 'pass', summary: Object.keys(prefs.value).length + ' AR preferences', evidence: [] }),
};
`,
  );
  const sb = await startSandbox({ company: loadCompany('ready') });
  try {
    const result = await audit({ connection: { endpoint: sb.endpoint, credentials: sb.credentials }, checkDirs: [dir] });
    expect(result.checks.find((c) => c.id === 'example.ar-prefs-count')).toMatchObject({ status: 'pass' });
    const arPrefsReads = sb.received.filter((f) => f.name === 'get_companyprefs' && f.application === 'AR');
    expect(arPrefsReads).toHaveLength(1); // built-in AR checks and the user check: one read
  } finally {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
