/**
 * `intacct-preflight audit` (the default command): resolve settings and credentials, run the
 * engine — live, against the demo sandbox, or offline on a saved snapshot — compare with a
 * baseline report when one is given, write the reports (and the snapshot), print the summary,
 * and turn the result into the exit code.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { evaluateSavedFacts, runAuditWithFacts, type AuditOptions, type EvaluateOptions } from '../../audit/audit.js';
import { gateExitCode } from '../../assemble/gate.js';
import {
  assertSameCompany,
  factStoreFromSnapshot,
  failOnNewExitCode,
  readSnapshot,
  serialiseSnapshot,
  SecretLeakError,
  type Comparison,
  type Snapshot,
} from '../../history/index.js';
import type { AuditResult } from '../../model/result.js';
import { planAudit, type PlanOptions } from '../../plan/audit-plan.js';
import { readResultFile, renderTerminal } from '../../render/index.js';
import { formatTimestamp } from '../../render/labels.js';
import type { Sandbox } from '../../sandbox/server.js';
import type { ClientOptions } from '../../intacct/client.js';
import { clientOptions, resolveConnection, signInEntity, type ResolvedConnection } from '../connection.js';
import type { Ctx } from '../context.js';
import { raceAbort as untilAborted } from '../../util/errors.js';
import { CliError, InterruptedError, errorLine, UsageError } from '../errors.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { useColor, type CliIo } from '../io.js';
import { displayPath, prepareFolder, prepareOutDir, removeIfEmpty, render, reportTargets, resolveTarget, writeReports } from '../output.js';
import { REPORT_FILE_NAMES } from '../options.js';
import { assertWritableFolder, outputTarget, writeFileAtomic } from '../../util/files.js';
import type { RawArgs } from '../parser.js';
import { createProgress, type Progress, type ProgressEventLike } from '../progress.js';
import { resolveAuditSettings, type AuditSettings } from '../settings.js';
import { connectionFailure, verdictLine } from '../summary.js';
import type { StagedWorklists } from '../../worklists/index.js';

export async function auditCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const settings = resolveAuditSettings(args, io);
  const toStdout = settings.out === '-';
  const createdOut = toStdout ? undefined : prepareOutDir(settings.out, displayPath(settings.out, io.cwd));
  try {
    return await audit(settings, ctx);
  } finally {
    removeIfEmpty(createdOut, settings.out);
  }
}

/** What one run produced: the result (compared with the baseline, redacted as asked), and the snapshot bytes to write when --snapshot asked for them. */
interface Evaluated {
  result: AuditResult;
  /** With --baseline: what --fail-on-new judges. */
  comparison?: Comparison;
  snapshot?: Buffer;
  /** With --worklists: the lists, staged in the report folder until the reports are written. */
  worklists?: StagedWorklists;
}

/** One company audited and its reports written: what `audit` prints and `fleet` lists. */
export interface CompanyAudit {
  result: AuditResult;
  comparison?: Comparison;
  /** The company's exit code: the gate's (0, 1, 2), or 3 when it could not be audited. */
  code: ExitCodeValue;
  /** One line: why the gate decided so, or why the company could not be audited. */
  reason: string;
  /** The gate applied, e.g. "--fail-on blocker" (absent when the company could not be audited). */
  gateName?: string;
  /** Files written, reports first. */
  written: string[];
  /** Set when sign-in or the connection failed: every check is an error. */
  couldNotAudit: boolean;
}

export interface AuditCompanyOptions {
  /** Credentials already resolved (fleet); otherwise they are resolved from the settings (and may be asked for). */
  connection?: ResolvedConnection;
  /** The baseline already read (fleet: found in the company's folder); otherwise `settings.baseline` is read. */
  baseline?: AuditResult;
  progress?: Progress;
  /**
   * false: once the audit is done its reports are written whole even if the signal fires meanwhile
   * (fleet: a finished company keeps its reports). Default true: an interrupted write leaves nothing.
   */
  interruptWrites?: boolean;
}

