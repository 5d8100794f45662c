/**
 * The check kit: what a check is built with, the built-in checks exactly as a user check
 * (`import { dataCheck, facts, … } from 'intacct-preflight/kit'`). A check is one module:
 * its metadata, the facts it reads, how it decides, and what to do about a finding.
 *
 * - `defineCheck` and `read`: any check; `read` names a fact for the engine's failure policy.
 * - `settingCheck`, `setting`, `catalogSetting`: a setting read through the settings catalog;
 *   `recordsAt` / `recordsPlace`: where Re-Leased creates records (ctx.integration), where
 *   settings Intacct keeps per entity are read.
 * - `dataCheck` and the record sets `transactions`, `contacts`, `deletions`: a check that counts
 *   and samples records.
 * - `facts`: the fact catalogue (every read a check can ask for, with canonical keys, so a read
 *   shared with a built-in check is sent once); `docs`: the documentation the built-in checks cite.
 */
export * as facts from '../facts/index.js';
export { defineCheck, read, showPrivate } from './define.js';
export type { CheckDefinition, Judged, NeedValue, NeedValues, Read, Succeeded } from './define.js';
export { cannotRead, failureEvidence, type FailedFact } from './failures.js';
export { formatCount, plural, verb } from './words.js';
export {
  catalogSetting,
  listSeen,
  readSetting,
  setting,
  settingCheck,
  settingEvidence,
  settingOutcome,
  unverifiedNote,
} from './settings.js';
export type { SettingCheck, SettingCheckDefinition, SettingRead, SettingState } from './settings.js';
export { recordsAt, recordsEntity, recordsPlace } from './integration.js';
export { dataCheck, isDataCheck, recordAction, rowBuilder, type DataCheck, type DataCheckDefinition, type RecordSet } from './data.js';
export { combineSamples, sampleEvidence, type SampleLayout, type SamplePart } from './samples.js';
export {
  AUDIT_PERMISSION,
  baseCurrencyColumn,
  comparedCurrency,
  foreignCurrency,
  CONTACT_LABEL,
  contactName,
  contacts,
  DELETION_COLUMNS,
  deletions,
  TRANSACTION_COLUMNS,
  TRANSACTION_LABEL,
  TRANSACTION_WINDOW,
  transactionName,
  transactions,
  type ContactObject,
  type TransactionObject,
} from './records.js';
export { reversalBasis } from './reversals.js';
export { deletionsSinceConnection } from './audit-trail.js';
export { DOCS as docs } from './docs.js';
export type { FailureStatus } from '../evaluate/failure-policy.js';
export type {
  Affected,
  Check,
  CheckContext,
  CheckMeta,
  CheckOptions,
  CheckOptionsSpec,
  CheckOutcome,
  CheckStatus,
  DocLink,
  Evidence,
  FactDef,
  FactError,
  FactErrorKind,
  FactNeed,
  FactRequest,
  FactResult,
  FailureRule,
  FailureRules,
  IntegrationProfile,
  SampleRecord,
  SettingEntry,
  SettingsCatalog,
  Severity,
} from '../model/check.js';
