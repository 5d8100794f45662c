/**
 * Writing and reading snapshot files: gzip-compressed JSON, validated against the published
 * schema on the way in and on the way out. Every way a file can be wrong (missing, not gzip,
 * damaged, a report instead of a snapshot, a format this version cannot read) ends in one line
 * saying what the file is and what to do, never a stack trace.
 */
import { gzipSync } from 'node:zlib';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { AuditRun } from '../audit/types.js';
import { FactStore, type StoredFact } from '../gather/store.js';
import type { FactRequest, FactResult } from '../model/check.js';
import { readAsset } from '../package.js';
import { writeFileAtomic } from '../util/files.js';
import { INPUT_LIMITS, InputFileError, inflateInput, inputText, isGzip, parseInputJson, readInputFile } from '../util/input.js';
import { compileSchema, describeSchemaError } from '../util/json-schema.js';
import { assertNoSecrets, type NamedSecret } from './secrets.js';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMATS,
  SNAPSHOT_SCHEMA_URL,
  SNAPSHOT_VERSION,
  type Snapshot,
  type SnapshotFact,
  type SnapshotInput,
} from './snapshot-model.js';

/** A file that is not a usable snapshot. `kind: 'usage'` makes the command line exit 4 with the message. */
export class SnapshotFileError extends Error {
  readonly kind = 'usage' as const;
  constructor(
    message: string,
    readonly path: string,
    readonly reason: 'missing' | 'unreadable' | 'not-gzip' | 'damaged' | 'not-json' | 'not-a-snapshot' | 'invalid',
  ) {
    super(message);
    this.name = 'SnapshotFileError';
  }
}

/** A snapshot in a format this version does not read; the message says which versions do. */
export class SnapshotVersionError extends Error {
  readonly kind = 'usage' as const;
  constructor(
    message: string,
    readonly path: string,
    readonly snapshotVersion: number,
  ) {
    super(message);
    this.name = 'SnapshotVersionError';
  }
}

// ---------------------------------------------------------------------------------------------
// Building

/**
 * Assembles a snapshot from what a live run knows, copying known fields only: whatever else the
 * caller's objects carry (a client, options with credentials) cannot end up in the file. Values
 * go through JSON so the snapshot equals what a reader will load back.
 */
export function buildSnapshot(input: SnapshotInput): Snapshot {
  const createdAt =
    input.createdAt === undefined
      ? new Date().toISOString()
      : typeof input.createdAt === 'string'
        ? input.createdAt
        : input.createdAt.toISOString();
  const snapshot: Snapshot = {
    $schema: SNAPSHOT_SCHEMA_URL,
    format: SNAPSHOT_FORMAT,
    snapshotVersion: SNAPSHOT_VERSION,
    tool: { name: 'intacct-preflight', version: input.toolVersion },
    createdAt,
    source: input.source,
    company: pick(input.company, ['id', 'entityId', 'name', 'endpointHost']),
    syncFrom: input.syncFrom,
    context: {
      ...(input.context?.entities ? { entities: [...input.context.entities] } : {}),
      ...(input.context?.session
        ? { session: pick(input.context.session, ['companyId', 'userId', 'entityId', 'endpointHost']) }
        : {}),
    },
    checks: [...input.checks]
      .map((c) => pick(c, ['id', 'version', 'origin']))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    catalog: input.catalog,
    ...(input.checkOptions && Object.keys(input.checkOptions).length ? { checkOptions: input.checkOptions } : {}),
    ...(input.integration ? { integration: input.integration } : {}),
    redacted: false,
    facts: factsOf(input.facts),
    ...(input.stats ? { stats: pick(input.stats, ['httpRequests', 'functions', 'bytesSent', 'bytesReceived', 'retries', 'sessionRenewals']) } : {}),
  };
  return jsonCopy(snapshot);
}

/**
 * The snapshot of a live run (`runAuditWithFacts`): one call for `audit --snapshot`. Build it from
 * the run BEFORE redacting anything; redact with `redactSnapshot` (same redactor as the report).
 */
export function snapshotFromAuditRun(run: AuditRun, opts: { createdAt?: string | Date } = {}): Snapshot {
  const r = run.result;
  return buildSnapshot({
    toolVersion: r.tool.version,
    createdAt: opts.createdAt ?? r.run.startedAt,
    source: r.run.source === 'demo' ? 'demo' : 'live',
    company: {
      id: r.company.id,
      ...(r.company.entityId ? { entityId: r.company.entityId } : {}),
      ...(r.company.name ? { name: r.company.name } : {}),
      ...(r.run.endpointHost ? { endpointHost: r.run.endpointHost } : {}),
    },
    syncFrom: r.run.syncFrom,
    context: run.context,
    checks: run.checks,
    catalog: run.catalog,
    checkOptions: run.checkOptions,
    integration: run.integration,
    facts: run.store,
    stats: r.run.stats,
  });
}

