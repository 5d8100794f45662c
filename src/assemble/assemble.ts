/**
 * The audit result from the checks' results: the user's policy applied (attestations, waivers),
 * the verdict, the counts, and what the facts say about the company. Inputs are left as they are.
 */
import type { SettingsCatalog } from '../model/check.js';
import type { AuditResult, CheckResult, NotRunCheck, RunStats } from '../model/result.js';
import { applications, entityDetails, financialSetup, type EntityDetail, type FinancialSetup } from '../facts/index.js';
import type { FactStore } from '../gather/store.js';
import type { AuditPlan } from '../plan/audit-plan.js';
import { packageVersion } from '../package.js';
import { applyPolicy } from './policy.js';
import { computeVerdict, countStatuses } from './verdict.js';

export interface RunInfo {
  companyId: string;
  entityId?: string;
  endpointHost?: string;
  startedAt: Date;
  source: AuditResult['run']['source'];
  stats: RunStats;
  /** The facts the checks were evaluated on (company details and the catalog entries read come from them). */
  store: FactStore;
}

export function assembleResult(plan: AuditPlan, raw: CheckResult[], notRun: NotRunCheck[], info: RunInfo): AuditResult {
  const { results, warnings } = applyPolicy(raw, { waivers: plan.waivers, attestations: plan.attestations, today: plan.today });
  const { verdict, verdictReason } = computeVerdict(results, notRun);
  const finishedAt = new Date();
  const result: AuditResult = {
    schemaVersion: 1,
    tool: { name: 'intacct-preflight', version: packageVersion() },
    run: {
      startedAt: info.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - info.startedAt.getTime(),
      source: info.source,
      ...(info.endpointHost ? { endpointHost: info.endpointHost } : {}),
      syncFrom: plan.syncFrom,
      stats: { ...info.stats },
    },
    company: companyInfo(info.store, info.companyId, info.entityId),
    integration: structuredClone(plan.integration),
    verdict,
    verdictReason,
    counts: countStatuses(results, notRun),
    checks: results,
    notRun,
    redacted: false,
    catalog: catalogRead(plan.catalog, info.store),
  };
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

function companyInfo(store: FactStore, id: string, entityId: string | undefined): AuditResult['company'] {
  const company: AuditResult['company'] = { id };
  if (entityId) company.entityId = entityId;
  const setup = store.get(financialSetup().key);
  if (setup?.ok) {
    const s = setup.value as FinancialSetup;
    if (s.baseCurrency) company.baseCurrency = s.baseCurrency;
    company.multiCurrency = s.multiCurrency;
    company.multiBaseCurrency = s.multiBaseCurrency;
  }
  const apps = store.get(applications().key);
  if (apps?.ok) company.applications = [...(apps.value as string[])];
  const ents = store.get(entityDetails().key);
  if (ents?.ok && (ents.value as EntityDetail[]).length > 0) {
    company.entities = (ents.value as EntityDetail[]).map((e) => ({
      id: e.id,
      ...(e.name ? { name: e.name } : {}),
      ...(e.currency ? { currency: e.currency } : {}),
    }));
  }
  return company;
}

/** Catalog entries of the applications whose preferences this run read (or tried to). */
function catalogRead(catalog: SettingsCatalog, store: FactStore): AuditResult['catalog'] {
  const apps = new Set(
    store
      .entries()
      .map((f) => f.result.request)
      .filter((r) => r.function === 'get_companyprefs' && r.application)
      .map((r) => r.application!.toUpperCase()),
  );
  return Object.entries(catalog)
    .filter(([, e]) => apps.has(e.application))
    .map(([setting, e]) => ({ setting, application: e.application, candidates: [...e.candidates], verified: e.verified }));
}
