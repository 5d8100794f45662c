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
import { thrownText } from '../util/plain-json.js';
import { normaliseOutcome } from './outcome.js';
import { isolatedCheckOf, type IsolatedCheck } from '../model/isolated.js';
import type { CheckContext, CheckOutcome, FactResult, RunContext } from '../model/check.js';

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
  const inputs = inputsOf(p, store);
  if ('outcome' in inputs) return inputs.outcome;
  let raw: unknown;
  try {
    raw = p.check.evaluate(inputs.values, ctx);
  } catch (e) {
    return { status: 'error', summary: `check crashed: ${crashText(e)}`, evidence: [] };
  }
  return settled(p, raw);
}

/**
 * A user check running in its worker, evaluated there within the time limit. What it returned was
 * normalised there and is normalised again here: the engine trusts no thread but its own.
 */
async function evaluateIsolated(p: PreparedCheck, isolated: IsolatedCheck, store: FactStore, ctx: CheckContext, signal?: AbortSignal): Promise<CheckOutcome> {
  const inputs = inputsOf(p, store);
  if ('outcome' in inputs) return inputs.outcome;
  const answer = (await isolated.evaluate(inputs.values, ctx, signal)) as { crashed?: string; problem?: string; outcome?: unknown };
  if (typeof answer.crashed === 'string') return { status: 'error', summary: `check crashed: ${answer.crashed}`, evidence: [] };
  if (typeof answer.problem === 'string') return { status: 'error', summary: answer.problem, evidence: [] };
  return settled(p, answer.outcome);
}

/** The facts `evaluate` receives, or the outcome when the check cannot be evaluated (a problem, a failed read). */
function inputsOf(p: PreparedCheck, store: FactStore): { values: Record<string, FactResult> } | { outcome: CheckOutcome } {
  if (p.problem || !p.needs) return { outcome: { status: 'error', summary: p.problem ?? 'check declared no facts', evidence: [] } };

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
  if (failed.length > 0) return { outcome: failureOutcome(failed) };
  return { values };
}

function settled(p: PreparedCheck, raw: unknown): CheckOutcome {
  const normalised = normaliseOutcome(raw);
  if ('problem' in normalised) return { status: 'error', summary: `check ${p.check.meta.id} ${normalised.problem}`, evidence: [] };
  return normalised.outcome;
}

/** What a check threw, on one line, even when what it threw cannot be read. */
function crashText(e: unknown): string {
  try {
    return errorLine(e);
  } catch {
    return thrownText(e);
  }
}

export type CheckProgress = { type: 'check'; id: string; title: string; status: CheckOutcome['status']; durationMs: number; index: number; total: number };

/** One evaluated check: what it declared and what it concluded. */
export interface EvaluatedCheck extends CheckRun {
  prepared: PreparedCheck;
}

/**
 * Every prepared check, in order, each on its own (one that fails does not stop the others). User
 * checks running in their worker are asked there; one that overruns the time limit, or an
 * interrupted run, rejects (UserCheckError, AbortError).
 */
export async function evaluateChecks(
  prepared: PreparedCheck[],
  store: FactStore,
  ctx: RunContext,
  opts: { signal?: AbortSignal; onProgress?: (e: CheckProgress) => void } = {},
): Promise<EvaluatedCheck[]> {
  const evaluated: EvaluatedCheck[] = [];
  for (const [index, p] of prepared.entries()) {
    throwIfAborted(opts.signal);
    const isolated = isolatedCheckOf(p.check);
    let run: CheckRun;
    if (isolated) {
      const started = performance.now();
      const outcome = await evaluateIsolated(p, isolated, store, { ...ctx, options: p.options }, opts.signal);
      run = { outcome, durationMs: Math.round((performance.now() - started) * 1000) / 1000 };
    } else {
      run = evaluateCheck(p, store, ctx);
    }
    const { id, title } = p.check.meta;
    opts.onProgress?.({ type: 'check', id, title, status: run.outcome.status, durationMs: run.durationMs, index: index + 1, total: prepared.length });
    evaluated.push({ prepared: p, ...run });
  }
  return evaluated;
}
