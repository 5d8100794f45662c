/**
 * One audit's settings: command-line options over config-file values over defaults, each checked
 * with a one-line message naming the option (or config key) and what it accepts.
 */
import { resolve } from 'node:path';
import type { Severity, SettingEntry } from '../engine/types.js';
import type { CliIo } from './io.js';
import { lastNumber, lastString, stringList } from './context.js';
import type { RawArgs } from './parser.js';
import { loadConfig, type AttestationConfig, type LoadedConfig, type WaiverConfig } from './config.js';
import type { ConnectionArgs, Limits } from './connection.js';
import { UsageError } from './errors.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_FAIL_ON,
  DEFAULT_FORMATS,
  DEFAULT_MAX_FUNCTIONS,
  DEFAULT_OUT,
  DEFAULT_TIMEOUT_SECONDS,
  FAIL_ON_VALUES,
  REPORT_FORMATS,
  checkSyncFrom,
  parseFormats,
  type FailOn,
  type ReportFormat,
} from './options.js';

export interface AuditSettings {
  formats: ReportFormat[];
  /** Absolute folder, or '-' for stdout. */
  out: string;
  failOn: FailOn;
  syncFrom?: string;
  checks?: string[];
  skip?: string[];
  checkDirs: string[];
  severity?: Record<string, Severity>;
  catalog?: Record<string, Partial<SettingEntry>>;
  waivers?: WaiverConfig[];
  attestations?: AttestationConfig[];
  redact: boolean;
  demo: boolean;
  connection: ConnectionArgs;
  limits: Limits;
  config?: LoadedConfig;
}

export function connectionArgs(args: RawArgs): ConnectionArgs {
  const pick = (name: string): string | undefined => {
    const v = lastString(args[name]);
    if (v !== undefined && v.trim() === '') throw new UsageError(`--${kebab(name)} is empty: give a value or leave the option out.`);
    return v?.trim();
  };
  const conn: ConnectionArgs = {};
  for (const key of ['endpoint', 'companyId', 'userId', 'senderId', 'entityId', 'profile'] as const) {
    const v = pick(key);
    if (v !== undefined) conn[key] = v;
  }
  return conn;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Limits from options over config over defaults. */
export function resolveLimits(args: RawArgs, config: LoadedConfig | undefined, cwd: string): Limits {
  const c = config?.config;
  const concurrency = lastNumber(args.concurrency) ?? c?.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError('--concurrency must be a whole number from 1 to 16.');
  }
  const maxFunctions = lastNumber(args.maxFunctions) ?? c?.maxFunctions ?? DEFAULT_MAX_FUNCTIONS;
  if (!Number.isInteger(maxFunctions) || maxFunctions < 1 || maxFunctions > 100) {
    throw new UsageError('--max-functions must be a whole number from 1 to 100.');
  }
  const timeoutSeconds = lastNumber(args.timeout) ?? c?.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 3600) {
    throw new UsageError('--timeout must be a number of seconds above 0 and at most 3600.');
  }
  const debugLog = lastString(args.debugLog);
  return { concurrency, maxFunctions, timeoutSeconds, ...(debugLog ? { debugLog: resolve(cwd, debugLog) } : {}) };
}

export function loadConfigOption(args: RawArgs, io: CliIo): LoadedConfig | undefined {
  const file = lastString(args.config);
  if (file === undefined) return undefined;
  if (file.trim() === '') throw new UsageError('--config is empty: give the path of a JSON config file.');
  return loadConfig(file, io.cwd);
}

export function resolveAuditSettings(args: RawArgs, io: CliIo): AuditSettings {
  const config = loadConfigOption(args, io);
  const c = config?.config ?? {};

  const formatValues = stringList(args.format);
  let formats: ReportFormat[];
  if (formatValues !== undefined) {
    const parsed = parseFormats(formatValues);
    if ('unknown' in parsed) {
      throw new UsageError(`--format "${parsed.unknown}" is not a report format: use ${REPORT_FORMATS.join(', ')} (repeat or comma-separate).`);
    }
    if (parsed.formats.length === 0) throw new UsageError(`--format needs a value: ${REPORT_FORMATS.join(', ')}.`);
    formats = parsed.formats;
  } else if (c.format !== undefined) {
    formats = [...new Set(Array.isArray(c.format) ? c.format : [c.format])];
  } else {
    formats = [...DEFAULT_FORMATS];
  }

  const outOption = lastString(args.out);
  if (outOption !== undefined && outOption.trim() === '') throw new UsageError('--out is empty: give a folder, or - for stdout.');
  const out = outOption !== undefined ? (outOption === '-' ? '-' : resolve(io.cwd, outOption)) : (c.out ?? resolve(io.cwd, DEFAULT_OUT));
  if (out === '-' && formats.length !== 1) {
    throw new UsageError(`--out - writes one report to stdout, but ${formats.length} formats were asked for (${formats.join(', ')}): pick one with --format.`);
  }

  const failOnOption = lastString(args.failOn);
  const failOn = (failOnOption ?? c.failOn ?? DEFAULT_FAIL_ON) as FailOn;
  if (!FAIL_ON_VALUES.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')} (got "${failOn}").`);
  }

  const syncFromOption = lastString(args.syncFrom);
  if (syncFromOption !== undefined) {
    const problem = checkSyncFrom(syncFromOption);
    if (problem) throw new UsageError(`--sync-from ${problem}.`);
  }
  const syncFrom = syncFromOption ?? c.syncFrom;

  const checks = stringList(args.checks) ?? c.checks;
  const skip = stringList(args.skip) ?? c.skip;
  for (const [name, list] of [['--checks', checks], ['--skip', skip]] as const) {
    if (list !== undefined && list.length === 0) throw new UsageError(`${name} needs at least one check id or glob.`);
  }
  const checksDirOption = stringList(args.checksDir);
  const checkDirs = checksDirOption ? checksDirOption.map((d) => resolve(io.cwd, d)) : (c.checksDirs ?? []);

  const demo = args.demo === true;
  const connection = connectionArgs(args);
  if (demo) {
    const given = Object.keys(connection).map((k) => `--${kebab(k)}`);
    if (given.length) {
      throw new UsageError(`--demo audits the built-in demo sandbox with its own test credentials: leave out ${given.join(', ')}.`);
    }
  }

  return {
    formats,
    out,
    failOn,
    ...(syncFrom !== undefined ? { syncFrom } : {}),
    ...(checks !== undefined ? { checks } : {}),
    ...(skip !== undefined ? { skip } : {}),
    checkDirs,
    ...(c.severity ? { severity: c.severity } : {}),
    ...(c.catalog ? { catalog: c.catalog } : {}),
    ...(c.waivers ? { waivers: c.waivers } : {}),
    ...(c.attestations ? { attestations: c.attestations } : {}),
    redact: args.redact === true || (args.redact === undefined && c.redact === true),
    demo,
    connection,
    limits: resolveLimits(args, config, io.cwd),
    ...(config ? { config } : {}),
  };
}
