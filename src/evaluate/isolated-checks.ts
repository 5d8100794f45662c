/**
 * Stand-ins on the engine's thread for user checks that run in the worker (user-host.ts): a check
 * with the module's metadata, whose declarations and verdicts are asked of the worker, and facts
 * that carry their keys and sessions as data. The engine plans, batches and dedupes them as it
 * does built-in facts; only their `request`, `interpret` and `evaluate` are asked across.
 */
import type { FunctionData, ReadFunction } from '../intacct/functions.js';
import type { Check, CheckContext, CheckMeta, FactDef, FactError, FactNeed, FactResult, GatherContext, SampleRecord } from '../model/check.js';
import { markBatchActions, markBatchRows, markIsolatedCheck, markIsolatedFact, type DependencyResults, type IsolatedCheck, type IsolatedDeclaration } from '../model/isolated.js';
import { UserCheckError } from '../util/errors.js';
import type { UserCheckHost } from './user-host.js';
import type { DeclaredFact, DeclaredRecords, Declaration } from './user-protocol.js';

/** The stand-in of the check `meta` describes, loaded from `file` into `host`. */
export function isolatedCheck(host: UserCheckHost, file: string, folder: string, meta: CheckMeta): Check {
  const check = standIn(meta, file);
  const handle: IsolatedCheck = {
    file,
    folder,
    declare: async (ctx, signal) => {
      const reply = await host.ask({ op: 'declare', check: meta.id, ctx: plainContext(ctx) }, file, 'declaring its facts', signal);
      if (!reply.ok) throw new UserCheckError(file, reply.problem);
      return declaration(reply.value as Declaration, check, handle, host, file);
    },
    evaluate: (values, ctx, signal) => evaluateIn(host, file, meta.id, 'run', values, ctx, signal),
  };
  markIsolatedCheck(check, handle);
  return check;
}

let declarations = 0;

/** `inputs`: under which name the worker keeps what it was evaluated with (the rows of its worklist are made from it). */
async function evaluateIn(host: UserCheckHost, file: string, id: string, inputs: string, values: Record<string, FactResult>, ctx: CheckContext, signal?: AbortSignal): Promise<unknown> {
  const reply = await host.ask({ op: 'evaluate', check: id, inputs, values, ctx: plainContext(ctx) }, file, 'evaluating', signal);
  if (!reply.ok) return { crashed: reply.problem };
  return reply.value;
}

/** A check whose functions run elsewhere: called here, they say so (the engine never calls them). */
function standIn(meta: CheckMeta, file: string): Check {
  const elsewhere = (): never => {
    throw new Error(`check ${meta.id} (${file}) runs in the user check worker: the engine asks it there`);
  };
  return { meta, needs: elsewhere, evaluate: elsewhere };
}

function declaration(d: Declaration, base: Check, handle: IsolatedCheck, host: UserCheckHost, file: string): IsolatedDeclaration {
  if ('problem' in d) return { problem: d.problem };
  const defs = new Map<number, FactDef>();
  const factAt = (ref: number): FactDef => {
    const known = defs.get(ref);
    if (known) return known;
    const entry = d.facts[ref];
    if (!entry) throw new UserCheckError(file, `declared fact #${ref} is missing from its declaration`);
    const def = standInFact(entry, ref, host, file);
    defs.set(ref, def);
    // Dependencies after the fact itself, so a cycle resolves to the same objects (the planner names it).
    if (entry.dependsOn) def.dependsOn = entry.dependsOn.map(factAt);
    return def;
  };
  const needs: Record<string, FactNeed> = {};
  for (const [name, need] of Object.entries(d.needs)) needs[name] = { ...need, fact: factAt(need.fact) };

  if (!d.records) return { check: base, needs };
  // Each declaration of a data check is its own check: its worklist rows come from what that one
  // was evaluated with (a fleet audits several companies with the same modules at once).
  const inputs = `declaration ${++declarations}`;
  const check = withRecords(base, d.records, host, file, inputs);
  markIsolatedCheck(check, { ...handle, evaluate: (values, ctx, signal) => evaluateIn(host, file, base.meta.id, inputs, values, ctx, signal) });
  return { check, needs };
}

/**
 * The check as a data check when it is one, so its worklist is written like a built-in's: its
 * record sets as data, each record made a row (and its action found) by its own code in the worker.
 */
function withRecords(base: Check, records: DeclaredRecords, host: UserCheckHost, file: string, inputs: string): Check {
  const id = base.meta.id;
  const answers = async (request: Parameters<UserCheckHost['ask']>[0], count: number, doing: string, signal?: AbortSignal): Promise<unknown[]> => {
    const reply = await host.askInTurn(request, file, doing, signal);
    if (!reply.ok) throw new Error(reply.problem);
    const value = reply.value;
    if (!Array.isArray(value) || value.length !== count) throw new Error(`gave ${Array.isArray(value) ? value.length : 'no'} answers for ${count} worklist rows`);
    return value;
  };
  const sets = records.sets.map((set) => {
    const made = {
      ...set,
      row: (): never => {
        throw new Error(`the rows of check ${id} (${file}) are made in the user check worker, a page at a time`);
      },
    };
    markBatchRows(made, async (batch, signal) => (await answers({ op: 'rows', check: id, inputs, set: set.name, records: batch }, batch.length, 'making worklist rows', signal)) as SampleRecord[]);
    return made;
  });
  const check = {
    ...base,
    sample: records.sample,
    found: () => '',
    records: () => sets,
    action: (): never => {
      throw new Error(`the actions of check ${id} (${file}) are asked of the user check worker`);
    },
  } as Check;
  markBatchActions(check, async (rows, signal) => (await answers({ op: 'actions', check: id, inputs, rows }, rows.length, 'saying what to do about worklist rows', signal)).map(String));
  return check;
}

function standInFact(entry: DeclaredFact, ref: number, host: UserCheckHost, file: string): FactDef {
  const elsewhere = (): never => {
    throw new Error(`fact ${entry.key} (${file}) is read by the user check worker`);
  };
  const def: FactDef = { key: entry.key, request: elsewhere, interpret: elsewhere };
  if (entry.entityId !== undefined) def.entityId = entry.entityId;
  if (entry.topLevel !== undefined) def.topLevel = entry.topLevel;
  markIsolatedFact(def, {
    request: async (ctx: GatherContext, deps: DependencyResults, signal?: AbortSignal) => {
      const reply = await host.ask({ op: 'request', ref, ctx: plainContext(ctx), deps }, file, `building the request of fact ${entry.key}`, signal);
      if (!reply.ok) throw new Error(reply.problem);
      return reply.value as ReadFunction | FactError;
    },
    interpret: async (data: FunctionData, ctx: GatherContext, deps: DependencyResults, signal?: AbortSignal) => {
      const reply = await host.ask({ op: 'interpret', ref, data, ctx: plainContext(ctx), deps }, file, `interpreting fact ${entry.key}`, signal);
      if (!reply.ok) throw new Error(reply.problem);
      return reply.value;
    },
  });
  return def;
}

/** The context as data (it is, but a structured clone would refuse a function someone left on it). */
function plainContext<T extends GatherContext | CheckContext>(ctx: T): T {
  return JSON.parse(JSON.stringify(ctx)) as T;
}

