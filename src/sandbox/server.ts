/**
 * The sandbox gateway: a real HTTP server on 127.0.0.1 that answers the Intacct XML Web Services
 * protocol from a fixture company. It validates the control block (sender), authenticates each
 * operation (login or session), runs read functions one after another, and refuses anything else
 * without executing it. Realism knobs: latency, a concurrency limit (HTTP 429 / GW-0010 beyond
 * it), the cost model of cost.ts, and scripted or random faults (faults.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Company } from './company.js';
import { modelledServerTimeMs } from './cost.js';
import { Errors, FunctionFailure, type GatewayError } from './errors.js';
import { FaultPlan, functionFaultApplies, htmlErrorPage, type Fault, type FunctionFault, type RandomFaults, type RequestFault } from './faults.js';
import type { CompanyFixture } from './fixture.js';
import { HANDLERS, functionObject, type CallContext } from './handlers/index.js';
import { ResultSets } from './query/result-sets.js';
import { attr, child, childText, children, elementNames, parseXml, XmlRequestError, XmlWriter, type XNode } from './xml.js';

export type { Fault } from './faults.js';

export interface SandboxOptions {
  company: CompanyFixture;
  /** 0 / undefined = random; always bound to 127.0.0.1. */
  port?: number;
  /** Added to every request. */
  latencyMs?: number;
  /** Requests in flight beyond it → HTTP 429 with GW-0010. */
  maxConcurrent?: number;
  /** Server time per function = 5 ms + 0.1 ms per 1,000 rows examined (see cost.ts). Default off. */
  costModel?: boolean;
  /** Clock for sessions (ms since epoch); tests pass a fake one to expire sessions without waiting. */
  clock?: () => number;
  /** Largest request body accepted (default 10 MiB); beyond it → HTTP 413. */
  maxRequestBytes?: number;
  /**
   * Further companies served on the same port (a portfolio), each with its own credentials,
   * sessions, result sets and `maxConcurrent` allowance, as Intacct limits each company on its own.
   * A request goes to the company its login names, or whose session it carries.
   */
  moreCompanies?: CompanyFixture[];
}

export interface ReceivedFunction {
  request: number;
  name: string;
  controlId: string;
  object?: string;
  application?: string;
  sessionEntity?: string;
  /** 'success' | 'failure' once answered; absent when the request failed before functions ran. */
  status?: 'success' | 'failure';
  /** Rows examined (cost model input); 0 for functions that read no rows. */
  rowsExamined?: number;
  /** User-Agent of the request that carried it (tells intacct-preflight's client from raw test XML). */
  userAgent?: string;
  /** The company whose login or session the operation carried (absent when it did not authenticate). */
  companyId?: string;
}

/**
 * How often each function name arrived, per User-Agent, at every sandbox started in this process.
 * Lets a test suite prove, across all its tests, what its clients ever sent (see
 * test/read-only-guard.ts). Counts only, so a long-running sandbox does not grow with it.
 */
const ledger = new Map<string, { name: string; userAgent: string; count: number }>();
export function receivedInThisProcess(): { name: string; userAgent: string; count: number }[] {
  return [...ledger.values()];
}
function countInLedger(name: string, userAgent: string): void {
  const key = `${userAgent}\u0000${name}`;
  const entry = ledger.get(key);
  if (entry) entry.count++;
  else ledger.set(key, { name, userAgent, count: 1 });
}

export interface Sandbox {
  /** http://127.0.0.1:PORT/ia/xml/xmlgw.phtml */
  endpoint: string;
  credentials: { senderId: string; senderPassword: string; companyId: string; userId: string; userPassword: string };
  /** Every function received, in order (also refused ones). */
  received: ReceivedFunction[];
  stats: { requests: number; functions: number; bytesOut: number; throttled: number; modelledServerMs: number };
  /** Every company served (the first is `credentials`'), with its requests and the most it had in flight at once. */
  companies: { credentials: Sandbox['credentials']; stats: { requests: number; maxInFlight: number } }[];
  queueFault(fault: Fault, opts?: { times?: number }): void;
  setRandomFaults(opts: RandomFaults | null): void;
  expireSessions(): void;
  /**
   * Serves a company's records as they are now (a fixture with the id of one served): the ledger
   * moved on while a client read it. Sessions stay signed in; open result sets keep what they held.
   */
  replaceCompany(fixture: CompanyFixture): void;
  close(): Promise<void>;
}

