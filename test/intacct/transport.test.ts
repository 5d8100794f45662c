/** HTTP details users rely on: headers, and corporate proxies via HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { IntacctClient, USER_AGENT, createDispatcher } from '../../src/intacct/index.js';
import { clientTestCompany } from './company.js';
import { startRawPeer, type RawPeer } from './peer.js';

let sandbox: Sandbox;
let proxy: Server;
let peer: RawPeer;
const tunnels: string[] = [];
const sockets = new Set<Socket>();
const headers: Record<string, unknown>[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ company: clientTestCompany() });
  // A corporate-style proxy: it opens CONNECT tunnels and records where they go.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, clientSocket: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    for (const s of [clientSocket, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  peer = await startRawPeer((req, _body, res) => {
    headers.push(req.headers);
    res.writeHead(503, { 'content-type': 'text/plain' }).end();
  });
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await peer.close();
  await sandbox.close();
});

const proxyUrl = (): string => `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
const sandboxHost = (): string => new URL(sandbox.endpoint).host;

describe('transport', () => {
  it('sends application/xml, asks for gzip and names itself in the User-Agent', async () => {
    const c = new IntacctClient({ endpoint: peer.endpoint, credentials: sandbox.credentials, retry: { maxAttempts: 1 } });
    try {
      await c.connect().catch(() => undefined);
      expect(headers[0]['user-agent']).toBe(USER_AGENT);
      expect(USER_AGENT).toMatch(/^intacct-preflight\/\d+\.\d+\.\d+/);
      expect(headers[0]['content-type']).toMatch(/^application\/xml/);
      expect(headers[0]['accept-encoding']).toMatch(/gzip/);
    } finally {
      await c.close();
    }
  });

  it('goes through the proxy named by HTTP_PROXY', async () => {
    const c = new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials, env: { HTTP_PROXY: proxyUrl() } });
    try {
      tunnels.length = 0;
      const [o] = await c.execute([{ function: 'get_applications' }]);
      expect(o.ok).toBe(true);
      expect(tunnels.length).toBeGreaterThanOrEqual(1);
      expect(new Set(tunnels)).toEqual(new Set([sandboxHost()]));
    } finally {
      await c.close();
    }
  });

  it('bypasses the proxy for hosts in NO_PROXY, and goes direct without proxy settings', async () => {
    for (const env of [{ HTTP_PROXY: proxyUrl(), NO_PROXY: '127.0.0.1' }, {}]) {
      const c = new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials, env });
      try {
        tunnels.length = 0;
        const [o] = await c.execute([{ function: 'get_applications' }]);
        expect(o.ok).toBe(true);
        expect(tunnels).toHaveLength(0);
      } finally {
        await c.close();
      }
    }
  });

  it('creates a proxy-aware dispatcher only when a proxy is configured', () => {
    expect(createDispatcher({ HTTPS_PROXY: 'http://proxy.example:3128' }).constructor.name).toBe('EnvHttpProxyAgent');
    expect(createDispatcher({ https_proxy: 'http://proxy.example:3128' }).constructor.name).toBe('EnvHttpProxyAgent');
    expect(createDispatcher({}).constructor.name).toBe('Agent');
  });
});
