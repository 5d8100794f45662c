/**
 * A recording HTTP relay in front of the sandbox: forwards each request body unchanged and records
 * both directions, so tests can see exactly what crossed the wire (session ids included, to prove
 * they never reach logs or errors). Optionally rewrites the session `<endpoint>` so that later
 * calls keep coming through the relay.
 */
import { request } from 'undici';
import { startRawPeer, type RawPeer } from './peer.js';

export interface Relay extends RawPeer {
  responses: string[];
}

export async function startRelay(target: string, opts: { rewriteEndpoint: boolean; endpointOverride?: string }): Promise<Relay> {
  const responses: string[] = [];
  let self = '';
  const peer = await startRawPeer((_req, body, res) => {
    request(target, { method: 'POST', body, headers: { 'content-type': 'application/xml' } })
      .then(async (r) => {
        let text = await r.body.text();
        responses.push(text);
        if (opts.endpointOverride) text = text.replace(/<endpoint>[^<]*<\/endpoint>/g, `<endpoint>${opts.endpointOverride}</endpoint>`);
        else if (opts.rewriteEndpoint) text = text.replace(/<endpoint>[^<]*<\/endpoint>/g, `<endpoint>${self}</endpoint>`);
        res.writeHead(r.statusCode, { 'content-type': String(r.headers['content-type'] ?? 'text/xml') });
        res.end(text);
      })
      .catch(() => res.destroy());
  });
  self = peer.endpoint;
  return Object.assign(peer, { responses });
}

/** Session ids that appeared in gateway responses. */
export function sessionIdsIn(responses: string[]): string[] {
  return [...new Set(responses.flatMap((r) => [...r.matchAll(/<sessionid>([^<]+)<\/sessionid>/g)].map((m) => m[1])))];
}
