/**
 * The results of an audit that could not sign in: the connection check carries the reason, every
 * other selected check is an error saying it was not run. The failure is shown even when the
 * connection check was skipped: with its own registered metadata, and no longer listed as not run.
 */
import type { Evidence } from '../model/check.js';
import type { CheckResult, NotRunCheck } from '../model/result.js';
import type { AuditPlan } from '../plan/audit-plan.js';
import { builtinChecks } from '../plan/registry.js';
import type { SignInFailure } from '../gather/connect.js';
import { checkResult } from './check-result.js';

export const CONNECTION_CHECK_ID = 'connection.web-services-access';

export function connectionFailure(plan: AuditPlan, failure: SignInFailure): { results: CheckResult[]; notRun: NotRunCheck[] } {
  const reason = (failure.error as { reason?: string })?.reason;
  const evidence: Evidence[] = [
    { source: 'getAPISession', observed: null, note: reason ? `${(failure.error as { kind?: string }).kind ?? 'error'}: ${reason}` : 'sign-in failed' },
  ];
  const results = plan.selected.map((c) =>
    c.meta.id === CONNECTION_CHECK_ID
      ? checkResult(c, plan.severities, 'error', failure.message, evidence, 0)
      : checkResult(c, plan.severities, 'error', 'not run: no connection', [], 0),
  );
  if (results.some((r) => r.id === CONNECTION_CHECK_ID)) return { results, notRun: plan.notRun };
  const registered = [...plan.all, ...builtinChecks()].find((c) => c.meta.id === CONNECTION_CHECK_ID)!;
  return {
    results: [checkResult(registered, plan.severities, 'error', failure.message, evidence, 0), ...results],
    notRun: plan.notRun.filter((n) => n.id !== CONNECTION_CHECK_ID),
  };
}
