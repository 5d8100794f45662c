/**
 * The contract between the engine and the checks: facts (what was read) and check modules (how a
 * verdict is reached). A check never sees the client: it declares facts, the engine gathers them,
 * and `evaluate` is a pure function of their values, so it can be re-run from a snapshot.
 */
import type { FunctionData, ReadFunction } from '../intacct/functions.js';
import type { Affected, CheckStatus, DocLink, Evidence, IntegrationProfile, Severity } from './result.js';

export { SEVERITIES, CHECK_STATUSES } from './result.js';
export type { Severity, CheckStatus, DocLink, Evidence, SampleRecord, Affected, IntegrationProfile } from './result.js';

// ---------------------------------------------------------------------------------------------
// Facts

/** Why a fact could not be read. `permission` and `not-subscribed` are things a person can fix. */
export type FactErrorKind =
  | 'permission' // the user may not read this object / function
  | 'not-subscribed' // the module or feature behind it is off
  | 'unknown-object' // the object or field does not exist in this company
  | 'function' // any other failure the gateway reported for this function
  | 'transport' // HTTP, timeout, malformed response, retries exhausted
  | 'not-gathered' // a fact it depends on failed, or the run stopped before it
  | 'connection'; // no session: sign-in or sender authorisation failed

export interface FactError {
  kind: FactErrorKind;
  /** One line a consultant can act on; never contains a secret. */
  message: string;
  errorno?: string;
  /** The gateway's own texts, when it sent them. */
  description?: string;
  description2?: string;
  correction?: string;
}

/** A fact error, told apart from a read function or a filter a fact built instead (they have no `kind` and `message`). */
export function isFactError(value: unknown): value is FactError {
  return typeof value === 'object' && value !== null && !('function' in value) && 'kind' in value && 'message' in value;
}

export type FactResult<T = unknown> =
  | { ok: true; value: T; request: FactRequest }
  | { ok: false; error: FactError; request: FactRequest };

/** What was asked of Intacct for a fact: kept in evidence and snapshots. */
export interface FactRequest {
  function: ReadFunction['function'];
  object?: string;
  application?: string;
  /** Entity session the fact was read in; absent = the audit's own session. */
  entityId?: string;
  /** Read at the top level, in a session of its own when the audit signed in at an entity. */
  topLevel?: true;
  /** The function exactly as sent (filters included). */
  sent?: ReadFunction;
}

/** Values of other facts, keyed by fact key, handed to a fact that depends on them. */
export type FactLookup = (key: string) => FactResult | undefined;

export interface GatherContext {
  /** ISO date (YYYY-MM-DD): transactions dated on or after it are in the sync window. */
  syncFrom: string;
  /** Entity the audit runs at, or undefined at top level. */
  entityId?: string;
  /**
   * Ids of the entities the audit user can reach (readEntityDetails), when the engine read them
   * before planning. At top level, checks of per-entity settings declare one read per entity
   * from this list; absent or empty = not known (the check then says so instead of guessing).
   */
  entities?: string[];
  /** Who the audit signed in as (no secrets): shown as evidence by connection.web-services-access. */
  session?: SessionContext;
}

/** The signed-in session as a report may show it: never a password or session id. */
export interface SessionContext {
  companyId: string;
  userId: string;
  /** Entity the session is at; absent = top level. */
  entityId?: string;
  /** Host name of the gateway endpoint the session is bound to. */
  endpointHost?: string;
}

/**
 * One read from Intacct, described as data. Two checks that need the same fact share one read:
 * the engine dedupes by `key`, so keys must be canonical (same read ⇔ same key).
 */
export interface FactDef<T = unknown> {
  key: string;
  /** Facts that must be read first (their results reach `request` through `lookup`). */
  dependsOn?: FactDef[];
  /** Entity session to read it in (per-entity preferences); absent = the audit's session. */
  entityId?: string;
  /**
   * Read it at the top level (per-entity preferences where Re-Leased creates records): when the
   * audit signed in at an entity, in a top-level session it opens; otherwise in its own session.
   * Ignored when `entityId` is set.
   */
  topLevel?: boolean;
  /** The one function to send. Return a FactError instead when a dependency makes the read pointless. */
  request(ctx: GatherContext, lookup: FactLookup): ReadFunction | FactError;
  /** Turns the function's data into the fact's value. Throwing here becomes a `function` FactError. */
  interpret(data: FunctionData, ctx: GatherContext, lookup: FactLookup): T;
}

