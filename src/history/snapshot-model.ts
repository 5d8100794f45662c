/**
 * The snapshot: everything the checks of one audit were evaluated on, so the same verdict can be
 * reached again offline (`audit --from-snapshot`) by support, months later, with no credentials.
 * Published as `schemas/snapshot.schema.json`; a change here is a change to a public contract.
 *
 * Credentials are structurally absent: no type below has a field for a password or a session id,
 * and `buildSnapshot` copies known fields only, so nothing the caller passes by accident is kept.
 */
import type { FactError, FactRequest, FactResult, IntegrationProfile, SessionContext, SettingsCatalog } from '../model/check.js';
import type { FactStore } from '../gather/store.js';
import type { FunctionData } from '../intacct/functions.js';
import type { RunStats } from '../model/result.js';

/**
 * Format version (the "major"): readers accept exactly this version. Within one version, changes
 * are additive (new optional fields), and readers ignore fields they do not know. A change a
 * reader of this version would misread bumps it, and gets a row in SNAPSHOT_FORMATS.
 */
export const SNAPSHOT_VERSION = 1;

/** Marks the file as ours, so a report or some other JSON is told apart from a snapshot. */
export const SNAPSHOT_FORMAT = 'intacct-preflight-snapshot';

/** Where the schema is published; written into `$schema`. */
export const SNAPSHOT_SCHEMA_URL = 'https://unpkg.com/intacct-preflight/schemas/snapshot.schema.json';

/**
 * Which tool versions read which snapshot versions: quoted by the error a reader gives for a
 * snapshot it cannot read. Append a row when SNAPSHOT_VERSION is bumped.
 */
export const SNAPSHOT_FORMATS: readonly { snapshotVersion: number; readBy: string }[] = [
  { snapshotVersion: 1, readBy: 'intacct-preflight 0.1.0 and later 0.x releases' },
];

/**
 * One gathered fact as stored: what was asked, and what came back — the interpreted value or why
 * not, plus the function's raw data whenever the gateway answered, so newer fact code can
 * re-interpret it offline.
 */
export type SnapshotFact = SnapshotFactBase & ({ ok: true; value: unknown } | { ok: false; error: FactError });

interface SnapshotFactBase {
  request: FactRequest;
  /** Entity session the fact was read in; absent = the audit's own session. */
  entityId?: string;
  /** Read at the top level, in a session of its own when the audit signed in at an entity. */
  topLevel?: true;
  /** The function's `<data>` as parsed, when the gateway answered. */
  data?: FunctionData;
}

export interface SnapshotCheck {
  id: string;
  /** CheckMeta.version of the check that was run. */
  version: number;
  /** `builtin` or the user check folder it came from. */
  origin?: string;
}

export interface Snapshot {
  $schema?: string;
  format: typeof SNAPSHOT_FORMAT;
  snapshotVersion: typeof SNAPSHOT_VERSION;
  tool: { name: 'intacct-preflight'; version: string };
  /** ISO date-time the facts were gathered. */
  createdAt: string;
  /** Where the facts came from: a real gateway, or the built-in demo sandbox. */
  source: 'live' | 'demo';
  company: { id: string; entityId?: string; name?: string; endpointHost?: string };
  /** YYYY-MM-DD: the sync window the data checks were scoped to. */
  syncFrom: string;
  /**
   * What the engine knew before planning (reachable entities, the signed-in user) — checks derive
   * their fact keys from it, so offline evaluation must see the same context.
   */
  context: { entities?: string[]; session?: SessionContext };
  /** The checks that were run, with their versions (a re-evaluation by newer checks says so). */
  checks: SnapshotCheck[];
  /** The settings catalog in force (defaults merged with config overrides). */
  catalog: SettingsCatalog;
  /**
   * Options in force by check id (defaults merged with the config's `checkOptions`), for the
   * checks run that take options: they shape the reads, so offline evaluation uses them too.
   * Absent in snapshots made before checks took options (= every check at its defaults).
   */
  checkOptions?: Record<string, Record<string, unknown>>;
  /**
   * How Re-Leased is set up (defaults resolved): it decides where per-entity settings were read
   * and what the checks judge against, so offline evaluation uses it too. Absent in snapshots
   * made before the profile existed (= the defaults for the audited entity).
   */
  integration?: IntegrationProfile;
  /** True when customer and vendor names and ids inside the facts were replaced by pseudonyms. */
  redacted: boolean;
  /** Gathered facts by canonical fact key. */
  facts: Record<string, SnapshotFact>;
  /** What gathering cost (requests, functions, bytes), for the offline report's run section. */
  stats?: RunStats;
}

/** What the caller knows at the end of a live run; `buildSnapshot` turns it into a Snapshot. */
export interface SnapshotInput {
  toolVersion: string;
  createdAt?: string | Date;
  source: 'live' | 'demo';
  company: { id: string; entityId?: string; name?: string; endpointHost?: string };
  syncFrom: string;
  context?: { entities?: string[]; session?: SessionContext };
  checks: { id: string; version: number; origin?: string }[];
  catalog: SettingsCatalog;
  checkOptions?: Record<string, Record<string, unknown>>;
  integration?: IntegrationProfile;
  /** The engine's FactStore (keeps raw data too), or bare fact results by key. */
  facts: FactStore | ReadonlyMap<string, FactResult> | Readonly<Record<string, FactResult>>;
  stats?: RunStats;
}
