/**
 * The Intacct XML gateway client: sessions, batching, paging, retries and limits, read-only by
 * construction. One `IntacctClient` per company connection; `forEntity()` adds sessions at entities
 * of a multi-entity company that share the HTTP pool, the concurrency limit and the counters.
 */
import type { Dispatcher } from 'undici';
import { assertBatchableRead, assertReadFunction } from './allowlist.js';
import { zeroStats, type RunStats } from '../model/result.js';
import { CREDENTIAL_NAMES, REQUIRED_CREDENTIALS, type Credentials } from './credentials.js';
import { DebugLog } from './debug-log.js';
import { DEFAULT_ENDPOINT, validateEndpoint } from './endpoint.js';
import { buildRequest, type LoginAuth, type RequestFunction, type SessionAuth } from './envelope.js';
import {
  AuthenticationError,
  ConfigurationError,
  ControlError,
  FunctionError,
  HttpError,
  IntacctError,
  MalformedResponseError,
  describeGatewayErrors,
} from './errors.js';
import type { FunctionData, ReadFunction, XmlRecord } from './functions.js';
import { DEFAULT_MAX_RESPONSE_BYTES, createDispatcher, describeHttpFailure, postXml, type HttpResponse } from './http.js';
import { isThrottled, isThrottledBody } from './gateway-errors.js';
import { ConcurrencyLimiter } from './limiter.js';
import { SecretScrubber } from './redact.js';
import {
  authenticationError,
  controlError,
  functionError,
  interpretResponse,
  parseXmlDocument,
  screenBody,
  type GatewayResponse,
} from './response.js';
import { planRequests } from './request-plan.js';
import { scanRecords, splitRecords, type RecordSpan } from './record-scan.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, withRetries, type RetryPolicy } from './retry.js';
import { USER_AGENT } from './version.js';

export type { Credentials } from './credentials.js';

/** Things the client reports while it works (for --verbose output and progress). */
export type ClientEvent =
  | { type: 'request'; attempt: number; functions: number; endpoint: string; entityId?: string }
  | { type: 'retry'; attempt: number; delayMs: number; reason: string }
  | { type: 'session'; renewed: boolean; entityId?: string; endpoint: string }
  | { type: 'warning'; message: string };

export interface ClientOptions {
  /** Default https://api.intacct.com/ia/xml/xmlgw.phtml; plain http only to loopback. */
  endpoint?: string;
  credentials: Credentials;
  /** HTTP requests in flight, shared with entity sessions (default 2). */
  concurrency?: number;
  /** Functions per HTTP request (default 50). */
  maxFunctionsPerRequest?: number;
  /** Per HTTP request, headers and body included (default 60000). */
  timeoutMs?: number;
  /** Overall budget of one execute()/connect() including retries (default 300000). */
  deadlineMs?: number;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number; random?: () => number };
  /** File path: every request and response, redacted. */
  debugLog?: string;
  /** Cap on one (decompressed) response body (default 20 MiB). */
  maxResponseBytes?: number;
  /** Custom undici dispatcher; by default createDispatcher(env). */
  dispatcher?: Dispatcher;
  /** Environment for proxy settings (default process.env). */
  env?: NodeJS.ProcessEnv;
  onEvent?: (event: ClientEvent) => void;
}

export interface ExecuteOptions {
  /**
   * Hands over the records of each successful function one at a time, in document order, instead
   * of collecting them in `FunctionData.records` (left empty): large pages are read without a
   * parse tree of the whole response. Called (with the function's index in `fns`) only once the
   * response is accepted, before `execute` resolves.
   */
  onRecord?: (index: number, record: XmlRecord) => void;
}

/** A response whose records were left in the body (ExecuteOptions.onRecord), by controlid. */
type Answer = GatewayResponse & { records?: { body: string; spans: Map<string, RecordSpan> } };

export type FunctionOutcome =
  | { ok: true; fn: ReadFunction; controlId: string; data: FunctionData }
  | { ok: false; fn: ReadFunction; controlId: string; error: IntacctError };

