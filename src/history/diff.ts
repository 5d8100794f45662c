/**
 * Presenting a comparison: `intacct-preflight diff OLD.json NEW.json --format md|json`, and the
 * "Since last audit" block the HTML and Markdown reports show first when a baseline was given.
 * The words come from the report's labels so every output names a status the same way.
 */
import type { CheckStatus, Severity } from '../engine/types.js';
import type { Verdict } from '../report/model.js';
import { SEVERITY_LABEL, STATUS_LABEL, VERDICT_LABEL, formatTimestamp, plural } from '../report/labels.js';
import { md } from '../report/markdown.js';
import type { ChangeCounts, ChangeKind, CheckChange, Comparison, RecordRef } from './comparison-model.js';

/** What a report shows first when a baseline was given: small, plain data for any renderer. */
export interface SinceLastAudit {
  baseline: { startedAt: string; toolVersion: string; verdict: Verdict; source: 'live' | 'demo' | 'snapshot' };
  verdict: { before: Verdict; after: Verdict; changed: boolean };
  /** One line, e.g. "Since the audit of 2025-03-01 09:00 UTC: 1 new problem, 1 got worse, 2 resolved." */
  headline: string;
  counts: ChangeCounts;
  /** Every check that is not unchanged, the most urgent first. */
  items: SinceLastAuditItem[];
  /** How to read the comparison (sync window changed, redaction …). */
  notes: string[];
}

export interface SinceLastAuditItem {
  id: string;
  title: string;
  severity: Severity;
  change: ChangeKind;
  /** Label for the change: New, Worse, Better, Resolved, Changed, Added, Removed. */
  tag: string;
  worse: boolean;
  better: boolean;
  statusBefore?: CheckStatus;
  statusAfter?: CheckStatus;
  countBefore?: number;
  countAfter?: number;
  /** One plain-text line saying what moved, e.g. "Fail, was Pass · 3 records". */
  line: string;
  /** Stable keys (OBJECT:ID) of sampled records that appeared / disappeared. */
  recordsAdded: string[];
  recordsRemoved: string[];
  /** Set when the record lists cover samples only, or records could not be compared. */
  recordsNote?: string;
}

export function sinceLastAudit(comparison: Comparison): SinceLastAudit {
  const items = comparison.checks.filter((c) => c.change !== 'unchanged').map(toItem);
  return {
    baseline: {
      startedAt: comparison.previous.startedAt,
      toolVersion: comparison.previous.toolVersion,
      verdict: comparison.previous.verdict,
      source: comparison.previous.source,
    },
    verdict: comparison.verdict,
    headline: headline(comparison),
    counts: comparison.counts,
    items,
    notes: comparison.notes,
  };
}

function toItem(c: CheckChange): SinceLastAuditItem {
  return {
    id: c.id,
    title: c.title,
    severity: c.severity,
    change: c.change,
    tag: tagOf(c),
    worse: c.worse,
    better: c.better,
    ...(c.statusBefore ? { statusBefore: c.statusBefore } : {}),
    ...(c.statusAfter ? { statusAfter: c.statusAfter } : {}),
    ...(c.countBefore !== undefined ? { countBefore: c.countBefore } : {}),
    ...(c.countAfter !== undefined ? { countAfter: c.countAfter } : {}),
    line: changeLine(c),
    recordsAdded: c.records?.added.map((r) => r.key) ?? [],
    recordsRemoved: c.records?.removed.map((r) => r.key) ?? [],
    ...(recordsNote(c) ? { recordsNote: recordsNote(c) } : {}),
  };
}

function tagOf(c: CheckChange): string {
  if (c.change === 'new') return 'New';
  if (c.change === 'changed') return c.worse ? 'Worse' : c.better ? 'Better' : 'Changed';
  return { resolved: 'Resolved', unchanged: 'Unchanged', added: 'Added', removed: 'Removed' }[c.change];
}

