/**
 * `intacct-preflight diff OLD.json NEW.json --format md|json`: a comparison of two reports, as
 * Markdown for tickets or as JSON. The comparison itself is computed in src/history.
 */
import type { Comparison, CheckChange, RecordRef } from '../history/comparison-model.js';
import { changeLine, headline } from '../history/diff.js';
import { SEVERITY_LABEL, VERDICT_LABEL, formatTimestamp } from './labels.js';
import { md } from './markdown.js';

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
