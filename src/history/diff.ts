/**
 * A comparison as the result carries it: the "Since last audit" data (headline and one line per
 * check) that the HTML and Markdown reports show first when a baseline was given. The words come
 * from the report's labels so every output names a status the same way; the comparison's own
 * renderers (`diff --format md|json`) are in src/render/comparison.ts.
 */
import type { CheckStatus } from '../model/check.js';
import type { SinceLastAudit, SinceLastAuditItem } from '../model/result.js';
import { STATUS_LABEL, VERDICT_LABEL, formatTimestamp } from '../render/labels.js';
import { plural } from '../util/text.js';
import type { CheckChange, Comparison } from './comparison-model.js';

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
