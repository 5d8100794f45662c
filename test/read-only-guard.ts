/**
 * Runs after every test file (jest setupFilesAfterEnv): proves that no test in the suite ever got
 * intacct-preflight's client to send a function outside the read allowlist. Every sandbox counts
 * what it received per User-Agent; raw XML that tests post on purpose (to see the sandbox refuse
 * a write) carries no client User-Agent and is not the client's doing.
 */
import { afterAll, expect } from '@jest/globals';
import { READ_FUNCTION_ALLOWLIST } from '../src/intacct/allowlist.js';
import { USER_AGENT } from '../src/intacct/version.js';
import { receivedInThisProcess } from '../src/sandbox/server.js';

/** Functions the client sent that are not reads, as "name ×count". */
export function nonReadFunctionsSentByClient(received: { name: string; userAgent: string; count: number }[]): string[] {
  return received
    .filter((r) => r.userAgent === USER_AGENT && !(READ_FUNCTION_ALLOWLIST as ReadonlySet<string>).has(r.name))
    .map((r) => `${r.name} ×${r.count}`);
}

afterAll(() => {
  expect(nonReadFunctionsSentByClient(receivedInThisProcess())).toEqual([]);
});