/** The facts as a snapshot holds them (request, value or error, raw data), by key. */
export function factsOf(facts: SnapshotInput['facts']): Record<string, SnapshotFact> {
  const out: Record<string, SnapshotFact> = {};
  if (facts instanceof FactStore) {
    for (const entry of [...facts.entries()].sort((a, b) => (a.key < b.key ? -1 : 1))) out[entry.key] = toSnapshotFact(entry.result, entry);
    return out;
  }
  const pairs: [string, FactResult][] = facts instanceof Map ? [...facts.entries()] : Object.entries(facts as Record<string, FactResult>);
  for (const [key, result] of pairs.sort(([a], [b]) => (a < b ? -1 : 1))) out[key] = toSnapshotFact(result);
  return out;
}

function toSnapshotFact(result: FactResult, stored?: StoredFact): SnapshotFact {
  const request: FactRequest = pick(result.request, ['function', 'object', 'application', 'entityId', 'topLevel', 'sent']);
  const base = {
    request,
    ...(stored?.entityId ? { entityId: stored.entityId } : {}),
    ...(stored?.topLevel ? { topLevel: true as const } : {}),
    ...(stored?.data ? { data: stored.data } : {}),
  };
  if (result.ok) return { ...base, ok: true, value: result.value };
  return {
    ...base,
    ok: false,
    error: pick(result.error, ['kind', 'message', 'errorno', 'description', 'description2', 'correction']),
  };
}

