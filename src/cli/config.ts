/**
 * The config file (--config FILE): JSON validated against schemas/config.schema.json, the same
 * schema editors use through "$schema". Every problem becomes one line naming the key's path and
 * what was expected, because a consultant fixing a typo should not have to read ajv's output.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../util/json-schema.js';
import type { IntegrationProfile, Severity, SettingEntry } from '../model/check.js';
import { UsageError } from './errors.js';
import { packagePath } from '../package.js';
import { INPUT_LIMITS, InputFileError, inputText, parseInputJson, readInputFile } from '../util/input.js';
import { checkSyncFrom, type FailOn, type ReportFormat } from './options.js';

export interface WaiverConfig {
  check: string;
  records?: string[];
  reason: string;
  expires: string;
  owner?: string;
}

export interface AttestationConfig {
  check: string;
  by: string;
  date: string;
  note?: string;
}

export interface PreflightConfig {
  $schema?: string;
  checks?: string[];
  skip?: string[];
  severity?: Record<string, Severity>;
  syncFrom?: string;
  catalog?: Record<string, Partial<SettingEntry>>;
  /** Options by check id, validated by the engine against each check's schema. */
  checkOptions?: Record<string, Record<string, unknown>>;
  checksDirs?: string[];
  /** Seconds a user check module may take to load, and each of its calls to answer (default 10). */
  userCheckTimeout?: number;
  waivers?: WaiverConfig[];
  attestations?: AttestationConfig[];
  failOn?: FailOn;
  format?: ReportFormat | ReportFormat[];
  out?: string;
  redact?: boolean;
  worklists?: boolean;
  concurrency?: number;
  maxFunctions?: number;
  timeout?: number;
  /** How Re-Leased is set up (each key optional; flags win). */
  integration?: Partial<IntegrationProfile>;
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  /** As written, except `checksDirs` and `out`, which are made absolute (relative to the file). */
  config: PreflightConfig;
}

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(packagePath('schemas', 'config.schema.json'), 'utf8')) as object;
  const compiled = createAjv({ allErrors: true, strict: true, verbose: true }, 'all').compile(schema);
  validator = compiled;
  return compiled;
}

/** The schema as an object (for tests and for `--help` links). */
const PASSWORD_KEY = /pass(word)?|secret|session.?id/i;

export function loadConfig(file: string, cwd: string): LoadedConfig {
  const path = resolve(cwd, file);
  const label = file;
  let data: unknown;
  try {
    data = parseInputJson(label, inputText(readInputFile(path, INPUT_LIMITS.settings)));
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    const why =
      err.reason === 'missing' ? 'file not found' : err.reason === 'folder' ? 'is a folder, not a file' : err.detail;
    throw new UsageError(`Config file ${label}: ${why}.`);
  }
  const passwordKey = findPasswordKey(data, '');
  if (passwordKey !== undefined) {
    throw new UsageError(
      `Config file ${label}: "${passwordKey}" — passwords never go in the config file; set INTACCT_SENDER_PASSWORD and INTACCT_USER_PASSWORD, or sender_password and user_password in ~/.intacct/credentials.ini (--profile).`,
    );
  }
  const validate = schemaValidator();
  if (!validate(data)) {
    const problems = describeSchemaErrors(validate.errors ?? []);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new UsageError(`Config file ${label}: ${problems[0] ?? 'invalid'}${more}.`);
  }
  const config = data as PreflightConfig;
  if (config.syncFrom !== undefined) {
    const problem = checkSyncFrom(config.syncFrom);
    if (problem) throw new UsageError(`Config file ${label}: syncFrom ${problem}.`);
  }
  const dir = dirname(path);
  return {
    path,
    config: {
      ...config,
      ...(config.checksDirs ? { checksDirs: config.checksDirs.map((d) => resolve(dir, d)) } : {}),
      ...(config.out !== undefined && config.out !== '-' ? { out: resolve(dir, config.out) } : {}),
    },
  };
}

/** The path of the first key that looks like a password (config files and fleet manifests refuse them). */
/**
 * The first key (in document order) that looks like a password, as a path such as
 * `catalog.x.password`. Walks with its own stack, so no nesting depth can overflow the call stack.
 */
