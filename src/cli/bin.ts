#!/usr/bin/env node
/**
 * The `intacct-preflight` executable: real streams and environment into runCli, process signals
 * into an AbortSignal. The first Ctrl+C stops the audit cleanly (no partial report, exit 130); a
 * second one exits at once.
 */
import { runCli } from './main.js';
import { ExitCode } from './exit-codes.js';
import { flush } from './io.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (name: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(ExitCode.Interrupted);
  controller.abort(name);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runCli(process.argv.slice(2), {
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
