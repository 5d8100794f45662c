/**
 * The HTML report's view model: everything the templates show, worked out here (grouping, order,
 * labels, counts) so the Handlebars templates only lay it out. Built from the result alone, so the
 * same result always renders the same page.
 */
import type { CheckStatus, Severity } from '../model/check.js';
import type { Affected, AuditResult, CheckResult, SinceLastAuditItem, Worklist } from '../model/result.js';
import {
  SEVERITY_LABEL,
  SEVERITY_ORDER,
  SEVERITY_PLURAL,
  STATUS_LABEL,
  VERDICT_LABEL,
  cellText,
  countParts,
  displayState,
  formatDuration,
  formatTimestamp,
  integrationLine,
  needsAttention,
  sortChecks,
} from './labels.js';
import { formatCount, plural } from '../util/text.js';

/** Filter keys: a waived failure is filtered as "waived", an attested check as "pass". */
type FilterStatus = CheckStatus | 'waived';
const FILTER_STATUSES: readonly FilterStatus[] = ['fail', 'error', 'manual', 'waived', 'pass', 'not-applicable'];
const FILTER_LABEL: Record<FilterStatus, string> = { ...STATUS_LABEL, waived: 'Waived', 'not-applicable': 'Not applicable' };

const SOURCE_LABEL: Record<AuditResult['run']['source'], string> = {
  live: 'Live company',
  demo: 'Demo sandbox company',
  snapshot: 'Re-evaluated from a snapshot',
};

export interface CheckView {
  id: string;
  anchor: string;
  title: string;
  category: string;
  severity: Severity;
  severityLabel: string;
  severityOverride?: string;
  filterStatus: FilterStatus;
  state: string;
  stateLabel: string;
  summary: string;
  open: boolean;
  waiver?: { active: boolean; reason: string; expires: string; owner?: string; records?: string };
  attestation?: { by: string; date: string; note?: string; was: string };
  why: string;
  remediation: string[];
  docs: { title: string; url: string }[];
  evidence: { source: string; where: string; item: string; observed: string; absent: boolean; unverified: boolean; note?: string }[];
  affected?: {
    countLabel: string;
    shownLabel?: string;
    /** The check's worklist, linked relatively: "25 of 340 — all in <a>worklists/….csv</a>". */
    worklist?: { lead: string; href: string; tail: string };
    columns: { name: string; numeric: boolean }[];
    rows: { cells: { text: string; empty: boolean; numeric: boolean }[] }[];
    tall: boolean;
  };
  meta: string;
}

