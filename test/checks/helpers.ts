/**
 * Plain-data facts for the checks' evaluate tests: what a read would have returned, successful or
 * failed. No client, no network: each check is evaluated by the engine's own evaluation step, so
 * a failed read gets the outcome the engine's failure policy gives it in a real audit.
 */
import { readFileSync } from 'node:fs';
import type { RecordSample } from '../../src/facts/index.js';
import { evaluateCheck } from '../../src/evaluate/evaluate.js';
import { prepareChecks } from '../../src/plan/checks.js';
import { FactStore } from '../../src/gather/store.js';
import { checks } from '../../checks/index.js';
import { resolveIntegration } from '../../src/plan/integration.js';
import type {
  Check,
  CheckContext,
  CheckOutcome,
  FactErrorKind,
  FactRequest,
  FactResult,
  SampleRecord,
  SettingsCatalog,
} from '../../src/model/check.js';

export const catalog: SettingsCatalog = JSON.parse(readFileSync(new URL('../../checks/settings-catalog.json', import.meta.url), 'utf8'));

export function context(over: Partial<CheckContext> = {}): CheckContext {
  return { syncFrom: '2018-01-01', catalog: structuredClone(catalog), options: {}, integration: resolveIntegration(), ...over };
}

export function check(id: string): Check {
  const c = checks.find((x) => x.meta.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

export function ok<T>(value: T, request: FactRequest = { function: 'query' }): FactResult<T> {
  return { ok: true, value, request };
}

export function failed(kind: FactErrorKind, request: FactRequest, message = `${kind} failure`): FactResult<never> {
  return { ok: false, error: { kind, message }, request };
}

export function prefs(application: string, values: Record<string, string>, entityId?: string): FactResult<Record<string, string>> {
  return ok(values, { function: 'get_companyprefs', application, ...(entityId ? { entityId } : {}) });
}

export function sample(object: string, rows: SampleRecord[], count = rows.length): FactResult<RecordSample> {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
  return ok({ object, count, sample: rows, fields }, { function: 'query', object });
}

/**
 * Evaluates a check on facts given by its local names, as the engine does after gathering. Facts
 * the check declares but the test does not give are an error in the test itself, so a check that
 * starts needing a new fact is noticed.
 */
export function evaluate(id: string, facts: Record<string, FactResult>, given: CheckContext = context()): CheckOutcome {
  const c = check(id);
  // As the engine does: the check's defaults, with the test's options over them.
  const options = { ...(c.meta.options?.defaults ?? {}), ...given.options };
  const [prepared] = prepareChecks([c], given, new Map([[id, options]]));
  if (!prepared?.needs) throw new Error(`${id} could not declare its facts: ${prepared?.problem}`);
  const missing = Object.keys(prepared.needs).filter((k) => !(k in facts));
  if (missing.length) throw new Error(`test gives no fact for ${id}: ${missing.join(', ')}`);
  const store = new FactStore();
  for (const [name, need] of Object.entries(prepared.needs)) store.set({ key: need.fact.key, result: facts[name]! });
  return evaluateCheck(prepared, store, given).outcome;
}