const PATH = '/ia/xml/xmlgw.phtml';
const READ_FUNCTION_NAMES = new Set(['getAPISession', ...Object.keys(HANDLERS)]);
const WRITE_PREFIXES = /^(create|update|delete|upsert|reverse|apply|void|approve|decline|post|recall|submit|install|consolidate|reclass|run|send|close|open)/i;

interface Session {
  id: string;
  tenant: Tenant;
  entity: string | null;
  userId: string;
  expiresAt: number;
}

/** One company served: its fixture and everything kept per company. */
interface Tenant {
  fixture: CompanyFixture;
  company: Company;
  results: ResultSets;
  authorisedSenders: string[];
  timeoutMs: number;
  inFlight: number;
  stats: { requests: number; maxInFlight: number };
}

function tenantOf(fixture: CompanyFixture): Tenant {
  return {
    fixture,
    company: new Company(fixture),
    results: new ResultSets(),
    authorisedSenders: fixture.credentials.authorisedSenders ?? [fixture.credentials.senderId],
    timeoutMs: (fixture.sessionTimeoutSeconds ?? 3600) * 1000,
    inFlight: 0,
    stats: { requests: 0, maxInFlight: 0 },
  };
}

function credentialsOf(fixture: CompanyFixture): Sandbox['credentials'] {
  const c = fixture.credentials;
  return { senderId: c.senderId, senderPassword: c.senderPassword, companyId: fixture.company.id, userId: c.userId, userPassword: c.userPassword };
}

