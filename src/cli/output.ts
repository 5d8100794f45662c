/**
 * Writing reports: into --out DIR with atomic renames, or one format to stdout. All formats are
 * rendered in memory first, so an interrupted run writes nothing rather than half a set.
 */
import { mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { AuditResult } from '../model/result.js';
import { assertValidResult, renderHtml, renderJson, renderJunit, renderMarkdown, writeFileAtomic } from '../render/index.js';
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
 * Fails early (before a long audit) when the report folder cannot be created. Returns the folder
 * it created, if any, so a run that ends without a report can remove it again.
 */
export function prepareOutDir(dir: string, shown: string): string | undefined {
  try {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) throw new UsageError(`--out ${shown} is a file: give a folder for the reports (or - for stdout).`);
    return mkdirSync(dir, { recursive: true });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--out ${shown}: cannot create the report folder (${code ?? 'error'}).`);
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
  prepareOutDir(dirname(path), displayPath(dirname(path), io.cwd));
  await writeFileAtomic(path, text);
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
