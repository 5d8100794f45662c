/**
 * report.md: a compact summary for a ticket comment or a CI job summary. Only what needs a
 * reader's attention is listed; the HTML report has the full evidence.
 */
import type { AuditResult, CheckResult, SinceLastAudit, SinceLastAuditItem, Verdict } from '../model/result.js';
import {
  SEVERITY_LABEL,
  STATUS_LABEL,
  VERDICT_LABEL,
  companyLine,
  countLine,
  integrationLine,
  displayState,
  formatTimestamp,
  needsAttention,
  sortChecks,
} from './labels.js';
import { formatCount } from '../util/text.js';

const VERDICT_MARK: Record<Verdict, string> = { ready: '✅', 'not-ready': '❌', incomplete: '⚠️' };
const STATE_MARK: Record<string, string> = {
  fail: '❌',
  error: '⚠️',
  manual: '✋',
  waived: '🔕',
  pass: '✅',
  attested: '✅',
  'not-applicable': '➖',
};
/** How many remediation pointers to print before sending the reader to the HTML report. */
const MAX_POINTERS = 10;

export function renderMarkdown(result: AuditResult): string {
  const verdict = VERDICT_LABEL[result.verdict];
  const lines: string[] = [];
  lines.push(`## ${VERDICT_MARK[result.verdict]} ${verdict}: ${md(companyLine(result))}`, '');
  lines.push(md(result.verdictReason), '');
  lines.push(
    `**${countLine(result.counts)}** · audited ${formatTimestamp(result.run.startedAt)} (${result.run.source}, sync from ${result.run.syncFrom}, intacct-preflight ${md(result.tool.version)})`,
  );
  const auditedAs = integrationLine(result);
  if (auditedAs) lines.push('', `Audited as: ${md(auditedAs)}`);
  if (result.redacted) lines.push('', '_Customer and vendor names and ids in this report are pseudonyms._');
  if (result.sinceLastAudit) lines.push('', ...sinceLastAuditLines(result.sinceLastAudit));

  const listed = sortChecks(result.checks).filter((c) => c.status !== 'pass' && c.status !== 'not-applicable');
  // with a "Since last audit" block above, the findings table needs its own heading
  if (result.sinceLastAudit) lines.push('', '### Findings');
  if (listed.length > 0) {
    lines.push('', '| Status | Severity | Check | Summary | Affected |', '|---|---|---|---|--:|');
    for (const check of listed) {
      lines.push(`| ${stateCell(check)} | ${SEVERITY_LABEL[check.severity]} | \`${check.id}\` | ${md(check.summary)} | ${check.affected ? check.affected.count : ''} |`);
    }
  } else {
    lines.push('', 'Every check passed or does not apply to this company.');
  }

  const open = sortChecks(result.checks).filter(needsAttention);
  if (open.length > 0) {
    lines.push('', '### What to do', '');
    for (const check of open.slice(0, MAX_POINTERS)) {
      const first = check.remediation[0];
      lines.push(`- **\`${check.id}\`**${first ? `: ${md(first)}` : ''}${check.remediation.length > 1 ? ` (${check.remediation.length} steps: \`intacct-preflight explain ${check.id}\`)` : ''}`);
    }
    if (open.length > MAX_POINTERS) lines.push(`- … and ${open.length - MAX_POINTERS} more in the HTML report.`);
  }

  if (result.worklists) lines.push('', '### Worklists', '', ...worklistLines(result));

  const notices = noticeLines(result);
  if (notices.length > 0) lines.push('', '### Notes', '', ...notices);
  lines.push('');
  return lines.join('\n');
}

/** How many record keys per check the Markdown lists before summarising the rest. */
const MAX_RECORD_KEYS = 10;
const CHANGE_MARK: Record<string, string> = { New: '🆕', Worse: '📈', Resolved: '✅', Better: '📉', Changed: '🔁', Added: '➕', Removed: '➖' };

/** "Since last audit" (with a baseline): first after the verdict, what moved and which records. */
function sinceLastAuditLines(since: SinceLastAudit): string[] {
  const lines = ['### Since last audit', '', md(since.headline)];
  if (since.items.length > 0) lines.push('');
  for (const item of since.items) {
    lines.push(`- ${CHANGE_MARK[item.tag] ?? ''} **${md(item.tag)}** \`${item.id}\` (${SEVERITY_LABEL[item.severity].toLowerCase()}): ${md(item.line)}`);
    const records = recordLines(item);
    for (const r of records) lines.push(`  - ${r}`);
  }
  for (const note of since.notes) lines.push('', `> ${md(note)}`);
  return lines;
}

function recordLines(item: SinceLastAuditItem): string[] {
  const list = (keys: string[]) =>
    keys.slice(0, MAX_RECORD_KEYS).map((k) => `\`${k.replace(/[`\r\n|]+/g, ' ')}\``).join(', ') +
    (keys.length > MAX_RECORD_KEYS ? ` and ${keys.length - MAX_RECORD_KEYS} more` : '');
  const out: string[] = [];
  if (item.recordsAdded.length) out.push(`appeared: ${list(item.recordsAdded)}`);
  if (item.recordsRemoved.length) out.push(`disappeared: ${list(item.recordsRemoved)}`);
  if (item.recordsNote && out.length) out.push(`_${md(item.recordsNote)}_`);
  return out;
}