async function audit(settings: AuditSettings, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const toStdout = settings.out === '-';
  const run = await auditCompany(settings, ctx, { progress: createProgress(io, { quiet: ctx.quiet }) });
  const { result, written, code, reason, gateName } = run;

  const summaryStream = toStdout ? io.stderr : io.stdout;
  const color = useColor(summaryStream, io.env);
  const say = (text: string) => void summaryStream.write(`${text}\n`);
  const reportLine = written.length
    ? `Report: ${written.map((p) => displayPath(p, io.cwd)).join(', ')}`
    : undefined;

  if (run.couldNotAudit) {
    if (!ctx.quiet && reportLine) say(reportLine);
    ctx.err(`Error: could not audit: ${reason}`);
    return code;
  }
  if (!ctx.quiet) {
    say(renderTerminal(result, { color, ...(summaryStream.isTTY ? { width: summaryStream.columns ?? 80 } : {}), verdict: false }).replace(/\n+$/, ''));
    say('');
    if (reportLine) say(reportLine);
    say(verdictLine(result, color));
    if (code !== ExitCode.Incomplete) say(`Gate (${gateName}): ${reason}`);
  }
  if (code === ExitCode.Incomplete) ctx.err(`Incomplete (${gateName}): ${reason}`);
  return code;
}

/**
 * Check ids, options and policy are the planner's to judge, with the wording library callers
 * get; before any network or password prompt. The snapshot's catalog, sync window and check
 * options (and integration profile) replace the config's with --from-snapshot, so those are
 * judged with the snapshot. `connection`: credentials already resolved (fleet), whose entity the
 * audit signs in at.
 */
export async function checkAuditSettings(settings: AuditSettings, io: CliIo, connection?: ResolvedConnection): Promise<void> {
  const { catalog: _c, syncFrom: _s, checkOptions: _o, integration: _i, ...idsAndPolicy } = planOptions(settings);
  const signedInEntity = connection ? connection.credentials.entityId : settings.demo || settings.fromSnapshot ? undefined : signInEntity(settings.connection, io);
  const plan = await planAudit({ ...(settings.fromSnapshot ? idsAndPolicy : planOptions(settings)), ...(io.signal ? { signal: io.signal } : {}) }, {
    config: settings.config ? `Config file ${settings.config.path}` : 'Config',
    ...(signedInEntity ? { signedInEntity } : {}),
  });
  await plan.close();
}

/**
 * Audits one company exactly as `audit` does — settings judged first, the engine run live, on the
 * demo sandbox or on a snapshot, compared with the baseline, the reports (and the snapshot)
 * written — and says what its exit code is and why. Prints nothing but warnings and details.
 */
export async function auditCompany(settings: AuditSettings, ctx: Ctx, opts: AuditCompanyOptions = {}): Promise<CompanyAudit> {
  const { io } = ctx;
  const toStdout = settings.out === '-';
  await checkAuditSettings(settings, io, opts.connection);
  checkOutputFiles(settings, io.cwd);

  // The files this run reads or writes besides Intacct are checked before any network, so a wrong
  // path is exit 4 at once rather than after a long audit.
  const baseline = opts.baseline ?? (settings.baseline ? readResultFile(settings.baseline) : undefined);
  const saved = settings.fromSnapshot ? readSnapshot(settings.fromSnapshot) : undefined;

  if (settings.config?.config.worklists && !settings.worklists) {
    ctx.info(`The config file's worklists are not written ${toStdout ? 'with --out - (they need a folder)' : 'with --from-snapshot (a snapshot holds samples, not every record)'}.`);
  }
  const progress = opts.progress ?? createProgress(io, { quiet: true });
  let evaluated: Evaluated;
  try {
    evaluated = saved ? await offline(saved, settings, ctx, progress, baseline) : await live(settings, ctx, progress, baseline, opts.connection);
  } finally {
    progress.stop();
  }
  try {
    return await deliver(evaluated, settings, ctx, opts);
  } finally {
    // Committed with the reports, or never: an interrupted or failed run leaves no worklist.
    await evaluated.worklists?.discard();
  }
}

