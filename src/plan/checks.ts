/**
 * Preparing checks: each selected check declares the facts it reads for this run, with its own
 * options in the context. A check whose `needs()` throws or returns something unusable is not
 * dropped: it carries the problem and is reported as `error`, and the other checks still run.
 */
import { errorLine } from '../util/errors.js';
import { optionsOf } from './check-options.js';
import { describeFactDefProblem } from './facts.js';
import { isolatedCheckOf } from '../model/isolated.js';
import type { Check, CheckContext, CheckOptions, FactDef, FactNeed, RunContext } from '../model/check.js';

/** A check with the facts it declared for this run (or why it could not declare them). */
export interface PreparedCheck {
  check: Check;
  /** The check's own options in force (ctx.options for needs and evaluate). */
  options: CheckOptions;
  needs?: Record<string, FactNeed>;
  /** Set when `needs()` threw or returned something unusable: the check is an error. */
  problem?: string;
}

/**
 * Each check declares its facts with its own options in the context (`options` by check id, from
 * resolveCheckOptions; a check not in it gets its defaults, or `{}`).
 */
export function prepareChecks(checks: Check[], ctx: RunContext, options?: ReadonlyMap<string, CheckOptions>): PreparedCheck[] {
  return checks.map((check) => prepareCheck(check, ctx, optionsOf(check, options)));
}

/**
 * prepareChecks for a run that may hold user checks running in their worker: those declare there
 * (asynchronously, within the time limit), the others here. A declaration that overruns, or an
 * interrupted run, rejects (UserCheckError, AbortError); a check's own mistake is its `problem`.
 */
export async function declareChecks(checks: Check[], ctx: RunContext, options?: ReadonlyMap<string, CheckOptions>, signal?: AbortSignal): Promise<PreparedCheck[]> {
  const prepared: PreparedCheck[] = [];
  for (const check of checks) {
    const opts = optionsOf(check, options);
    const isolated = isolatedCheckOf(check);
    if (!isolated) {
      prepared.push(prepareCheck(check, ctx, opts));
      continue;
    }
    const declared = await isolated.declare({ ...ctx, options: opts }, signal);
    prepared.push('problem' in declared ? { check, options: opts, problem: declared.problem } : { check: declared.check, options: opts, needs: declared.needs });
  }
  return prepared;
}

function prepareCheck(check: Check, runCtx: RunContext, options: CheckOptions): PreparedCheck {
  const ctx: CheckContext = { ...runCtx, options };
  let needs: unknown;
  try {
    needs = check.needs(ctx);
  } catch (e) {
    return { check, options, problem: `check crashed while declaring its facts: ${errorLine(e)}` };
  }
  if (typeof needs !== 'object' || needs === null || Array.isArray(needs)) {
    return { check, options, problem: `check ${check.meta.id} returned invalid needs: expected an object of { fact, onError } by name` };
  }
  for (const [name, need] of Object.entries(needs)) {
    const fact = (need as Partial<FactNeed> | null)?.fact;
    const problem = describeFactDefProblem(fact);
    const onError = (need as Partial<FactNeed> | null)?.onError;
    if (problem) return { check, options, problem: `check ${check.meta.id} declared an invalid need "${name}": ${problem}` };
    if (onError !== undefined && !['error', 'manual', 'evaluate'].includes(onError)) {
      return { check, options, problem: `check ${check.meta.id} need "${name}" has onError "${String(onError)}" (expected error, manual or evaluate)` };
    }
  }
  return { check, options, needs: needs as Record<string, FactNeed> };
}

/** Every fact the prepared checks need (duplicates included: the planner dedupes). */
export function neededFacts(prepared: PreparedCheck[]): FactDef[] {
  return prepared.flatMap((p) => Object.values(p.needs ?? {}).map((n) => n.fact));
}
