/**
 * One audit's settings: command-line options over config-file values over defaults, each checked
 * with a one-line message naming the option (or config key) and what it accepts.
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Severity, SettingEntry } from '../model/check.js';
import type { IntegrationInput } from '../plan/integration.js';
import type { CliIo } from './io.js';
import { lastNumber, lastString, stringList } from './context.js';
import type { RawArgs } from './parser.js';
import { loadConfig, type AttestationConfig, type LoadedConfig, type PreflightConfig, type WaiverConfig } from './config.js';
import type { ConnectionArgs, Limits } from './connection.js';
import { integrationFlagsGiven, integrationSettings } from './integration.js';
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
  /** The config's userCheckTimeout, in ms. */
  userCheckTimeoutMs?: number;
  severity?: Record<string, Severity>;
  catalog?: Record<string, Partial<SettingEntry>>;
  /** Options by check id, validated by the engine against each check's schema. */
  checkOptions?: Record<string, Record<string, unknown>>;
  waivers?: WaiverConfig[];
  attestations?: AttestationConfig[];
  /** How Re-Leased is set up: flags over the config's `integration`, key by key (defaults resolved by the planner). */
  integration?: IntegrationInput;
  redact: boolean;
  /** Also write the worklists (`--worklists`, config `worklists`) into `out`/worklists/. */
  worklists: boolean;
  demo: boolean;
  /** Absolute path: also write the snapshot there (`--snapshot`). */
  snapshot?: string;
  /** Absolute path: evaluate this snapshot offline instead of connecting (`--from-snapshot`). */
  fromSnapshot?: string;
  /** Absolute path of an earlier report.json to compare with (`--baseline`). */
  baseline?: string;
  /** Gate only on checks that are new or got worse since the baseline. */
  failOnNew: boolean;
  allowOtherCompany: boolean;
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
  // The client counts whole milliseconds: anything that rounds to 0 ms is refused here, in the
  // option's own words, rather than by the client in its internal ones.
  if (!Number.isFinite(timeoutSeconds) || Math.round(timeoutSeconds * 1000) < 1 || timeoutSeconds > 3600) {
    throw new UsageError('--timeout must be a number of seconds above 0 (at least 0.001) and at most 3600.');
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

  const history = historySettings(args, io, { demo, connection, syncFromOption });
  const integration = integrationSettings(args, c.integration);

  return {
    formats,
    out,
    failOn,
    ...(syncFrom !== undefined ? { syncFrom } : {}),
    ...(checks !== undefined ? { checks } : {}),
    ...(skip !== undefined ? { skip } : {}),
    checkDirs,
    ...(c.userCheckTimeout !== undefined ? { userCheckTimeoutMs: Math.round(c.userCheckTimeout * 1000) } : {}),
    ...(c.severity ? { severity: c.severity } : {}),
    ...(c.catalog ? { catalog: c.catalog } : {}),
    ...(c.checkOptions ? { checkOptions: c.checkOptions } : {}),
    ...(c.waivers ? { waivers: c.waivers } : {}),
    ...(c.attestations ? { attestations: c.attestations } : {}),
    ...(integration ? { integration } : {}),
    redact: args.redact === true || (args.redact === undefined && c.redact === true),
    worklists: worklistSettings(args, c, { out, fromSnapshot: history.fromSnapshot !== undefined }),
    demo,
    ...history,
    connection,
    limits: resolveLimits(args, config, io.cwd),
    ...(config ? { config } : {}),
  };
}

/**
 * Worklists are files beside the reports, read from Intacct: not with `--out -` (no folder) and
 * not from a snapshot (it holds samples, not every record). Asked for on the command line, that
 * is a usage error; from a config file shared between runs, the run just goes without them.
 */