/** Writes the reports (and the snapshot and worklists), and says what the exit code is and why. */
async function deliver(evaluated: Evaluated, settings: AuditSettings, ctx: Ctx, opts: AuditCompanyOptions): Promise<CompanyAudit> {
  const { io } = ctx;
  const toStdout = settings.out === '-';
  if (io.signal?.aborted) throw new InterruptedError();

  const { result, comparison } = evaluated;
  const failure = connectionFailure(result);
  if (settings.snapshot && failure) ctx.warn('no snapshot written: the audit could not connect, so nothing was read.');

  // Reports first: even a run that could not connect leaves a report support can read.
  let written: string[] = [];
  if (evaluated.snapshot && settings.snapshot) {
    await writeFileAtomic(settings.snapshot, evaluated.snapshot, `--snapshot ${displayPath(settings.snapshot, io.cwd)}`);
    written.push(settings.snapshot);
  }
  try {
    if (toStdout) {
      const format = settings.formats[0]!;
      io.stdout.write(render(result, format));
    } else {
      written = [...(await writeReports(result, settings.formats, settings.out, opts.interruptWrites === false ? undefined : io.signal)), ...written];
      if (evaluated.worklists) {
        await evaluated.worklists.commit();
        written.push(evaluated.worklists.folder);
      }
    }
  } catch (err) {
    // No half set: a snapshot without the reports it belongs to goes too.
    if (settings.snapshot && evaluated.snapshot) rmSync(settings.snapshot, { force: true });
    throw err;
  }
  const done = { result, ...(comparison ? { comparison } : {}), written };
  if (failure) return { ...done, code: ExitCode.CouldNotAudit, reason: errorLine(failure.summary), couldNotAudit: true };

  const gate = comparison && settings.failOnNew ? failOnNewExitCode(comparison, result, settings.failOn) : gateExitCode(result, settings.failOn);
  const gateName = settings.failOnNew ? `--fail-on-new, --fail-on ${settings.failOn}` : `--fail-on ${settings.failOn}`;
  return { ...done, code: gate.code, reason: errorLine(gate.reason), gateName, couldNotAudit: false };
}

/** What the planner judges, from the settings. */
function planOptions(settings: AuditSettings): PlanOptions {
  return {
    ...(settings.syncFrom ? { syncFrom: settings.syncFrom } : {}),
    ...(settings.checks ? { checks: settings.checks } : {}),
    ...(settings.skip ? { skip: settings.skip } : {}),
    ...(settings.checkDirs.length ? { checkDirs: settings.checkDirs } : {}),
    ...(settings.userCheckTimeoutMs !== undefined ? { userCheckTimeoutMs: settings.userCheckTimeoutMs } : {}),
    ...(settings.severity ? { severity: settings.severity } : {}),
    ...(settings.catalog ? { catalog: settings.catalog as AuditOptions['catalog'] } : {}),
    ...(settings.checkOptions ? { checkOptions: settings.checkOptions } : {}),
    ...(settings.waivers ? { waivers: settings.waivers } : {}),
    ...(settings.attestations ? { attestations: settings.attestations } : {}),
    ...(settings.integration ? { integration: settings.integration } : {}),
  };
}

/** Engine options from the settings, shared by the live and the offline run. */
function engineOptions(settings: AuditSettings, ctx: Ctx, progress: Progress, baseline: AuditResult | undefined): Omit<AuditOptions, 'connection' | 'source'> {
  const { io } = ctx;
  return {
    ...planOptions(settings),
    redact: settings.redact,
    ...(baseline ? { baseline, allowOtherCompany: settings.allowOtherCompany } : {}),
    onProgress: (e) => progress.event(e as unknown as ProgressEventLike),
    ...(io.signal ? { signal: io.signal } : {}),
  };
}