/** What connect() learned. Never includes the session id. */
export interface SessionInfo {
  endpoint: string;
  /** Entity of the session ('' or undefined at top level). */
  locationId?: string;
  userId?: string;
  companyId?: string;
  /** Projected expiry (ISO-8601) as the gateway reported it. */
  sessionTimeout?: string;
  warnings: string[];
}

/** The client's running counts are the report's run stats: one type. */
export type ClientStats = RunStats;

/** State shared by a client and its entity sessions. */
interface Shared {
  endpoint: string;
  credentials: Credentials;
  concurrency: number;
  maxFunctionsPerRequest: number;
  timeoutMs: number;
  deadlineMs: number;
  maxResponseBytes: number;
  policy: RetryPolicy;
  dispatcher: Dispatcher;
  ownsDispatcher: boolean;
  limiter: ConcurrencyLimiter;
  stats: ClientStats;
  scrubber: SecretScrubber;
  debugLog?: DebugLog;
  onEvent?: (event: ClientEvent) => void;
  nextId: number;
  runId: string;
}

interface Session {
  id: string;
  endpoint: string;
  info: SessionInfo;
}

function positiveInt(name: string, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ConfigurationError(`Option ${name} must be a whole number from 1 to ${max} (got ${String(value)})`);
  }
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new ConfigurationError(`Option ${name} must be a number ≥ 0 (got ${String(value)})`);
  return value;
}

