/**
 * Running checks: each check is evaluated on its own, from the facts in the store. A failed read
 * is handled as the check asked (error, manual, or handed to `evaluate`); a check that throws or
 * returns something that is not an outcome becomes `error`, and the other checks still run.
 */
import { performance } from 'node:perf_hooks';
import { errorLine, throwIfAborted } from '../util/errors.js';
import type { PreparedCheck } from '../plan/checks.js';
import type { FactStore } from '../gather/store.js';
import { failureOutcome, type FailedRead } from './failure-policy.js';
import { CHECK_STATUSES, type CheckContext, type CheckOutcome, type Evidence, type FactResult, type RunContext } from '../model/check.js';

export type { PreparedCheck } from '../plan/checks.js';

export interface CheckRun {
  outcome: CheckOutcome;
  durationMs: number;
}

export function evaluateCheck(p: PreparedCheck, store: FactStore, ctx: RunContext): CheckRun {
  const started = performance.now();
  const outcome = evaluateOutcome(p, store, { ...ctx, options: p.options });
  return { outcome, durationMs: Math.round((performance.now() - started) * 1000) / 1000 };
}

function evaluateOutcome(p: PreparedCheck, store: FactStore, ctx: CheckContext): CheckOutcome {
  if (p.problem || !p.needs) return { status: 'error', summary: p.problem ?? 'check declared no facts', evidence: [] };

  const values: Record<string, FactResult> = {};
  const failed: FailedRead[] = [];
  for (const [name, need] of Object.entries(p.needs)) {
    const result: FactResult = store.get(need.fact.key) ?? {
      ok: false,
      request: { function: 'inspect' },
      error: { kind: 'not-gathered', message: `fact ${need.fact.key} was not gathered` },
    };
    values[name] = result;
    if (!result.ok && need.onError !== 'evaluate') failed.push({ result, need });
  }
  // A failed read is never a pass or a fail: the one failure policy reports it.
  if (failed.length > 0) return failureOutcome(failed);

  let outcome: unknown;
  try {
    outcome = p.check.evaluate(values, ctx);
  } catch (e) {
    return { status: 'error', summary: `check crashed: ${errorLine(e)}`, evidence: [] };
  }
  if (outcome instanceof Promise) {
    outcome.catch(() => undefined); // evaluate must be synchronous; do not leave a rejection unhandled
    return { status: 'error', summary: `check ${p.check.meta.id} returned a Promise: evaluate must be synchronous and pure`, evidence: [] };
  }
  const problem = outcomeProblem(outcome);
  if (problem) return { status: 'error', summary: `check ${p.check.meta.id} returned an invalid outcome: ${problem}`, evidence: [] };
  const o = outcome as CheckOutcome;
  return { ...o, summary: errorLine(o.summary), evidence: o.evidence ?? [] };
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

export type CheckProgress = { type: 'check'; id: string; title: string; status: CheckOutcome['status']; durationMs: number; index: number; total: number };

/** One evaluated check: what it declared and what it concluded. */
export interface EvaluatedCheck extends CheckRun {
  prepared: PreparedCheck;
}

/** Every prepared check, in order, each on its own (one that fails does not stop the others). */
export function evaluateChecks(
  prepared: PreparedCheck[],
  store: FactStore,
  ctx: RunContext,
  opts: { signal?: AbortSignal; onProgress?: (e: CheckProgress) => void } = {},
): EvaluatedCheck[] {
  return prepared.map((p, index) => {
    throwIfAborted(opts.signal);
    const run = evaluateCheck(p, store, ctx);
    const { id, title } = p.check.meta;
    opts.onProgress?.({ type: 'check', id, title, status: run.outcome.status, durationMs: run.durationMs, index: index + 1, total: prepared.length });
    return { prepared: p, ...run };
  });
}