/** A live audit (or --demo): connect, gather, evaluate; with --snapshot, also the snapshot bytes. */
async function live(settings: AuditSettings, ctx: Ctx, progress: Progress, baseline: AuditResult | undefined, resolvedConnection?: ResolvedConnection): Promise<Evaluated> {
  const { io } = ctx;
  let sandbox: Sandbox | undefined;
  try {
    let connection: ClientOptions;
    if (settings.demo) {
      progress.note('Starting the built-in demo sandbox (company "demo") on 127.0.0.1…');
      // Loaded only for --demo: a live audit never needs the sandbox.
      const [{ startSandbox }, { loadCompany }] = await Promise.all([import('../../sandbox/server.js'), import('../../sandbox/companies.js')]);
      sandbox = await startSandbox({ company: loadCompany('demo') });
      connection = clientOptions({ credentials: sandbox.credentials, endpoint: sandbox.endpoint, sources: {} }, settings.limits, io, ctx);
    } else {
      const resolved = resolvedConnection ?? (await resolveConnection(settings.connection, io, ctx));
      connection = clientOptions(resolved, settings.limits, io, ctx);
    }
    // The company is known from the credentials: a baseline of another company fails now, not after the audit.
    checkBaselineCompany(baseline, { id: connection.credentials.companyId, entityId: connection.credentials.entityId }, settings, io.cwd);
    if (io.signal?.aborted) throw new InterruptedError();

    const running = runAuditWithFacts({
      ...engineOptions(settings, ctx, progress, baseline),
      connection,
      source: settings.demo ? 'demo' : 'live',
      snapshot: Boolean(settings.snapshot),
      ...(settings.worklists ? { worklists: { dir: settings.out } } : {}),
    });
    let run: Awaited<typeof running>;
    try {
      run = await untilAborted(running, io.signal);
    } catch (err) {
      // Interrupted: the engine stops at its next step and removes what it staged; wait for that
      // (briefly) so no staged worklist outlives the run.
      if (settings.worklists) await settleWithin(running.then((r) => r.worklists?.discard()), 3000);
      throw err;
    }
    const { result, comparison } = run;
    const evaluated = { result, ...(comparison ? { comparison } : {}), ...(run.worklists ? { worklists: run.worklists } : {}) };
    if (!run.snapshot) return evaluated;
    const { senderPassword, userPassword } = connection.credentials;
    try {
      const bytes = serialiseSnapshot(run.snapshot, {
        secrets: [
          { name: 'sender password', value: senderPassword },
          { name: 'user password', value: userPassword },
        ],
      });
      return { ...evaluated, snapshot: bytes };
    } catch (err) {
      // Never written, and said in one line that does not quote the secret.
      if (err instanceof SecretLeakError) throw new CliError(`--snapshot: ${err.message}`, ExitCode.CouldNotAudit);
      throw err;
    }
  } finally {
    await sandbox?.close();
  }
}

