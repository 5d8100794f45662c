/**
 * `intacct-preflight audit` (the default command): resolve settings and credentials, run the
 * engine, write the reports, print the summary, and turn the result into the exit code.
 */
import { runAudit, type AuditOptions } from '../../engine/audit.js';
import { gateExitCode } from '../../engine/gate.js';
import type { AuditResult } from '../../report/model.js';
import { renderTerminal } from '../../report/index.js';
import type { Sandbox } from '../../sandbox/server.js';
import type { ClientOptions } from '../../intacct/client.js';
import { loadAllChecks, validateCheckIds } from '../check-ids.js';
import { clientOptions, resolveConnection } from '../connection.js';
import type { Ctx } from '../context.js';
import { InterruptedError, oneLine, untilAborted } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import { displayPath, prepareOutDir, removeIfEmpty, render, writeReports } from '../output.js';
import type { RawArgs } from '../parser.js';
import { createProgress, type ProgressEventLike } from '../progress.js';
import { resolveAuditSettings, type AuditSettings } from '../settings.js';
import { connectionFailure, verdictLine } from '../summary.js';

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

async function audit(settings: AuditSettings, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const toStdout = settings.out === '-';

  const known = await loadAllChecks(settings.checkDirs);
  validateCheckIds(
    settings,
    known.map((k) => k.check.meta.id),
  );

  const progress = createProgress(io, { quiet: ctx.quiet });
  let sandbox: Sandbox | undefined;
  let result: AuditResult;
  try {
    let connection: ClientOptions;
    if (settings.demo) {
      progress.note('Starting the built-in demo sandbox (company "demo") on 127.0.0.1…');
      // Loaded only for --demo: a live audit never needs the sandbox.
      const [{ startSandbox }, { loadCompany }] = await Promise.all([import('../../sandbox/server.js'), import('../../sandbox/companies.js')]);
      sandbox = await startSandbox({ company: loadCompany('demo') });
      connection = clientOptions({ credentials: sandbox.credentials, endpoint: sandbox.endpoint, sources: {} }, settings.limits, io, ctx.info);
    } else {
      const resolved = await resolveConnection(settings.connection, io, ctx);
      connection = clientOptions(resolved, settings.limits, io, ctx.info);
    }
    if (io.signal?.aborted) throw new InterruptedError();

    const options: AuditOptions = {
      connection,
      ...(settings.syncFrom ? { syncFrom: settings.syncFrom } : {}),
      ...(settings.checks ? { checks: settings.checks } : {}),
      ...(settings.skip ? { skip: settings.skip } : {}),
      ...(settings.checkDirs.length ? { checkDirs: settings.checkDirs } : {}),
      ...(settings.severity ? { severity: settings.severity } : {}),
      ...(settings.catalog ? { catalog: settings.catalog as AuditOptions['catalog'] } : {}),
      ...(settings.waivers ? { waivers: settings.waivers } : {}),
      ...(settings.attestations ? { attestations: settings.attestations } : {}),
      redact: settings.redact,
      source: settings.demo ? 'demo' : 'live',
      onProgress: (e) => progress.event(e as unknown as ProgressEventLike),
      ...(io.signal ? { signal: io.signal } : {}),
    };
    result = await untilAborted(runAudit(options), io.signal);
  } finally {
    progress.stop();
    await sandbox?.close();
  }
  if (io.signal?.aborted) throw new InterruptedError();

  // Reports first: even a run that could not connect leaves a report support can read.
  let written: string[] = [];
  if (toStdout) {
    const format = settings.formats[0]!;
    io.stdout.write(render(result, format));
  } else {
    written = await writeReports(result, settings.formats, settings.out, io.signal);
  }

  const failure = connectionFailure(result);
  const summaryStream = toStdout ? io.stderr : io.stdout;
  const color = useColor(summaryStream, io.env);
  const say = (text: string) => void summaryStream.write(`${text}\n`);
  const reportLine = written.length
    ? `Report: ${written.map((p) => displayPath(p, io.cwd)).join(', ')}`
    : undefined;

  if (failure) {
    if (!ctx.quiet && reportLine) say(reportLine);
    ctx.err(`Error: could not audit: ${oneLine(failure.summary)}`);
    return ExitCode.CouldNotAudit;
  }

  const gate = gateExitCode(result, settings.failOn);
  if (!ctx.quiet) {
    say(renderTerminal(result, { color, width: Math.min(120, summaryStream.columns ?? 100) }).replace(/\n+$/, ''));
    say('');
    if (reportLine) say(reportLine);
    say(verdictLine(result, color));
    if (gate.code !== ExitCode.Incomplete) say(`Gate (--fail-on ${settings.failOn}): ${gate.reason}`);
  }
  if (gate.code === ExitCode.Incomplete) ctx.err(`Incomplete (--fail-on ${settings.failOn}): ${oneLine(gate.reason)}`);
  return gate.code;
}
