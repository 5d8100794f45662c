/**
 * Retry policy for transient failures. Every request the client sends is a read, so repeating one is
 * always safe; what is retried is decided by the error's `retryable` flag (429/GW-0010, 5xx incl.
 * 524, resets, timeouts, throttling text). Exponential backoff with full jitter spreads retries of
 * concurrent requests; Retry-After, when given, is honoured (within a cap).
 */
import { IntacctError, HttpError, TimeoutError } from './errors.js';

export interface RetryPolicy {
  /** Total attempts including the first (default 5). */
  maxAttempts: number;
  /** Backoff base (default 500 ms): attempt n waits up to base × 2^(n−1). */
  baseDelayMs: number;
  /** Upper bound of one backoff delay (default 30 s). */
  maxDelayMs: number;
  /** Upper bound for a server's Retry-After (default 120 s). */
  maxRetryAfterMs: number;
  /** Random source in [0, 1), injectable for tests. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  random: Math.random,
};

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent/invalid. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Delay before attempt `attempt + 1`, after `attempt` failed attempts (attempt ≥ 1). */
export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

export interface RetryContext {
  /** Absolute time (ms since epoch) after which no new attempt starts. */
  deadline: number;
  onRetry?: (info: { attempt: number; delayMs: number; error: IntacctError }) => void;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Run `op` until it succeeds, fails with a non-retryable error, runs out of attempts, or the next
 * attempt could not start before the deadline. The final error notes how many attempts were made.
 */
export async function withRetries<T>(op: (attempt: number) => Promise<T>, policy: RetryPolicy, ctx: RetryContext): Promise<T> {
  const sleep = ctx.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    if (Date.now() >= ctx.deadline) {
      throw new TimeoutError('Overall time budget for this operation ran out (deadlineMs)', 'deadline').noteAttempts(attempt - 1);
    }
    try {
      return await op(attempt);
    } catch (e) {
      if (!(e instanceof IntacctError) || !e.retryable) {
        if (e instanceof IntacctError) e.noteAttempts(attempt);
        throw e;
      }
      if (attempt >= policy.maxAttempts) throw e.noteAttempts(attempt);
      const retryAfter = e instanceof HttpError ? e.retryAfterMs : undefined;
      const delayMs = backoffDelay(attempt, policy, retryAfter);
      if (Date.now() + delayMs >= ctx.deadline) throw e.noteAttempts(attempt);
      ctx.onRetry?.({ attempt, delayMs, error: e });
      await sleep(delayMs);
    }
  }
}
