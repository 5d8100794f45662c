/**
 * A raw HTTP peer on 127.0.0.1 for responses the sandbox gateway cannot (and should not) produce:
 * hostile bodies, DOCTYPE bombs, huge or deeply nested documents. It is an adversary, not a stand-in
 * for the client: the client under test is the real one, over real HTTP.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawPeer {
  endpoint: string;
  /** Request bodies received, in order. */
  bodies: string[];
  close(): Promise<void>;
}

export type RawHandler = (req: IncomingMessage, body: string, res: ServerResponse, index: number) => void;

export async function startRawPeer(handler: RawHandler): Promise<RawPeer> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      try {
        handler(req, body, res, bodies.length - 1);
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/ia/xml/xmlgw.phtml`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const PEER_CREDENTIALS = {
  senderId: 'peer-sender',
  senderPassword: 'Peer-Sender-Pa55!',
  companyId: 'PEERCO',
  userId: 'peer-user',
  userPassword: 'Peer-User-Pa55!',
};

export const PEER_SESSION_ID = 'PeerSessionId0123456789..';

/** A successful getAPISession answer (so the client gets past connect()). */
export function sessionResponse(endpoint: string, controlId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status><senderid>peer-sender</senderid><controlid>c</controlid></control><operation><authentication><status>success</status><userid>peer-user</userid><companyid>PEERCO</companyid></authentication><result><status>success</status><function>getAPISession</function><controlid>${controlId}</controlid><data><api><sessionid>${PEER_SESSION_ID}</sessionid><endpoint>${endpoint}</endpoint><locationid></locationid></api></data></result></operation></response>`;
}

/** The function controlids of a request body, in order. */
export function functionControlIds(body: string): string[] {
  return [...body.matchAll(/<function controlid="([^"]+)"/g)].map((m) => m[1]);
}

/** Wrap result XML in a successful response envelope. */
export function okResponse(results: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status></control><operation><authentication><status>success</status></authentication>${results}</operation></response>`;
}
