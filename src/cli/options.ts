/**
 * Values the command line accepts, and their checks. Shared by the option parser and the config
 * loader so `--format md` and `"format": "md"` mean exactly the same thing.
 */
import type { FailOn } from '../assemble/gate.js';
import { DEFAULT_SYNC_FROM } from '../plan/audit-plan.js';
import { localToday } from '../plan/policy.js';

export { FAIL_ON_VALUES, type FailOn } from '../assemble/gate.js';

export type ReportFormat = 'html' | 'json' | 'md' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json', 'md', 'junit'];
export const DEFAULT_FORMATS: readonly ReportFormat[] = ['html', 'json'];

/** File written for each format inside --out DIR. */
export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  html: 'report.html',
  json: 'report.json',
  md: 'report.md',
  junit: 'report.junit.xml',
};

const FORMAT_ALIASES: Record<string, ReportFormat> = { markdown: 'md', xml: 'junit', 'junit-xml': 'junit' };

export const DEFAULT_OUT = 'preflight-report';
export const DEFAULT_FLEET_OUT = 'preflight-fleet';
/** Companies a fleet audits at a time. */
export const DEFAULT_JOBS = 4;
export const DEFAULT_FAIL_ON: FailOn = 'blocker';
export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_MAX_FUNCTIONS = 50;
export const DEFAULT_TIMEOUT_SECONDS = 60;
/** Re-Leased never syncs transactions dated before this. */
/** Re-Leased syncs nothing older: the planner's default sync window start. */
export const EARLIEST_SYNC_FROM = DEFAULT_SYNC_FROM;

/**
 * `--format html,json --format md` → ['html', 'json', 'md'] (order kept, duplicates dropped).
 * Returns the unknown name instead when there is one.
 */
export function parseFormats(values: readonly string[]): { formats: ReportFormat[] } | { unknown: string } {
  const formats: ReportFormat[] = [];
  for (const raw of values.flatMap((v) => String(v).split(','))) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    const format = (REPORT_FORMATS as readonly string[]).includes(name) ? (name as ReportFormat) : FORMAT_ALIASES[name];
    if (!format) return { unknown: raw.trim() };
    if (!formats.includes(format)) formats.push(format);
  }
  return { formats };
}

/**
 * A problem with a sync-from date ("must be …"), or undefined when it is fine. `today` is the local
 * date, as for waiver expiry: an Auckland morning is still yesterday in UTC.
 */
export function checkSyncFrom(value: string, today = localToday()): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `must be a date written YYYY-MM-DD (got "${value}")`;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return `"${value}" is not a real date`;
  if (value < EARLIEST_SYNC_FROM) return `must not be before ${EARLIEST_SYNC_FROM} (Re-Leased never syncs earlier transactions; got ${value})`;
  if (value > today) return `must not be in the future (got ${value})`;
  return undefined;
}
