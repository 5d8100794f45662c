/**
 * Test helpers that speak the gateway protocol by hand (raw XML over node:http), independent of
 * both the client and the sandbox's own XML code.
 */
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadCompany } from '../../src/sandbox/companies.js';
import type { CompanyFixture } from '../../src/sandbox/fixture.js';
import type { Sandbox } from '../../src/sandbox/server.js';

export const FIXTURE_PATH = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'small.json');

export function smallCompany(): CompanyFixture {
  return loadCompany(FIXTURE_PATH);
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** POSTs (or sends `method`) raw text; rejects with the socket error (e.g. ECONNRESET). */
export function send(url: string, body: string, method = 'POST'): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { 'Content-Type': 'application/xml', Connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
      res.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    });
    req.on('error', reject);
    if (method === 'POST') req.end(body);
    else req.end();
  });
}

export type Auth = { login: { userid: string; companyid: string; password: string; locationid?: string } } | { sessionid: string };

export function loginOf(sb: Sandbox, locationid?: string): Auth {
  const c = sb.credentials;
  return { login: { userid: c.userId, companyid: c.companyId, password: c.userPassword, ...(locationid !== undefined ? { locationid } : {}) } };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A full request envelope around `functions` (each the inner XML of one function). */
export function envelope(sb: Sandbox, auth: Auth, functions: string[], control: { senderid?: string; password?: string; dtdversion?: string } = {}): string {
  const authXml =
    'sessionid' in auth
      ? `<sessionid>${esc(auth.sessionid)}</sessionid>`
      : `<login><userid>${esc(auth.login.userid)}</userid><companyid>${esc(auth.login.companyid)}</companyid><password>${esc(auth.login.password)}</password>${
          auth.login.locationid !== undefined ? `<locationid>${esc(auth.login.locationid)}</locationid>` : ''
        }</login>`;
  const fns = functions.map((f, i) => `<function controlid="f${i + 1}">${f}</function>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><request><control><senderid>${esc(control.senderid ?? sb.credentials.senderId)}</senderid>` +
    `<password>${esc(control.password ?? sb.credentials.senderPassword)}</password><controlid>ctl-1</controlid><uniqueid>false</uniqueid>` +
    `<dtdversion>${control.dtdversion ?? '3.0'}</dtdversion><includewhitespace>false</includewhitespace></control>` +
    `<operation transaction="false"><authentication>${authXml}</authentication><content>${fns}</content></operation></request>`
  );
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, jpath) => {
    const p = String(jpath);
    return name === 'result' || name === 'error' || name === 'operation' || /\.data\.[^.]+$/.test(p) || p.endsWith('.VALIDVALUES.VALIDVALUE') || p.endsWith('.Fields.Field');
  },
});

export interface GwError {
  errorno: string;
  description: string;
  description2: string;
  correction: string;
}
export interface FnResult {
  status: string;
  function: string;
  controlid: string;
  attrs: Record<string, string>;
  /** Children of <data> by element name. */
  data: Record<string, unknown[]>;
  /** Records: all children of <data> of the record element (first child name). */
  records: Record<string, string>[];
  errors: GwError[];
}
export interface Parsed {
  raw: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  control: Record<string, string>;
  errors: GwError[];
  authStatus?: string;
  authentication?: Record<string, string>;
  authErrors: GwError[];
  results: FnResult[];
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return String((v as Record<string, unknown>)['#text'] ?? '');
  return String(v);
}

function errorsOf(node: unknown): GwError[] {
  const list = (node as { error?: unknown[] } | undefined)?.error ?? [];
  return list.map((e) => {
    const o = e as Record<string, unknown>;
    return { errorno: text(o.errorno), description: text(o.description), description2: text(o.description2), correction: text(o.correction) };
  });
}

/** Parses a response into the parts tests look at. */
export function parseResponse(body: string): Parsed {
  const doc = parser.parse(body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const resp = doc.response;
  if (!resp) throw new Error(`not a gateway response: ${body.slice(0, 200)}`);
  const op = resp.operation?.[0];
  const results: FnResult[] = (op?.result ?? []).map((r: Record<string, any>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const data = (r.data ?? {}) as Record<string, unknown>;
    const attrs: Record<string, string> = {};
    const children: Record<string, unknown[]> = {};
    if (typeof data === 'object') {
      for (const [k, v] of Object.entries(data)) {
        if (k.startsWith('@')) attrs[k.slice(1)] = String(v);
        else if (Array.isArray(v)) children[k] = v;
      }
    }
    const first = Object.values(children)[0] ?? [];
    const records = first.map((rec) => {
      const out: Record<string, string> = {};
      if (rec && typeof rec === 'object') for (const [k, v] of Object.entries(rec as Record<string, unknown>)) if (!k.startsWith('@')) out[k] = text(v);
      return out;
    });
    return { status: text(r.status), function: text(r.function), controlid: text(r.controlid), attrs, data: children, records, errors: errorsOf(r.errormessage) };
  });
  const control: Record<string, string> = {};
  for (const [k, v] of Object.entries(resp.control ?? {})) control[k] = text(v);
  const authentication: Record<string, string> | undefined = op?.authentication ? Object.fromEntries(Object.entries(op.authentication).map(([k, v]) => [k, text(v)])) : undefined;
  return {
    raw: doc,
    control,
    errors: errorsOf(resp.errormessage),
    authStatus: authentication?.status,
    authentication,
    authErrors: errorsOf(op?.errormessage),
    results,
  };
}

/** Sends functions with a login and returns the parsed results. */
export async function call(sb: Sandbox, functions: string[], auth?: Auth): Promise<Parsed> {
  const reply = await send(sb.endpoint, envelope(sb, auth ?? loginOf(sb), functions));
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
  return parseResponse(reply.body);
}

/** One function, expecting success; returns its result. */
export async function one(sb: Sandbox, fn: string, auth?: Auth): Promise<FnResult> {
  const p = await call(sb, [fn], auth);
  const r = p.results[0];
  if (!r) throw new Error(`no result: ${JSON.stringify(p.raw).slice(0, 300)}`);
  return r;
}

/** Opens a session (getAPISession) and returns its id. */
export async function session(sb: Sandbox, locationid?: string): Promise<string> {
  const r = await one(sb, '<getAPISession/>', loginOf(sb, locationid));
  const api = (r.data.api?.[0] ?? {}) as Record<string, unknown>;
  return text(api.sessionid);
}

export function queryXml(object: string, select: string[], extra = ''): string {
  return `<query><object>${object}</object><select>${select.map((f) => `<field>${f}</field>`).join('')}</select>${extra}</query>`;
}

export function rbqXml(object: string, query: string, fields = 'RECORDNO', pagesize?: number): string {
  return `<readByQuery><object>${object}</object><fields>${fields}</fields><query>${esc(query)}</query>${pagesize !== undefined ? `<pagesize>${pagesize}</pagesize>` : ''}</readByQuery>`;
}
