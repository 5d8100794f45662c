/**
 * What the fleet index pages show, worked out once from the index (labels, order, counts) so the
 * HTML template and the Markdown only lay it out. Built from the index alone: the same index
 * always gives the same pages.
 */
import type { FleetIndex, FleetRow, Outcome } from '../fleet/index-model.js';
import { OUTCOMES } from '../fleet/index-model.js';
import type { Verdict } from '../model/result.js';
import { formatDuration, formatTimestamp } from './labels.js';
import { plural } from '../util/text.js';

export const OUTCOME_LABEL: Record<Outcome, string> = {
  'gate-failed': 'Gate failed',
  'could-not-audit': 'Could not audit',
  incomplete: 'Incomplete',
  passed: 'Passed',
};

export const SHORT_VERDICT: Record<Verdict, string> = { 'not-ready': 'Not ready', incomplete: 'Incomplete', ready: 'Ready' };
/** The report's badge colours: not ready as a failure, incomplete as manual, ready as a pass. */
const VERDICT_BADGE: Record<Verdict | 'none', string> = { 'not-ready': 'fail', incomplete: 'manual', ready: 'pass', none: 'error' };
const OUTCOME_BADGE: Record<Outcome, string> = { 'gate-failed': 'fail', 'could-not-audit': 'error', incomplete: 'manual', passed: 'pass' };

/** The verdict a row is filtered and shown by: a company that could not be audited has none. */
export function rowVerdict(row: FleetRow): Verdict | 'none' {
  return row.outcome === 'could-not-audit' || !row.verdict ? 'none' : row.verdict;
}

/** "Since last run" in the report's own words (its headline without the date), or why there is no comparison. */
export function sinceText(row: FleetRow): string {
  const s = row.sinceLastAudit;
  if (!s) return row.baselineNote ?? 'first run';
  return s.headline.replace(/^Since the audit of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: /, '').replace(/^./, (c) => c.toUpperCase());
}

export function resultsText(row: FleetRow): string {
  const c = row.counts;
  if (!c) return '—';
  return [
    c.fail ? `${c.fail} failed` : '',
    c.error ? `${c.error} ${c.error === 1 ? 'error' : 'errors'}` : '',
    c.manual ? `${c.manual} manual` : '',
    `${c.pass} passed`,
    c.waived ? `${c.waived} waived` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "12 companies: 3 fail their gate · 1 could not be audited · 2 incomplete · 6 pass". */
export function headlineText(index: FleetIndex): string {
  const o = index.summary.outcomes;
  const parts = [
    o['gate-failed'] ? `${o['gate-failed']} ${o['gate-failed'] === 1 ? 'fails its' : 'fail their'} gate` : '',
    o['could-not-audit'] ? `${o['could-not-audit']} could not be audited` : '',
    o.incomplete ? `${o.incomplete} incomplete` : '',
    o.passed ? `${o.passed} ${o.passed === 1 ? 'passes' : 'pass'}` : '',
  ].filter(Boolean);
  return `${plural(index.summary.companies, 'company', 'companies')}${parts.length ? `: ${parts.join(' · ')}` : ''}`;
}

export function runText(index: FleetIndex): string {
  const { run } = index;
  const part = run.shard ? `shard ${run.shard.index} of ${run.shard.total}` : run.merged ? `merged from ${plural(run.merged.shards.length, 'shard')} of ${run.merged.total}` : 'one run';
  return `${formatTimestamp(run.startedAt)} · ${formatDuration(run.durationMs)} · ${part}${run.jobs ? ` · ${run.jobs} at a time` : ''}`;
}

export function buildFleetView(index: FleetIndex) {
  const rows = index.companies.map((row) => {
    const verdict = rowVerdict(row);
    return {
      name: row.name,
      anchor: `row-${row.name}`,
      title: row.title ?? row.name,
      showName: row.title !== undefined,
      where: [row.companyId, row.entityId ? `entity ${row.entityId}` : ''].filter(Boolean).join(', '),
      outcome: row.outcome,
      outcomeLabel: OUTCOME_LABEL[row.outcome],
      outcomeBadge: OUTCOME_BADGE[row.outcome],
      verdict,
      verdictLabel: verdict === 'none' ? '—' : SHORT_VERDICT[verdict],
      verdictBadge: VERDICT_BADGE[verdict],
      reason: row.reason,
      gate: row.gate,
      blockers: row.failingBlockers,
      results: resultsText(row),
      since: sinceText(row),
      changed: row.sinceLastAudit ? row.sinceLastAudit.counts.worse > 0 : false,
      duration: formatDuration(row.durationMs),
      html: row.reports.html,
      json: row.reports.json,
      md: row.reports.md,
    };
  });
  const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
  const verdicts: (Verdict | 'none')[] = ['not-ready', 'incomplete', 'ready', 'none'];
  return {
    tool: index.tool,
    pageTitle: `Fleet readiness: ${headlineText(index)}`,
    headline: headlineText(index),
    run: runText(index),
    worst: OUTCOME_LABEL[OUTCOMES.find((o) => index.summary.outcomes[o] > 0) ?? 'passed'],
    worstKey: OUTCOMES.find((o) => index.summary.outcomes[o] > 0) ?? 'passed',
    outcomes: OUTCOMES.map((o) => ({ key: o, label: OUTCOME_LABEL[o], badge: OUTCOME_BADGE[o], count: index.summary.outcomes[o] })),
    filters: {
      outcomes: OUTCOMES.map((o) => ({ key: o, label: OUTCOME_LABEL[o], count: count((r) => r.outcome === o) })),
      verdicts: verdicts.map((v) => ({ key: v, label: v === 'none' ? 'No verdict' : SHORT_VERDICT[v], count: count((r) => r.verdict === v) })).filter((v) => v.key !== 'none' || v.count > 0),
      total: rows.length,
    },
    rows,
    empty: rows.length === 0,
  };
}
