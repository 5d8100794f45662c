/**
 * Reading a saved report back (for `render`, baselines, diff) and writing report files so that a
 * reader never sees a half-written one: a crash or a full disk leaves the old file or none.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AuditResult } from '../model/result.js';
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ReportFileError(`${path}: no such file — give the path of a report.json written by intacct-preflight audit`, path, 'missing');
    if (code === 'EISDIR') throw new ReportFileError(`${path}: is a folder — give the report.json file inside it`, path, 'unreadable');
    throw new ReportFileError(`${path}: cannot be read (${code ?? (err as Error).message})`, path, 'unreadable');
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0];
    throw new ReportFileError(`${path}: not JSON (${detail}) — is it the HTML report? render reads report.json`, path, 'not-json');
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

/**
 * Writes `data` to a temporary file next to `path`, flushes it to disk, then renames it over `path`
 * (atomic on the same file system). On any failure the temporary file is removed and `path` is
 * left as it was.
 */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  syncFolder(dirname(path));
}

/** Makes the rename itself durable; not every platform can open a folder, which is fine. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows and some file systems refuse fsync on a directory: the rename is still atomic
  }
}
