/**
 * Check ids and check options are judged by the planner before anything else happens: a mistake
 * in the config file is one line with exit 4, worded as for library callers, before any password
 * prompt or network — and the run that would have asked for a password never asks.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAudit } from '../../src/audit/audit.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { cleanEnv, run, tempDir } from './helpers.js';

const ENV = {
  INTACCT_SENDER_ID: 'sender',
  INTACCT_SENDER_PASSWORD: 'sender-secret',
  INTACCT_COMPANY_ID: 'acme',
  INTACCT_USER_ID: 'auditor',
  // Unroutable on purpose: a run that got as far as connecting would fail differently.
  INTACCT_ENDPOINT_URL: 'http://127.0.0.1:9/ia/xml/xmlgw.phtml',
};

describe('config mistakes are caught before the password prompt', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a misspelt checkOptions id', { checkOptions: { 'payments.journal-entry-payment': { excludeJournals: ['CRJ'] } } }, 'checkOptions.payments.journal-entry-payment: unknown check "payments.journal-entry-payment" (did you mean payments.journal-entry-payments?) — intacct-preflight checks lists the ids.'],
    ['options for a check that takes none', { checkOptions: { 'ar.customer-refunds': { x: 1 } } }, 'checkOptions.ar.customer-refunds: the check ar.customer-refunds takes no options; remove its entry.'],
    ['a misspelt waiver id', { waivers: [{ check: 'ar.customer-id-sequense', reason: 'r', expires: '2099-01-01' }] }, 'waivers[0].check: unknown check "ar.customer-id-sequense" (did you mean ar.customer-id-sequence?) — intacct-preflight checks lists the ids.'],
  ])('%s', async (_what, config, expected) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'preflight.json'), JSON.stringify(config));
    // No user password and a terminal: without the early check, the tool would ask for it.
    const r = await run(['audit', '--config', 'preflight.json'], { cwd, env: cleanEnv(cwd, ENV), typed: 'typed-password\r' });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).not.toMatch(/Password for/);
    expect(r.stderr.trim().split('\n')).toEqual([`Error: Config file ${join(cwd, 'preflight.json')}: ${expected}`]);
  });

  test('a library caller gets the same wording, without the config file', async () => {
    await expect(runAudit({ checkOptions: { 'payments.journal-entry-payment': {} }, connection: { credentials: { senderId: 's', senderPassword: 'p', companyId: 'c', userId: 'u', userPassword: 'p' } } })).rejects.toThrow(
      /^checkOptions\.payments\.journal-entry-payment: unknown check "payments\.journal-entry-payment" \(did you mean payments\.journal-entry-payments\?\) — intacct-preflight checks lists the ids\.$/,
    );
  });
});
