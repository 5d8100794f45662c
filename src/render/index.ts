/** The report stage: validate and render an `AuditResult`; read and write report files. */
export type { AuditResult, CheckResult, NotRunCheck, RunStats, Verdict, WaiverState, AttestationState } from '../model/result.js';
export { renderJson } from './json.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export { renderJunit } from './junit.js';
export { renderComparisonJson, renderComparisonMarkdown } from './comparison.js';
export { renderTerminal, type TerminalOptions } from './terminal.js';
export { assertValidResult, validateResult, reportSchema, REPORT_SCHEMA_URL, REPORT_SCHEMA_VERSION, type ValidationOutcome } from './schema.js';
export { readResultFile, ReportFileError } from './files.js';
export { writeFileAtomic } from '../util/files.js';
export { VERDICT_LABEL, STATUS_LABEL, SEVERITY_LABEL, countLine } from './labels.js';
