/**
 * One audit, start to finish: check selection and policy are validated first (usage errors come
 * before any network), then the facts are gathered, the checks evaluated and the result built.
 * The live path (runAudit) and the offline path (evaluateFacts, from saved facts) share every
 * step after gathering, so a snapshot re-evaluates to the same result.
 */
import { IntacctClient, type ClientOptions } from '../intacct/client.js';
import type { AuditResult, CheckResult, NotRunCheck, RunStats, Verdict } from '../model/result.js';
import { redactResult } from '../render/index.js';
import { packageVersion } from '../package.js';
import { loadSettingsCatalog, type CatalogOverrides } from '../plan/catalog.js';
import { optionsEvidence, resolveCheckOptions, type CheckOptionsConfig } from '../plan/check-options.js';
import { AbortError, oneLine, raceAbort, throwIfAborted, UsageError } from '../util/errors.js';
import { applications, entityDetails, financialSetup, type EntityDetail, type FinancialSetup } from '../facts/index.js';
import { gatherFacts, type GatherProgress } from '../gather/gather.js';
import { planFacts } from '../plan/facts.js';
import {
  applyPolicy,
  isIsoDate,
  localToday,
  resolveSeverities,
  validateAttestations,
  validateWaivers,
  type Attestation,
  type Waiver,
} from '../plan/policy.js';
import { loadAllChecks, originOf } from '../plan/registry.js';
import { evaluateCheck, neededFacts, prepareChecks, type PreparedCheck } from '../evaluate/evaluate.js';
import { selectChecks } from '../plan/select.js';
import { FactStore } from '../gather/store.js';
import type { Check, CheckOptions, CheckStatus, Evidence, RunContext, SessionContext, Severity, SettingsCatalog } from '../model/check.js';
import { computeVerdict, countStatuses } from '../assemble/verdict.js';

export type { Attestation, Waiver } from '../plan/policy.js';

export const DEFAULT_SYNC_FROM = '2018-01-01';
export const DEFAULT_ENDPOINT = 'https://api.intacct.com/ia/xml/xmlgw.phtml';
export const CONNECTION_CHECK_ID = 'connection.web-services-access';

export type ProgressEvent =
  | { type: 'connect'; phase: 'start' | 'done' | 'failed'; endpointHost: string; message?: string }
  | GatherProgress
  | { type: 'check'; id: string; title: string; status: CheckStatus; durationMs: number; index: number; total: number }
  | { type: 'done'; verdict: Verdict; durationMs: number };

export interface AuditOptions {
  /** Live run (absent only when evaluating saved facts). */
  connection?: ClientOptions;
  /** YYYY-MM-DD, not before 2018-01-01; default 2018-01-01. */
  syncFrom?: string;
  /** Ids or globs ('ar.*'); an unknown id is a UsageError. */
  checks?: string[];
  skip?: string[];
  /** User check folders (ESM .js/.mjs modules). */
  checkDirs?: string[];
  severity?: Record<string, Severity>;
  /** Overrides merged over checks/settings-catalog.json. */
  catalog?: Partial<SettingsCatalog> | CatalogOverrides;
  /**
   * Options by check id, merged over each check's defaults (CheckMeta.options) and validated
   * against its schema; an unknown id or options for a check that takes none is a UsageError.
   */
  checkOptions?: CheckOptionsConfig;
  waivers?: Waiver[];
  attestations?: Attestation[];
  /** YYYY-MM-DD used for waiver expiry; default today (local time). */
  today?: string;
  redact?: boolean;
  source?: 'live' | 'demo';
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
}

/** What the engine knew before planning: part of what a snapshot must keep. */
export interface AuditContext {
  entities?: string[];
  session?: SessionContext;
}

/** A live run with everything a snapshot needs besides the result. */
export interface AuditRun {
  result: AuditResult;
  /** Every fact gathered (empty when the connection failed). */
  store: FactStore;
  context: AuditContext;
  catalog: SettingsCatalog;
  /** Options in force for the checks run that take options (defaults merged with the config's). */
  checkOptions: Record<string, Record<string, unknown>>;
  /** The checks that were run. */
  checks: { id: string; version: number; origin: string }[];
}

export interface EvaluateOptions extends Omit<AuditOptions, 'connection' | 'source'> {
  /** Company the facts came from; defaults to the store's metadata. */
  company?: { id: string; entityId?: string; endpointHost?: string };
  context?: AuditContext;
  /** Stats of the run that gathered the facts (shown in the report); default from the store. */
  stats?: RunStats;
  source?: 'live' | 'demo' | 'snapshot';
}

