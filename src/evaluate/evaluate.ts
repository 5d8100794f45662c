/**
 * Running checks: each check is evaluated on its own, from the facts in the store. A failed read
 * is handled as the check asked (error, manual, or handed to `evaluate`); a check that throws or
 * returns something that is not an outcome becomes `error`, and the other checks still run.
 */
import { performance } from 'node:perf_hooks';
import { oneLine } from '../util/errors.js';
import { optionsOf } from '../plan/check-options.js';
import { describeFactDefProblem } from '../plan/facts.js';
import type { FactStore } from '../gather/store.js';
import {
  CHECK_STATUSES,
  type Check,
  type CheckContext,
  type CheckOptions,
  type CheckOutcome,
  type Evidence,
  type FactDef,
  type FactNeed,
  type FactResult,
  type RunContext,
} from '../model/check.js';

/** A check with the facts it declared for this run (or why it could not declare them). */
export interface PreparedCheck {
  check: Check;
  /** The check's own options in force (ctx.options for needs and evaluate). */
  options: CheckOptions;
  needs?: Record<string, FactNeed>;
  /** Set when `needs()` threw or returned something unusable: the check is an error. */
  problem?: string;
}

export interface CheckRun {
  outcome: CheckOutcome;
  durationMs: number;
}

/**
 * Each check declares its facts with its own options in the context (`options` by check id, from
 * resolveCheckOptions; a check not in it gets its defaults, or `{}`).
 */
export function prepareChecks(checks: Check[], ctx: RunContext, options?: ReadonlyMap<string, CheckOptions>): PreparedCheck[] {
  return checks.map((check) => prepareCheck(check, ctx, optionsOf(check, options)));
}

function prepareCheck(check: Check, runCtx: RunContext, options: CheckOptions): PreparedCheck {
  const ctx: CheckContext = { ...runCtx, options };
  let needs: unknown;
  try {
    needs = check.needs(ctx);
  } catch (e) {
    return { check, options, problem: `check crashed while declaring its facts: ${oneLine(e)}` };
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

export function evaluateCheck(p: PreparedCheck, store: FactStore, ctx: RunContext): CheckRun {
  const started = performance.now();
  const outcome = evaluateOutcome(p, store, { ...ctx, options: p.options });
  return { outcome, durationMs: Math.round((performance.now() - started) * 1000) / 1000 };
}

function evaluateOutcome(p: PreparedCheck, store: FactStore, ctx: CheckContext): CheckOutcome {
  if (p.problem || !p.needs) return { status: 'error', summary: p.problem ?? 'check declared no facts', evidence: [] };

  const values: Record<string, FactResult> = {};
  const blocking: { mode: 'error' | 'manual'; result: Extract<FactResult, { ok: false }> }[] = [];
  for (const [name, need] of Object.entries(p.needs)) {
    const result: FactResult = store.get(need.fact.key) ?? {
      ok: false,
      request: { function: 'inspect' },
      error: { kind: 'not-gathered', message: `fact ${need.fact.key} was not gathered` },
    };
    values[name] = result;
    const mode = need.onError ?? 'error';
    if (!result.ok && mode !== 'evaluate') blocking.push({ mode, result });
  }

  // A failed read is never a pass or a fail: `error` wins over `manual` when both occur.
  const errors = blocking.filter((b) => b.mode === 'error');
  const chosen = errors.length > 0 ? errors : blocking;
  if (chosen.length > 0) {
    const first = chosen[0]!.result.error.message;
    const more = chosen.length > 1 ? ` (and ${chosen.length - 1} more failed read${chosen.length > 2 ? 's' : ''})` : '';
    const status = errors.length > 0 ? 'error' : 'manual';
    const lead = status === 'error' ? 'Could not be evaluated' : 'Needs a person to confirm';
    return { status, summary: `${lead}: ${first}${more}`, evidence: chosen.map((b) => failedReadEvidence(b.result)) };
  }

  let outcome: unknown;
  try {
    outcome = p.check.evaluate(values, ctx);
  } catch (e) {
    return { status: 'error', summary: `check crashed: ${oneLine(e)}`, evidence: [] };
  }
  if (outcome instanceof Promise) {
    outcome.catch(() => undefined); // evaluate must be synchronous; do not leave a rejection unhandled
    return { status: 'error', summary: `check ${p.check.meta.id} returned a Promise: evaluate must be synchronous and pure`, evidence: [] };
  }
  const problem = outcomeProblem(outcome);
  if (problem) return { status: 'error', summary: `check ${p.check.meta.id} returned an invalid outcome: ${problem}`, evidence: [] };
  const o = outcome as CheckOutcome;
  return { ...o, summary: oneLine(o.summary), evidence: o.evidence ?? [] };
}

/** Evidence for a read that failed: what was asked and why it did not answer. */
export function failedReadEvidence(result: Extract<FactResult, { ok: false }>): Evidence {
  const r = result.request;
  const ev: Evidence = { source: r.function, observed: null, note: result.error.message };
  if (r.object) ev.object = r.object;
  if (r.application) ev.application = r.application;
  return ev;
}

/** What is wrong with a check's return value, or undefined when it is a valid outcome. */
export function outcomeProblem(o: unknown): string | undefined {
  if (typeof o !== 'object' || o === null) return `expected an object, got ${o === null ? 'null' : typeof o}`;
  const x = o as Record<string, unknown>;
  if (!CHECK_STATUSES.includes(x.status as CheckOutcome['status'])) {
    return `status ${JSON.stringify(x.status)} is not one of ${CHECK_STATUSES.join(', ')}`;
  }
  if (typeof x.summary !== 'string' || x.summary.trim() === '') return 'summary must be a non-empty string';
  if (x.evidence !== undefined) {
    if (!Array.isArray(x.evidence)) return 'evidence must be an array';
    for (const [i, ev] of x.evidence.entries()) {
      if (typeof ev !== 'object' || ev === null || typeof (ev as Evidence).source !== 'string') {
        return `evidence[${i}] must be an object with a string "source"`;
      }
      const observed = (ev as Evidence).observed;
      if (observed !== null && !['string', 'number', 'boolean'].includes(typeof observed)) {
        return `evidence[${i}].observed must be a string, number, boolean or null`;
      }
    }
  }
  if (x.affected !== undefined) {
    const a = x.affected as Record<string, unknown> | null;
    if (typeof a !== 'object' || a === null) return 'affected must be an object';
    if (typeof a.count !== 'number' || !Number.isInteger(a.count) || a.count < 0) return 'affected.count must be a non-negative integer';
    if (!Array.isArray(a.sample)) return 'affected.sample must be an array';
    if (!Array.isArray(a.columns) || a.columns.some((c) => typeof c !== 'string')) return 'affected.columns must be an array of field names';
  }
  return undefined;
}