/** Where the worklists are, and what each holds. */
function worklistLines(result: AuditResult): string[] {
  const folder = result.worklists!;
  const lists = sortChecks(result.checks).filter((c) => c.worklist);
  if (lists.length === 0) return [`No data check found records, so there is no worklist (index: \`${folder.index}\`).`];
  const n = formatCount;
  return [
    `Every affected record, one CSV file per check, in \`${folder.folder}/\` beside this report (index: \`${folder.index}\`):`,
    '',
    ...lists.map((c) => {
      const w = c.worklist!;
      const count = c.affected?.count ?? w.rows;
      const held = w.complete ? `${n(w.rows)} ${w.rows === 1 ? 'record' : 'records'}` : `${n(w.rows)} of ${n(count)} records, incomplete${w.note ? `: ${md(w.note)}` : ''}`;
      return `- \`${c.id}\`: ${held} → \`${w.file}\``;
    }),
  ];
}

function stateCell(check: CheckResult): string {
  const state = displayState(check);
  const label = state === 'waived' ? `Waived ${STATUS_LABEL[check.status].toLowerCase()}` : state === 'attested' ? 'Attested' : STATUS_LABEL[check.status];
  return `${STATE_MARK[state] ?? ''} ${label}`;
}

function noticeLines(result: AuditResult): string[] {
  const out: string[] = [];
  for (const check of sortChecks(result.checks)) {
    if (check.waiver?.state === 'active' && check.waived) {
      out.push(`- 🔕 \`${check.id}\` waived until ${check.waiver.expires}${check.waiver.owner ? ` (${md(check.waiver.owner)})` : ''}: ${md(check.waiver.reason)}`);
    } else if (check.waiver?.state === 'expired') {
      out.push(`- ⏰ \`${check.id}\`: waiver expired on ${check.waiver.expires}, no longer applies`);
    }
    if (check.attestation) {
      out.push(`- ✍️ \`${check.id}\` attested by ${md(check.attestation.by)} on ${check.attestation.date}${check.attestation.note ? `: ${md(check.attestation.note)}` : ''}`);
    }
  }
  for (const warning of result.warnings ?? []) out.push(`- ⚠️ ${md(warning)}`);
  for (const skipped of result.notRun) {
    out.push(`- ⏭️ \`${skipped.id}\` (${SEVERITY_LABEL[skipped.severity].toLowerCase()}) not run: ${md(skipped.reason)}`);
  }
  return out;
}

/**
 * Escapes text from the result (it may quote customer data) so it cannot add Markdown formatting,
 * links, table cells or raw HTML to a ticket or job summary.
 */
export function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    // `<` is what opens raw HTML; `&` only matters where it would spell an entity; `>` only at the
    // start of a line, and every line we write starts with our own text
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}