export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  return (await runAuditWithFacts(opts)).result;
}

export async function runAuditWithFacts(opts: AuditOptions): Promise<AuditRun> {
  const startedAt = new Date();
  const connection = opts.connection;
  if (!connection) throw new UsageError('runAudit needs connection options (endpoint and credentials); use evaluateFacts for saved facts.');
  const setup = await prepareAudit(opts);
  const endpointHost = hostOf(connection.endpoint ?? DEFAULT_ENDPOINT);
  const base = {
    companyId: connection.credentials.companyId,
    entityId: connection.credentials.entityId,
    endpointHost,
  };
  throwIfAborted(opts.signal);

  const client = new IntacctClient(connection);
  try {
    opts.onProgress?.({ type: 'connect', phase: 'start', endpointHost });
    try {
      await raceAbort(client.connect(), opts.signal);
    } catch (e) {
      // Bad options are the caller's to fix (exit 4); an interrupt is not a result.
      if (e instanceof AbortError || (e as { kind?: string })?.kind === 'config') throw e;
      const message = oneLine(e);
      opts.onProgress?.({ type: 'connect', phase: 'failed', endpointHost, message });
      const result = finishResult(setup, connectionFailure(setup, message, e), {
        ...base,
        startedAt,
        source: opts.source ?? 'live',
        stats: { ...client.stats },
        store: new FactStore(),
      });
      opts.onProgress?.({ type: 'done', verdict: result.verdict, durationMs: result.run.durationMs });
      return { result: maybeRedact(result, opts), store: new FactStore(), context: {}, catalog: setup.catalog, checkOptions: optionsInForce(setup), checks: [] };
    }
    opts.onProgress?.({ type: 'connect', phase: 'done', endpointHost });

    const session: SessionContext = {
      companyId: connection.credentials.companyId,
      userId: connection.credentials.userId,
      ...(base.entityId ? { entityId: base.entityId } : {}),
      endpointHost,
    };
    const store = new FactStore({
      companyId: base.companyId,
      ...(base.entityId ? { entityId: base.entityId } : {}),
      syncFrom: setup.syncFrom,
      endpointHost,
      gatheredAt: startedAt.toISOString(),
    });
    const gatherCtx = { syncFrom: setup.syncFrom, entityId: base.entityId, session };
    const onProgress = opts.onProgress;

    // Round 1: everything the checks can declare without knowing the entities, together with the
    // company facts (entities among them) — one batch, no extra round trip.
    const first = prepareChecks(setup.selected, { ...gatherCtx, catalog: setup.catalog }, setup.options);
    await gatherFacts(planFacts([...companyFacts(), ...neededFacts(first)]), client, gatherCtx, { store, signal: opts.signal, onProgress });

    // Round 2: with the entities known, checks of per-entity settings declare their reads; only
    // facts not read in round 1 go out (none in a company without entities).
    const entities = entityIds(store);
    const context: AuditContext = { ...(entities ? { entities } : {}), session };
    const ctx: RunContext = { ...gatherCtx, ...context, catalog: setup.catalog };
    const prepared = prepareChecks(setup.selected, ctx, setup.options);
    await gatherFacts(planFacts(neededFacts(prepared)), client, ctx, { store, signal: opts.signal, onProgress });
    throwIfAborted(opts.signal);

    const stats = { ...client.stats };
    store.meta.stats = stats;
    store.meta.context = context;
    const results = evaluateAll(prepared, store, ctx, setup, opts);
    const result = finishResult(setup, results, { ...base, startedAt, source: opts.source ?? 'live', stats, store });
    opts.onProgress?.({ type: 'done', verdict: result.verdict, durationMs: result.run.durationMs });
    return {
      result: maybeRedact(result, opts),
      store,
      context,
      catalog: setup.catalog,
      checkOptions: optionsInForce(setup),
      checks: setup.selected.map((c) => ({ id: c.meta.id, version: c.meta.version, origin: originOf(c) })),
    };
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * The same result from saved facts, with no network: the checks declare their facts as in the
 * live run, each is looked up in the store, and a fact the store lacks is `not-gathered`.
 */
export async function evaluateFacts(store: FactStore, opts: EvaluateOptions = {}): Promise<AuditResult> {
  const startedAt = new Date();
  const company = opts.company ?? (store.meta.companyId ? { id: store.meta.companyId, entityId: store.meta.entityId, endpointHost: store.meta.endpointHost } : undefined);
  if (!company) throw new UsageError('evaluateFacts needs the company the facts came from (options.company or the store metadata).');
  const setup = await prepareAudit({ ...opts, syncFrom: opts.syncFrom ?? store.meta.syncFrom });
  const context = opts.context ?? store.meta.context ?? {};
  const ctx: RunContext = { syncFrom: setup.syncFrom, entityId: company.entityId || undefined, ...context, catalog: setup.catalog };
  const prepared = prepareChecks(setup.selected, ctx, setup.options);
  // Evaluate on a copy so the caller's store is left as saved.
  const facts = FactStore.fromResults(store.results(), store.meta);
  for (const def of planFacts(neededFacts(prepared)).facts.values()) {
    if (facts.has(def.key)) continue;
    facts.set({
      key: def.key,
      result: {
        ok: false,
        request: { function: 'inspect' },
        error: { kind: 'not-gathered', message: `${def.key} is not in the saved facts (the run that saved them did not read it)` },
      },
    });
  }
  const results = evaluateAll(prepared, facts, ctx, setup, opts);
  const result = finishResult(setup, results, {
    companyId: company.id,
    entityId: company.entityId,
    endpointHost: company.endpointHost,
    startedAt,
    source: opts.source ?? 'snapshot',
    stats: opts.stats ?? store.meta.stats ?? zeroStats(),
    store: facts,
  });
  opts.onProgress?.({ type: 'done', verdict: result.verdict, durationMs: result.run.durationMs });
  return maybeRedact(result, opts);
}

// ---------------------------------------------------------------------------------------------
// Shared steps

interface AuditSetup {
  syncFrom: string;
  today: string;
  catalog: SettingsCatalog;
  /** Options in force for every known check that takes options. */
  options: Map<string, CheckOptions>;
  all: Check[];
  selected: Check[];
  notRun: NotRunCheck[];
  severities: Map<string, Severity>;
  waivers: Waiver[];
  attestations: Attestation[];
}

/** Everything that can be wrong with the options, checked before any network. */
async function prepareAudit(opts: Omit<AuditOptions, 'connection' | 'source'>): Promise<AuditSetup> {
  const syncFrom = opts.syncFrom ?? DEFAULT_SYNC_FROM;
  if (!isIsoDate(syncFrom)) throw new UsageError(`sync-from must be a date YYYY-MM-DD (got ${JSON.stringify(syncFrom)}).`);
  if (syncFrom < DEFAULT_SYNC_FROM) throw new UsageError(`sync-from ${syncFrom} is before 2018-01-01, the earliest date Re-Leased syncs from.`);
  const today = opts.today ?? localToday();
  if (!isIsoDate(today)) throw new UsageError(`today must be a date YYYY-MM-DD (got ${JSON.stringify(today)}).`);
  const catalog = loadSettingsCatalog((opts.catalog ?? {}) as CatalogOverrides);
  const all = await loadAllChecks(opts.checkDirs ?? []);
  const ids = all.map((c) => c.meta.id);
  const severities = resolveSeverities(all, opts.severity ?? {});
  const waivers = opts.waivers ?? [];
  const attestations = opts.attestations ?? [];
  validateWaivers(waivers, ids);
  validateAttestations(attestations, ids);
  const options = resolveCheckOptions(all, opts.checkOptions ?? {});
  const { selected, notRun } = selectChecks(all, { checks: opts.checks, skip: opts.skip });
  // The report shows the severity in force, also for checks left out.
  for (const n of notRun) n.severity = severities.get(n.id) ?? n.severity;
  return { syncFrom, today, catalog, options, all, selected, notRun, severities, waivers, attestations };
}

function evaluateAll(
  prepared: PreparedCheck[],
  store: FactStore,
  ctx: RunContext,
  setup: AuditSetup,
  opts: Pick<AuditOptions, 'signal' | 'onProgress'>,
): CheckResult[] {
  return prepared.map((p, index) => {
    throwIfAborted(opts.signal);
    const { outcome, durationMs } = evaluateCheck(p, store, ctx);
    // The verdict rests on the options too: say which, when the config changed them.
    const fromConfig = optionsEvidence(p.check, p.options);
    const evidence = fromConfig ? [...outcome.evidence, fromConfig] : outcome.evidence;
    const result = toCheckResult(p.check, setup, outcome.status, outcome.summary, evidence, durationMs);
    if (outcome.affected) result.affected = outcome.affected;
    opts.onProgress?.({ type: 'check', id: result.id, title: result.title, status: result.status, durationMs, index: index + 1, total: prepared.length });
    return result;
  });
}

function toCheckResult(check: Check, setup: AuditSetup, status: CheckStatus, summary: string, evidence: Evidence[], durationMs: number): CheckResult {
  const m = check.meta;
  return {
    id: m.id,
    title: m.title,
    category: m.category,
    severity: setup.severities.get(m.id) ?? m.severity,
    defaultSeverity: m.severity,
    status,
    summary,
    evidence,
    waived: false,
    why: m.why,
    remediation: [...m.remediation],
    docs: m.docs.map((d) => ({ ...d })),
    checkVersion: m.version,
    origin: originOf(check),
    durationMs,
  };
}

/** No session: the connection check carries the reason, every other check says it was not run. */
function connectionFailure(setup: AuditSetup, message: string, error: unknown): CheckResult[] {
  const reason = (error as { reason?: string })?.reason;
  const evidence: Evidence[] = [
    { source: 'getAPISession', observed: null, note: reason ? `${(error as { kind?: string }).kind ?? 'error'}: ${reason}` : 'sign-in failed' },
  ];
  const results = setup.selected.map((c) =>
    c.meta.id === CONNECTION_CHECK_ID
      ? toCheckResult(c, setup, 'error', message, evidence, 0)
      : toCheckResult(c, setup, 'error', 'not run: no connection', [], 0),
  );
  if (!results.some((r) => r.id === CONNECTION_CHECK_ID)) {
    // The failure must be visible even when the connection check was skipped or is not registered.
    const known = setup.all.find((c) => c.meta.id === CONNECTION_CHECK_ID);
    const idx = setup.notRun.findIndex((n) => n.id === CONNECTION_CHECK_ID);
    if (idx >= 0) setup.notRun.splice(idx, 1);
    results.unshift(
      known
        ? toCheckResult(known, setup, 'error', message, evidence, 0)
        : {
            id: CONNECTION_CHECK_ID,
            title: 'Web Services access',
            category: 'connection',
            severity: 'blocker',
            defaultSeverity: 'blocker',
            status: 'error',
            summary: message,
            evidence,
            waived: false,
            why: 'Without a Web Services session nothing else can be read.',
            remediation: ['Check the sender id, the company\'s Web Services authorisations and the Web Services user credentials.'],
            docs: [],
            checkVersion: 1,
            origin: 'builtin',
            durationMs: 0,
          },
    );
  }
  return results;
}

interface FinishInfo {
  companyId: string;
  entityId?: string;
  endpointHost?: string;
  startedAt: Date;
  source: AuditResult['run']['source'];
  stats: RunStats;
  store: FactStore;
}

function finishResult(setup: AuditSetup, raw: CheckResult[], info: FinishInfo): AuditResult {
  const { results, warnings } = applyPolicy(raw, { waivers: setup.waivers, attestations: setup.attestations, today: setup.today });
  const { verdict, verdictReason } = computeVerdict(results, setup.notRun);
  const finishedAt = new Date();
  const result: AuditResult = {
    schemaVersion: 1,
    tool: { name: 'intacct-preflight', version: toolVersion() },
    run: {
      startedAt: info.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - info.startedAt.getTime(),
      source: info.source,
      ...(info.endpointHost ? { endpointHost: info.endpointHost } : {}),
      syncFrom: setup.syncFrom,
      stats: { ...info.stats },
    },
    company: companyInfo(info.store, info.companyId, info.entityId),
    verdict,
    verdictReason,
    counts: countStatuses(results, setup.notRun),
    checks: results,
    notRun: setup.notRun,
    redacted: false,
    catalog: catalogRead(setup.catalog, info.store),
  };
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

/** The options the selected checks ran with, for the snapshot (plain JSON, sorted by id). */
function optionsInForce(setup: AuditSetup): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const c of [...setup.selected].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const o = setup.options.get(c.meta.id);
    if (o) out[c.meta.id] = structuredClone({ ...o });
  }
  return out;
}

function maybeRedact(result: AuditResult, opts: { redact?: boolean }): AuditResult {
  return opts.redact ? redactResult(result) : result;
}

/** Read with every audit: they cost nothing extra (same batch) and describe the company in the report. */
function companyFacts() {
  return [applications(), financialSetup(), entityDetails()];
}

function entityIds(store: FactStore): string[] | undefined {
  const r = store.get(entityDetails().key);
  if (!r?.ok) return undefined;
  return (r.value as EntityDetail[]).map((e) => e.id).filter((id) => id !== '');
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

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

function zeroStats(): RunStats {
  return { httpRequests: 0, functions: 0, bytesSent: 0, bytesReceived: 0, retries: 0, sessionRenewals: 0 };
}

function toolVersion(): string {
  return packageVersion();
}
