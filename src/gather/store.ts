/**
 * The facts of one run, kept exactly as gathered: the function sent, the data returned (so the
 * current fact code can re-interpret it) and the error when a read failed. It serialises to plain
 * JSON and loads back, and it can act as an offline FactSource that answers the same functions
 * from what it holds — the snapshot path of issue 7 runs the same gatherer over it.
 */
import type { FunctionData, ReadFunction } from '../intacct/functions.js';
import type { FactError, FactResult, SessionContext } from '../model/check.js';
import type { RunStats } from '../model/result.js';
import { UsageError } from '../util/errors.js';
import { sessionFields, sessionOf, sessionText, TOP_LEVEL, type SessionKey } from '../plan/facts.js';
import { deepFreeze } from '../util/plain-json.js';

// ---------------------------------------------------------------------------------------------
// What the gatherer needs from a client (the real IntacctClient fits this structurally)

/** The part of an Intacct error the gatherer reads (IntacctError and its subclasses fit). */
export interface SourceError {
  kind: string;
  message: string;
  errorno?: string;
  description?: string;
  description2?: string;
  correction?: string;
  permission?: boolean;
  /** Set by a replaying source: the fact error recorded in the original run, used verbatim. */
  factError?: FactError;
}

export type SourceOutcome =
  | { ok: true; fn: ReadFunction; controlId: string; data: FunctionData }
  | { ok: false; fn: ReadFunction; controlId: string; error: SourceError };

export interface FactSource {
  /** Sends the functions (batched by the source) and answers in the same order. */
  execute(fns: ReadFunction[]): Promise<SourceOutcome[]>;
  /** A session at an entity; absent when the source cannot open one. */
  forEntity?(entityId: string): Promise<FactSource>;
  /** A session at the top level (for a source signed in at an entity); absent when the source cannot open one. */
  forTopLevel?(): Promise<FactSource>;
}

// ---------------------------------------------------------------------------------------------
// The store

export interface StoredFact {
  key: string;
  /** Entity session the fact was read in; absent = the audit's session. */
  entityId?: string;
  /** Read at the top level, in a session of its own when the audit signed in at an entity. */
  topLevel?: true;
  result: FactResult;
  /** The function's data whenever the gateway answered it (even if interpreting it failed). */
  data?: FunctionData;
}

/** About the run that gathered the facts; lets an offline evaluation reproduce the live result. */
export interface FactStoreMeta {
  companyId?: string;
  entityId?: string;
  syncFrom?: string;
  endpointHost?: string;
  gatheredAt?: string;
  stats?: RunStats;
  /** What the engine knew before planning; checks derive fact keys from it. */
  context?: { entities?: string[]; session?: SessionContext };
}

export interface SerializedFactStore {
  format: typeof STORE_FORMAT;
  version: typeof STORE_VERSION;
  meta: FactStoreMeta;
  facts: StoredFact[];
}

export const STORE_FORMAT = 'intacct-preflight-facts';
export const STORE_VERSION = 1;

export class FactStore {
  private readonly facts = new Map<string, StoredFact>();
  meta: FactStoreMeta;

  constructor(meta: FactStoreMeta = {}) {
    this.meta = { ...meta };
  }

  /**
   * Keeps a fact as read. It is frozen, value and data, from here on: a fact is shared by every
   * check that needs it and by the facts that depend on it, so none of them may change what another reads.
   */
  set(entry: StoredFact): void {
    this.facts.set(entry.key, deepFreeze(entry));
  }

  get(key: string): FactResult | undefined {
    return this.facts.get(key)?.result;
  }

  entry(key: string): StoredFact | undefined {
    return this.facts.get(key);
  }

  has(key: string): boolean {
    return this.facts.has(key);
  }

  get size(): number {
    return this.facts.size;
  }

  entries(): StoredFact[] {
    return [...this.facts.values()];
  }

  toJSON(): SerializedFactStore {
    // A round trip through JSON drops undefined members and functions, so what is saved is
    // exactly what a reload sees.
    return JSON.parse(
      JSON.stringify({ format: STORE_FORMAT, version: STORE_VERSION, meta: this.meta, facts: this.entries() }),
    ) as SerializedFactStore;
  }

