/**
 * The suite-wide read-only guard (test/read-only-guard.ts) must really watch: it sees what the
 * client sends, and it would flag a write that reached a sandbox with the client's User-Agent.
 */
import { describe, expect, it } from '@jest/globals';
import { request } from 'undici';
import { IntacctClient } from '../../src/intacct/client.js';
import { USER_AGENT } from '../../src/intacct/version.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { receivedInThisProcess, startSandbox } from '../../src/sandbox/server.js';
import { nonReadFunctionsSentByClient } from '../read-only-guard.js';

describe('suite-wide read-only guard', () => {
  it('counts what the client sent, under the client User-Agent', async () => {
    const sandbox = await startSandbox({ company: loadCompany('ready') });
    try {
      const client = new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials });
      await client.execute([{ function: 'get_applications' }]);
      await client.close();
      const seen = receivedInThisProcess().filter((r) => r.userAgent === USER_AGENT).map((r) => r.name);
      expect(seen).toEqual(expect.arrayContaining(['getAPISession', 'get_applications']));
    } finally {
      await sandbox.close();
    }
  });

  it('flags a non-read function that arrived with the client User-Agent, not raw test XML', () => {
    const received = [
      { name: 'query', userAgent: USER_AGENT, count: 3 },
      { name: 'create', userAgent: USER_AGENT, count: 1 },
      { name: 'delete', userAgent: 'raw-test', count: 2 },
    ];
    expect(nonReadFunctionsSentByClient(received)).toEqual(['create ×1']);
  });

  it('a write posted as raw XML is refused by the sandbox and not counted as the client', async () => {
    const sandbox = await startSandbox({ company: loadCompany('ready') });
    try {
      const c = sandbox.credentials;
      const xml = `<?xml version="1.0"?><request><control><senderid>${c.senderId}</senderid><password>${c.senderPassword}</password><controlid>t</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control><operation><authentication><login><userid>${c.userId}</userid><companyid>${c.companyId}</companyid><password>${c.userPassword}</password></login></authentication><content><function controlid="w"><delete><object>CUSTOMER</object><keys>1</keys></delete></function></content></operation></request>`;
      const res = await request(sandbox.endpoint, { method: 'POST', body: xml, headers: { 'content-type': 'application/xml', 'user-agent': 'raw-test' } });
      expect(await res.body.text()).toContain('<status>failure</status>');
      expect(nonReadFunctionsSentByClient(receivedInThisProcess())).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
