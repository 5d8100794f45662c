/**
 * The command line as a function: `runCli(argv, io)` parses, runs one command and resolves to
 * the exit code. It never exits the process and never lets a stack trace reach a user who made
 * a mistake: user errors are one line; internal errors are one line plus a hint (the stack with
 * --verbose).
 */
import { ExitCode } from './exit-codes.js';
import { classifyError, errorLine } from './errors.js';
import { createContext, type Ctx } from './context.js';
import type { CliIo } from './io.js';
import { packageVersion } from '../package.js';
import { buildParser, type CommandName, type RawArgs, type Selection } from './parser.js';

export type { CliIo } from './io.js';
export { ExitCode } from './exit-codes.js';

type Command = (args: RawArgs, ctx: Ctx) => Promise<number>;

/** Loaded on demand: `--help` or `render` need not load the client, engine and sandbox. */
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  audit: async () => (await import('./commands/audit.js')).auditCommand,
  render: async () => (await import('./commands/render.js')).renderCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  checks: async () => (await import('./commands/checks.js')).checksCommand,
  explain: async () => (await import('./commands/checks.js')).explainCommand,
  prefs: async () => (await import('./commands/prefs.js')).prefsCommand,
  sandbox: async () => (await import('./commands/sandbox.js')).sandboxCommand,
  fleet: async () => (await import('./commands/fleet.js')).fleetCommand,
  'fleet-merge': async () => (await import('./commands/fleet.js')).fleetMergeCommand,
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const early = createContext(io, { verbose: argv.includes('--verbose'), quiet: false });
  let selection: Selection | undefined;
  let output = '';
  try {
    const width = Math.min(110, io.stdout.columns ?? 100);
    const parser = buildParser(packageVersion(), width, (s) => {
      selection = s;
    });
    parser.parse(defaultCommandArgv(argv), {}, (_err, _args, out) => {
      output = out ?? '';
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    early.err(`Error: ${usageLine(message, argv)} (see intacct-preflight --help)`);
    return ExitCode.Usage;
  }
  if (!selection) {
    // --help or --version: yargs produced the text instead of choosing a command.
    if (output) early.out(output);
    return ExitCode.Ok;
  }
  const { command, args } = selection as Selection;
  const ctx = createContext(io, { verbose: args.verbose === true, quiet: args.quiet === true });
  try {
    const commandFn = await COMMANDS[command]();
    return await commandFn(args, ctx);
  } catch (err) {
    return reportError(err, ctx);
  }
}

/**
 * `audit …` parsed as the default command it is: yargs renders the whole help text (~100 ms of
 * start-up) whenever a named command runs, only to cache it. Help for `audit --help` still goes
 * through the named command, so its text is unchanged; so does any line naming another command
 * after `audit` (`audit render` stays an error, not a render).
 */
function defaultCommandArgv(argv: string[]): string[] {
  const rest = argv.slice(1);
  const plain = argv[0] === 'audit' && !rest.some((a) => a === '--help' || a === '-h' || Object.hasOwn(COMMANDS, a));
  return plain ? rest : argv;
}

/** yargs' messages, made into one line that says what to fix. */
function usageLine(message: string, argv: string[]): string {
  const text = message.replace(/\s*\n\s*/g, ' ').trim();
  const unknown = /^Unknown arguments?: (.*)$/.exec(text);
  if (unknown) {
    const names = (unknown[1] ?? '').split(', ');
    const command = names.find((n) => argv.includes(n) && !n.startsWith('-'));
    if (command !== undefined) {
      return argv.find((a) => !a.startsWith('-')) === command
        ? `Unknown command "${command}" (commands: audit, render, diff, checks, explain, prefs, sandbox, fleet)`
        : `Unexpected argument "${command}"`;
    }
    const flags = names.map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
    return `Unknown option${flags.length > 1 ? 's' : ''}: ${flags.join(', ')}`;
  }
  const missingArg = /^Not enough arguments following: (.*)$/.exec(text);
  if (missingArg) return `--${missingArg[1]} needs a value`;
  if (/^Not enough non-option arguments/.test(text)) {
    const command = argv.find((a) => !a.startsWith('-'));
    if (command === 'render') return 'render needs the report.json to render, e.g. intacct-preflight render preflight-report/report.json --format md';
    if (command === 'diff') return 'diff needs two report.json files, e.g. intacct-preflight diff last-week/report.json preflight-report/report.json';
    if (command === 'explain') return 'explain needs a check id (intacct-preflight checks lists them)';
    if (command === 'fleet' && argv.includes('merge')) return 'fleet merge needs the output folders of the shards, e.g. intacct-preflight fleet merge shard-1 shard-2 --out fleet';
    if (command === 'fleet') return 'fleet needs a manifest, e.g. intacct-preflight fleet portfolio.json';
    if (command === 'prefs') return 'prefs needs an application, e.g. intacct-preflight prefs AR';
    return 'A required argument is missing';
  }
  return text;
}

export function reportError(err: unknown, ctx: Ctx): number {
  const known = classifyError(err);
  if (known) {
    // A command may say what stopping left behind (fleet: the companies that finished keep their reports).
    if (known.exitCode === ExitCode.Interrupted) ctx.err(known.message.startsWith('Interrupted:') ? known.message : 'Interrupted: stopped, no report written.');
    else ctx.err(`Error: ${errorLine(known.message)}`);
    if (ctx.verbose && known !== err && err instanceof Error && err.stack) ctx.err(err.stack);
    return known.exitCode;
  }
  const message = err instanceof Error ? errorLine(err.message) : errorLine(String(err));
  ctx.err(`Internal error: ${message}${ctx.verbose ? '' : ' — run with --verbose for details.'}`);
  if (ctx.verbose && err instanceof Error && err.stack) ctx.err(err.stack);
  return ExitCode.CouldNotAudit;
}
