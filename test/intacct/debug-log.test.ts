/**
 * A debug log that can no longer be written (full disk) never stops the audit it describes: the
 * client says so once, as a warning, and goes on reading.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntacctClient, type ClientEvent } from '../../src/intacct/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { clientTestCompany } from './company.js';

const FULL_DISK = '/dev/full'; // Linux: every write fails with ENOSPC
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ company: clientTestCompany() });
});
afterAll(async () => {
  await sandbox.close();
});

describe('debug log on a full disk', () => {
  it('reads go on; one warning says the log stopped', async () => {
    const events: ClientEvent[] = [];
    const client = new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials, debugLog: FULL_DISK, onEvent: (e) => events.push(e) });
    const outcomes = await client.execute([{ function: 'get_applications' }, { function: 'getFinancialSetup' }]);
    await client.close();
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const warnings = events.filter((e): e is Extract<ClientEvent, { type: 'warning' }> => e.type === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/Debug log \/dev\/full could not be written \(ENOSPC\)/);
  });
});
