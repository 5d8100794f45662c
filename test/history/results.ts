/**
 * Plain audit results for the history tests: small enough that each test states exactly the
 * difference between the baseline and the current run it is about.
 */
import type { Affected, CheckStatus, SampleRecord, Severity } from '../../src/model/check.js';
import type { AuditResult, CheckResult } from '../../src/model/result.js';

export function makeCheck(
  partial: Partial<CheckResult> & { id: string; status: CheckStatus; severity?: Severity },
): CheckResult {
  const severity = partial.severity ?? 'warning';
  return {
    title: `Title of ${partial.id}`,
    category: partial.id.split('.')[0]!,
    defaultSeverity: severity,
    summary: `${partial.id} is ${partial.status}`,
    evidence: [],
    waived: false,
    why: 'Re-Leased relies on it.',
    remediation: ['Fix it in Intacct.'],
    docs: [],
    checkVersion: 1,
    origin: 'builtin',
    durationMs: 2,
    ...partial,
    severity,
  };
}

/** Affected foreign-currency customers C-<id> as sampled; `count` (default: the sample size) may exceed the sample. */
export function customers(ids: number[], opts: { count?: number } = {}): Affected {
  const sample: SampleRecord[] = ids.map((i) => ({ CUSTOMERID: `C-${i}`, NAME: `Tenant ${i} Ltd`, CURRENCY: 'AUD' }));
  return {
    count: opts.count ?? ids.length,
    sample,
    columns: ['CUSTOMERID', 'NAME', 'CURRENCY'],
    object: 'CUSTOMER',
    keyField: 'CUSTOMERID',
  };
}

export function makeResult(checks: CheckResult[], partial: Partial<AuditResult> = {}): AuditResult {
  const counts = { pass: 0, fail: 0, manual: 0, error: 0, 'not-applicable': 0, waived: 0, notRun: 0 } as AuditResult['counts'];
  for (const c of checks) {
    counts[c.status] += 1;
    if (c.waived) counts.waived += 1;
  }
  counts.notRun = partial.notRun?.length ?? 0;
  const failingBlocker = checks.some((c) => c.severity === 'blocker' && c.status === 'fail' && !c.waived);
  return {
    schemaVersion: 1,
    tool: { name: 'intacct-preflight', version: '0.1.0' },
    run: {
      startedAt: '2025-03-01T09:00:00.000Z',
      finishedAt: '2025-03-01T09:00:05.000Z',
      durationMs: 5000,
      source: 'live',
      syncFrom: '2023-07-01',
      stats: { httpRequests: 3, functions: 20, bytesSent: 1000, bytesReceived: 9000, retries: 0, sessionRenewals: 0 },
    },
    company: { id: 'harbour-property', name: 'Harbour Property' },
    verdict: failingBlocker ? 'not-ready' : 'ready',
    verdictReason: failingBlocker ? 'A blocker fails.' : 'All blockers pass.',
    counts,
    checks,
    notRun: [],
    redacted: false,
    catalog: [],
    ...partial,
  };
}

/** The same run a week later. */
export function later(result: AuditResult): AuditResult {
  return { ...result, run: { ...result.run, startedAt: '2025-03-08T09:00:00.000Z', finishedAt: '2025-03-08T09:00:05.000Z' } };
}
