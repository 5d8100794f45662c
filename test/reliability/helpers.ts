/**
 * Shared set-up for the reliability tests: the real client, fast retry settings so fault tests
 * stay quick, a fault-free reference audit per company, and comparisons against it.
 */
import type { ClientOptions } from '../../src/intacct/client.js';
import { READ_FUNCTION_ALLOWLIST } from '../../src/intacct/allowlist.js';
import type { AuditResult } from '../../src/model/result.js';
import { runAudit, type AuditOptions } from '../../src/audit/audit.js';
import type { Sandbox } from '../../src/sandbox/server.js';

/** Small delays and timeouts: a transient fault recovers in milliseconds, a persistent one gives up fast. */
export const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 } as const;

export function connectionFor(sb: Sandbox, extra: Partial<ClientOptions> = {}): ClientOptions {
  return {
    endpoint: sb.endpoint,
    credentials: { ...sb.credentials },
    timeoutMs: 2_000,
    deadlineMs: 15_000,
    retry: { ...FAST_RETRY },
    ...extra,
  };
}

/** A fixed day, so waiver expiry and "today" cannot make two runs differ. */
export const TODAY = '2025-06-15';

export function audit(sb: Sandbox, extra: Partial<AuditOptions> & { client?: Partial<ClientOptions> } = {}): Promise<AuditResult> {
  const { client, ...rest } = extra;
  return runAudit({ today: TODAY, ...rest, connection: connectionFor(sb, client) });
}

export type StatusMap = Record<string, string>;

export function statuses(r: AuditResult): StatusMap {
  return Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
}

/** What must not change under a transient fault: the verdict and every check's status and finding. */
export function outcome(r: AuditResult): { verdict: string; checks: Record<string, { status: string; count?: number }> } {
  return {
    verdict: r.verdict,
    checks: Object.fromEntries(r.checks.map((c) => [c.id, { status: c.status, ...(c.affected ? { count: c.affected.count } : {}) }])),
  };
}

/** Every function name the sandbox received that is not on the read allowlist (should be none). */
export function nonReadFunctions(sb: Sandbox): string[] {
  return sb.received.map((f) => f.name).filter((n) => !(READ_FUNCTION_ALLOWLIST as ReadonlySet<string>).has(n));
}

export function byId(r: AuditResult, id: string) {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in the result`);
  return c;
}
