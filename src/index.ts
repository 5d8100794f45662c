/**
 * intacct-preflight as a library, for pipelines written in TypeScript:
 *
 *   import { audit, gateExitCode, renderHtml } from 'intacct-preflight';
 *   const result = await audit({ connection: { credentials } });
 *   const { code, reason } = gateExitCode(result, 'blocker');
 *
 * The same engine, renderers and sandbox the command line uses, with typed options and result.
 */
export { runAudit as audit, runAudit, DEFAULT_SYNC_FROM, CONNECTION_CHECK_ID } from './audit/audit.js';
export type { AuditOptions, ProgressEvent, Waiver, Attestation } from './audit/audit.js';
export { runAuditWithFacts, evaluateFacts } from './audit/audit.js';
export type { AuditRun, EvaluateOptions } from './audit/audit.js';
export { gateExitCode, FAIL_ON_VALUES, type FailOn } from './assemble/gate.js';
export { builtinChecks, loadUserChecks, loadAllChecks } from './plan/registry.js';
export { loadSettingsCatalog } from './plan/catalog.js';
export { UsageError, UserCheckError, CatalogError, AbortError } from './util/errors.js';
export type {
  Check,
  CheckMeta,
  CheckOutcome,
  CheckContext,
  CheckOptions,
  CheckOptionsSpec,
  CheckStatus,
  Severity,
  Evidence,
  Affected,
  SampleRecord,
  DocLink,
  FactDef,
  FactNeed,
  FactResult,
  FactError,
  SettingEntry,
  SettingsCatalog,
  IntegrationProfile,
} from './model/check.js';
export { SEVERITIES, CHECK_STATUSES } from './model/check.js';

export type {
  AuditResult,
  CheckResult,
  NotRunCheck,
  RunStats,
  Verdict,
  WaiverState,
  AttestationState,
  SinceLastAudit,
  SinceLastAuditItem,
} from './model/result.js';
export {
  renderHtml,
  renderJson,
  renderMarkdown,
  renderJunit,
  renderTerminal,
  validateResult,
  readResultFile,
  writeFileAtomic,
} from './render/index.js';
export { renderComparisonMarkdown, renderComparisonJson } from './render/comparison.js';
export { redactResult } from './assemble/redact.js';

// Snapshots (offline re-evaluation), baselines (--baseline, --fail-on-new) and report diffs.
export {
  snapshotFromAuditRun,
  writeSnapshot,
  readSnapshot,
  factStoreFromSnapshot,
  redactSnapshot,
  compareResults,
  compareReportFiles,
  loadBaseline,
  failOnNewExitCode,
  sinceLastAudit,
  SnapshotFileError,
  SnapshotVersionError,
  BaselineError,
  SNAPSHOT_VERSION,
} from './history/index.js';
export type { Snapshot, Comparison, CheckChange, ChangeKind, FailOnNewOutcome } from './history/index.js';

export { IntacctClient, resolveCredentials } from './intacct/index.js';
export type { ClientOptions, Credentials, FunctionOutcome } from './intacct/index.js';
export * from './intacct/errors.js';
export type { ReadFunction, FunctionData } from './intacct/functions.js';

export { startSandbox, type Sandbox, type SandboxOptions, type Fault } from './sandbox/server.js';
export { loadCompany, listCompanies } from './sandbox/companies.js';
export type { CompanyFixture } from './sandbox/fixture.js';

export { runCli, type CliIo } from './cli/main.js';
export { ExitCode, EXIT_CODE_TABLE } from './cli/exit-codes.js';

/**
 * The fact catalogue the built-in checks read with (recordSample, companyPrefs, objectLookup,
 * syncWindowFilter, …): a user check that builds its facts with these shares canonical keys with
 * the built-in checks, so a read both need is sent once.
 */
export * as facts from './facts/index.js';

/**
 * The check kit (also on its own as `intacct-preflight/kit`): what the built-in checks are built
 * with (defineCheck, read, settingCheck, dataCheck, the record sets, docs, facts), for user checks
 * to be built the same way. See src/kit/index.ts.
 */
export * from './kit/index.js';
