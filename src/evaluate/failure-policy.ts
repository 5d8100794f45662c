/**
 * The one failure policy: what a check's outcome is when a read it needs failed. The engine applies
 * it before `evaluate` runs (for every need not marked `onError: 'evaluate'`), and the check kit
 * applies it when a check that judges a failure itself finds it cannot reach a verdict, so the same
 * failed read reads the same in every check, built-in or not.
 *
 * A failed read is never a pass or a fail. Its status comes from the kind of failure: `error` by
 * default; `manual` where the need says a person can confirm the answer instead (a missing
 * permission, a module that is off); never `manual` without a session. A need that names its read
 * (`what`, as the check kit's `read` does) gets a summary naming it, the reason in the words of its
 * kind, and a hint a person can act on (the need's own for that kind, else the policy's); a need
 * that does not is summarised by the read's own message. The gateway's full text is in the evidence.
 */
import type { CheckOutcome, Evidence, FactError, FactErrorKind, FactNeed, FactRequest, FactResult } from '../model/check.js';

export type FailedFact = Extract<FactResult, { ok: false }>;

export type FailureStatus = 'error' | 'manual';

/** One failed read, as the need that asked for it wants it reported. */
export interface FailedRead {
  result: FailedFact;
  /** The need's policy: `onError`, the words for the read (`what`) and per-kind rules (`onFailure`). */
  need?: Pick<FactNeed, 'onError' | 'what' | 'onFailure'>;
}

const LEAD: Record<FailureStatus, string> = { error: 'Could not be evaluated', manual: 'Needs a person to confirm' };

/** What a request was, in a few words: `query ARINVOICE`, `get_companyprefs AR`. */
function describeRequest(req: FactRequest): string {
  const target = req.object ?? req.application;
  const at = req.entityId ? ` at entity ${req.entityId}` : '';
  return `${req.function}${target ? ` ${target}` : ''}${at}`;
}

/** The status a failed read gives its check: the need's rule for the kind, else its `onError`. */
function failureStatus(read: FailedRead): FailureStatus {
  const kind = read.result.error.kind;
  if (kind === 'connection') return 'error'; // nothing was read: a person has nothing to confirm against
  const rule = ruleFor(read.need, kind)?.status;
  if (rule === 'error' || rule === 'manual') return rule;
  return read.need?.onError === 'manual' ? 'manual' : 'error';
}

/**
 * The outcome of a check whose reads failed: `error` when any failure is an error (those are
 * reported), else `manual`. The summary is one line about the first; evidence lists each.
 */
export function failureOutcome(reads: FailedRead[], extra: Evidence[] = []): CheckOutcome {
  if (reads.length === 0) throw new Error('failureOutcome needs at least one failed read');
  const judged = reads.map((read) => ({ read, status: failureStatus(read) }));
  const errors = judged.filter((j) => j.status === 'error');
  const chosen = errors.length > 0 ? errors : judged;
  const status: FailureStatus = errors.length > 0 ? 'error' : 'manual';
  const first = chosen[0]!.read;
  const what = words(first.need?.what);
  const more = chosen.length > 1 ? ` (and ${chosen.length - 1} more failed read${chosen.length > 2 ? 's' : ''})` : '';
  const hint = hintFor(first, what !== undefined);
  const reason = `${what ? `could not read ${what}: ${kindReason(first.result.error, first.result.request)}` : first.result.error.message}${more}`;
  return {
    status,
    summary: `${LEAD[status]}: ${hint ? `${reason.replace(/\.$/, '')}. ${hint}` : reason}`,
    evidence: [...chosen.map((c) => failedReadEvidence(c.read.result)), ...extra],
  };
}

/** Evidence for a read that failed: what was asked and why it did not answer. */
export function failedReadEvidence(result: FailedFact): Evidence {
  const r = result.request;
  const ev: Evidence = { source: r.function, observed: null, note: result.error.message };
  if (r.object) ev.object = r.object;
  if (r.application) ev.application = r.application;
  return ev;
}

function ruleFor(need: FailedRead['need'], kind: FactErrorKind): { status?: unknown; hint?: unknown } | undefined {
  const rules = need?.onFailure;
  if (typeof rules !== 'object' || rules === null) return undefined;
  const rule = Object.hasOwn(rules, kind) ? (rules as Record<string, unknown>)[kind] : undefined;
  return typeof rule === 'object' && rule !== null ? (rule as { status?: unknown; hint?: unknown }) : undefined;
}

/** The need's hint for this kind of failure; else, for a need that names its read, the policy's. */
function hintFor(read: FailedRead, described: boolean): string | undefined {
  const own = words(ruleFor(read.need, read.result.error.kind)?.hint);
  if (own) return own;
  return described ? kindHint(read.result.error, read.result.request) : undefined;
}

/** A check's words on one line (a summary is one line), or undefined when there are none. */
function words(text: unknown): string | undefined {
  const line = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  return line === '' ? undefined : line;
}

/** Why a described read failed, in a few words; the gateway's full text stays in the evidence. */
function kindReason(error: FactError, req: FactRequest): string {
  switch (error.kind) {
    case 'permission':
      return `the Web Services user has no permission for ${describeRequest(req)}${error.errorno ? ` (${error.errorno})` : ''}`;
    case 'not-subscribed':
      return `the module or feature behind ${describeRequest(req)} is not enabled`;
    default:
      return error.message;
  }
}

/** What a person can do about each kind of failure, in general terms (a check may say it better). */
function kindHint(error: FactError, req: FactRequest): string | undefined {
  const target = req.object ?? (req.application ? `the ${req.application} configuration` : req.function);
  switch (error.kind) {
    case 'permission':
      return `Grant the Web Services user List and View on ${target} (Company > Admin > Users, or Roles), then run the audit again.`;
    case 'not-subscribed':
      return 'The module or feature behind it is not enabled in this company; if Re-Leased relies on it, enable it and run the audit again.';
    case 'unknown-object':
      return `Check that the module ${target} belongs to is subscribed, and that the fields asked for exist in this company.`;
    case 'transport':
      return 'Run the audit again; if this read keeps failing, raise --timeout.';
    // function: the gateway's own correction is already in the message; not-gathered: the read it
    // depends on says why; connection: the connection check says what to fix.
    default:
      return undefined;
  }
}
