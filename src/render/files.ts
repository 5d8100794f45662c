/**
 * Reading a saved report back (for `render`, baselines, diff): bounded like every input file
 * (src/util/input.ts), then validated against the report schema. Report files are written with
 * writeFileAtomic (src/util/files.ts), so a reader never sees a half-written one.
 */
import type { AuditResult } from '../model/result.js';
import { INPUT_LIMITS, InputFileError, inputText, isGzip, parseInputJson, readInputFile } from '../util/input.js';
import { REPORT_SCHEMA_VERSION, validateResult } from './schema.js';

/** A report file that cannot be used; the message is one line saying what is wrong and what to do. */
export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
  constructor(
    message: string,
    readonly path: string,
    readonly reason: 'missing' | 'unreadable' | 'not-json' | 'not-a-report' | 'invalid' | 'newer-version',
  ) {
    super(message);
  }
}

/** Loads and validates a `report.json` written by `audit`. Throws `ReportFileError`. */
export function readResultFile(path: string): AuditResult {
  let data: unknown;
  try {
    const bytes = readInputFile(path, INPUT_LIMITS.data);
    if (isGzip(bytes)) {
      throw new ReportFileError(`${path}: is gzip-compressed (a snapshot?) — give the report.json written by intacct-preflight audit`, path, 'not-json');
    }
    data = parseInputJson(path, inputText(bytes));
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    if (err.reason === 'missing') throw new ReportFileError(`${path}: no such file — give the path of a report.json written by intacct-preflight audit`, path, 'missing');
    if (err.reason === 'folder') throw new ReportFileError(`${path}: is a folder — give the report.json file inside it`, path, 'unreadable');
    if (err.reason === 'not-json') {
      const where = err.detail.replace(/^not valid JSON\s*/, '');
      throw new ReportFileError(`${path}: not JSON${where ? ` (${where})` : ''} — is it the HTML report? render reads report.json`, path, 'not-json');
    }
    throw new ReportFileError(err.message, path, err.reason === 'too-deep' ? 'not-json' : 'unreadable');
  }
  const shape = data as { schemaVersion?: unknown; tool?: { name?: unknown } } | null;
  if (shape === null || typeof shape !== 'object' || Array.isArray(shape) || (shape.schemaVersion === undefined && shape.tool?.name !== 'intacct-preflight')) {
    throw new ReportFileError(`${path}: not an intacct-preflight report (no schemaVersion)`, path, 'not-a-report');
  }
  if (typeof shape.schemaVersion === 'number' && shape.schemaVersion > REPORT_SCHEMA_VERSION) {
    throw new ReportFileError(
      `${path}: written by a newer intacct-preflight (report schemaVersion ${shape.schemaVersion}); this version reads schemaVersion ${REPORT_SCHEMA_VERSION} — upgrade intacct-preflight to render it`,
      path,
      'newer-version',
    );
  }
  const outcome = validateResult(data);
  if (!outcome.ok) {
    const shown = outcome.errors.slice(0, 3).join('; ');
    const more = outcome.errors.length > 3 ? ` (and ${outcome.errors.length - 3} more)` : '';
    throw new ReportFileError(`${path}: not a valid intacct-preflight report: ${shown}${more}`, path, 'invalid');
  }
  return outcome.result;
}
