/**
 * The engine's public API: run an audit live or from saved facts, gate on the result, and the
 * building blocks (planning, gathering, running checks, policy) for tools built on top.
 */
export {
  runAudit,
  runAuditWithFacts,
  evaluateFacts,
  DEFAULT_SYNC_FROM,
  CONNECTION_CHECK_ID,
  type AuditOptions,
  type AuditRun,
  type AuditContext,
  type EvaluateOptions,
  type ProgressEvent,
} from './audit.js';
export { gateExitCode, isFailOn, FAIL_ON_VALUES, type FailOn } from './gate.js';
export { computeVerdict, countStatuses } from './verdict.js';
export {
  applyPolicy,
  resolveSeverities,
  validateWaivers,
  validateAttestations,
  recordKey,
  isIsoDate,
  localToday,
  type Waiver,
  type Attestation,
  type PolicyOutcome,
} from './policy.js';
export { selectChecks, matchesPattern, splitPatterns, closestId, type Selection } from './select.js';
export { builtinChecks, loadUserChecks, loadAllChecks, originOf, checkShapeProblem, CHECK_ID_PATTERN } from './registry.js';
export { loadSettingsCatalog, mergeCatalog, CATALOG_FILE, type CatalogOverrides } from './catalog.js';
export { resolveCheckOptions, optionsOf, changedOptions, optionsEvidence, type CheckOptionsConfig } from './check-options.js';
export { packageRoot } from '../package.js';
export { planFacts, groupBySession, type FactPlan } from './plan.js';
export { gatherFacts, factErrorFrom, type GatherOptions, type GatherProgress } from './gather.js';
export { prepareChecks, evaluateCheck, neededFacts, outcomeProblem, type PreparedCheck, type CheckRun } from './run.js';
export {
  FactStore,
  canonicalJson,
  describeFunction,
  STORE_FORMAT,
  STORE_VERSION,
  type FactSource,
  type SourceOutcome,
  type SourceError,
  type StoredFact,
  type FactStoreMeta,
  type SerializedFactStore,
} from './store.js';
export { UsageError, UserCheckError, CatalogError, PlanError, AbortError } from './errors.js';
export * from './types.js';
