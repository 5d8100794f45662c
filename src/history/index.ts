/**
 * History: snapshots of what an audit read (offline re-evaluation), baselines (what changed since
 * an earlier report, and the --fail-on-new gate) and the diff of two reports.
 */
export * from './snapshot-model.js';
export {
  buildSnapshot,
  factStoreFromSnapshot,
  parseSnapshot,
  readSnapshot,
  serialiseSnapshot,
  snapshotFromAuditRun,
  snapshotSchema,
  writeSnapshot,
  SnapshotFileError,
  SnapshotVersionError,
  type WriteSnapshotOptions,
} from './snapshot.js';
export { learnSnapshotIdentities, redactSnapshot, type Pseudonymiser, type PseudonymMapper, type PseudonymKind } from './redact-snapshot.js';
export { assertNoSecrets, SecretLeakError, MIN_SECRET_LENGTH, type NamedSecret } from './secrets.js';
export * from './comparison-model.js';
export {
  assertSameCompany,
  compareReportFiles,
  compareResults,
  failOnNewExitCode,
  loadBaseline,
  BaselineError,
  type CompareOptions,
  type FailOnNewOutcome,
} from './baseline.js';
export { changeLine, headline, sinceLastAudit } from './diff.js';
export type { SinceLastAudit, SinceLastAuditItem } from '../model/result.js';