/** Waits for `promise` to settle, at most `ms`. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** --from-snapshot: the current checks on the saved facts, with no network and no credentials. */
async function offline(saved: Snapshot, settings: AuditSettings, ctx: Ctx, progress: Progress, baseline: AuditResult | undefined): Promise<Evaluated> {
  const { io } = ctx;
  checkBaselineCompany(baseline, saved.company, settings, io.cwd);
  const where = saved.company.entityId ? `${saved.company.id}, entity ${saved.company.entityId}` : saved.company.id;
  progress.note(
    `Re-evaluating the snapshot ${displayPath(settings.fromSnapshot!, io.cwd)} (company ${where}, read ${formatTimestamp(saved.createdAt)} by intacct-preflight ${saved.tool.version}) offline…`,
  );
  // The snapshot's catalog and sync window are what the facts were read with; the config's would
  // ask for facts the snapshot does not have.
  if (settings.catalog) ctx.info('The config file\'s catalog overrides are not used with --from-snapshot: the snapshot keeps the catalog its facts were read with.');
  if (settings.syncFrom) ctx.info(`The config file's syncFrom is not used with --from-snapshot: the snapshot was read from ${saved.syncFrom}.`);
  // Check options shape the reads the same way: the snapshot's are used (absent = defaults).
  if (settings.checkOptions) ctx.info('The config file\'s checkOptions are not used with --from-snapshot: the snapshot keeps the check options its facts were read with.');
  // So does the integration profile: it decided where per-entity settings were read.
  if (settings.integration) ctx.info("The config file's integration profile is not used with --from-snapshot: the snapshot keeps the profile its facts were read with.");
  const { catalog: _catalog, syncFrom: _syncFrom, checkOptions: _checkOptions, integration: _integration, ...rest } = engineOptions(settings, ctx, progress, baseline);
  const options: EvaluateOptions = {
    ...rest,
    catalog: saved.catalog,
    syncFrom: saved.syncFrom,
    ...(saved.checkOptions ? { checkOptions: saved.checkOptions } : {}),
    ...(saved.integration ? { integration: saved.integration } : {}),
    source: 'snapshot',
    redactedFacts: saved.redacted,
    evaluatedWith: saved.checks,
  };
  const { result, comparison, drift } = await untilAborted(evaluateSavedFacts(factStoreFromSnapshot(saved), options), io.signal);
  for (const line of drift) ctx.warn(line);
  return { result, ...(comparison ? { comparison } : {}) };
}

/** Fails before the audit when the baseline is of another company or entity (unless allowed). */
function checkBaselineCompany(
  baseline: AuditResult | undefined,
  company: { id: string; entityId?: string | undefined },
  settings: AuditSettings,
  cwd: string,
): void {
  if (!baseline) return;
  // Only `company` is compared; the rest of the result is not known yet.
  const current = { company: { id: company.id, ...(company.entityId ? { entityId: company.entityId } : {}) } } as AuditResult;
  assertSameCompany(baseline, current, { allowOtherCompany: settings.allowOtherCompany }, {
    previous: `the baseline ${displayPath(settings.baseline!, cwd)}`,
    current: 'this audit',
  });
}

/**
 * Every file this run will write besides the report folder (checked by prepareOutDir): each report
 * file, the snapshot and the debug log must be a regular file (or new) in a folder that can be
 * written, and no two may be the same file. Checked before any network, so a bad path is exit 4
 * at once rather than after a long audit.
 */
function checkOutputFiles(settings: AuditSettings, cwd: string): void {
  const targets: { label: string; path: string }[] = [];
  if (settings.out !== '-') {
    const shown = displayPath(settings.out, cwd);
    const paths = reportTargets(settings.out, settings.formats, cwd);
    paths.forEach((path, i) => targets.push({ label: `--out ${shown} (${REPORT_FILE_NAMES[settings.formats[i]!]})`, path }));
  }
  if (settings.snapshot) {
    const label = `--snapshot ${displayPath(settings.snapshot, cwd)}`;
    prepareFolder(dirname(settings.snapshot), `${label}: ${displayPath(dirname(settings.snapshot), cwd)}`, 'give a folder for the snapshot file');
    targets.push({ label, path: resolveTarget(outputTarget(settings.snapshot, label)) });
  }
  const debugLog = settings.limits.debugLog;
  if (debugLog) {
    const label = `--debug-log ${displayPath(debugLog, cwd)}`;
    const path = resolveTarget(outputTarget(debugLog, label));
    assertWritableFolder(dirname(path), label);
    targets.push({ label, path });
  }
  for (let i = 0; i < targets.length; i++) {
    const same = targets.slice(i + 1).find((t) => t.path === targets[i]!.path);
    if (same) throw new UsageError(`${same.label} and ${targets[i]!.label} name the same file: give each its own file.`);
  }
}