  /** A store holding results only (e.g. a snapshot's facts by key): evaluable, not replayable. */
  static fromResults(
    facts: ReadonlyMap<string, FactResult> | Readonly<Record<string, FactResult>>,
    meta: FactStoreMeta = {},
  ): FactStore {
    const store = new FactStore(meta);
    const entries = facts instanceof Map ? [...facts.entries()] : Object.entries(facts);
    for (const [key, result] of entries) store.set({ key, ...sessionFields(sessionOf(result.request)), result });
    return store;
  }

  /** Results by fact key (the shape a snapshot keeps). */
  results(): Map<string, FactResult> {
    return new Map([...this.facts].map(([k, f]) => [k, f.result]));
  }

  static fromJSON(data: unknown): FactStore {
    const fail = (what: string): never => {
      throw new UsageError(`Not a readable fact store: ${what}.`);
    };
    if (typeof data !== 'object' || data === null) return fail('expected a JSON object');
    const d = data as Partial<SerializedFactStore>;
    if (d.format !== STORE_FORMAT) return fail(`"format" must be "${STORE_FORMAT}"`);
    if (d.version !== STORE_VERSION) {
      return fail(`version ${String(d.version)} is not supported (this version reads version ${STORE_VERSION})`);
    }
    if (!Array.isArray(d.facts)) return fail('"facts" must be an array');
    const store = new FactStore(typeof d.meta === 'object' && d.meta !== null ? d.meta : {});
    d.facts.forEach((f, i) => {
      if (typeof f !== 'object' || f === null || typeof f.key !== 'string') return fail(`facts[${i}] has no key`);
      const r = f.result as unknown as Record<string, unknown> | undefined;
      if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') return fail(`facts[${i}] (${f.key}) has no result`);
      if (typeof r.request !== 'object' || r.request === null) return fail(`facts[${i}] (${f.key}) has no request`);
      if (!r.ok && (typeof r.error !== 'object' || r.error === null)) return fail(`facts[${i}] (${f.key}) failed without an error`);
      store.set(f);
    });
    return store;
  }

  /**
   * An offline FactSource: answers a function when this store holds a fact read with exactly
   * that function in that session, and says "not in the snapshot" otherwise.
   */
  asSource(session?: SessionKey): FactSource {
    const answers = new Map<string, StoredFact>();
    for (const f of this.facts.values()) {
      const sent = f.result.request.sent;
      if (sent && sessionOf(f) === session) answers.set(canonicalJson(sent), f);
    }
    const source: FactSource = {
      execute: async (fns) =>
        fns.map((fn, i): SourceOutcome => {
          const controlId = `replay-${i + 1}`;
          const f = answers.get(canonicalJson(fn));
          if (f?.data) return { ok: true, fn, controlId, data: f.data };
          if (f && !f.result.ok) {
            return { ok: false, fn, controlId, error: { kind: 'replay', message: f.result.error.message, factError: f.result.error } };
          }
          const where = sessionText(session);
          const message = `not in the saved facts: ${describeFunction(fn)}${where} was not read by the run that saved them`;
          return {
            ok: false,
            fn,
            controlId,
            error: { kind: 'replay', message, factError: { kind: 'not-gathered', message } },
          };
        }),
      forEntity: async (id) => this.asSource(id),
      forTopLevel: async () => this.asSource(TOP_LEVEL),
    };
    return source;
  }
}

/** JSON with sorted keys and no undefined members: equal functions ⇒ equal strings. */
export function canonicalJson(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = norm(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(norm(value));
}

/** `query ARINVOICE`, `get_companyprefs AR`, `getFinancialSetup`: how a read is named in messages. */
export function describeFunction(fn: Pick<ReadFunction, 'function'> & { object?: string; application?: string }): string {
  const target = fn.object ?? fn.application;
  return target ? `${fn.function} ${target}` : fn.function;
}