export function buildHtmlView(result: AuditResult) {
  const checks = sortChecks(result.checks).map(checkView);
  const byId = new Map(checks.map((c) => [c.id, c]));

  const blockers = [
    ...sortChecks(result.checks)
      .filter((c) => c.severity === 'blocker' && needsAttention(c))
      .map((c) => byId.get(c.id)!),
    ...result.notRun
      .filter((n) => n.severity === 'blocker')
      .map((n) => ({ id: n.id, anchor: 'not-run', title: n.title, state: 'not-run', stateLabel: 'Not run', summary: n.reason })),
  ];

  const groups = SEVERITY_ORDER.map((severity) => {
    const inGroup = checks.filter((c) => c.severity === severity);
    const open = inGroup.filter((c) => c.state === 'fail' || c.state === 'error' || c.state === 'manual').length;
    return {
      severity,
      label: SEVERITY_PLURAL[severity],
      checks: inGroup,
      tally: open > 0 ? `${open} of ${inGroup.length} need attention` : plural(inGroup.length, 'check'),
    };
  }).filter((g) => g.checks.length > 0);

  const filterCounts = new Map<FilterStatus, number>();
  for (const c of checks) filterCounts.set(c.filterStatus, (filterCounts.get(c.filterStatus) ?? 0) + 1);

  const company = result.company;
  return {
    pageTitle: `${VERDICT_LABEL[result.verdict]}: ${company.name ?? company.id} · intacct-preflight`,
    verdict: {
      key: result.verdict,
      label: VERDICT_LABEL[result.verdict],
      reason: result.verdictReason,
      icon: { ready: '✓', 'not-ready': '✕', incomplete: '!' }[result.verdict],
    },
    company: {
      name: company.name ?? company.id,
      id: company.id,
      showId: company.name !== undefined && company.name !== company.id,
      entity: company.entityId ?? 'Top level',
      baseCurrency: company.baseCurrency,
      applications: company.applications?.join(', '),
    },
    audited: formatTimestamp(result.run.startedAt),
    auditedAs: integrationLine(result),
    source: SOURCE_LABEL[result.run.source],
    counts: countParts(result.counts),
    redacted: result.redacted,
    warnings: result.warnings ?? [],
    sinceLastAudit: sinceLastAuditView(result),
    blockers,
    otherAttention: (() => {
      const n = result.checks.filter((c) => c.severity !== 'blocker' && needsAttention(c)).length;
      return n > 0 ? `${plural(n, 'warning or info check')} below still ${n === 1 ? 'needs' : 'need'} attention.` : undefined;
    })(),
    filters: {
      statuses: FILTER_STATUSES.filter((s) => filterCounts.has(s)).map((s) => ({ key: s, label: FILTER_LABEL[s], count: filterCounts.get(s) })),
      severities: groups.map((g) => ({ key: g.severity, label: SEVERITY_LABEL[g.severity], count: g.checks.length })),
      total: checks.length,
    },
    groups,
    notRun: result.notRun.map((n) => ({ ...n, severityLabel: SEVERITY_LABEL[n.severity] })),
    run: {
      rows: [
        ['Source', SOURCE_LABEL[result.run.source]],
        ['Endpoint', result.run.endpointHost ?? '—'],
        ['Started', formatTimestamp(result.run.startedAt)],
        ['Duration', formatDuration(result.run.durationMs)],
        ['Sync from', result.run.syncFrom],
        ['Requests', `${plural(result.run.stats.httpRequests, 'HTTP request')}, ${plural(result.run.stats.functions, 'function')}, ${plural(result.run.stats.retries, 'retry', 'retries')}`],
        ['Base currency', company.baseCurrency ?? '—'],
        ['Applications', company.applications?.join(', ') ?? '—'],
        ['Tool', `${result.tool.name} ${result.tool.version}, report schema ${result.schemaVersion}`],
      ].map(([label, value]) => ({ label, value })),
      catalog: result.catalog.map((c) => ({ ...c, candidates: c.candidates.join(', ') })),
    },
    tool: result.tool,
  };
}

function checkView(check: CheckResult): CheckView {
  const state = displayState(check);
  const filterStatus: FilterStatus = check.waived ? 'waived' : check.status;
  const stateLabel = state === 'waived' ? 'Waived' : state === 'attested' ? 'Attested' : STATUS_LABEL[check.status];
  return {
    id: check.id,
    anchor: `check-${check.id}`,
    title: check.title,
    category: check.category,
    severity: check.severity,
    severityLabel: SEVERITY_LABEL[check.severity],
    severityOverride: check.severity !== check.defaultSeverity ? `set from ${SEVERITY_LABEL[check.defaultSeverity].toLowerCase()} by the configuration` : undefined,
    filterStatus,
    state,
    stateLabel,
    summary: check.summary,
    // findings are laid open; passes and waived findings keep their details folded on screen
    open: needsAttention(check),
    waiver: check.waiver && {
      active: check.waiver.state === 'active' && check.waived,
      reason: check.waiver.reason,
      expires: check.waiver.expires,
      owner: check.waiver.owner,
      records: check.waiver.records?.join(', '),
    },
    attestation: check.attestation && {
      ...check.attestation,
      was: STATUS_LABEL[check.attestedStatus ?? 'manual'].toLowerCase(),
    },
    why: check.why,
    remediation: check.remediation,
    docs: check.docs,
    evidence: check.evidence.map((e) => ({
      source: e.source,
      where: [e.application, e.object].filter(Boolean).join(' · '),
      item: e.preference ?? e.field ?? '',
      observed: e.observed === null ? 'absent' : String(e.observed),
      absent: e.observed === null,
      unverified: e.verified === false,
      note: e.note,
    })),
    affected: check.affected && {
      countLabel: plural(check.affected.count, 'record'),
      shownLabel: check.affected.sample.length < check.affected.count ? `showing ${check.affected.sample.length} of ${check.affected.count}` : undefined,
      worklist: check.worklist && worklistView(check.affected, check.worklist),
      columns: check.affected.columns.map((name) => ({ name, numeric: numericColumn(check.affected!.sample, name) })),
      // long samples scroll inside their own box on screen (printing shows every row)
      tall: check.affected.sample.length > 10,
      rows: check.affected.sample.map((record) => ({
        cells: check.affected!.columns.map((column) => {
          const value = record[column];
          return { text: cellText(value), empty: value === null || value === undefined || value === '', numeric: typeof value === 'number' };
        }),
      })),
    },
    meta: [`check v${check.checkVersion}`, check.origin === 'builtin' ? 'built-in' : check.origin, formatDuration(check.durationMs)].join(' · '),
  };
}

