/**
 * A debug log that can no longer be written (full disk, a file removed under it) never stops the
 * audit it describes: the client says so once, as a warning, and goes on reading. A log that could
 * never be written (a device, a FIFO) is refused when the client is made, before any request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, IntacctClient, type ClientEvent } from '../../src/intacct/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { clientTestCompany } from './company.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ company: clientTestCompany() });
});
afterAll(async () => {
  await sandbox.close();
});

describe('debug log', () => {
  it('that stops being writable mid-run: reads go on; one warning says the log stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'debug-log-'));
    const log = join(dir, 'debug.log');
    const events: ClientEvent[] = [];
    const client = new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials, debugLog: log, onEvent: (e) => events.push(e) });
    // The log file is gone and a folder stands in its place: every append now fails (EISDIR).
    rmSync(log);
    mkdirSync(log);
    const outcomes = await client.execute([{ function: 'get_applications' }, { function: 'getFinancialSetup' }]);
    await client.close();
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const warnings = events.filter((e): e is Extract<ClientEvent, { type: 'warning' }> => e.type === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/Debug log .*debug\.log could not be written \(EISDIR\); it stops here/);
  });

  it('on a device (/dev/full) is refused before any request', () => {
    const before = sandbox.received.length;
    expect(() => new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials, debugLog: '/dev/full' })).toThrow(ConfigurationError);
    expect(() => new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials, debugLog: '/dev/full' })).toThrow(/\/dev\/full: is a character device/);
    expect(sandbox.received.length).toBe(before);
  });
});
