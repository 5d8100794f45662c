/**
 * `intacct-preflight sandbox`: serves a fixture company on 127.0.0.1 until SIGINT/SIGTERM and
 * prints its endpoint and TEST credentials as KEY=value lines (stdout) that a pipeline can load:
 *   intacct-preflight sandbox --company ready > sandbox.env &
 *   set -a; . ./sandbox.env; set +a
 * The credentials are the fixture's own, never real ones.
 */
import { resolve } from 'node:path';
import type { Ctx } from '../context.js';
import { lastNumber, lastString } from '../context.js';
import { UsageError, errorLine } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { RawArgs } from '../parser.js';

/** Quotes a value for a POSIX shell only when it needs it. */
export function shellValue(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export async function sandboxCommand(args: RawArgs, ctx: Ctx): Promise<number> {
  const { io } = ctx;
  const { listCompanies, loadCompany } = await import('../../sandbox/companies.js');
  if (args.list === true) {
    for (const c of listCompanies()) ctx.out(`${c.name.padEnd(16)} ${c.description}`);
    return ExitCode.Ok;
  }
  const port = lastNumber(args.port) ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535 (0 = random).');
  const latencyMs = lastNumber(args.latency) ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > 600000) throw new UsageError('--latency must be a number of milliseconds from 0 to 600000.');
  const until = () =>
    new Promise<void>((resolve) => {
      if (!io.signal) return; // library use without a signal: runs until the process ends
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  if (args.fleet !== undefined) {
    const { sandboxFleetCommand } = await import('./sandbox-fleet.js');
    return sandboxFleetCommand(args, ctx, { port, latencyMs, until, shellValue });
  }
  if (args.manifest !== undefined) throw new UsageError('--manifest goes with --fleet N: the manifest of the N generated companies served.');
  const name = (lastString(args.company) ?? 'demo').trim();
  // A file is relative to the working folder we were given, not the process's.
  const isPath = /[\\/]/.test(name) || name.toLowerCase().endsWith('.json');
  let company;
  try {
    company = loadCompany(isPath ? resolve(io.cwd, name) : name);
  } catch (err) {
    throw new UsageError(`--company ${name}: ${errorLine(err instanceof Error ? err.message : String(err))}`);
  }
  const { startSandbox } = await import('../../sandbox/server.js');
  let sandbox;
  try {
    sandbox = await startSandbox({ company, port, latencyMs });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${port} is already in use on 127.0.0.1: pick another or use 0 for a random port.`);
    if (code === 'EACCES') throw new UsageError(`--port ${port} needs privileges on this machine: use a port above 1023, or 0.`);
    throw err;
  }
  const c = sandbox.credentials;
  const lines: [string, string][] = [
    ['INTACCT_ENDPOINT_URL', sandbox.endpoint],
    ['INTACCT_SENDER_ID', c.senderId],
    ['INTACCT_SENDER_PASSWORD', c.senderPassword],
    ['INTACCT_COMPANY_ID', c.companyId],
    ['INTACCT_USER_ID', c.userId],
    ['INTACCT_USER_PASSWORD', c.userPassword],
  ];
  for (const [key, value] of lines) ctx.out(`${key}=${shellValue(value)}`);
  if (!ctx.quiet) {
    ctx.err(`Sandbox gateway serving company "${company.company.id}" (${name}) at ${sandbox.endpoint} — test credentials above. Ctrl+C to stop.`);
  }
  await until();
  await sandbox.close();
  if (!ctx.quiet) ctx.err('Sandbox stopped.');
  // Stopping is how a sandbox ends: not an error.
  return ExitCode.Ok;
}
