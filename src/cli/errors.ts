/**
 * Errors the command line turns into an exit code and ONE line for the user. Anything else that
 * escapes a command is an internal error: one line plus a hint to re-run with --verbose.
 */
import { errorLine } from '../util/errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad option, config file, credentials file or check id: exit 4. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.Usage);
    this.name = 'UsageError';
  }
}

/** The audit could not start or reach Intacct: exit 3. */
export class CouldNotAuditError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.CouldNotAudit);
    this.name = 'CouldNotAuditError';
  }
}

/** The run was interrupted (SIGINT/SIGTERM or an aborted signal): exit 130. */
export class InterruptedError extends CliError {
  constructor(message = 'Interrupted.') {
    super(message, ExitCode.Interrupted);
    this.name = 'InterruptedError';
  }
}

const CONNECTION_KINDS = new Set(['control', 'authentication', 'http', 'network', 'timeout', 'malformed']);
const USAGE_KINDS = new Set(['usage', 'config', 'user-check', 'catalog', 'read-only']);
const USAGE_NAMES = new Set(['UsageError', 'ConfigurationError', 'UserCheckError', 'CatalogError', 'ReportFileError']);

/**
 * Maps errors thrown by the other parts (client, engine, report) to what the user should see.
 * They are typed by `name`/`kind` rather than by class so this module does not depend on them.
 */
export function classifyError(err: unknown): CliError | undefined {
  if (err instanceof CliError) return err;
  if (!(err instanceof Error)) return undefined;
  const kind = (err as { kind?: unknown }).kind;
  if (err.name === 'AbortError' || kind === 'abort') return new InterruptedError();
  if (USAGE_NAMES.has(err.name) || (typeof kind === 'string' && USAGE_KINDS.has(kind))) {
    return new UsageError(errorLine(err.message));
  }
  if (typeof kind === 'string' && CONNECTION_KINDS.has(kind)) return new CouldNotAuditError(errorLine(err.message));
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EROFS') {
    return new UsageError(errorLine(err.message));
  }
  return undefined;
}

export { errorLine };

