/**
 * Secrets (passwords, session ids) never appear in the debug log, in thrown errors or in anything
 * else the client hands back — even when a gateway echoes them.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { IntacctClient, REDACTED, SecretScrubber, redactXmlElements, type ClientEvent } from '../../src/intacct/index.js';
import { clientTestCompany } from './company.js';
import { sessionIdsIn, startRelay } from './proxy.js';
import { PEER_CREDENTIALS, PEER_SESSION_ID, functionControlIds, okResponse, sessionResponse, startRawPeer } from './peer.js';

let dir: string;
let sandbox: Sandbox;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipf-redact-'));
  // Passwords with XML-special characters, so escaped forms must be caught too.
  const company = clientTestCompany();
  company.credentials.senderPassword = 'S3nder&<Secret>"pw';
  company.credentials.userPassword = "Us3r'Secret&pw#2";
  sandbox = await startSandbox({ company });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function assertNoSecret(text: string, secrets: string[], where: string): void {
  for (const s of secrets) {
    expect({ where, found: text.includes(s) }).toEqual({ where, found: false });
  }
}

describe('redaction', () => {
  it('keeps passwords and every session id out of the debug log, errors, outcomes, stats and events', async () => {
    const relay = await startRelay(sandbox.endpoint, { rewriteEndpoint: true });
    const logFile = join(dir, 'debug.log');
    const events: ClientEvent[] = [];
    const c = new IntacctClient({
      endpoint: relay.endpoint,
      credentials: sandbox.credentials,
      debugLog: logFile,
      retry: { baseDelayMs: 1 },
      onEvent: (e) => events.push(e),
    });
    const captured: string[] = [];
    try {
      captured.push(JSON.stringify(await c.connect()));
      captured.push(JSON.stringify(await c.execute([{ function: 'get_applications' }, { function: 'query', object: 'VENDOR', select: ['VENDORID'] }])));
      sandbox.expireSessions(); // forces a renewal: a second session id
      captured.push(JSON.stringify(await c.execute([{ function: 'lookup', object: 'NOSUCHOBJECT' }])));
      const east = await c.forEntity('E100'); // a third session id
      captured.push(JSON.stringify(await east.execute([{ function: 'readEntityDetails' }])));
      sandbox.queueFault({ kind: 'auth-failure' }, { times: 2 });
      const thrown = await c.execute([{ function: 'get_applications' }]).catch((e: unknown) => e as Error);
      captured.push(String(thrown), (thrown as Error).stack ?? '', JSON.stringify(thrown));
      const badLogin = new IntacctClient({ endpoint: sandbox.endpoint, credentials: { ...sandbox.credentials, userPassword: 'Wr0ng-Password!' } });
      const loginError = await badLogin.connect().catch((e: unknown) => e as Error);
      captured.push(String(loginError), (loginError as Error).stack ?? '', JSON.stringify(loginError));
      await badLogin.close();
      captured.push(JSON.stringify(c.stats), JSON.stringify(events));
    } finally {
      await c.close();
      await relay.close();
    }
    const sessionIds = sessionIdsIn(relay.responses);
    expect(sessionIds.length).toBeGreaterThanOrEqual(3);
    const secrets = [sandbox.credentials.senderPassword, sandbox.credentials.userPassword, 'Wr0ng-Password!', ...sessionIds];
    const log = readFileSync(logFile, 'utf8');
    assertNoSecret(log, secrets, 'debug log');
    assertNoSecret(log, ['S3nder&amp;&lt;Secret&gt;&quot;pw', 'Us3r&apos;Secret&amp;pw#2'], 'debug log (escaped)');
    captured.forEach((text, i) => assertNoSecret(text, secrets, `captured output #${i}`));
    // The log is still useful: every request and response is there, with secrets replaced.
    expect(log).toMatch(/<password>REDACTED<\/password>/);
    expect(log).toMatch(/<sessionid>REDACTED<\/sessionid>/);
    expect(log).toContain('<get_applications/>');
    expect(log.match(/^--- .* RESPONSE /gm)?.length).toBeGreaterThanOrEqual(6);
    expect(statSync(logFile).mode & 0o077).toBe(0);
  });

  it('scrubs secrets that a gateway echoes in error text', async () => {
    const peer = await startRawPeer((_req, body, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      if (body.includes('<getAPISession')) return res.end(sessionResponse(peer.endpoint, functionControlIds(body)[0]));
      const [id] = functionControlIds(body);
      res.end(
        okResponse(
          `<result><status>failure</status><function>lookup</function><controlid>${id}</controlid><errormessage><error><errorno>BL01</errorno>` +
            `<description>Bad password ${PEER_CREDENTIALS.userPassword}</description><description2>session ${PEER_SESSION_ID} sender ${PEER_CREDENTIALS.senderPassword}</description2><correction/></error></errormessage></result>`,
        ),
      );
    });
    const c = new IntacctClient({ endpoint: peer.endpoint, credentials: PEER_CREDENTIALS });
    try {
      const [o] = await c.execute([{ function: 'lookup', object: 'CUSTOMER' }]);
      const text = o.ok ? '' : `${o.error.message} ${JSON.stringify(o.error)}`;
      expect(text).toContain(REDACTED);
      assertNoSecret(text, [PEER_CREDENTIALS.userPassword, PEER_CREDENTIALS.senderPassword, PEER_SESSION_ID], 'function error');
    } finally {
      await c.close();
      await peer.close();
    }
  });

  it('redacts sensitive elements case-insensitively, with attributes, across line breaks', () => {
    const xml = '<Password>a\nb</PASSWORD><sessionid x="1">\n  abc\n</sessionid><taxid>12-345</taxid><ACHACCOUNTNUMBER>9</ACHACCOUNTNUMBER><cardnum>4111</cardnum><name>keep</name>';
    expect(redactXmlElements(xml)).toBe(
      '<Password>REDACTED</Password><sessionid x="1">REDACTED</sessionid><taxid>REDACTED</taxid><ACHACCOUNTNUMBER>REDACTED</ACHACCOUNTNUMBER><cardnum>REDACTED</cardnum><name>keep</name>',
    );
  });

  it('replaces known secret values anywhere, also in escaped form', () => {
    const s = new SecretScrubber();
    s.add('p&ss<word>', 'Session123');
    expect(s.scrub('x p&ss<word> y p&amp;ss&lt;word&gt; z Session123 p%26ss%3Cword%3E')).toBe('x REDACTED y REDACTED z REDACTED REDACTED');
  });
});