/** "Since the audit of …: 1 new problem, 1 got worse, 2 resolved." */
export function headline(comparison: Comparison): string {
  const n = comparison.counts;
  const worseChanged = comparison.checks.filter((c) => c.change === 'changed' && c.worse).length;
  const otherChanged = n.changed - worseChanged;
  const parts: string[] = [];
  if (n.new) parts.push(plural(n.new, 'new problem'));
  if (worseChanged) parts.push(`${worseChanged} got worse`);
  if (n.resolved) parts.push(`${n.resolved} resolved`);
  if (otherChanged) parts.push(`${otherChanged} otherwise changed`);
  if (n.added) parts.push(`${plural(n.added, 'check')} added`);
  if (n.removed) parts.push(`${plural(n.removed, 'check')} removed`);
  const since = `Since the audit of ${formatTimestamp(comparison.previous.startedAt)}`;
  const verdict = comparison.verdict.changed
    ? ` Verdict: ${VERDICT_LABEL[comparison.verdict.before]} → ${VERDICT_LABEL[comparison.verdict.after]}.`
    : '';
  return parts.length === 0 ? `${since}: nothing changed.${verdict}` : `${since}: ${parts.join(', ')}.${verdict}`;
}

/** What moved, in one plain-text line. */
export function changeLine(c: CheckChange): string {
  const status = (s: CheckStatus | undefined) => (s ? STATUS_LABEL[s] : 'not checked');
  const parts: string[] = [];
  switch (c.change) {
    case 'new':
      parts.push(c.statusBefore ? `${status(c.statusAfter)}, was ${status(c.statusBefore)}` : `${status(c.statusAfter)} (not checked before)`);
      break;
    case 'resolved':
      parts.push(`${status(c.statusAfter)}, was ${status(c.statusBefore)}`);
      break;
    case 'added':
      parts.push(`${status(c.statusAfter)} (check not in the previous audit)`);
      break;
    case 'removed':
      parts.push(`was ${status(c.statusBefore)}; ${c.notes[0] ?? 'not in this audit'}`);
      break;
    default:
      parts.push(c.statusBefore !== c.statusAfter ? `${status(c.statusAfter)}, was ${status(c.statusBefore)}` : status(c.statusAfter));
  }
  if (c.countBefore !== undefined && c.countAfter !== undefined && c.countBefore !== c.countAfter) {
    parts.push(`${c.countBefore} → ${c.countAfter} records`);
  } else if (c.countAfter !== undefined && c.change !== 'removed') {
    parts.push(plural(c.countAfter, 'record'));
  }
  if (c.records?.comparable) {
    const moved: string[] = [];
    const maybe = (certain: boolean) => (certain ? '' : ' (among sampled)');
    if (c.records.added.length) moved.push(`${c.records.added.length} appeared${maybe(c.records.addedCertain)}`);
    if (c.records.removed.length) moved.push(`${c.records.removed.length} disappeared${maybe(c.records.removedCertain)}`);
    if (moved.length) parts.push(moved.join(', '));
  }
  for (const note of c.notes) if (c.change !== 'removed' && note !== 'not in the previous audit') parts.push(note);
  return parts.join(' · ');
}

function recordsNote(c: CheckChange): string | undefined {
  if (!c.records) return undefined;
  if (!c.records.comparable) return `Records not compared: ${c.records.reason}.`;
  return c.records.note ? `Records ${c.records.note}.` : undefined;
}

// ---------------------------------------------------------------------------------------------
// diff --format json

/** The comparison as JSON (stable key order as built; two-space indent; trailing newline). */
export function renderComparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// diff --format md

/** How many records per check the Markdown lists before summarising the rest. */
const MAX_RECORDS = 10;

const SECTIONS: { title: string; pick: (c: CheckChange) => boolean }[] = [
  { title: 'New problems', pick: (c) => c.change === 'new' },
  { title: 'Got worse', pick: (c) => c.change === 'changed' && c.worse },
  { title: 'Resolved', pick: (c) => c.change === 'resolved' },
  { title: 'Changed', pick: (c) => c.change === 'changed' && !c.worse },
  { title: 'Checks added or removed', pick: (c) => c.change === 'added' || c.change === 'removed' },
];