/** The line linking a check's worklist, e.g. "25 of 340 — all in worklists/x.csv", or how much of it there is. */
function worklistView(affected: Affected, worklist: Worklist): { lead: string; href: string; tail: string } {
  const n = formatCount;
  const shown = affected.sample.length < affected.count ? `${n(affected.sample.length)} of ${n(affected.count)} — ` : '';
  if (worklist.complete) return { lead: `${shown}all in `, href: worklist.file, tail: '' };
  return { lead: `${shown}${n(worklist.rows)} of ${n(affected.count)} in `, href: worklist.file, tail: ` (incomplete${worklist.note ? `: ${worklist.note}` : ''})` };
}

/** How many record keys per list the "Since last audit" section shows before summarising the rest. */
const MAX_RECORD_KEYS = 12;

const SINCE_GROUPS: { key: string; title: string; pick: (i: SinceLastAuditItem) => boolean }[] = [
  { key: 'new', title: 'New problems', pick: (i) => i.change === 'new' },
  { key: 'worse', title: 'Got worse', pick: (i) => i.change === 'changed' && i.worse },
  { key: 'resolved', title: 'Resolved', pick: (i) => i.change === 'resolved' },
  { key: 'other', title: 'Other changes', pick: (i) => !(i.change === 'new' || i.change === 'resolved' || (i.change === 'changed' && i.worse)) },
];

/** The "Since last audit" section (only with a baseline): what moved, grouped most urgent first. */
function sinceLastAuditView(result: AuditResult) {
  const since = result.sinceLastAudit;
  if (!since) return undefined;
  const present = new Set(result.checks.map((c) => c.id));
  const keys = (list: string[]) =>
    list.length === 0 ? undefined : { shown: list.slice(0, MAX_RECORD_KEYS), more: list.length > MAX_RECORD_KEYS ? list.length - MAX_RECORD_KEYS : undefined };
  const item = (i: SinceLastAuditItem) => ({
    id: i.id,
    title: i.title,
    tag: i.tag,
    tagKey: i.tag.toLowerCase(),
    severity: i.severity,
    severityLabel: SEVERITY_LABEL[i.severity],
    // a check the current report no longer has (removed) has nothing to link to
    anchor: present.has(i.id) ? `check-${i.id}` : undefined,
    line: i.line,
    recordsAdded: keys(i.recordsAdded),
    recordsRemoved: keys(i.recordsRemoved),
    recordsNote: i.recordsNote,
  });
  const b = since.baseline;
  return {
    headline: since.headline,
    baseline: `Compared with the report of ${formatTimestamp(b.startedAt)} (${SOURCE_LABEL[b.source].toLowerCase()}, intacct-preflight ${b.toolVersion}), whose verdict was: ${VERDICT_LABEL[b.verdict].toLowerCase()}.`,
    groups: SINCE_GROUPS.map((g) => ({ key: g.key, title: g.title, items: since.items.filter(g.pick).map(item) })).filter((g) => g.items.length > 0),
    unchanged: since.counts.unchanged > 0 ? `${plural(since.counts.unchanged, 'check')} unchanged.` : undefined,
    notes: since.notes,
  };
}

/** A column whose values are all numbers is right-aligned, header included. */
function numericColumn(sample: readonly Record<string, string | number | null>[], column: string): boolean {
  const values = sample.map((r) => r[column]).filter((v) => v !== null && v !== undefined && v !== '');
  return values.length > 0 && values.every((v) => typeof v === 'number');
}
