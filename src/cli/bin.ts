#!/usr/bin/env node
/**
 * The `intacct-preflight` executable: real streams and environment into runCli, process signals
 * into an AbortSignal. The first Ctrl+C stops the audit cleanly (no partial report, exit 130); a
 * second one exits at once.
 */
import { ExitCode } from './exit-codes.js';
import { setStartupFlags } from './flags.js';
import { quickAnswer } from './quick.js';

const argv = process.argv.slice(2);
setStartupFlags(argv);
// A reader that goes away (`intacct-preflight checks | head`) is not an error of ours: stop writing
// to stdout and let the command finish (its reports and exit code stay what they would have been).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  process.stderr.write(`Error: cannot write to standard output (${error.code ?? error.message})\n`);
  process.exit(ExitCode.CouldNotAudit);
});
const quick = quickAnswer(argv, process.stdout.isTTY === true);
if (quick !== undefined) {
  process.stdout.write(quick);
} else {
  await runCommandLine(argv);
}

async function runCommandLine(args: string[]): Promise<void> {
  // Loaded only now, so --version and --help never load yargs, the engine or the client; from the
  // build's bundle and its code cache when there is one (load.ts).
  const { runCli, flush } = (await (await import('./load.js')).loadCommandLine()).cli;
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(ExitCode.Interrupted);
    controller.abort(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const code = await runCli(args, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
  process.exitCode = code;
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  if (code === ExitCode.Interrupted) process.exit(code);
  // Don't let a lingering socket or timer keep a finished command alive.
  setTimeout(() => process.exit(code), 2000).unref();
}
