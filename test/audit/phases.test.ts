/**
 * The orchestrator's promises about its inputs and its connection result: options are read,
 * never changed (a caller may pass frozen or shared objects, and run twice with them), and a
 * run that could not sign in reports the registered connection check, even when it was skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { evaluateFacts, runAuditWithFacts, type AuditOptions } from '../../src/audit/audit.js';
import { builtinChecks } from '../../src/plan/registry.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ company: loadCompany('demo') });
});
afterAll(async () => {
  await sandbox.close();
});

describe('inputs are never mutated', () => {
  const policy = (): Omit<AuditOptions, 'connection'> => ({
    skip: ['transactions.attachments'],
    severity: { 'contacts.inactive-contacts': 'warning' },
    checkOptions: { 'payments.journal-entry-payments': { excludeJournals: ['CRJ'] } },
    waivers: [{ check: 'currency.foreign-currency-contacts', reason: 'handled by hand', expires: '2099-01-01' }],
    attestations: [{ check: 'so.subtotal-dimensions-from-lines', by: 'jo@example.com', date: '2025-01-01' }],
  });

  it('frozen options give the same result as plain ones, live and from the saved facts', async () => {
    const connection = { credentials: sandbox.credentials, endpoint: sandbox.endpoint };
    const frozen = deepFreeze({ ...policy(), connection: deepFreeze({ ...connection, credentials: { ...connection.credentials } }) });
    const live = await runAuditWithFacts(frozen);
    const plain = await runAuditWithFacts({ ...policy(), connection });
    const statuses = (r: typeof live.result) => r.checks.map((c) => [c.id, c.status, c.severity, c.waived]);
    expect(statuses(live.result)).toEqual(statuses(plain.result));
    expect(live.result.notRun.map((n) => n.id)).toEqual(['transactions.attachments']);

    const saved = JSON.stringify(live.store.toJSON());
    const offline = await evaluateFacts(live.store, deepFreeze({ ...policy(), context: live.context }));
    expect(statuses(offline)).toEqual(statuses(live.result));
    expect(JSON.stringify(live.store.toJSON())).toBe(saved);
  });
});

describe('a run that could not sign in', () => {
  it('reports the registered connection check, also when it was skipped, and lists it as run', async () => {
    const connection = { credentials: { ...sandbox.credentials, userPassword: 'wrong' }, endpoint: sandbox.endpoint };
    const run = await runAuditWithFacts({ connection, skip: ['connection.*'] });
    const registered = builtinChecks().find((c) => c.meta.id === 'connection.web-services-access')!;
    expect(run.result.checks[0]).toMatchObject({ id: registered.meta.id, title: registered.meta.title, why: registered.meta.why, status: 'error' });
    expect(run.result.notRun.map((n) => n.id)).toEqual(['connection.read-permissions']);
    expect(run.result.checks.slice(1).every((c) => c.status === 'error' && c.summary === 'not run: no connection')).toBe(true);
  });
});
