/**
 * One audit, start to finish, in the order data flows: plan (every usage error before any
 * network) → gather (sign in, read the planned facts) → evaluate (each check on its facts) →
 * assemble (policy, verdict, company; baseline and redaction last). The live path (runAudit) and
 * the offline path (evaluateFacts, from saved facts) share every step after gathering, so a
 * snapshot re-evaluates to the same result.
 */
import { IntacctClient } from '../intacct/client.js';
import { DEFAULT_ENDPOINT } from '../intacct/endpoint.js';
import type { SessionContext } from '../model/check.js';
import { zeroStats, type AuditResult } from '../model/result.js';
import { planAudit, type AuditPlan } from '../plan/audit-plan.js';
import { planChecks, planReads, runContext } from '../plan/reads.js';
import { originOf } from '../plan/registry.js';
import { gatherAuditFacts } from '../gather/audit-facts.js';
import { signIn } from '../gather/connect.js';
import { FactStore } from '../gather/store.js';
import { evaluateChecks } from '../evaluate/evaluate.js';
import { withMissingFacts } from '../evaluate/saved-facts.js';
import { assembleResult, type RunInfo } from '../assemble/assemble.js';
import { evaluatedResult } from '../assemble/check-result.js';
import { connectionFailure } from '../assemble/connection-failure.js';
import { checkDrift } from '../assemble/drift.js';
import { finishResult } from '../assemble/finish.js';
import { scrubSecrets } from '../assemble/scrub-secrets.js';
import { Redactor } from '../assemble/redact.js';
import { factsOf, snapshotFromAuditRun } from '../history/snapshot.js';
import { learnSnapshotIdentities, redactSnapshot } from '../history/redact-snapshot.js';
import { throwIfAborted, UsageError } from '../util/errors.js';
import type { StagedWorklists } from '../worklists/index.js';
import type { AuditOptions, AuditRun, EvaluatedFacts, EvaluateOptions } from './types.js';

export type { Attestation, Waiver } from '../plan/policy.js';
export type { AuditContext, AuditOptions, AuditRun, EvaluatedFacts, EvaluateOptions, ProgressEvent } from './types.js';
export { DEFAULT_SYNC_FROM } from '../plan/audit-plan.js';
export { CONNECTION_CHECK_ID } from '../assemble/connection-failure.js';
export { DEFAULT_ENDPOINT } from '../intacct/endpoint.js';

export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  const run = await runAuditWithFacts(opts);
  await run.worklists?.commit();
  return run.result;
}

export async function runAuditWithFacts(opts: AuditOptions): Promise<AuditRun> {
  const startedAt = new Date();
  const connection = opts.connection;
  if (!connection) throw new UsageError('runAudit needs connection options (endpoint and credentials); use evaluateFacts for saved facts.');
  const plan = await planAudit(opts, { signedInEntity: connection.credentials.entityId || undefined });
  // The user check worker (if any) lives as long as the run.
  return finallyClose(plan, () => runPlanned(plan, opts, connection, startedAt));
}

