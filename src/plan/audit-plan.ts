/**
 * The plan of one audit, made before anything is read: the checks (built-in and user), which of
 * them run, their options, the settings catalog, the sync window and the user's policy — every
 * mistake in them is a usage error here, before any network or password prompt. The command line
 * calls this first, so a wrong id or option has the same wording for it as for library callers.
 */
import type { NotRunCheck } from '../model/result.js';
import type { Check, CheckOptions, IntegrationProfile, Severity, SettingsCatalog } from '../model/check.js';
import { UsageError } from '../util/errors.js';
import { loadSettingsCatalog, type CatalogOverrides } from './catalog.js';
import { resolveCheckOptions, type CheckOptionsConfig } from './check-options.js';
import { isIsoDate, localToday, resolveSeverities, validateAttestations, validateWaivers, type Attestation, type Waiver } from './policy.js';
import { resolveIntegration, type IntegrationInput } from './integration.js';
import { loadIsolatedChecks } from './registry.js';
import { selectChecks } from './select.js';

/** The earliest date Re-Leased syncs from, and the default sync window start. */
export const DEFAULT_SYNC_FROM = '2018-01-01';

/** What the planner needs: the audit's options without the connection and the run's callbacks. */
export interface PlanOptions {
  /** YYYY-MM-DD, not before 2018-01-01; default 2018-01-01. */
  syncFrom?: string;
  /** Ids or globs ('ar.*'); an unknown id is a UsageError. */
  checks?: string[];
  skip?: string[];
  /** User check folders (ESM .js/.mjs modules). */
  checkDirs?: string[];
  /**
   * How long a user check module may take to load, and each of its calls (needs, a fact's request
   * or interpret, evaluate) to answer, in ms; default 10,000. Overrunning it is a UserCheckError.
   */
  userCheckTimeoutMs?: number;
  /** Stops loading user checks (and the worker they run in) when aborted. */
  signal?: AbortSignal;
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
  /**
   * How Re-Leased is set up (see IntegrationProfile); each key absent takes its default, and
   * `entity` defaults to the entity the audit signs in at.
   */
  integration?: IntegrationInput;
}

/** Where the options came from, for messages: e.g. `Config file preflight.json` for the config's entries. */
export interface PlanSource {
  /** Prefix of messages about severity, waivers, attestations and checkOptions. */
  config?: string;
  /** Entity the audit signs in at (the credentials' entity): the default of `integration.entity`. */
  signedInEntity?: string;
}

export interface AuditPlan {
  syncFrom: string;
  today: string;
  catalog: SettingsCatalog;
  /** Options in force for every known check that takes options. */
  options: Map<string, CheckOptions>;
  all: Check[];
  selected: Check[];
  /** Checks left out by --checks / --skip, with the severity in force. */
  notRun: NotRunCheck[];
  severities: Map<string, Severity>;
  waivers: Waiver[];
  attestations: Attestation[];
  /** How Re-Leased is set up, every default resolved: what the checks judge against (ctx.integration). */
  integration: IntegrationProfile;
  /** Ends the worker the user checks run in (nothing when there are none); call it when the run is done. */
  close(): Promise<void>;
}

export async function planAudit(opts: PlanOptions, source: PlanSource = {}): Promise<AuditPlan> {
  const syncFrom = opts.syncFrom ?? DEFAULT_SYNC_FROM;
  if (!isIsoDate(syncFrom)) throw new UsageError(`sync-from must be a date YYYY-MM-DD (got ${JSON.stringify(syncFrom)}).`);
  if (syncFrom < DEFAULT_SYNC_FROM) throw new UsageError(`sync-from ${syncFrom} is before ${DEFAULT_SYNC_FROM}, the earliest date Re-Leased syncs from.`);
  const today = opts.today ?? localToday();
  if (!isIsoDate(today)) throw new UsageError(`today must be a date YYYY-MM-DD (got ${JSON.stringify(today)}).`);
  const integration = resolveIntegration(opts.integration, source.signedInEntity);
  const catalog = loadSettingsCatalog((opts.catalog ?? {}) as CatalogOverrides);
  const limit = opts.userCheckTimeoutMs;
  if (limit !== undefined && (!Number.isFinite(limit) || limit < 1 || limit > 3_600_000)) {
    throw new UsageError(`userCheckTimeout must be a number of seconds above 0 (at least 0.001) and at most 3600 (got ${JSON.stringify(limit / 1000)}).`);
  }
  const loaded = await loadIsolatedChecks(opts.checkDirs ?? [], { ...(opts.userCheckTimeoutMs !== undefined ? { timeoutMs: opts.userCheckTimeoutMs } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
  try {
    return { ...planWith(loaded.checks, opts, source, { syncFrom, today, integration, catalog }), close: loaded.close };
  } catch (e) {
    await loaded.close();
    throw e;
  }
}

/** The rest of the plan, once the checks are known: every mistake in it is a usage error. */
function planWith(
  all: Check[],
  opts: PlanOptions,
  source: PlanSource,
  known: Pick<AuditPlan, 'syncFrom' | 'today' | 'integration' | 'catalog'>,
): Omit<AuditPlan, 'close'> {
  const { syncFrom, today, integration, catalog } = known;
  const ids = all.map((c) => c.meta.id);
  const selection = selectChecks(all, { checks: opts.checks, skip: opts.skip });
  const severities = resolveSeverities(all, opts.severity ?? {}, source.config);
  const waivers = opts.waivers ?? [];
  const attestations = opts.attestations ?? [];
  validateWaivers(waivers, ids, source.config);
  validateAttestations(attestations, ids, source.config, today);
  const options = resolveCheckOptions(all, opts.checkOptions ?? {}, source.config);
  // The report shows the severity in force, also for checks left out.
  const notRun = selection.notRun.map((n) => ({ ...n, severity: severities.get(n.id) ?? n.severity }));
  return { syncFrom, today, catalog, options, all, selected: selection.selected, notRun, severities, waivers, attestations, integration };
}
