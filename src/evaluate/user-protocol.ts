/**
 * The messages between the engine and the worker that runs user check modules. Everything that
 * crosses is data (structured clones): functions stay in the worker, which keeps each declared
 * fact by a number (`ref`) the engine hands back when it wants that fact's request or interpret.
 */
import type { FunctionData } from '../intacct/functions.js';
import type { CheckContext, CheckMeta, FactResult, FailureRules, GatherContext, OnFactError } from '../model/check.js';
import type { DependencyResults } from '../model/isolated.js';

export type WorkerRequest =
  | { id: number; op: 'load'; file: string }
  | { id: number; op: 'declare'; check: string; ctx: CheckContext }
  | { id: number; op: 'request'; ref: number; ctx: GatherContext; deps: DependencyResults }
  | { id: number; op: 'interpret'; ref: number; data: FunctionData; ctx: GatherContext; deps: DependencyResults }
  | { id: number; op: 'evaluate'; check: string; inputs: string; values: Record<string, FactResult>; ctx: CheckContext }
  /** A page of worklist records as the check's rows, in the same order. */
  | { id: number; op: 'rows'; check: string; inputs: string; set: string; records: Record<string, unknown>[] }
  /** What to do about each of some worklist rows, in the same order. */
  | { id: number; op: 'actions'; check: string; inputs: string; rows: Record<string, unknown>[] };

/**
 * `ok: false` is the module's own failure, in one line: for `load` and `declare` a usage error
 * naming the file; for `request`, `interpret` and `evaluate` what its code threw.
 */
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; problem: string };

/** A declared fact, without its functions. */
export interface DeclaredFact {
  key: string;
  entityId?: string;
  topLevel?: boolean;
  dependsOn?: number[];
}

export interface DeclaredNeed {
  fact: number;
  onError?: OnFactError;
  what?: string;
  onFailure?: FailureRules;
}

/** What a data check's worklist needs: its record sets as data (rows and actions are asked of the worker). */
export interface DeclaredRecords {
  sets: { name: string; what: string; query: unknown; dateColumn?: string; one?: string }[];
  sample: unknown;
}

export type Declaration =
  | { problem: string }
  | { needs: Record<string, DeclaredNeed>; facts: Record<number, DeclaredFact>; records?: DeclaredRecords };

export interface LoadedModule {
  meta: CheckMeta;
}
