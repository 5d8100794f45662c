/**
 * Answers `--version`, and `--help` when stdout is not a terminal, without loading yargs or any
 * command: the help text was rendered by the build (scripts/generate.mjs, through the same
 * parser), so these cost barely more than starting Node. Anything else returns undefined and goes
 * through runCli.
 */
import { readFileSync } from 'node:fs';
import { packageVersion } from '../package.js';

export function quickAnswer(argv: readonly string[], stdoutIsTty: boolean): string | undefined {
  if (argv.length !== 1) return undefined;
  if (argv[0] === '--version') return `${packageVersion()}\n`;
  if ((argv[0] === '--help' || argv[0] === '-h') && !stdoutIsTty) {
    try {
      return readFileSync(new URL('./help.generated.txt', import.meta.url), 'utf8');
    } catch {
      return undefined; // not built (running from the sources): yargs renders it
    }
  }
  return undefined;
}
