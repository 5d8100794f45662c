/**
 * For checks that judge a failed read themselves (`onError: 'evaluate'`): when the failure leaves
 * no verdict, `cannotRead` reports it through the engine's failure policy, in the same words the
 * engine uses for every other failed read.
 */
import type { CheckOutcome, Evidence } from '../model/check.js';
import { failureOutcome, type FailedFact, type FailureStatus } from '../evaluate/failure-policy.js';

/** Evidence for a failed read (what was asked, why it did not answer), for checks that go on without it. */
export { failedReadEvidence as failureEvidence, type FailedFact } from '../evaluate/failure-policy.js';

/**
 * The outcome when `what` could not be read: `error`, or `manual` when a person can confirm the
 * answer in Intacct (then `hint` says what to grant or check). `extra` is kept as evidence.
 */
export function cannotRead(result: FailedFact, what: string, opts: { status?: FailureStatus; hint?: string; extra?: Evidence[] } = {}): CheckOutcome {
  const need = {
    what,
    ...(opts.status === 'manual' ? { onError: 'manual' as const } : {}),
    ...(opts.hint ? { onFailure: { [result.error.kind]: { hint: opts.hint } } } : {}),
  };
  return failureOutcome([{ result, need }], opts.extra);
}
