/**
 * Writing reports: into --out DIR with atomic renames, or one format to stdout. All formats are
 * rendered in memory first, so an interrupted run writes nothing rather than half a set. Every
 * file goes through src/util/files.ts, which writes only regular files (or through a link to one).
 */
import { mkdirSync, readdirSync, realpathSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { AuditResult } from '../model/result.js';
import { assertValidResult, renderHtml, renderJson, renderJunit, renderMarkdown } from '../render/index.js';
import { assertWritableFolder, outputTarget, writeFileAtomic } from '../util/files.js';
import type { Ctx } from './context.js';
import { UsageError, InterruptedError } from './errors.js';
import { REPORT_FILE_NAMES, type ReportFormat } from './options.js';

export function render(result: AuditResult, format: ReportFormat): string {
  assertValidResult(result);
  switch (format) {
    case 'html':
      return renderHtml(result);
    case 'json':
      return renderJson(result);
    case 'md':
      return renderMarkdown(result);
    case 'junit':
      return renderJunit(result);
  }
}

/**
 * Fails early (before a long audit) when the report folder cannot be created or written. Returns
 * the folder it created, if any, so a run that ends without a report can remove it again.
 */
export function prepareOutDir(dir: string, shown: string): string | undefined {
  return prepareFolder(dir, `--out ${shown}`, 'give a folder for the reports (or - for stdout)');
}

/**
 * Creates `dir` when missing and checks that a file can be created in it; `label` names the
 * option in the one-line error. Returns the first folder it created, if any.
 */
export function prepareFolder(dir: string, label: string, hint = 'give a folder'): string | undefined {
  let created: string | undefined;
  try {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) throw new UsageError(`${label} is a file: ${hint}.`);
    created = mkdirSync(dir, { recursive: true });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${label}: cannot create the folder (${code ?? 'error'}).`);
  }
  try {
    assertWritableFolder(dir, label);
  } catch (err) {
    removeIfEmpty(created, dir);
    throw err;
  }
  return created;
}

/**
 * The files `writeReports` will write in `dir`, each checked now (a FIFO or a link to a device is
 * refused before the audit) and resolved through symbolic links, so two outputs naming one file
 * can be told apart from two that do not.
 */
export function reportTargets(dir: string, formats: readonly ReportFormat[], cwd: string): string[] {
  return formats.map((f) => {
    const path = join(dir, REPORT_FILE_NAMES[f]);
    return resolveTarget(outputTarget(path, `--out ${displayPath(path, cwd)}`));
  });
}

/** The real path a write will land in (folders resolved through links), for comparing outputs. */
export function resolveTarget(path: string): string {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}

/**
 * Writes the reports; when `signal` fires while writing, removes what this run wrote and throws
 * InterruptedError, so no partial set is left.
 */
export async function writeReports(
  result: AuditResult,
  formats: readonly ReportFormat[],
  dir: string,
  signal?: AbortSignal,
): Promise<string[]> {
  // The HTML report embeds the JSON one: rendered once for both.
  const json = formats.includes('json') ? renderJson(result) : undefined;
  const text = (f: ReportFormat) => (f === 'json' && json ? json : f === 'html' && json ? renderHtml(result, json) : render(result, f));
  const rendered = formats.map((f) => ({ path: join(dir, REPORT_FILE_NAMES[f]), text: text(f) }));
  if (signal?.aborted) throw new InterruptedError();
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const { path, text } of rendered) {
      await writeFileAtomic(path, text);
      written.push(path);
      if (signal?.aborted) throw new InterruptedError();
    }
  } catch (err) {
    for (const path of written) rmSync(path, { force: true });
    throw err;
  }
  return written;
}

/**
 * One rendered document to `--out FILE` (atomically, its folder created) or to stdout when --out
 * is absent or `-`: how `render` and `diff` deliver their output.
 */
export async function writeTextOutput(text: string, out: string | undefined, ctx: Ctx): Promise<void> {
  const { io } = ctx;
  if (out === undefined || out === '-') {
    io.stdout.write(text);
    return;
  }
  if (out.trim() === '') throw new UsageError('--out is empty: give a file, or - for stdout.');
  const path = resolve(io.cwd, out);
  const label = `--out ${displayPath(path, io.cwd)}`;
  outputTarget(path, label);
  prepareOutDir(dirname(path), displayPath(dirname(path), io.cwd));
  await writeFileAtomic(path, text, label);
  if (!ctx.quiet) ctx.err(`Wrote ${displayPath(path, io.cwd)}`);
}

/** A path as the user should see it: relative when under the working folder. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || rel.includes(`:${sep}`) ? path : rel;
}

/**
 * Removes the folders this run created while they are still empty (nothing was written): `dir`
 * and each parent up to `created`, the first folder `mkdirSync(dir, { recursive: true })` made.
 */
export function removeIfEmpty(created: string | undefined, dir: string): void {
  if (created === undefined) return;
  const top = resolve(created);
  try {
    for (let level = resolve(dir); ; level = dirname(level)) {
      if (readdirSync(level).length > 0) return;
      rmdirSync(level);
      if (level === top || dirname(level) === level) return;
    }
  } catch {
    // best effort: an empty folder left behind is harmless
  }
}