export function renderComparisonMarkdown(comparison: Comparison): string {
  const p = comparison.previous;
  const c = comparison.current;
  const lines: string[] = [];
  const where = `${md(c.companyId)}${c.entityId ? `, entity ${md(c.entityId)}` : ', top level'}`;
  lines.push(`## Changes since the audit of ${formatTimestamp(p.startedAt)}: ${where}`, '');
  lines.push(md(headline(comparison)), '');
  lines.push(
    `Baseline: ${formatTimestamp(p.startedAt)} (${p.source}, intacct-preflight ${md(p.toolVersion)}, ${VERDICT_LABEL[p.verdict]}) → ` +
      `current: ${formatTimestamp(c.startedAt)} (${c.source}, intacct-preflight ${md(c.toolVersion)}, ${VERDICT_LABEL[c.verdict]})`,
  );
  for (const note of comparison.notes) lines.push('', `> ${md(note)}`);

  for (const section of SECTIONS) {
    const picked = comparison.checks.filter(section.pick);
    if (picked.length === 0) continue;
    lines.push('', `### ${section.title} (${picked.length})`, '', '| Severity | Check | What moved | Now |', '|---|---|---|---|');
    for (const change of picked) {
      const now = change.after ? md(change.after.summary) : '—';
      lines.push(`| ${SEVERITY_LABEL[change.severity]} | ${code(change.id)} ${md(change.title)} | ${md(changeLine(change))} | ${now} |`);
    }
  }

  const withRecords = comparison.checks.filter((ch) => ch.records && (ch.records.added.length || ch.records.removed.length || !ch.records.comparable));
  const listable = withRecords.filter((ch) => ch.change !== 'unchanged' || !ch.records!.comparable);
  if (listable.length > 0) {
    lines.push('', '### Records');
    for (const change of listable) {
      const r = change.records!;
      lines.push('', `**${code(change.id)}**`, '');
      if (!r.comparable) {
        lines.push(`_Not compared: ${md(r.reason ?? 'no stable record key')}._`);
        continue;
      }
      if (r.added.length) lines.push(`- Appeared${r.addedCertain ? '' : ' in the sample'} (${r.added.length}): ${recordList(r.added)}`);
      if (r.removed.length) lines.push(`- Disappeared${r.removedCertain ? '' : ' from the sample'} (${r.removed.length}): ${recordList(r.removed)}`);
      if (r.note) lines.push(`- _${md(r.note.charAt(0).toUpperCase() + r.note.slice(1))}._`);
    }
  }

  const unchanged = comparison.checks.filter((ch) => ch.change === 'unchanged');
  if (unchanged.length > 0) {
    const open = unchanged.filter((ch) => ch.after && ch.after.status !== 'pass' && ch.after.status !== 'not-applicable');
    lines.push('', `<details><summary>Unchanged (${unchanged.length}${open.length ? `, of which ${open.length} still need attention` : ''})</summary>`, '');
    for (const ch of unchanged) lines.push(`- ${code(ch.id)}: ${md(changeLine(ch))}`);
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

function recordList(refs: RecordRef[]): string {
  const shown = refs.slice(0, MAX_RECORDS).map((r) => {
    const label = recordLabel(r);
    return label ? `${code(r.key)} ${md(label)}` : code(r.key);
  });
  return refs.length > MAX_RECORDS ? `${shown.join(', ')} and ${refs.length - MAX_RECORDS} more` : shown.join(', ');
}

/** A human name for a record when the sample has one (NAME, CUSTOMERNAME, VENDORNAME, RECORDID …). */
function recordLabel(r: RecordRef): string | undefined {
  for (const field of ['NAME', 'CUSTOMERNAME', 'VENDORNAME', 'RECORDID', 'DOCNUMBER', 'OBJECTDESC']) {
    const v = r.record[field];
    if (v !== undefined && v !== null && v !== '' && !r.key.endsWith(`:${String(v)}`)) return `(${String(v)})`;
  }
  return undefined;
}

/** A code span: no escaping inside one except what would end it or break a table row. */
function code(text: string): string {
  return `\`${text.replace(/[`\r\n]+/g, ' ').replace(/\|/g, '\\|')}\``;
}
