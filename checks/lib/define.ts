/** Typing help for check modules: `defineCheck` keeps each check's fact names and value types. */
import type { Check, CheckContext, FactNeed } from '../../src/model/check.js';

export function defineCheck<N extends Record<string, FactNeed>>(check: Check<N>): Check<N> {
  return check;
}

/** At the top level of a multi-entity company a query misses entity-private records without showprivate. */
export function showPrivate(ctx: CheckContext): boolean {
  return ctx.entityId === undefined;
}

/** `need(fact)`: the check evaluates failed reads itself (so it can tell permission from outage). */
export function need<T>(fact: FactNeed<T>['fact']): FactNeed<T> {
  return { fact, onError: 'evaluate' };
}