async function runPlanned(plan: AuditPlan, opts: AuditOptions, connection: NonNullable<AuditOptions['connection']>, startedAt: Date): Promise<AuditRun> {
  const endpointHost = hostOf(connection.endpoint ?? DEFAULT_ENDPOINT);
  const { companyId, entityId, userId } = connection.credentials;
  const info = { companyId, entityId, endpointHost, startedAt, source: opts.source ?? 'live' } as const;
  const redactor = opts.redact ? new Redactor() : undefined;
  throwIfAborted(opts.signal);

  const client = new IntacctClient(connection);
  // No report carries a secret the run holds, whatever a check wrote (see scrub-secrets.ts).
  const scrub = (text: string) => client.scrubSecrets(text);
  // Worklists staged in the report folder: removed again if the run ends without a result.
  let worklists: StagedWorklists | undefined;
  const phase = { client, redactor, signal: opts.signal, onProgress: opts.onProgress };
  try {
    const failure = await signIn(client, endpointHost, opts);
    if (failure) {
      const store = new FactStore();
      const { results, notRun } = connectionFailure(plan, failure);
      let raw = assembleResult(plan, results, notRun, { ...info, stats: { ...client.stats }, store });
      // Nothing was read, so no check has a worklist: the folder says so rather than keep an earlier run's.
      if (opts.worklists) ({ result: raw, staged: worklists } = await (await worklistPhase()).addWorklists(raw, { ...phase, dir: opts.worklists.dir, evaluated: [], store, ctx: runContext(plan, { syncFrom: plan.syncFrom }) }));
      opts.onProgress?.({ type: 'done', verdict: raw.verdict, durationMs: raw.run.durationMs });
      // Nothing was read: there is nothing to compare with a baseline, and no snapshot.
      const result = scrubSecrets(finishResult(raw, { redactor }).result, scrub);
      return { result, store, context: {}, catalog: plan.catalog, integration: plan.integration, checkOptions: optionsInForce(plan), checks: [], ...(worklists ? { worklists } : {}) };
    }

    const session: SessionContext = { companyId, userId, ...(entityId ? { entityId } : {}), endpointHost };
    const gatherCtx = { syncFrom: plan.syncFrom, entityId, session };
    const store = new FactStore({ companyId, ...(entityId ? { entityId } : {}), syncFrom: plan.syncFrom, endpointHost, gatheredAt: startedAt.toISOString() });
    const checks = await gatherAuditFacts(await planReads(plan, gatherCtx, opts.signal), client, gatherCtx, { store, signal: opts.signal, onProgress: opts.onProgress });
    throwIfAborted(opts.signal);

    const stats = { ...client.stats };
    // What a snapshot needs to re-evaluate offline: the run's stats and the context the checks were planned in.
    store.meta = { ...store.meta, stats, context: checks.context };
    const evaluated = await evaluateChecks(checks.checks, store, checks.ctx, opts);
    let raw = assembleResult(plan, evaluated.map((e) => evaluatedResult(e, plan.severities)), plan.notRun, { ...info, stats, store });
    if (opts.worklists) ({ result: raw, staged: worklists } = await (await worklistPhase()).addWorklists(raw, { ...phase, dir: opts.worklists.dir, evaluated, store, ctx: checks.ctx }));
    opts.onProgress?.({ type: 'done', verdict: raw.verdict, durationMs: raw.run.durationMs });

    const run: AuditRun = {
      result: raw,
      store,
      context: checks.context,
      catalog: plan.catalog,
      integration: plan.integration,
      checkOptions: optionsInForce(plan),
      checks: plan.selected.map((c) => ({ id: c.meta.id, version: c.meta.version, origin: originOf(c) })),
    };
    // The snapshot is pseudonymised first, with the redactor the result is redacted with next: the
    // pseudonyms in the snapshot are the report's, so the redacted snapshot re-evaluates to the redacted report.
    const snapshot = opts.snapshot ? snapshotFromAuditRun(run) : undefined;
    if (snapshot) run.snapshot = redactor ? redactSnapshot(snapshot, redactor) : snapshot;
    // Every identity read, sampled or not, is masked wherever a text quotes it (redactSnapshot learned them already).
    else if (redactor) learnSnapshotIdentities({ facts: factsOf(store) }, redactor);
    const finished = finishResult(raw, { redactor, baseline: opts.baseline, allowOtherCompany: opts.allowOtherCompany });
    const result = scrubSecrets(finished.result, scrub);
    const comparison = finished.comparison && scrubSecrets(finished.comparison, scrub);
    return { ...run, result, ...(comparison ? { comparison } : {}), ...(worklists ? { worklists } : {}) };
  } catch (err) {
    await worklists?.discard();
    throw err;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * The same result from saved facts, with no network: the checks declare their facts as in the
 * live run, each is looked up in the store, and a fact the store lacks is `not-gathered`.
 */
export async function evaluateFacts(store: FactStore, opts: EvaluateOptions = {}): Promise<AuditResult> {
  return (await evaluateSavedFacts(store, opts)).result;
}

/** evaluateFacts, with the comparison and the drift warnings the command line reports. */
export async function evaluateSavedFacts(store: FactStore, opts: EvaluateOptions = {}): Promise<EvaluatedFacts> {
  const startedAt = new Date();
  const company = opts.company ?? (store.meta.companyId ? { id: store.meta.companyId, entityId: store.meta.entityId, endpointHost: store.meta.endpointHost } : undefined);
  if (!company) throw new UsageError('evaluateFacts needs the company the facts came from (options.company or the store metadata).');
  const plan = await planAudit({ ...opts, syncFrom: opts.syncFrom ?? store.meta.syncFrom }, { signedInEntity: company.entityId || undefined });
  return finallyClose(plan, () => evaluatePlanned(plan, store, opts, company, startedAt));
}

async function evaluatePlanned(
  plan: AuditPlan,
  store: FactStore,
  opts: EvaluateOptions,
  company: NonNullable<EvaluateOptions['company']>,
  startedAt: Date,
): Promise<EvaluatedFacts> {
  const context = opts.context ?? store.meta.context ?? {};
  const checks = await planChecks(plan, runContext(plan, { syncFrom: plan.syncFrom, entityId: company.entityId || undefined, ...context }), context, opts.signal);
  // Evaluated on a copy, so the caller's store is left as saved.
  const facts = withMissingFacts(store, checks.facts.facts.values());
  const evaluated = await evaluateChecks(checks.checks, facts, checks.ctx, opts);
  const info: RunInfo = {
    companyId: company.id,
    entityId: company.entityId,
    endpointHost: company.endpointHost,
    startedAt,
    source: opts.source ?? 'snapshot',
    stats: opts.stats ?? store.meta.stats ?? zeroStats(),
    store: facts,
  };
  let raw = assembleResult(plan, evaluated.map((e) => evaluatedResult(e, plan.severities)), plan.notRun, info);
  opts.onProgress?.({ type: 'done', verdict: raw.verdict, durationMs: raw.run.durationMs });

  // Facts already pseudonymised give a result with the same pseudonyms: marked, not redacted again.
  if (opts.redactedFacts) raw = { ...raw, redacted: true };
  const drift = opts.evaluatedWith ? checkDrift(opts.evaluatedWith, raw.checks) : [];
  if (drift.length > 0) raw = { ...raw, warnings: [...(raw.warnings ?? []), ...drift] };
  const redactor = opts.redact && !opts.redactedFacts ? new Redactor() : undefined;
  if (redactor) learnSnapshotIdentities({ facts: factsOf(store) }, redactor);
  const { result, comparison } = finishResult(raw, { redactor, baseline: opts.baseline, allowOtherCompany: opts.allowOtherCompany });
  return { result, ...(comparison ? { comparison } : {}), drift };
}

async function finallyClose<T>(plan: AuditPlan, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    await plan.close();
  }
}

/** The worklist phase, loaded only by a run that asks for it. */
function worklistPhase(): Promise<typeof import('../worklists/index.js')> {
  return import('../worklists/index.js');
}

/** The options the selected checks ran with, for the snapshot (plain JSON, sorted by id). */
function optionsInForce(plan: AuditPlan): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const c of [...plan.selected].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const o = plan.options.get(c.meta.id);
    if (o) out[c.meta.id] = structuredClone({ ...o });
  }
  return out;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}