function worklistSettings(args: RawArgs, c: PreflightConfig, run: { out: string; fromSnapshot: boolean }): boolean {
  const asked = args.worklists === true || (args.worklists === undefined && c.worklists === true);
  const onCommandLine = args.worklists === true;
  if (!asked) return false;
  if (run.out === '-') {
    if (onCommandLine) throw new UsageError('--worklists writes CSV files beside the reports: give a folder with --out, not -.');
    return false;
  }
  if (run.fromSnapshot) {
    if (onCommandLine) throw new UsageError('--worklists reads every affected record from Intacct; a snapshot holds only samples: leave out --worklists with --from-snapshot.');
    return false;
  }
  return true;
}

/** Options that only make sense for a run that connects (and so not with --from-snapshot). */
const NETWORK_OPTIONS = ['concurrency', 'maxFunctions', 'timeout', 'debugLog'] as const;

/**
 * --snapshot, --from-snapshot, --baseline, --fail-on-new, --allow-other-company: paths made
 * absolute and the combinations that cannot work refused before anything is read or connected.
 * Command-line only: a baseline or snapshot names one run's files, which a shared config cannot.
 */
function historySettings(
  args: RawArgs,
  io: CliIo,
  run: { demo: boolean; connection: ConnectionArgs; syncFromOption: string | undefined },
): Pick<AuditSettings, 'snapshot' | 'fromSnapshot' | 'baseline' | 'failOnNew' | 'allowOtherCompany'> {
  const path = (name: string, what: string): string | undefined => {
    const v = lastString(args[name]);
    if (v === undefined) return undefined;
    if (v.trim() === '') throw new UsageError(`--${kebab(name)} is empty: give ${what}.`);
    return resolve(io.cwd, v);
  };
  const snapshot = path('snapshot', 'the file to save the snapshot to, e.g. snapshot.json.gz');
  const fromSnapshot = path('fromSnapshot', 'the snapshot file written by audit --snapshot');
  const baseline = path('baseline', 'the report.json of an earlier audit');
  const failOnNew = args.failOnNew === true;
  const allowOtherCompany = args.allowOtherCompany === true;

  if (fromSnapshot !== undefined) {
    if (run.demo) throw new UsageError('--from-snapshot re-evaluates a saved snapshot offline; --demo audits the demo sandbox: use one of them.');
    const given = [
      ...Object.keys(run.connection),
      ...NETWORK_OPTIONS.filter((k) => args[k] !== undefined),
    ].map((k) => `--${kebab(k)}`);
    if (given.length) {
      throw new UsageError(`--from-snapshot needs no connection (the snapshot holds what was read): leave out ${given.join(', ')}.`);
    }
    if (run.syncFromOption !== undefined) {
      throw new UsageError("--from-snapshot uses the snapshot's own sync window (the data was read for it): leave out --sync-from.");
    }
    if (snapshot !== undefined) throw new UsageError('--snapshot saves what a live audit read; with --from-snapshot the snapshot already exists: leave out --snapshot.');
    const profileFlags = integrationFlagsGiven(args);
    if (profileFlags.length) {
      throw new UsageError(`--from-snapshot re-evaluates with the integration profile the snapshot was read with (it decided where settings were read): leave out ${profileFlags.join(', ')}.`);
    }
  }
  if (failOnNew && baseline === undefined) {
    throw new UsageError('--fail-on-new needs --baseline PREVIOUS.json: the report of the audit to compare with.');
  }
  if (allowOtherCompany && baseline === undefined) {
    throw new UsageError('--allow-other-company only applies with --baseline PREVIOUS.json.');
  }
  if (snapshot !== undefined) {
    const st = statSync(snapshot, { throwIfNoEntry: false });
    if (st?.isDirectory()) throw new UsageError(`--snapshot ${v(snapshot, io)} is a folder: give a file name, e.g. ${v(snapshot, io)}/snapshot.json.gz.`);
  }
  return {
    ...(snapshot !== undefined ? { snapshot } : {}),
    ...(fromSnapshot !== undefined ? { fromSnapshot } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    failOnNew,
    allowOtherCompany,
  };
}

function v(path: string, io: CliIo): string {
  const rel = relative(io.cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}
