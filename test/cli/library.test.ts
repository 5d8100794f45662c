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
