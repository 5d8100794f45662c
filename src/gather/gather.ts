/**
 * Gathering: each layer of the plan goes out as ONE `execute` call per session (the client splits
 * it into requests of at most maxFunctionsPerRequest and runs them within its concurrency), so a
 * full audit costs a handful of round trips. Every outcome becomes a FactResult; a fact whose
 * dependency failed is not sent and becomes `not-gathered`. Nothing here throws for a failed read:
 * failures are data the checks judge. Only an abort stops the gathering.
 */
import { assertBatchableRead } from '../intacct/allowlist.js';
import { functionFailureKind } from '../intacct/gateway-errors.js';
import type { ReadFunction } from '../intacct/functions.js';
import { AbortError, errorLine, raceAbort, throwIfAborted, UserCheckError } from '../util/errors.js';
import { dependencyResults, isolatedFactOf } from '../model/isolated.js';
import { groupBySession, sessionFields, sessionOf, sessionText, TOP_LEVEL, type FactPlan, type SessionKey } from '../plan/facts.js';
import { FactStore, canonicalJson, describeFunction, type FactSource, type SourceError, type SourceOutcome } from './store.js';
import { isFactError, type FactDef, type FactError, type FactErrorKind, type FactLookup, type FactRequest, type FactResult, type GatherContext } from '../model/check.js';

export interface GatherProgress {
  type: 'gather';
  /** 1-based layer being sent, and how many there are. */
  layer: number;
  layers: number;
  /** Functions sent in this layer (after dedupe), and facts settled so far in the whole run. */
  functions: number;
  factsDone: number;
  factsTotal: number;
}

export interface GatherOptions {
  /** Store to fill (e.g. one carrying run metadata); a new one by default. */
  store?: FactStore;
  signal?: AbortSignal;
  onProgress?: (e: GatherProgress) => void;
}

/** A fact ready to send: the function built from its definition. */
interface Pending {
  def: FactDef;
  fn: ReadFunction;
}

export async function gatherFacts(
  plan: FactPlan,
  source: FactSource,
  ctx: GatherContext,
  opts: GatherOptions = {},
): Promise<FactStore> {
  const store = opts.store ?? new FactStore();
  const lookup: FactLookup = (key) => store.get(key);
  const sessions = new SessionPool(source, ctx.entityId);
  const total = plan.facts.size;

  for (const [index, layer] of plan.layers.entries()) {
    throwIfAborted(opts.signal);
    const settledBefore = store.size;
    // Sessions of one layer go out together: the client shares one concurrency limit between
    // the main session and its entity sessions, so this never exceeds the company's limit.
    const batches = [...groupBySession(layer)].map(([session, defs]) => {
      const send = async (): Promise<number> => {
        const pending: Pending[] = [];
        for (const def of defs) {
          if (store.has(def.key)) continue; // read earlier in this run (or loaded): never twice
          const prepared = await prepare(def, ctx, lookup, opts.signal);
          if ('fn' in prepared) pending.push(prepared);
          else store.set({ key: def.key, ...readIn(def), result: prepared.result });
        }
        return pending.length === 0 ? 0 : sendBatch(pending, session, sessions, ctx, store, lookup, opts.signal);
      };
      return send();
    });
    const sentInLayer = (await Promise.all(batches)).reduce((a, b) => a + b, 0);
    if (store.size === settledBefore) continue; // everything in this layer was already known
    opts.onProgress?.({
      type: 'gather',
      layer: index + 1,
      layers: plan.layers.length,
      functions: sentInLayer,
      factsDone: store.size,
      factsTotal: total,
    });
  }
  return store;
}

/**
 * A fact's request, built by its own code: here for a built-in fact, in the user check worker for
 * a user's (where a time limit or an interrupted run rejects, and that is never the fact's failure).
 */
async function buildRequest(def: FactDef, ctx: GatherContext, lookup: FactLookup, signal: AbortSignal | undefined): Promise<ReadFunction | FactError> {
  const isolated = isolatedFactOf(def);
  return isolated ? isolated.request(ctx, dependencyResults(def, lookup), signal) : def.request(ctx, lookup);
}

/** The engine's own stops, which no fact's failure may swallow. */
function isStop(e: unknown): boolean {
  return e instanceof AbortError || e instanceof UserCheckError;
}

