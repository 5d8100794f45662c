/**
 * Declaring a check: `defineCheck` keeps each need's name and value type, and `read` describes a
 * need so the engine's failure policy can report it. A need the engine reports on failure hands
 * `evaluate` only its value; a need marked `onError: 'evaluate'` hands over the failure too, for
 * checks where a failed read is itself evidence (a permission denial, a feature that is off).
 */
import type { Check, CheckContext, CheckMeta, CheckOutcome, FactDef, FactNeed, FactResult, FailureRules } from '../model/check.js';

/** A read that succeeded. */
export type Succeeded<T> = Extract<FactResult<T>, { ok: true }>;

/** A need whose failure the engine reports for the check: `evaluate` sees only its value. */
export interface Read<T> extends FactNeed<T> {
  /** The read in a few words, for a failure summary: "AR invoices", "the AR preferences". */
  what: string;
  onError?: 'error' | 'manual';
}

/** A need whose failure the check judges itself: `evaluate` sees the result, failed or not. */
export interface Judged<T> extends FactNeed<T> {
  what: string;
  onError: 'evaluate';
}

/** What `evaluate` receives for each need: the value, or the result when the check judges failures. */
export type NeedValue<N> = N extends FactNeed<infer T>
  ? N extends { onError: 'evaluate' }
    ? FactResult<T>
    : N extends { onError?: 'error' | 'manual' }
      ? Succeeded<T>
      : FactResult<T>
  : never;
export type NeedValues<N extends Record<string, FactNeed>> = { [K in keyof N]: NeedValue<N[K]> };

export interface CheckDefinition<N extends Record<string, FactNeed>> {
  meta: CheckMeta;
  /** The facts it reads, by local name. */
  needs(ctx: CheckContext): N;
  /** Pure: the same facts and context give the same outcome. */
  evaluate(facts: NeedValues<N>, ctx: CheckContext): CheckOutcome;
}

/** A check, typed: `evaluate` knows the value type of every need. */
export function defineCheck<N extends Record<string, FactNeed>>(check: CheckDefinition<N>): Check<N> {
  return check as unknown as Check<N>;
}

/**
 * A need described for the failure policy: `read(companyPrefs('AR'), 'the AR preferences')`.
 * Options: `onError` (`manual`, or `evaluate` to judge failures in the check) and `onFailure`
 * (per kind of failure, a status and a hint).
 */
export function read<T>(fact: FactDef<T>, what: string, opts: { onError: 'evaluate' }): Judged<T>;
export function read<T>(fact: FactDef<T>, what: string, opts?: { onError?: 'error' | 'manual'; onFailure?: FailureRules }): Read<T>;
export function read<T>(fact: FactDef<T>, what: string, opts: { onError?: FactNeed['onError']; onFailure?: FailureRules } = {}): FactNeed<T> {
  return { fact, what, ...(opts.onError ? { onError: opts.onError } : {}), ...(opts.onFailure ? { onFailure: opts.onFailure } : {}) } as FactNeed<T>;
}

/** At the top level of a multi-entity company a query misses entity-private records without showprivate. */
export function showPrivate(ctx: CheckContext): boolean {
  return ctx.entityId === undefined;
}
