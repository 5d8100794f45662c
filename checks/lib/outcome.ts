/**
 * Shared wording for check outcomes, so every check reports a failed read, a finding and its
 * evidence the same way (and never turns a failed read into a pass or a fail).
 */
import { describeFilter, type RecordSample } from '../../src/facts/index.js';
import type { CheckOutcome, Evidence, FactError, FactRequest, FactResult } from '../../src/model/check.js';

export type FailedFact = Extract<FactResult, { ok: false }>;

/** What a request was, in a few words: `query ARINVOICE`, `get_companyprefs AR`. */
export function describeRequest(req: FactRequest): string {
  const target = req.object ?? req.application;
  const at = req.entityId ? ` at entity ${req.entityId}` : '';
  return `${req.function}${target ? ` ${target}` : ''}${at}`;
}

export function failureEvidence(fact: FailedFact): Evidence {
  const e: Evidence = {
    source: fact.request.function,
    observed: null,
    note: `${describeRequest(fact.request)} failed (${fact.error.kind}): ${fact.error.message}`,
  };
  if (fact.request.object) e.object = fact.request.object;
  if (fact.request.application) e.application = fact.request.application;
  return e;
}

/** Why, in a few words; the gateway's full texts stay in the evidence. */
function reason(error: FactError, req: FactRequest): string {
  switch (error.kind) {
    case 'permission':
      return `the Web Services user has no permission for ${describeRequest(req)}${error.errorno ? ` (${error.errorno})` : ''}`;
    case 'not-subscribed':
      return `the module or feature behind ${describeRequest(req)} is not enabled`;
    case 'connection':
      return `not run: no connection (${error.message})`;
    default:
      return error.message;
  }
}

/**
 * A read the check needs failed: `error`, naming the read and why. Pass `manual` when a person can
 * still confirm the answer in Intacct (the summary then says what to grant or check).
 */
export function failedRead(
  fact: FailedFact,
  what: string,
  opts: { status?: 'error' | 'manual'; extra?: Evidence[]; hint?: string } = {},
): CheckOutcome {
  const status = fact.error.kind === 'connection' ? 'error' : (opts.status ?? 'error');
  const hint = opts.hint ? ` ${opts.hint}` : '';
  return {
    status,
    summary: `Could not read ${what}: ${reason(fact.error, fact.request)}.${hint}`,
    evidence: [failureEvidence(fact), ...(opts.extra ?? [])],
  };
}

/** Evidence of one sampled query: how many records matched which filter. */
export function sampleEvidence(fact: FactResult<RecordSample> & { ok: true }, note?: string): Evidence {
  const sent = fact.request.sent;
  const filter = sent && sent.function === 'query' ? describeFilter(sent.filter) : undefined;
  const parts = [filter ? `filter: ${filter}` : undefined, note].filter(Boolean);
  return {
    source: 'query',
    object: fact.value.object,
    observed: fact.value.count,
    ...(parts.length ? { note: parts.join('; ') } : {}),
  };
}

/** The verb agreeing with a count: verb(1, 'has', 'have') = 'has'. */
export function verb(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** "1 customer", "3 customers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