/** Builds a fact's function, or settles it without sending when it cannot or need not be read. */
async function prepare(def: FactDef, ctx: GatherContext, lookup: FactLookup, signal: AbortSignal | undefined): Promise<Pending | { result: FactResult }> {
  const failedDep = (def.dependsOn ?? []).map((d) => ({ d, r: lookup(d.key) })).find(({ r }) => !r || !r.ok);
  if (failedDep) {
    const depResult = failedDep.r;
    // A read its module's subscription sets aside is set aside, whatever else it depended on.
    const own = await trialFunction(def, ctx, lookup, signal);
    if (own && isFactError(own) && own.kind === 'not-subscribed') return unsent(def, lookup, own);
    const why = depResult && !depResult.ok ? depResult.error.message : `${failedDep.d.key} was not gathered`;
    const request = requestWithout(own, def) ?? withoutSent(depResult?.request) ?? { function: 'inspect' };
    return {
      result: {
        ok: false,
        request: atSession(request, def),
        error: { kind: 'not-gathered', message: `not read because a read it depends on failed: ${why}` },
      },
    };
  }
  let built: ReadFunction | FactError;
  try {
    built = await buildRequest(def, ctx, lookup, signal);
  } catch (e) {
    if (isStop(e)) throw e;
    return unsent(def, lookup, { kind: 'function', message: `fact ${def.key} could not build its request: ${errorLine(e)}` });
  }
  // The fact decided on its own that there is nothing to read (e.g. a module not subscribed).
  if (isFactError(built)) return unsent(def, lookup, built);
  // The client refuses a whole batch when one function is not an allowed read: check each fact's
  // function here, so a bad user fact fails alone instead of sinking the facts batched with it.
  try {
    assertBatchableRead(built);
  } catch (e) {
    return unsent(def, lookup, { kind: 'function', message: `fact ${def.key} was refused before sending: ${errorLine(e)}` });
  }
  return { def, fn: built };
}

/** A fact settled as failed without a function of its own: the request shown is its first dependency's. */
function unsent(def: FactDef, lookup: FactLookup, error: FactError): { result: FactResult } {
  const request = firstDepRequest(def, lookup) ?? { function: 'inspect' as const };
  return { result: { ok: false, request: atSession(request, def), error } };
}

async function sendBatch(
  pending: Pending[],
  session: SessionKey,
  sessions: SessionPool,
  ctx: GatherContext,
  store: FactStore,
  lookup: FactLookup,
  signal: AbortSignal | undefined,
): Promise<number> {
  // Two facts with different keys may still build the same function: send it once.
  const unique = new Map<string, ReadFunction>();
  for (const p of pending) unique.set(canonicalJson(p.fn), p.fn);
  const fns = [...unique.values()];

  let answers: Map<string, SourceOutcome> | SourceError;
  const target = await sessions.get(session, signal);
  if ('error' in target) {
    answers = target.error;
  } else {
    try {
      const outcomes = await raceAbort(target.source.execute(fns), signal);
      answers = new Map(fns.map((fn, i) => [canonicalJson(fn), outcomes[i]!] as const));
    } catch (e) {
      if (e instanceof AbortError) throw e;
      answers = asSourceError(e, 'transport');
    }
  }

  for (const { def, fn } of pending) {
    const request: FactRequest = requestOf(fn, def);
    const where = sessionText(sessionOf(def));
    const outcome = answers instanceof Map ? answers.get(canonicalJson(fn)) : undefined;
    if (!outcome) {
      const err = answers instanceof Map ? { kind: 'malformed', message: 'no answer for this function' } : answers;
      store.set({ key: def.key, ...readIn(def), result: { ok: false, request, error: factErrorFrom(err, fn, sessionOf(def)) } });
      continue;
    }
    if (!outcome.ok) {
      store.set({ key: def.key, ...readIn(def), result: { ok: false, request, error: factErrorFrom(outcome.error, fn, sessionOf(def)) } });
      continue;
    }
    let result: FactResult;
    try {
      const isolated = isolatedFactOf(def);
      const value = isolated ? await isolated.interpret(outcome.data, ctx, dependencyResults(def, lookup), signal) : def.interpret(outcome.data, ctx, lookup);
      result = { ok: true, value, request };
    } catch (e) {
      if (isStop(e)) throw e;
      result = {
        ok: false,
        request,
        error: { kind: 'function', message: `${describeFunction(fn)}${where}: the answer could not be interpreted: ${errorLine(e)}` },
      };
    }
    store.set({ key: def.key, ...readIn(def), result, data: outcome.data });
  }
  return fns.length;
}

/** Opens each entity (or top-level) session once, on first use; remembers a failure so it is reported, not retried. */
class SessionPool {
  private readonly opened = new Map<string, Promise<{ source: FactSource } | { error: SourceError }>>();

  constructor(
    private readonly main: FactSource,
    private readonly mainEntity: string | undefined,
  ) {}

