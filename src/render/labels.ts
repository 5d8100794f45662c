/**
 * Words, symbols and ordering shared by every renderer, so the HTML, Markdown, JUnit and terminal
 * outputs call the same thing by the same name.
 */
import type { CheckStatus, Severity } from '../model/check.js';
import type { AuditResult, CheckResult, Verdict } from '../model/result.js';
import { byCharacters } from '../util/text.js';

export const STATUS_LABEL: Record<CheckStatus, string> = {
  fail: 'Fail',
  error: 'Error',
  manual: 'Manual',
  pass: 'Pass',
  'not-applicable': 'N/A',
};

export const SEVERITY_LABEL: Record<Severity, string> = { blocker: 'Blocker', warning: 'Warning', info: 'Info' };
export const SEVERITY_PLURAL: Record<Severity, string> = { blocker: 'Blockers', warning: 'Warnings', info: 'Info' };
export const SEVERITY_ORDER: readonly Severity[] = ['blocker', 'warning', 'info'];

export const VERDICT_LABEL: Record<Verdict, string> = {
  ready: 'Ready for go-live',
  'not-ready': 'Not ready for go-live',
  incomplete: 'Readiness incomplete',
};

/** True when the check needs someone's attention: a finding that is not waived, or a result only a person can settle. */
export function needsAttention(check: CheckResult): boolean {
  if (check.waived) return false;
  return check.status === 'fail' || check.status === 'error' || check.status === 'manual';
}

/** Sort rank within a severity: open failures, errors, manual, waived failures, passes, not applicable. */
function problemRank(check: CheckResult): number {
  if (check.status === 'fail') return check.waived ? 3 : 0;
  return { error: 1, manual: 2, pass: 4, 'not-applicable': 5 }[check.status];
}

export function sortChecks(checks: readonly CheckResult[]): CheckResult[] {
  return [...checks].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      problemRank(a) - problemRank(b) ||
      byCharacters(a.id, b.id),
  );
}

/** The state a reader sees: a waived failure reads "waived", an attested manual check "attested". */
export function displayState(check: CheckResult): string {
  if (check.waived) return 'waived';
  if (check.attestation && check.status === 'pass') return 'attested';
  return check.status;
}

/** "3 failed · 1 error · …" in a fixed order, zero counts left out (pass is always shown). */
export function countParts(counts: AuditResult['counts']): { key: string; count: number; label: string }[] {
  const parts = [
    { key: 'fail', count: counts.fail, label: 'failed' },
    { key: 'error', count: counts.error, label: counts.error === 1 ? 'error' : 'errors' },
    { key: 'manual', count: counts.manual, label: 'manual' },
    { key: 'pass', count: counts.pass, label: 'passed' },
    { key: 'not-applicable', count: counts['not-applicable'], label: 'not applicable' },
    { key: 'waived', count: counts.waived, label: 'waived' },
    { key: 'not-run', count: counts.notRun, label: 'not run' },
  ];
  return parts.filter((p) => p.count > 0 || p.key === 'pass');
}

export function countLine(counts: AuditResult['counts']): string {
  return countParts(counts)
    .map((p) => `${p.count} ${p.label}`)
    .join(' · ');
}

/** A sample value as text: null reads as an em dash, numbers keep their own notation. */
export function cellText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

/** Deterministic UTC time stamp (reports must not depend on the machine's time zone). */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/**
 * What the company was audited as, in words: "top-level syncing, AR/AP direct, AUD, dimensions
 * LOCATION, sync from 2023-07-01". Undefined for a report written before the profile existed.
 */
export function integrationLine(result: Pick<AuditResult, 'integration' | 'run' | 'company'>): string | undefined {
  const p = result.integration;
  if (!p) return undefined;
  const syncing = p.topLevelSyncing
    ? `top-level syncing${p.entity ? ` (connected to entity ${p.entity})` : ''}`
    : `syncing in entity ${p.entity ?? '?'}`;
  const side = (used: boolean | undefined, module: string, direct: string) => (used === true ? module : used === false ? `${direct} direct` : undefined);
  const sales = side(p.orderEntry, 'Order Entry', 'AR');
  const purchases = side(p.purchasing, 'Purchasing', 'AP');
  const modules =
    sales === undefined && purchases === undefined
      ? 'Order Entry/Purchasing by subscription'
      : sales === 'AR direct' && purchases === 'AP direct'
        ? 'AR/AP direct'
        : sales === 'Order Entry' && purchases === 'Purchasing'
          ? 'through Order Entry/Purchasing'
          : `${sales ?? 'Order Entry by subscription'}, ${purchases ?? 'Purchasing by subscription'}`;
  return [
    syncing,
    modules,
    p.currency ?? (result.company.entities?.length ? "each entity's base currency" : 'the base currency'),
    `dimensions ${p.dimensions.join(', ')}`,
    `sync from ${result.run.syncFrom}`,
    ...(p.connectedOn ? [`connected ${p.connectedOn}`] : []),
  ].join(', ');
}

/** The company as one line: name (id), entity. */
export function companyLine(result: AuditResult): string {
  const c = result.company;
  const who = c.name ? `${c.name} (${c.id})` : c.id;
  return c.entityId ? `${who}, entity ${c.entityId}` : `${who}, top level`;
}