/**
 * How a check wants a failed fact handled before `evaluate` runs:
 * - `error` (default): the check's status is `error`, naming the read that failed;
 * - `manual`: the check's status is `manual` (only a person can confirm), naming what is missing;
 * - `evaluate`: the check receives the failure and decides (e.g. a permission denial is the very
 *   evidence `connection.read-permissions` looks for).
 */
export type OnFactError = 'error' | 'manual' | 'evaluate';

export interface FactNeed<T = unknown> {
  fact: FactDef<T>;
  onError?: OnFactError;
  /**
   * The read in a few words ("AR invoices", "the AR preferences"). With it, a failed read's summary
   * names the read, gives the reason in the words of its kind, and a hint a person can act on.
   */
  what?: string;
  /** Per kind of failure: `manual` where a person can confirm instead, and a hint saying how. */
  onFailure?: FailureRules;
}

/** How one kind of failed read is reported: its status, and a hint a person can act on. */
export interface FailureRule {
  status?: 'error' | 'manual';
  hint?: string;
}

export type FailureRules = Partial<Record<FactErrorKind, FailureRule>>;

// ---------------------------------------------------------------------------------------------
// Checks

export interface CheckMeta {
  /** Stable, public: reports, configs and pipelines refer to it. `area.subject-in-state`. */
  id: string;
  title: string;
  /** Default severity; a config file may override it. */
  severity: Severity;
  /** Grouping in reports: connection, ar, ap, so, po, currency, transactions, payments, contacts, objects, accounts. */
  category: string;
  /** The integration behaviour behind the check, in a sentence or two. */
  why: string;
  /** Steps in Intacct, menu path included, in order. */
  remediation: string[];
  docs: DocLink[];
  /** Bumped when the check's logic changes meaning (snapshots and baselines record it). */
  version: number;
  /**
   * Settings a consultant may give the check in the config file (`checkOptions`), the way lint
   * rules take options: company data (journal symbols, …) the check cannot know. Absent = the
   * check takes none, and options given for it are a usage error.
   */
  options?: CheckOptionsSpec;
}

export interface CheckOptionsSpec {
  /** JSON Schema (2020-12) of the options object; it should set `additionalProperties: false`. */
  schema: object;
  /** Value of every option when the config gives none; the config's options are merged over it. */
  defaults: Record<string, unknown>;
}

/** Options in force for one check: its defaults merged with the config's. */
export type CheckOptions = Readonly<Record<string, unknown>>;

export interface CheckOutcome {
  status: CheckStatus;
  /** One line. */
  summary: string;
  evidence: Evidence[];
  affected?: Affected;
}

export interface CheckContext extends GatherContext {
  /** Settings catalog in force (defaults merged with config overrides). */
  catalog: SettingsCatalog;
  /** How Re-Leased is set up, with every default resolved by the plan phase. */
  integration: IntegrationProfile;
  /** This check's own options (CheckMeta.options defaults merged with the config's); `{}` when it has none. */
  options: CheckOptions;
}

/** The context of a run, before it is narrowed to one check (which adds its own `options`). */
export type RunContext = Omit<CheckContext, 'options'> & { options?: CheckOptions };

export type FactValues<N extends Record<string, FactNeed>> = {
  [K in keyof N]: N[K] extends FactNeed<infer T> ? FactResult<T> : never;
};

export interface Check<N extends Record<string, FactNeed> = Record<string, FactNeed>> {
  meta: CheckMeta;
  /** The facts this check reads, by local name. May depend on the context (sync window, catalog). */
  needs(ctx: CheckContext): N;
  /** Pure: same facts and context ⇒ same outcome. */
  evaluate(facts: FactValues<N>, ctx: CheckContext): CheckOutcome;
}

// ---------------------------------------------------------------------------------------------
// Settings catalog (data file checks/settings-catalog.json, overridable from the config file)

export interface SettingEntry {
  /** `get_companyprefs` application, e.g. AR. */
  application: string;
  /** Preference names to look for, in order; the first present wins. */
  candidates: string[];
  /** True once confirmed against a real company; reports say when a verdict rests on an unverified name. */
  verified: boolean;
  /** The setting as a person sees it in Intacct, menu path included. */
  label: string;
  /** How to read the value: `flag` (T/F, true/false, Y/N) or `non-empty` (assigned = any value). */
  kind: 'flag' | 'non-empty';
  source?: string;
}

export type SettingsCatalog = Record<string, SettingEntry>;