  async get(entity: SessionKey, signal: AbortSignal | undefined): Promise<{ source: FactSource } | { error: SourceError }> {
    // The audit's own session is already at its entity (if any), or at the top level.
    if (entity === undefined || entity === this.mainEntity || (entity === TOP_LEVEL && this.mainEntity === undefined)) return { source: this.main };
    let session = this.opened.get(entity);
    if (!session) {
      const open = entity === TOP_LEVEL ? this.main.forTopLevel?.bind(this.main) : this.main.forEntity?.bind(this.main, entity);
      session = open
        ? open().then(
            (source) => ({ source }),
            (e: unknown) => {
              if (e instanceof AbortError) throw e;
              return { error: asSourceError(e, 'connection') };
            },
          )
        : Promise.resolve({ error: { kind: 'not-gathered', message: `${entity === TOP_LEVEL ? 'top-level' : 'entity'} sessions are not available from this source` } });
      this.opened.set(entity, session);
    }
    return raceAbort(session, signal);
  }
}

// ---------------------------------------------------------------------------------------------
// Error mapping: an Intacct failure → the FactError kind a person can act on

export function factErrorFrom(error: SourceError, fn: ReadFunction, session?: SessionKey): FactError {
  if (error.factError) return error.factError;
  const read = `${describeFunction(fn)}${sessionText(session)}`;
  const texts = [error.message, error.description, error.description2, error.correction].filter(Boolean).join(' ');
  const detail = { errorno: error.errorno, description: error.description, description2: error.description2, correction: error.correction };
  const make = (kind: FactErrorKind, message: string): FactError => stripUndefined({ kind, message, ...detail });
  switch (error.kind) {
    case 'function':
      if (error.permission) return make('permission', `no permission: ${read} was refused (${error.message})`);
      if (functionFailureKind(texts) === 'unknown-object') return make('unknown-object', `unknown object or field: ${read} (${error.message})`);
      if (functionFailureKind(texts) === 'not-subscribed') return make('not-subscribed', `not subscribed or switched off: ${read} (${error.message})`);
      return make('function', `${read} failed: ${error.message}`);
    case 'http':
    case 'network':
    case 'timeout':
    case 'malformed':
    case 'transport':
      return make('transport', `${read} could not be completed: ${error.message}`);
    case 'control':
    case 'authentication':
    case 'connection':
      return make('connection', `${read}: no session: ${error.message}`);
    case 'not-gathered':
      return make('not-gathered', `${read} was not read: ${error.message}`);
    default:
      return make('function', `${read} failed: ${error.message}`);
  }
}

function asSourceError(e: unknown, fallbackKind: string): SourceError {
  if (typeof e === 'object' && e !== null && typeof (e as SourceError).kind === 'string') {
    const se = e as SourceError;
    return { ...pickSourceError(se), message: errorLine(e) };
  }
  return { kind: fallbackKind, message: errorLine(e) };
}

function pickSourceError(e: SourceError): SourceError {
  return stripUndefined({
    kind: e.kind,
    message: e.message,
    errorno: e.errorno,
    description: e.description,
    description2: e.description2,
    correction: e.correction,
    permission: e.permission,
  });
}

function requestOf(fn: ReadFunction, def: FactDef): FactRequest {
  const f = fn as { object?: string; application?: string };
  return stripUndefined({ function: fn.function, object: f.object, application: f.application, ...readIn(def), sent: fn });
}

/** What the fact's request gives with the lookups as they are, or undefined when it throws. */
async function trialFunction(def: FactDef, ctx: GatherContext, lookup: FactLookup, signal: AbortSignal | undefined): Promise<ReadFunction | FactError | undefined> {
  try {
    return await buildRequest(def, ctx, lookup, signal);
  } catch (e) {
    if (isStop(e)) throw e;
    return undefined;
  }
}

/** Describes what a fact would have read, without sending it (for facts that were not gathered). */
function requestWithout(built: ReadFunction | FactError | undefined, def: FactDef): Omit<FactRequest, 'sent'> | undefined {
  if (built === undefined || isFactError(built)) return undefined;
  const { sent: _sent, ...rest } = requestOf(built, def);
  return rest;
}

function firstDepRequest(def: FactDef, lookup: FactLookup): Omit<FactRequest, 'sent'> | undefined {
  for (const d of def.dependsOn ?? []) {
    const r = withoutSent(lookup(d.key)?.request);
    if (r) return r;
  }
  return undefined;
}

function withoutSent(r: FactRequest | undefined): Omit<FactRequest, 'sent'> | undefined {
  if (!r) return undefined;
  const { sent: _sent, ...rest } = r;
  return rest;
}

function atSession(request: Omit<FactRequest, 'sent'>, def: FactDef): FactRequest {
  const { entityId: _entity, topLevel: _top, ...rest } = request;
  return { ...rest, ...readIn(def) };
}

/** Where a fact was read, as requests and stored facts say it. */
function readIn(def: FactDef): { entityId?: string; topLevel?: true } {
  return sessionFields(sessionOf(def));
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
