/**
 * Checks and facts whose code runs elsewhere (user checks, in a worker thread the engine can stop):
 * on the main thread they are stand-ins carrying data (meta, fact keys and sessions), and these
 * handles say how to reach their code. Every call is asynchronous and answers plain JSON; a call
 * that overruns the time limit, or a run that is interrupted, rejects with UserCheckError or
 * AbortError, which the engine never turns into a check's result.
 */
import type { FunctionData, ReadFunction } from '../intacct/functions.js';
import type { Check, CheckContext, FactDef, FactError, FactNeed, FactResult, GatherContext, SampleRecord } from './check.js';

/** Results of the facts a fact depends on, by key: what its `lookup` sees. */
export type DependencyResults = Record<string, FactResult>;

export interface IsolatedFact {
  request(ctx: GatherContext, deps: DependencyResults, signal?: AbortSignal): Promise<ReadFunction | FactError>;
  interpret(data: FunctionData, ctx: GatherContext, deps: DependencyResults, signal?: AbortSignal): Promise<unknown>;
}

/** A check's declaration in one context: its needs (stand-in facts), and the check as it runs in that context. */
export type IsolatedDeclaration = { check: Check; needs: Record<string, FactNeed> } | { problem: string };

export interface IsolatedCheck {
  /** The module file, for messages. */
  file: string;
  /** The folder it was loaded from (its origin in reports). */
  folder: string;
  declare(ctx: CheckContext, signal?: AbortSignal): Promise<IsolatedDeclaration>;
  /** What its `evaluate` returned, normalised in the worker (normalise it again: it is still the user's). */
  evaluate(values: Record<string, FactResult>, ctx: CheckContext, signal?: AbortSignal): Promise<unknown>;
}

const checks = new WeakMap<Check, IsolatedCheck>();
const facts = new WeakMap<FactDef, IsolatedFact>();

export function markIsolatedCheck(check: Check, handle: IsolatedCheck): void {
  checks.set(check, handle);
}

export function isolatedCheckOf(check: Check): IsolatedCheck | undefined {
  return checks.get(check);
}

export function markIsolatedFact(def: FactDef, handle: IsolatedFact): void {
  facts.set(def, handle);
}

export function isolatedFactOf(def: FactDef): IsolatedFact | undefined {
  return facts.get(def);
}

/** Results of the facts `def` depends on, as its lookup sees them. */
export function dependencyResults(def: FactDef, lookup: (key: string) => FactResult | undefined): DependencyResults {
  const out: DependencyResults = {};
  for (const dep of def.dependsOn ?? []) {
    const r = lookup(dep.key);
    if (r) out[dep.key] = r;
  }
  return out;
}

/**
 * A user check's record set makes its rows in the worker: a page's records at once, asked across
 * (with the time limit and the run's abort signal), never one record at a time on this thread.
 */
export type BatchRows = (records: SampleRecord[], signal?: AbortSignal) => Promise<SampleRecord[]>;

const batchRows = new WeakMap<object, BatchRows>();

export function markBatchRows(set: object, rows: BatchRows): void {
  batchRows.set(set, rows);
}

export function batchRowsOf(set: object): BatchRows | undefined {
  return batchRows.get(set);
}

/** A user data check says what to do about its worklist rows in the worker, a chunk of rows at once. */
export type BatchActions = (rows: SampleRecord[], signal?: AbortSignal) => Promise<string[]>;

const batchActions = new WeakMap<Check, BatchActions>();

export function markBatchActions(check: Check, actions: BatchActions): void {
  batchActions.set(check, actions);
}

export function batchActionsOf(check: Check): BatchActions | undefined {
  return batchActions.get(check);
}
