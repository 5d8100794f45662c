/**
 * A hostile gateway for property tests: a loopback proxy in front of a real sandbox that lets the
 * sign-in through (pointing the session back at itself) and hands every other real response to a
 * mutation before the client sees it. The mutated text derives from genuine protocol answers, so
 * the client's parser and the engine meet near-misses, not just noise.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../../src/sandbox/server.js';

/** Turns the real response body into what the client receives. */
export type Mutation = (body: string) => string;

export interface HostileGateway {
  endpoint: string;
  /** The mutation applied to every response after sign-in (identity until set). */
  mutate: Mutation;
  /** Responses mutated since start. */
  mutated: number;
  /** Every session id the gateway behind issued, as seen on the wire (for leak tests). */
  sessionIds: string[];
  close(): Promise<void>;
}

export async function startHostileGateway(sb: Sandbox): Promise<HostileGateway> {
  let server: Server;
  const gw: HostileGateway = {
    endpoint: '',
    mutate: (b) => b,
    mutated: 0,
    sessionIds: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      fetch(sb.endpoint, { method: 'POST', body, headers: { 'content-type': 'application/xml' } })
        .then(async (upstream) => {
          const text = await upstream.text();
          let answer: string;
          if (body.includes('<getAPISession')) {
            for (const m of text.matchAll(/<sessionid>([^<]+)<\/sessionid>/g)) gw.sessionIds.push(m[1]!);
            // Keep the session on this proxy: the sandbox names itself as the session endpoint.
            answer = text.split(sb.endpoint).join(gw.endpoint);
          } else {
            gw.mutated += 1;
            answer = gw.mutate(text);
          }
          res.writeHead(upstream.status, { 'content-type': 'text/xml; charset=utf-8' });
          res.end(answer);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gw.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ia/xml/xmlgw.phtml`;
  return gw;
}