export function findPasswordKey(value: unknown, path: string): string | undefined {
  const pending: { key?: string; value: unknown; path: string }[] = [{ value, path }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.key !== undefined && PASSWORD_KEY.test(next.key)) return next.path;
    const here = next.value;
    const children: { key?: string; value: unknown; path: string }[] = Array.isArray(here)
      ? here.map((child, i) => ({ value: child, path: `${next!.path}[${i}]` }))
      : here !== null && typeof here === 'object'
        ? Object.entries(here).map(([key, child]) => ({ key, value: child, path: next!.path ? `${next!.path}.${key}` : key }))
        : [];
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  return undefined;
}

/** `/waivers/0/expires` → `waivers[0].expires`. */
export function displayPath(pointer: string): string {
  if (pointer === '') return '(top level)';
  return pointer
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function got(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return ` (got ${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}

/**
 * One readable line per problem, in document order. For a value that matches no branch of a
 * `oneOf` (e.g. `format`: a name or a list of names), the deepest branch error names the bad value.
 */
export function describeSchemaErrors(errors: ErrorObject[]): string[] {
  // A value that matches no branch of a `oneOf` (e.g. `format`: a name or a list of names): when a
  // branch got as far as a nested value, that deeper error names the actual bad value.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const hasDeeper = (path: string) => errors.some((o) => o.instancePath.startsWith(`${path}/`));
  const useful = errors.filter(
    (e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && !(oneOfPaths.has(e.instancePath) && hasDeeper(e.instancePath)),
  );
  const seen = new Map<string, ErrorObject>();
  for (const e of useful) {
    const key =
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}`
        : e.keyword === 'required'
          ? `${e.instancePath}#${String((e.params as { missingProperty: string }).missingProperty)}`
          : e.instancePath;
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.values()].map(describeOne);
}

function describeOne(e: ErrorObject): string {
  const where = displayPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const full = displayPath(`${e.instancePath}/${key}`);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).filter((k) => k !== '$schema');
      return `${full}: unknown key${allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}`;
    }
    case 'required':
      return `${where}: missing required key "${String(params.missingProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(params.allowedValues as unknown[]).join(', ')}${got(e.data)}`;
    case 'type':
      return `${where}: must be ${article(String(params.type))}${got(e.data)}`;
    case 'format':
      return params.format === 'date'
        ? `${where}: must be a real date written YYYY-MM-DD${got(e.data)}`
        : `${where}: must be a ${String(params.format)}${got(e.data)}`;
    case 'pattern':
      return e.propertyName !== undefined
        ? `${where}: "${e.propertyName}" is not a check id (ids look like area.subject, e.g. ar.customer-id-sequence)`
        : /checkId/.test(e.schemaPath)
          ? `${where}: ${JSON.stringify(e.data)} is not a check id (ids look like area.subject, e.g. ar.customer-id-sequence)`
        : /currency/.test(e.schemaPath)
          ? `${where}: must be a currency code of three upper-case letters, e.g. AUD${got(e.data)}`
        : /dimensions/.test(e.schemaPath)
          ? `${where}: ${JSON.stringify(e.data)} is not a dimension id (ids look like LOCATION, DEPARTMENT, PROJECT, CLASS)`
        : /date/.test(e.schemaPath)
          ? `${where}: must be a date written YYYY-MM-DD${got(e.data)}`
          : `${where}: ${JSON.stringify(e.data)} is not a valid value`;
    case 'propertyNames':
      return `${where}: "${String(params.propertyName)}" is not a valid key`;
    case 'minLength':
      return `${where}: must not be empty`;
    case 'minItems':
      return `${where}: must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'minProperties':
      return `${where}: must set at least one field`;
    case 'uniqueItems':
      return `${where}: lists the same value twice`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${where}: must be ${String(params.comparison)} ${String(params.limit)}${got(e.data)}`;
    default:
      return `${where}: ${e.message ?? 'is invalid'}`;
  }
}

function article(type: string): string {
  const t = type.split(',')[0] ?? type;
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