interface Processed {
  xml: string;
  rows: number[];
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function writeErrors(w: XmlWriter, errors: GatewayError[]): void {
  w.open('errormessage');
  for (const e of errors) w.open('error').leaf('errorno', e.errorno).leaf('description', e.description).leaf('description2', e.description2).leaf('correction', e.correction).close('error');
  w.close('errormessage');
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';

/** A response carrying only a gateway-level error (no control block could be validated). */
export function errorOnlyResponse(errors: GatewayError[]): string {
  const w = new XmlWriter();
  w.raw(XML_DECL).open('response');
  w.open('control').leaf('status', 'failure').close('control');
  writeErrors(w, errors);
  w.close('response');
  return w.toString();
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const tenants = [opts.company, ...(opts.moreCompanies ?? [])].map(tenantOf);
  const byCompanyId = new Map(tenants.map((t) => [t.fixture.company.id, t]));
  if (byCompanyId.size !== tenants.length) throw new Error('sandbox: every company served on one port needs its own company id');
  const single = tenants.length === 1 ? tenants[0]! : undefined;
  const clock = opts.clock ?? Date.now;
  const latencyMs = Math.max(0, opts.latencyMs ?? 0);
  const maxConcurrent = opts.maxConcurrent;
  const maxRequestBytes = opts.maxRequestBytes ?? 10 * 1024 * 1024;
  const sessions = new Map<string, Session>();
  const faults = new FaultPlan();
  const received: ReceivedFunction[] = [];
  const stats = { requests: 0, functions: 0, bytesOut: 0, throttled: 0, modelledServerMs: 0 };
  let requestCounter = 0;
  let endpoint = '';

  function newSession(tenant: Tenant, entity: string | null, userId: string): Session {
    const s: Session = { id: randomBytes(18).toString('base64url') + '..', tenant, entity, userId, expiresAt: clock() + tenant.timeoutMs };
    sessions.set(s.id, s);
    return s;
  }

  /** The whole XML answer to one request body, plus rows examined per function. */
  function processRequest(body: string, requestNo: number, fault: RequestFault | undefined, functionFaults: FunctionFault[], userAgent: string | undefined): Processed {
    const rows: number[] = [];
    let doc: XNode;
    try {
      doc = parseXml(body);
    } catch (e) {
      if (e instanceof XmlRequestError) return { xml: errorOnlyResponse([Errors.parse(e.message)]), rows };
      throw e;
    }
    const request = child(doc, 'request');
    const control = child(request, 'control');
    const operations = children(request, 'operation');
    if (!request || !control) return { xml: errorOnlyResponse([Errors.parse('the request must have a <request> element with a <control> block')]), rows };

    // Record every function first, so refused and unauthenticated ones are visible to tests too.
    const opFunctions = operations.map((op) =>
      children(child(op, 'content'), 'function').map((fnNode) => {
        const names = elementNames(fnNode);
        const name = names.length === 1 ? names[0]! : names.length === 0 ? '(empty)' : names.join('+');
        const body = names.length === 1 ? (child(fnNode, names[0]!) ?? {}) : {};
        const rec: ReceivedFunction = { request: requestNo, name, controlId: attr(fnNode, 'controlid') ?? '' };
        if (userAgent) rec.userAgent = userAgent;
        const object = names.length === 1 ? functionObject(name, body) : undefined;
        if (object) rec.object = object;
        if (name === 'get_companyprefs') {
          const app = attr(body, 'application') ?? childText(body, 'application');
          if (app) rec.application = app.trim().toUpperCase();
        }
        received.push(rec);
        countInLedger(name, userAgent ?? '');
        stats.functions++;
        return { rec, name, body, valid: names.length === 1 };
      }),
    );

    const senderId = childText(control, 'senderid') ?? '';
    const w = new XmlWriter();
    w.raw(XML_DECL).open('response');
    const writeControl = (status: string): void => {
      w.open('control')
        .leaf('status', status)
        .leaf('senderid', senderId)
        .leaf('controlid', childText(control, 'controlid') ?? '')
        .leaf('uniqueid', childText(control, 'uniqueid') ?? 'false')
        .leaf('dtdversion', childText(control, 'dtdversion') ?? '3.0')
        .close('control');
    };
    const dtd = (childText(control, 'dtdversion') ?? '').trim();
    let controlError: GatewayError | undefined;
    if (dtd !== '3.0') controlError = Errors.parse(`dtdversion '${dtd}' is not supported by the sandbox; use 3.0`);
    else if (!tenants.some((t) => senderId === t.fixture.credentials.senderId && (childText(control, 'password') ?? '') === t.fixture.credentials.senderPassword)) controlError = Errors.senderCredentials();
    else if (operations.length === 0) controlError = Errors.parse('the request has no <operation>');
    if (controlError) {
      writeControl('failure');
      writeErrors(w, [controlError]);
      w.close('response');
      return { xml: w.toString(), rows };
    }
    writeControl('success');

    const usedFunctionFaults = new Set<FunctionFault>();
    operations.forEach((op, opIndex) => {
      const fns = opFunctions[opIndex]!;
      w.open('operation');
      const auth = child(op, 'authentication');
      const login = child(auth, 'login');
      const sessionId = childText(auth, 'sessionid');
      const loginUser = childText(login, 'userid') ?? '';
      const loginCompany = childText(login, 'companyid') ?? '';
      const authFail = (error: GatewayError, userId = loginUser, companyId = loginCompany): void => {
        w.open('authentication').leaf('status', 'failure').leaf('userid', userId).leaf('companyid', companyId).close('authentication');
        writeErrors(w, [error]);
        w.close('operation');
      };
      if (fault?.kind === 'expire-session') sessions.clear();
      let session: Session | null = null;
      let entity: string | null = null;
      // The company: the one the login names (any, with a single company: its login check refuses a wrong one), or the session's.
      const tenant = login ? (single ?? byCompanyId.get(loginCompany)) : sessionId !== undefined ? (sessions.get(sessionId.trim())?.tenant ?? single) : single;
      if (!tenant) return authFail(login ? Errors.signIn() : Errors.sessionInvalid(), login ? loginUser : '', login ? loginCompany : '');
      const { fixture, company, results } = tenant;
      let userId = fixture.credentials.userId;
      if (!tenant.authorisedSenders.includes(senderId)) return authFail(Errors.senderNotAuthorised(senderId, loginCompany || fixture.company.id));
      if (fault?.kind === 'auth-failure') return authFail(Errors.signIn());
      if (login) {
        if (loginUser !== fixture.credentials.userId || loginCompany !== fixture.company.id || (childText(login, 'password') ?? '') !== fixture.credentials.userPassword) return authFail(Errors.signIn());
        const location = (childText(login, 'locationid') ?? '').trim();
        if (location !== '' && !company.entity(location)) return authFail(Errors.entity(location));
        entity = location === '' ? null : location;
        userId = loginUser;
      } else if (sessionId !== undefined) {
        const s = sessions.get(sessionId.trim());
        if (!s || s.tenant !== tenant || s.expiresAt <= clock()) {
          if (s) sessions.delete(s.id);
          return authFail(Errors.sessionInvalid(), '', fixture.company.id);
        }
        s.expiresAt = clock() + tenant.timeoutMs; // sliding expiry
        session = s;
        entity = s.entity;
        userId = s.userId;
      } else {
        return authFail(Errors.parse('the <authentication> block needs <login> or <sessionid>'));
      }
      const now = clock();
      w.open('authentication')
        .leaf('status', 'success')
        .leaf('userid', userId)
        .leaf('companyid', fixture.company.id)
        .leaf('locationid', entity ?? '')
        .leaf('sessiontimestamp', iso(now))
        .leaf('sessiontimeout', iso(session ? session.expiresAt : now + tenant.timeoutMs))
        .close('authentication');

      const ctx: CallContext = { company, entity, results };
      const mixedSession = fns.some((f) => f.name === 'getAPISession') && fns.length > 1;
      for (const f of fns) {
        if (entity !== null) f.rec.sessionEntity = entity;
        f.rec.companyId = fixture.company.id;
        let outcome: { ok: true; xml: string; rows: number } | { ok: false; errors: GatewayError[]; rows: number };
        if (mixedSession) outcome = { ok: false, errors: [Errors.notAlone()], rows: 0 };
        else if (!f.valid) outcome = { ok: false, errors: [Errors.parse('a <function> must contain exactly one function element')], rows: 0 };
        else if (!READ_FUNCTION_NAMES.has(f.name)) outcome = { ok: false, errors: [WRITE_PREFIXES.test(f.name) ? Errors.readOnly(f.name) : Errors.unsupported(f.name)], rows: 0 };
        else {
          // A readMore reads its result set's object: it is recorded, and faulted, as a read of that object.
          if (f.rec.object === undefined && f.name === 'readMore') {
            const id = childText(f.body, 'resultId');
            const read = id ? results.objectOf(id.trim()) : undefined;
            if (read) f.rec.object = read.name;
          }
          const object = f.rec.object;
          const injected = object ? (functionFaults.find((ff) => functionFaultApplies(ff, object)) ?? faults.functionFaultFor(object)) : undefined;
          if (injected && object) {
            usedFunctionFaults.add(injected);
            outcome = { ok: false, errors: [injected.permission ? Errors.permission(f.name, object) : Errors.generic(f.name)], rows: 0 };
          } else if (f.name === 'getAPISession') {
            outcome = apiSession(tenant, f.body, entity, userId, session);
          } else {
            try {
              const out = HANDLERS[f.name]!(f.body, ctx, f.name);
              outcome = { ok: true, xml: out.xml, rows: out.rows };
            } catch (e) {
              if (e instanceof FunctionFailure) outcome = { ok: false, errors: e.errors, rows: 0 };
              else outcome = { ok: false, errors: [Errors.generic(f.name)], rows: 0 };
            }
          }
        }
        rows.push(outcome.rows);
        f.rec.rowsExamined = outcome.rows;
        f.rec.status = outcome.ok ? 'success' : 'failure';
        w.open('result').leaf('status', f.rec.status).leaf('function', f.name).leaf('controlid', f.rec.controlId);
        if (outcome.ok) w.raw(outcome.xml);
        else writeErrors(w, outcome.errors);
        w.close('result');
      }
      w.close('operation');
    });
    faults.consumeFunctionFaults(usedFunctionFaults);
    w.close('response');
    return { xml: w.toString(), rows };
  }

  function apiSession(tenant: Tenant, body: XNode, entity: string | null, userId: string, current: Session | null): { ok: true; xml: string; rows: number } | { ok: false; errors: GatewayError[]; rows: number } {
    const hasLocation = body['locationid'] !== undefined;
    const location = hasLocation ? (childText(body, 'locationid') ?? '').trim() : undefined;
    let target = entity;
    if (location !== undefined) {
      if (location !== '' && !tenant.company.entity(location)) return { ok: false, errors: [Errors.invalidArgument(`getAPISession: entity '${location}' does not exist`)], rows: 0 };
      target = location === '' ? null : location;
    }
    const s = current && current.entity === target ? current : newSession(tenant, target, userId);
    const w = new XmlWriter();
    w.open('data').open('api').leaf('sessionid', s.id).leaf('endpoint', endpoint).leaf('locationid', s.entity ?? '').close('api').close('data');
    return { ok: true, xml: w.toString(), rows: 0 };
  }

  /** The company a request is for: its first operation's login company or session (the first company when neither says). */
  function routeRequest(body: string): Tenant {
    try {
      const auth = child(children(child(parseXml(body), 'request'), 'operation')[0], 'authentication');
      const login = child(auth, 'login');
      const sessionId = childText(auth, 'sessionid');
      const found = login ? byCompanyId.get(childText(login, 'companyid') ?? '') : sessionId !== undefined ? sessions.get(sessionId.trim())?.tenant : undefined;
      return found ?? tenants[0]!;
    } catch {
      return tenants[0]!;
    }
  }

  function send(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
    const buf = Buffer.from(body, 'utf8');
    stats.bytesOut += buf.length;
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buf.length), ...headers });
    res.end(buf);
  }

  function readBody(req: IncomingMessage): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxRequestBytes) tooBig = true;
        else chunks.push(c);
      });
      req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = (req.url ?? '/').split('?')[0];
    if (url !== PATH) {
      req.resume();
      await sleep(latencyMs);
      return send(res, 404, htmlErrorPage(404), 'text/html; charset=utf-8');
    }
    if (req.method !== 'POST') {
      req.resume();
      await sleep(latencyMs);
      return send(res, 405, errorOnlyResponse([Errors.gatewayGet()]), 'text/xml; charset=utf-8', { Allow: 'POST' });
    }
    stats.requests++;
    // With several companies, the body says whose allowance the request uses.
    let body: string | null | undefined;
    let tenant = single;
    if (!tenant) {
      body = await readBody(req);
      tenant = body === null ? tenants[0]! : routeRequest(body);
    }
    const t = tenant;
    t.stats.requests++;
    if (maxConcurrent !== undefined && t.inFlight >= maxConcurrent) {
      stats.throttled++;
      if (body === undefined) await readBody(req);
      await sleep(latencyMs);
      return send(res, 429, errorOnlyResponse([Errors.rateLimit()]), 'text/xml; charset=utf-8');
    }
    t.inFlight++;
    t.stats.maxInFlight = Math.max(t.stats.maxInFlight, t.inFlight);
    let released = false;
    const release = (): void => {
      if (!released) {
        released = true;
        t.inFlight--;
      }
    };
    res.on('close', release);
    try {
      if (body === undefined) body = await readBody(req);
      if (body === null) {
        await sleep(latencyMs);
        return send(res, 413, errorOnlyResponse([Errors.parse(`request body larger than ${maxRequestBytes} bytes`)]), 'text/xml; charset=utf-8', { Connection: 'close' });
      }
      const requestNo = ++requestCounter;
      const { request: fault, functions: functionFaults } = faults.take();
      if (fault?.kind === 'http-status') {
        await sleep(latencyMs);
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
        const kind = fault.body ?? (fault.status === 429 ? 'gw-0010' : 'html');
        if (kind === 'gw-0010') return send(res, fault.status, errorOnlyResponse([Errors.rateLimit()]), 'text/xml; charset=utf-8', headers);
        if (kind === 'html') return send(res, fault.status, htmlErrorPage(fault.status), 'text/html; charset=utf-8', headers);
        return send(res, fault.status, '', 'text/plain', headers);
      }
      if (fault?.kind === 'reset') {
        await sleep(latencyMs);
        req.socket.destroy();
        return;
      }
      const processed = processRequest(body, requestNo, fault, functionFaults, req.headers['user-agent']);
      const modelled = opts.costModel ? modelledServerTimeMs(processed.rows) : 0;
      stats.modelledServerMs += modelled;
      await sleep(started + latencyMs + modelled - performance.now());
      const xml = fault?.kind === 'malformed' ? malformed(processed.xml) : processed.xml;
      if (fault?.kind === 'truncate') return sendTruncated(res, xml, fault.mode ?? 'chunked');
      if (fault?.kind === 'slow-body') return sendSlowly(res, xml, fault.delayMs);
      return send(res, 200, xml, 'text/xml; charset=utf-8');
    } catch {
      if (!res.headersSent) send(res, 500, htmlErrorPage(500), 'text/html; charset=utf-8');
      else res.destroy();
    }
  }

  function malformed(xml: string): string {
    // Starts like a real answer, then breaks: mismatched and unclosed elements.
    return `${xml.slice(0, Math.min(xml.length, 120))}<result><status>succ</statu><data><<broken</response`;
  }

  function sendTruncated(res: ServerResponse, xml: string, mode: 'chunked' | 'close'): void {
    const buf = Buffer.from(xml, 'utf8');
    const half = buf.subarray(0, Math.max(1, Math.floor(buf.length / 2)));
    stats.bytesOut += half.length;
    if (mode === 'chunked') {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(half);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(buf.length) });
    res.write(half, () => res.socket?.destroy());
  }

  function sendSlowly(res: ServerResponse, xml: string, delayMs: number): void {
    const buf = Buffer.from(xml, 'utf8');
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(buf.length) });
    res.flushHeaders();
    const timer = setTimeout(() => {
      if (res.destroyed) return;
      stats.bytesOut += buf.length;
      res.end(buf);
    }, delayMs);
    res.on('close', () => clearTimeout(timer));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://127.0.0.1:${port}${PATH}`;

  return {
    endpoint,
    credentials: credentialsOf(opts.company),
    companies: tenants.map((t) => ({ credentials: credentialsOf(t.fixture), stats: t.stats })),
    received,
    stats,
    queueFault(fault: Fault, o?: { times?: number }) {
      faults.queue(fault, o?.times ?? 1);
    },
    setRandomFaults(o) {
      faults.setRandom(o);
    },
    expireSessions() {
      sessions.clear();
    },
    replaceCompany(fixture) {
      const tenant = byCompanyId.get(fixture.company.id);
      if (!tenant) throw new Error(`sandbox: no company ${fixture.company.id} is served here`);
      // Everything derived from the fixture goes with it; result sets, stats and requests in flight stay.
      const { company, authorisedSenders, timeoutMs } = tenantOf(fixture);
      Object.assign(tenant, { fixture, company, authorisedSenders, timeoutMs });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