/** The engine's FactStore holding a snapshot's facts, for offline evaluation (`evaluateFacts`). */
export function factStoreFromSnapshot(snapshot: Snapshot): FactStore {
  const store = new FactStore({
    companyId: snapshot.company.id,
    ...(snapshot.company.entityId ? { entityId: snapshot.company.entityId } : {}),
    ...(snapshot.company.endpointHost ? { endpointHost: snapshot.company.endpointHost } : {}),
    syncFrom: snapshot.syncFrom,
    gatheredAt: snapshot.createdAt,
    ...(snapshot.stats ? { stats: snapshot.stats } : {}),
    context: snapshot.context,
  });
  for (const [key, fact] of Object.entries(snapshot.facts)) {
    const result: FactResult = fact.ok
      ? { ok: true, value: fact.value, request: fact.request }
      : { ok: false, error: fact.error, request: fact.request };
    store.set({ key, result, ...(fact.entityId ? { entityId: fact.entityId } : {}), ...(fact.topLevel ? { topLevel: true } : {}), ...(fact.data ? { data: fact.data } : {}) });
  }
  return store;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface WriteSnapshotOptions {
  /**
   * Credential values that must not appear anywhere in the file (passwords, the session id).
   * Pass every secret the run held; the write is refused (SecretLeakError) if one is found.
   */
  secrets?: readonly (string | NamedSecret | undefined)[];
}

/** gzip-compressed JSON bytes of a snapshot, after the schema and secret checks. */
export function serialiseSnapshot(snapshot: Snapshot, opts: WriteSnapshotOptions = {}): Buffer {
  const problems = schemaProblems(snapshot);
  // A snapshot the reader would refuse is a bug on our side: better to fail now than months later.
  if (problems) throw new Error(`internal error: the snapshot does not match its schema: ${problems}`);
  assertNoSecrets(snapshot, opts.secrets ?? []);
  return gzipSync(Buffer.from(`${JSON.stringify(snapshot)}\n`, 'utf8'));
}

/** Writes the snapshot atomically (a reader never sees half a file). */
export async function writeSnapshot(path: string, snapshot: Snapshot, opts: WriteSnapshotOptions = {}): Promise<void> {
  await writeFileAtomic(path, serialiseSnapshot(snapshot, opts));
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads and validates a snapshot file. Throws SnapshotFileError or SnapshotVersionError. */
export function readSnapshot(path: string): Snapshot {
  let bytes: Buffer;
  try {
    bytes = readInputFile(path, INPUT_LIMITS.data);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    if (err.reason === 'missing') {
      throw new SnapshotFileError(`${path}: no such file — give the file written by \`audit --snapshot\``, path, 'missing');
    }
    if (err.reason === 'folder') throw new SnapshotFileError(`${path}: is a folder, not a snapshot file`, path, 'unreadable');
    throw new SnapshotFileError(err.message, path, 'unreadable');
  }
  return parseSnapshot(bytes, path);
}

/**
 * Parses snapshot bytes. gzip is what `audit --snapshot` writes; plain JSON is accepted too, so a
 * snapshot someone decompressed to look inside still loads. Inflated size and nesting are bounded.
 */
export function parseSnapshot(bytes: Buffer, label = 'snapshot'): Snapshot {
  const text = decode(bytes, label);
  let data: unknown;
  try {
    data = parseInputJson(label, text);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    const problem = err.reason === 'too-deep' ? `not a snapshot: it ${err.detail}` : `damaged snapshot: ${err.detail}`;
    throw new SnapshotFileError(`${label}: ${problem}`, label, 'not-json');
  }
  assertIsSnapshot(data, label);
  assertReadableVersion(data, label);
  const problems = schemaProblems(data);
  if (problems) throw new SnapshotFileError(`${label}: not a valid snapshot: ${problems}`, label, 'invalid');
  return data as unknown as Snapshot;
}

function decode(bytes: Buffer, label: string): string {
  if (isGzip(bytes)) {
    try {
      return inputText(inflateInput(label, bytes, INPUT_LIMITS.data));
    } catch (err) {
      if (!(err instanceof InputFileError)) throw err;
      if (err.reason === 'too-large') throw new SnapshotFileError(`${label}: not a snapshot: it ${err.detail}`, label, 'damaged');
      throw new SnapshotFileError(`${label}: damaged snapshot: ${err.detail} — was the file cut short in transfer?`, label, 'damaged');
    }
  }
  const text = inputText(bytes);
  if (/^\s*[{[]/.test(text)) return text;
  throw new SnapshotFileError(
    `${label}: not a snapshot: expected the gzip-compressed JSON file written by \`audit --snapshot\``,
    label,
    'not-gzip',
  );
}

function assertIsSnapshot(data: unknown, label: string): asserts data is Record<string, unknown> {
  const obj = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (obj?.format === SNAPSHOT_FORMAT) return;
  if (obj && 'schemaVersion' in obj && 'checks' in obj && 'verdict' in obj) {
    throw new SnapshotFileError(
      `${label}: this is a JSON report, not a snapshot — use it with \`render\`, \`diff\` or \`--baseline\`; \`--from-snapshot\` needs the file written by \`audit --snapshot\``,
      label,
      'not-a-snapshot',
    );
  }
  throw new SnapshotFileError(
    `${label}: not an intacct-preflight snapshot (no "format": "${SNAPSHOT_FORMAT}")`,
    label,
    'not-a-snapshot',
  );
}

function assertReadableVersion(data: Record<string, unknown>, label: string): void {
  const version = data.snapshotVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SnapshotFileError(`${label}: not a valid snapshot: "snapshotVersion" must be a positive integer`, label, 'invalid');
  }
  if (version === SNAPSHOT_VERSION) return;
  const tool = data.tool as { version?: unknown } | undefined;
  const writtenBy = typeof tool?.version === 'string' ? tool.version : undefined;
  const known = SNAPSHOT_FORMATS.find((f) => f.snapshotVersion === version);
  const readers = known
    ? `read it with ${known.readBy}`
    : version > SNAPSHOT_VERSION
      ? `upgrade: read it with ${writtenBy ? `intacct-preflight ${writtenBy}` : 'the release that wrote it'} or later`
      : `read it with ${writtenBy ? `intacct-preflight ${writtenBy}` : 'the older release that wrote it'}`;
  const writer = writtenBy ? ` (written by intacct-preflight ${writtenBy})` : '';
  throw new SnapshotVersionError(
    `${label}: snapshot version ${version}${writer} cannot be read by this intacct-preflight, which reads snapshot version ${SNAPSHOT_VERSION} — ${readers}`,
    label,
    version,
  );
}

// ---------------------------------------------------------------------------------------------
// Schema

let validator: ValidateFunction | undefined;

export function snapshotSchema(): Record<string, unknown> {
  return JSON.parse(readAsset('schemas/snapshot.schema.json')) as Record<string, unknown>;
}

/** `undefined` when valid; otherwise the first problems as `path: message`, on one line. */
function schemaProblems(data: unknown): string | undefined {
  validator ??= compileSchema(snapshotSchema(), ['date', 'date-time']);
  if (validator(data)) return undefined;
  // `if` only says which branch failed; the branch's own error says what is missing.
  const errors = [...new Set((validator.errors ?? []).filter((e) => e.keyword !== 'if').map(describeError))];
  const shown = errors.slice(0, 3).join('; ');
  return errors.length > 3 ? `${shown} (and ${errors.length - 3} more)` : shown;
}

function describeError(error: ErrorObject): string {
  if (error.keyword === 'propertyNames') {
    return `${error.instancePath || '/'}: property name "${String((error.params as { propertyName?: unknown }).propertyName)}" is not allowed in a snapshot`;
  }
  return describeSchemaError(error);
}

// ---------------------------------------------------------------------------------------------

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