function buildShared(opts: ClientOptions): Shared {
  if (!opts || typeof opts !== 'object') throw new ConfigurationError('Client options are required');
  const creds = opts.credentials ?? ({} as Credentials);
  const missing = REQUIRED_CREDENTIALS.filter((k) => typeof creds[k] !== 'string' || creds[k] === '').map((k) => CREDENTIAL_NAMES[k].label);
  if (missing.length > 0) throw new ConfigurationError(`Missing Intacct credentials: ${missing.join(', ')}`);
  const scrubber = new SecretScrubber();
  scrubber.add(creds.senderPassword, creds.userPassword);
  const r = opts.retry ?? {};
  const policy: RetryPolicy = {
    maxAttempts: positiveInt('retry.maxAttempts', r.maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts, 100),
    baseDelayMs: nonNegative('retry.baseDelayMs', r.baseDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs),
    maxDelayMs: nonNegative('retry.maxDelayMs', r.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs),
    maxRetryAfterMs: nonNegative('retry.maxRetryAfterMs', r.maxRetryAfterMs, DEFAULT_RETRY_POLICY.maxRetryAfterMs),
    random: r.random ?? DEFAULT_RETRY_POLICY.random,
  };
  const concurrency = positiveInt('concurrency', opts.concurrency, 2, 64);
  const endpoint = validateEndpoint(opts.endpoint ?? DEFAULT_ENDPOINT);
  return {
    endpoint,
    credentials: { ...creds },
    concurrency,
    maxFunctionsPerRequest: positiveInt('maxFunctionsPerRequest', opts.maxFunctionsPerRequest, 50, 1000),
    timeoutMs: positiveInt('timeoutMs', opts.timeoutMs, 60_000),
    deadlineMs: positiveInt('deadlineMs', opts.deadlineMs, 300_000),
    maxResponseBytes: positiveInt('maxResponseBytes', opts.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
    policy,
    dispatcher: opts.dispatcher ?? createDispatcher(opts.env ?? process.env),
    ownsDispatcher: opts.dispatcher === undefined,
    limiter: new ConcurrencyLimiter(concurrency),
    stats: zeroStats(),
    scrubber,
    debugLog: opts.debugLog ? new DebugLog(opts.debugLog, scrubber, (message) => opts.onEvent?.({ type: 'warning', message })) : undefined,
    onEvent: opts.onEvent,
    nextId: 0,
    runId: Date.now().toString(36),
  };
}

function isXmlContentType(ct: string): boolean {
  return /xml/i.test(ct);
}

function recordText(record: XmlRecord | undefined, key: string): string {
  const v = record?.[key];
  return typeof v === 'string' ? v.trim() : '';
}

export class IntacctClient {
  private readonly shared: Shared;
  /** Where this session is opened: an entity id, '' = the top level, undefined = where the credentials say. */
  private readonly location?: string;
  /** An entity or top-level session of another client: shares its connection pool, never closes it. */
  private readonly child: boolean;
  private session?: Session;
  private opening?: Promise<Session>;
  private closed = false;

  /**
   * @param opts connection options (validated here: bad values throw ConfigurationError)
   * @param parent internal: the client whose connection an entity (or top-level) session shares; location '' = the top level
   */
  constructor(opts: ClientOptions, parent?: { client: IntacctClient; location: string }) {
    this.child = parent !== undefined;
    if (parent) {
      this.shared = parent.client.shared;
      this.location = parent.location;
    } else {
      this.shared = buildShared(opts);
    }
  }

  /** Counters shared by this client and its entity sessions. */
  get stats(): ClientStats {
    return this.shared.stats;
  }

  /** Requests in flight and functions per request this client keeps to (shared with its entity sessions). */
  get limits(): { concurrency: number; maxFunctionsPerRequest: number } {
    return { concurrency: this.shared.concurrency, maxFunctionsPerRequest: this.shared.maxFunctionsPerRequest };
  }

  /** Entity of this session (undefined for the top-level client and a top-level session). */
  get entity(): string | undefined {
    return this.location || undefined;
  }

  /** `text` with every secret this client holds (passwords, session ids) replaced: for anything a run reports. */
  scrubSecrets(text: string): string {
    return this.shared.scrubber.scrub(text);
  }

  /** Opens the API session (getAPISession, sent alone). Throws ControlError, AuthenticationError, ... */
  async connect(): Promise<SessionInfo> {
    this.assertOpen();
    const session = await this.ensureSession(Date.now() + this.shared.deadlineMs);
    return { ...session.info, warnings: [...session.info.warnings] };
  }

  /** A session at entity `entityId` of a multi-entity company, sharing limits and counters. */
  async forEntity(entityId: string): Promise<IntacctClient> {
    this.assertOpen();
    if (typeof entityId !== 'string' || entityId.trim() === '') throw new ConfigurationError('forEntity: entity id must be a non-empty string');
    const sub = new IntacctClient({} as ClientOptions, { client: this, location: entityId });
    await sub.connect();
    return sub;
  }

  /**
   * A session at the top level of a multi-entity company (getAPISession with an empty
   * locationid), for a client signed in at an entity; shares limits and counters.
   */
  async forTopLevel(): Promise<IntacctClient> {
    this.assertOpen();
    const sub = new IntacctClient({} as ClientOptions, { client: this, location: '' });
    await sub.connect();
    return sub;
  }

  /**
   * Runs read functions in batches of at most maxFunctionsPerRequest, returning one outcome per
   * function in the order given. A failed function or a failed HTTP request yields `ok: false`
   * outcomes; control and authentication failures are thrown (nothing could be read).
   */
  async execute(fns: ReadFunction[], opts: ExecuteOptions = {}): Promise<FunctionOutcome[]> {
    this.assertOpen();
    if (!Array.isArray(fns)) throw new ConfigurationError('execute() takes an array of read functions');
    // Check everything before sending anything.
    for (const fn of fns) assertBatchableRead(fn);
    if (fns.length === 0) return [];
    const deadline = Date.now() + this.shared.deadlineMs;
    await this.ensureSession(deadline);
    const items = fns.map((fn) => ({ controlId: this.nextControlId('f'), fn }));
    const outcomes: FunctionOutcome[] = new Array(items.length);
    const size = this.shared.maxFunctionsPerRequest;
    // Consecutive runs of at most `size`; a batch of several large scans (not a streamed one, whose
    // pages the caller sizes) is spread over the concurrency slots (request-plan.ts).
    const chunks: number[][] = [];
    if (opts.onRecord) for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size).map((_, j) => i + j));
    else chunks.push(...planRequests(fns, size, this.shared.concurrency));
    await Promise.all(
      chunks.map(async (indexes) => {
        const chunk = indexes.map((i) => items[i]!);
        let response: Answer;
        try {
          response = await this.runWithSession(chunk, deadline, opts.onRecord !== undefined);
        } catch (e) {
          if (!(e instanceof IntacctError) || isFatal(e)) throw e;
          chunk.forEach((item, j) => {
            outcomes[indexes[j]!] = { ok: false, fn: item.fn, controlId: item.controlId, error: e };
          });
          return;
        }
        chunk.forEach((item, j) => {
          outcomes[indexes[j]!] = this.outcomeFor(item, response);
        });
        const { records } = response;
        if (!records || !opts.onRecord) return;
        chunk.forEach((item, j) => {
          const index = indexes[j]!;
          const span = records.spans.get(item.controlId);
          if (span && outcomes[index]!.ok) scanRecords(records.body, span, (rec) => opts.onRecord!(index, rec));
        });
      }),
    );
    return outcomes;
  }

  /**
   * Streams the pages of a `readByQuery` (following readMore/resultId) or a `query` (following
   * offset) until nothing remains. Pages are yielded as they arrive and not kept. A failed page
   * throws its error.
   */
  async *paginate(fn: ReadFunction): AsyncGenerator<FunctionData, void, undefined> {
    assertReadFunction(fn);
    if (fn.function !== 'readByQuery' && fn.function !== 'query') {
      throw new ConfigurationError(`paginate() supports readByQuery and query, not ${fn.function}`);
    }
    let next: ReadFunction | undefined = fn;
    let offset = fn.function === 'query' ? (fn.offset ?? 0) : 0;
    let previousRemaining = Number.POSITIVE_INFINITY;
    while (next) {
      const [outcome] = await this.execute([next]);
      if (!outcome.ok) throw outcome.error;
      const page = outcome.data;
      yield page;
      const remaining = page.numRemaining ?? 0;
      const got = page.count ?? page.records.length;
      if (remaining <= 0 || got <= 0) return;
      // A gateway that never counts down would otherwise keep us paging forever.
      if (remaining >= previousRemaining) {
        throw new MalformedResponseError(`${fn.function} ${fn.object}: paging made no progress (numremaining stayed at ${remaining})`, 'shape');
      }
      previousRemaining = remaining;
      if (fn.function === 'readByQuery') {
        if (!page.resultId) {
          throw new MalformedResponseError(`readByQuery ${fn.object}: ${remaining} records remain but the gateway gave no resultId`, 'shape');
        }
        next = { function: 'readMore', resultId: page.resultId };
      } else {
        offset = (page.offset ?? offset) + got;
        next = { ...fn, offset };
      }
    }
  }

  /** Releases the HTTP connection pool (top-level client only; entity sessions share it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session = undefined;
    if (!this.child && this.shared.ownsDispatcher) await this.shared.dispatcher.close();
  }

  // ---- internals ---------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw new ConfigurationError('This Intacct client has been closed');
  }

  private nextControlId(prefix: string): string {
    this.shared.nextId += 1;
    return `${prefix}${this.shared.runId}-${this.shared.nextId}`;
  }

  private outcomeFor(item: RequestFunction, response: GatewayResponse): FunctionOutcome {
    const entry = response.results.get(item.controlId);
    const base = { fn: item.fn, controlId: item.controlId };
    if (!entry) {
      return {
        ...base,
        ok: false,
        error: new MalformedResponseError(`The gateway returned no result for ${item.fn.function} (controlid ${item.controlId})`, 'missing-result'),
      };
    }
    if (entry.ok) return { ...base, ok: true, data: entry.data };
    return { ...base, ok: false, error: functionError(entry, item.fn as { function: string; object?: string }) };
  }

  private ensureSession(deadline: number): Promise<Session> {
    if (this.session) return Promise.resolve(this.session);
    if (!this.opening) {
      this.opening = this.openSession(deadline, false).finally(() => {
        this.opening = undefined;
      });
    }
    return this.opening;
  }

  /** Renew once per expired session id, however many requests noticed the expiry at once. */
  private async renewSession(expiredId: string, deadline: number): Promise<void> {
    if (this.session && this.session.id !== expiredId) return; // someone else already renewed
    if (!this.opening) {
      this.session = undefined;
      this.opening = this.openSession(deadline, true).finally(() => {
        this.opening = undefined;
      });
    }
    await this.opening;
  }

  private async openSession(deadline: number, renewal: boolean): Promise<Session> {
    const { credentials } = this.shared;
    const auth: LoginAuth = {
      type: 'login',
      userId: credentials.userId,
      companyId: credentials.companyId,
      password: credentials.userPassword,
      locationId: credentials.entityId || undefined,
    };
    const fn: ReadFunction = this.location !== undefined ? { function: 'getAPISession', locationId: this.location } : { function: 'getAPISession' };
    const item = { controlId: this.nextControlId('s'), fn };
    const where = this.where() ?? (credentials.entityId ? `entity ${credentials.entityId}` : undefined);
    const response = await this.send([item], auth, this.shared.endpoint, deadline);
    if (response.controlFailure) throw controlError(response.controlFailure.errors);
    if (response.authFailure) throw authenticationError(response.authFailure.errors, where);
    const entry = response.results.get(item.controlId);
    if (!entry) throw new MalformedResponseError('The gateway returned no result for getAPISession', 'missing-result');
    if (!entry.ok) {
      if (this.location !== undefined) {
        throw new AuthenticationError(
          `Could not open a session at ${this.where()}: ${describeGatewayErrors(entry.errors) || entry.status}`,
          'entity',
          entry.errors,
        );
      }
      throw functionError(entry, fn);
    }
    const api = entry.data.records.find((r) => r.$element === 'api') ?? entry.data.records[0];
    const sessionId = recordText(api, 'sessionid');
    if (!sessionId) throw new MalformedResponseError('getAPISession returned no session id', 'shape');
    this.shared.scrubber.add(sessionId);
    const warnings: string[] = [];
    let endpoint = this.shared.endpoint;
    const returned = recordText(api, 'endpoint');
    if (returned) {
      try {
        endpoint = validateEndpoint(returned, 'session endpoint');
      } catch (e) {
        // The rejected URL is gateway text and ends up in reports: scrub it like any other.
        const message = this.shared.scrubber.scrub(`Ignored the session endpoint the gateway returned (${(e as Error).message}); staying on ${this.shared.endpoint}`);
        warnings.push(message);
        this.shared.onEvent?.({ type: 'warning', message });
      }
    }
    const info: SessionInfo = {
      endpoint,
      locationId: recordText(api, 'locationid') || this.entity,
      userId: response.authentication?.userId || undefined,
      companyId: response.authentication?.companyId || undefined,
      sessionTimeout: response.authentication?.sessionTimeout || undefined,
      warnings,
    };
    if (renewal) this.shared.stats.sessionRenewals += 1;
    this.session = { id: sessionId, endpoint, info };
    this.shared.onEvent?.({ type: 'session', renewed: renewal, entityId: this.entity, endpoint });
    return this.session;
  }

  /** Send with the session; on an authentication failure renew the session once and replay. */
  /** Where this client's own session was asked for, in messages; undefined = where the credentials say. */
  private where(): string | undefined {
    return this.location === undefined ? undefined : this.location === '' ? 'the top level' : `entity ${this.location}`;
  }

  private async runWithSession(items: RequestFunction[], deadline: number, lean = false): Promise<Answer> {
    let renewed = false;
    for (;;) {
      const session = await this.ensureSession(deadline);
      const auth: SessionAuth = { type: 'session', sessionId: session.id };
      const response = await this.send(items, auth, session.endpoint, deadline, lean);
      if (response.controlFailure) throw controlError(response.controlFailure.errors);
      if (response.authFailure) {
        if (!renewed) {
          renewed = true;
          await this.renewSession(session.id, deadline);
          continue;
        }
        throw authenticationError(response.authFailure.errors, this.where());
      }
      return response;
    }
  }

  /** One logical request: build, send with retries, parse. */
  private async send(items: RequestFunction[], auth: LoginAuth | SessionAuth, endpoint: string, deadline: number, lean = false): Promise<Answer> {
    const { shared } = this;
    const body = buildRequest({
      sender: { senderId: shared.credentials.senderId, senderPassword: shared.credentials.senderPassword },
      controlId: this.nextControlId('r'),
      auth,
      functions: items,
    });
    shared.stats.functions += items.length;
    const deadlineController = new AbortController();
    const deadlineTimer = setTimeout(() => deadlineController.abort(), Math.max(0, deadline - Date.now()));
    try {
      return await withRetries(
        (attempt) => shared.limiter.run(() => this.attempt(endpoint, body, attempt, items.length, deadline, deadlineController.signal, lean)),
        shared.policy,
        {
          deadline,
          onRetry: ({ attempt, delayMs, error }) => {
            shared.stats.retries += 1;
            shared.onEvent?.({ type: 'retry', attempt, delayMs, reason: error.message });
          },
        },
      );
    } finally {
      clearTimeout(deadlineTimer);
    }
  }

  private async attempt(endpoint: string, body: string, attempt: number, functions: number, deadline: number, deadlineSignal: AbortSignal, lean: boolean): Promise<Answer> {
    const { shared } = this;
    shared.stats.httpRequests += 1;
    shared.stats.bytesSent += Buffer.byteLength(body);
    shared.onEvent?.({ type: 'request', attempt, functions, endpoint, entityId: this.entity });
    shared.debugLog?.write({ direction: 'request', url: endpoint, attempt, body });
    let res: HttpResponse;
    try {
      res = await postXml(endpoint, body, {
        dispatcher: shared.dispatcher,
        timeoutMs: Math.max(1, Math.min(shared.timeoutMs, deadline - Date.now())),
        maxResponseBytes: shared.maxResponseBytes,
        userAgent: USER_AGENT,
        deadlineSignal,
      });
    } catch (e) {
      const err = e instanceof IntacctError ? e : new MalformedResponseError(String(e), 'invalid-xml');
      shared.debugLog?.write({ direction: 'error', url: endpoint, attempt, message: err.message });
      throw err;
    }
    shared.stats.bytesReceived += res.bytesReceived;
    shared.debugLog?.write({ direction: 'response', url: endpoint, attempt, status: res.status, contentType: res.contentType, body: res.body });
    return this.interpret(res, lean);
  }

  private interpret(res: HttpResponse, lean: boolean): Answer {
    const scrub = (s: string): string => this.shared.scrubber.scrub(s);
    const transient = res.status === 429 || res.status >= 500;
    if (transient || (res.status >= 400 && !isXmlContentType(res.contentType))) {
      const throttled = res.status === 429 || isThrottledBody(res.body);
      const message = res.status === 429
        ? `Intacct rate limit exceeded (HTTP 429${/GW-0010/.test(res.body) ? ', GW-0010' : ''})`
        : describeHttpFailure(res);
      throw new HttpError(scrub(message), res.status, res.contentType, transient || throttled, parseRetryAfter(res.retryAfter));
    }
    let root: ReturnType<typeof parseXmlDocument>;
    let records: NonNullable<Answer['records']>;
    try {
      const context = { status: res.status, contentType: res.contentType };
      // The records are read from the body by the record scanner (a third of the usual parser's
      // CPU); the usual parser reads the rest, with all its checks (see record-scan.ts).
      screenBody(res.body, context);
      const split = splitRecords(res.body);
      root = parseXmlDocument(split.skeleton, context);
      records = { body: res.body, spans: split.spans };
    } catch (e) {
      // The parser quotes parts of the body: scrub like every other message we throw.
      if (e instanceof MalformedResponseError) throw new MalformedResponseError(scrub(e.message), e.reason);
      throw e;
    }
    const response = interpretResponse(root, scrub);
    if (response.controlFailure && isThrottled(response.controlFailure.errors)) {
      throw controlError(response.controlFailure.errors); // retryable: throttled
    }
    for (const entry of response.results.values()) {
      // Throttling reported per function: repeat the whole request (reads are safe to repeat).
      if (!entry.ok && isThrottled(entry.errors)) {
        throw new FunctionError(
          `Intacct rate limit exceeded: ${describeGatewayErrors(entry.errors)}`,
          entry.errors,
          false,
          entry.functionName,
          undefined,
          true,
        );
      }
    }
    if (lean) return { ...response, records };
    for (const [controlId, entry] of response.results) {
      const span = records.spans.get(controlId);
      if (entry.ok && span) scanRecords(records.body, span, (rec) => entry.data.records.push(rec));
    }
    return response;
  }
}

/** Errors that mean nothing can be read with this connection: thrown rather than reported per function. */
function isFatal(e: IntacctError): boolean {
  return (e instanceof ControlError && !e.retryable) || e instanceof AuthenticationError || e.kind === 'config' || e.kind === 'read-only';
}
