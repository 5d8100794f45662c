/**
 * Exit codes are a public contract: pipelines branch on them. They live here, once, so `--help`,
 * the README and the code cannot disagree.
 */
export const ExitCode = {
  /** The gate passed (or `--fail-on never`). */
  Ok: 0,
  /** The gate failed: a check at or above --fail-on failed and is not waived. */
  GateFailed: 1,
  /** The gate could not decide: a check at or above --fail-on is in error or needs a person (manual). */
  Incomplete: 2,
  /** Could not audit: connection, authentication or authorisation failed (or an internal error stopped the run). */
  CouldNotAudit: 3,
  /** Usage or configuration error: bad option, config file, credentials file, check id, or a snapshot or baseline file that cannot be used. */
  Usage: 4,
  /** Interrupted (Ctrl+C / SIGINT or SIGTERM): no partial report is left behind. */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_TABLE: readonly { code: ExitCodeValue; meaning: string }[] = [
  { code: ExitCode.Ok, meaning: 'passed: no check at or above --fail-on failed, errored or needs confirming' },
  { code: ExitCode.GateFailed, meaning: 'failed: a check at or above --fail-on failed (and is not waived)' },
  { code: ExitCode.Incomplete, meaning: 'incomplete: a check at or above --fail-on errored or needs manual confirmation' },
  { code: ExitCode.CouldNotAudit, meaning: 'could not audit: connection, sign-in or sender authorisation failed (or an internal error)' },
  { code: ExitCode.Usage, meaning: 'usage or configuration error (options, config file, credentials, check ids, input files)' },
  { code: ExitCode.Interrupted, meaning: 'interrupted (Ctrl+C): no partial report is left' },
];

/** The exit-code block of `--help` (and the README, which copies it). */
export function exitCodesHelp(): string {
  const lines = EXIT_CODE_TABLE.map(({ code, meaning }) => `  ${String(code).padStart(3)}  ${meaning}`);
  return ['Exit codes:', ...lines].join('\n');
}
