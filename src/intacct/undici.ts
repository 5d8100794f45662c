/**
 * The three pieces of undici the client uses (Agent, EnvHttpProxyAgent, request), required from
 * their own files: undici's index loads fetch, WebSocket, caches and mocks too, which cost a CLI
 * run about a hundred milliseconds of start-up for nothing. Types still come from 'undici'.
 */
import { createRequire } from 'node:module';
import type { Agent as AgentType, Dispatcher, EnvHttpProxyAgent as EnvHttpProxyAgentType } from 'undici';

const require = createRequire(import.meta.url);

type Api = { request: (this: Dispatcher, opts: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData> };
const api = require('undici/lib/api/index.js') as Api;
// As undici's index does: dispatchers get request/stream/connect… (the proxy agent uses connect).
Object.assign((require('undici/lib/dispatcher/dispatcher.js') as { prototype: object }).prototype, api);

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof AgentType;
export const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent.js') as typeof EnvHttpProxyAgentType;

/** `undici.request(url, { dispatcher, ... })`: the URL split into origin and path, as undici does. */
export function request(url: string, opts: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher }): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = opts;
  const u = new URL(url);
  return api.request.call(dispatcher, { ...rest, origin: u.origin, path: u.search ? `${u.pathname}${u.search}` : u.pathname });
}
