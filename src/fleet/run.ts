/**
 * A fleet run: the prepared companies audited `jobs` at a time, each exactly as `audit` audits it
 * (its reports in OUT/<name>/, its previous report there as the baseline), and one row per
 * company. A company that fails — refused sign-in, outage, anything thrown — is its own row; the
 * others carry on. Ctrl+C stops starting companies and aborts the ones under way: companies that
 * finished keep their reports, the others keep last run's, and no index is written.
 */
import { setMaxListeners } from 'node:events';
import { relative, sep } from 'node:path';
import { auditCompany } from '../cli/commands/audit.js';
import { createContext, type Ctx } from '../cli/context.js';
import { classifyError, InterruptedError } from '../cli/errors.js';
import type { Progress } from '../cli/progress.js';
import { REPORT_FILE_NAMES, type ReportFormat } from '../cli/options.js';
import { errorLine } from '../util/errors.js';
import { findBaseline } from './baseline.js';
import { failedRow, rowFromResult, type CompanyCode, type FleetRow } from './index-model.js';
import { runPool } from './pool.js';
import type { PreparedCompany } from './prepare.js';

export interface FleetRunOptions {
  out: string;
  jobs: number;
  failOnNew: boolean;
  /** Told when a company starts and when its row is ready. */
  onStart?: (name: string) => void;
  onRow?: (row: FleetRow, done: number, total: number) => void;
}

const QUIET_PROGRESS: Progress = { event() {}, note() {}, stop() {} };

/** Rows in the order companies finished; throws InterruptedError when stopped. */
export async function auditFleet(prepared: readonly PreparedCompany[], opts: FleetRunOptions, ctx: Ctx): Promise<FleetRow[]> {
  let done = 0;
  const signal = ctx.io.signal;
  // One listener per company under way (each company's own listeners hang on its own signal).
  if (signal) setMaxListeners(opts.jobs + 10, signal);
  const { results, interrupted } = await runPool(prepared, opts.jobs, signal, async (p) => {
    opts.onStart?.(p.company.name);
    const own = new AbortController();
    const stop = () => own.abort(signal?.reason);
    signal?.addEventListener('abort', stop, { once: true });
    let row: FleetRow;
    try {
      row = await auditOne(p, opts, { ...ctx, io: { ...ctx.io, signal: own.signal } });
    } finally {
      signal?.removeEventListener('abort', stop);
    }
    if (!ctx.io.signal?.aborted) opts.onRow?.(row, ++done, prepared.length);
    return row;
  });
  if (interrupted) throw new InterruptedError();
  return results;
}

async function auditOne(p: PreparedCompany, opts: FleetRunOptions, ctx: Ctx): Promise<FleetRow> {
  const { company, connection } = p;
  const started = performance.now();
  const found = findBaseline(p.settings.out, connection.credentials);
  const settings = {
    ...p.settings,
    ...(found.path ? { baseline: found.path } : {}),
    // Without a previous report there is nothing to be new against: the plain gate applies.
    failOnNew: opts.failOnNew && found.baseline !== undefined,
  };
  const title = company.title;
  try {
    const run = await auditCompany(settings, companyContext(company.name, ctx), {
      connection,
      ...(found.baseline ? { baseline: found.baseline } : {}),
      progress: QUIET_PROGRESS,
      interruptWrites: false,
    });
    const note = found.note ?? (opts.failOnNew && !found.baseline ? 'no previous report: the plain gate applied' : undefined);
    return rowFromResult({
      name: company.name,
      ...(title ? { title } : {}),
      result: run.result,
      code: run.code as CompanyCode,
      reason: run.reason,
      ...(run.gateName ? { gate: run.gateName } : {}),
      ...(note ? { baselineNote: note } : {}),
      durationMs: performance.now() - started,
      reports: reportLinks(run.written, settings.formats, opts.out),
    });
  } catch (err) {
    if (ctx.io.signal?.aborted) throw new InterruptedError();
    const known = classifyError(err);
    return failedRow({
      name: company.name,
      ...(title ? { title } : {}),
      companyId: connection.credentials.companyId,
      ...(connection.credentials.entityId ? { entityId: connection.credentials.entityId } : {}),
      reason: known ? errorLine(known.message) : `internal error: ${errorLine(err)}`,
      durationMs: performance.now() - started,
    });
  }
}

/** A company's own context: its warnings and details carry its name, its summary is not printed. */
function companyContext(name: string, ctx: Ctx): Ctx {
  const inner = createContext(ctx.io, { verbose: ctx.verbose, quiet: ctx.quiet });
  return {
    ...inner,
    out: (text) => ctx.info(`${name}: ${text}`),
    err: (text) => ctx.err(`${name}: ${text}`),
    warn: (text) => ctx.warn(`${name}: ${text}`),
    info: (text) => ctx.info(`${name}: ${text}`),
  };
}

function reportLinks(written: readonly string[], formats: readonly ReportFormat[], out: string): FleetRow['reports'] {
  const links: FleetRow['reports'] = {};
  for (const format of formats) {
    const file = written.find((w) => w.endsWith(`${sep}${REPORT_FILE_NAMES[format]}`));
    if (file) links[format] = relative(out, file).split(sep).join('/');
  }
  return links;
}
