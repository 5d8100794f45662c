/**
 * fleet.md: the fleet index for a ticket or a CI job summary — the headline, then one table row
 * per company, worst first, with the link to its report.
 */
import type { FleetIndex } from '../fleet/index-model.js';
import { md } from './markdown.js';
import { OUTCOME_LABEL, SHORT_VERDICT, headlineText, resultsText, rowVerdict, runText, sinceText } from './fleet-view.js';
import { formatDuration } from './labels.js';

const OUTCOME_MARK = { 'gate-failed': '❌', 'could-not-audit': '⛔', incomplete: '⚠️', passed: '✅' } as const;

export function renderFleetMarkdown(index: FleetIndex): string {
  const lines = [`## ${OUTCOME_MARK[worst(index)]} Fleet readiness: ${md(headlineText(index))}`, '', md(runText(index))];
  if (index.companies.length === 0) return `${[...lines, '', 'No company in this run.'].join('\n')}\n`;
  lines.push('', '| Company | Verdict | Gate | Failing blockers | Results | Since last run | Duration | Report |', '|---|---|---|---|---|---|--:|---|');
  for (const row of index.companies) {
    const verdict = rowVerdict(row);
    const title = row.title ? `${md(row.title)} (\`${row.name}\`)` : `\`${row.name}\``;
    const blockers = row.failingBlockers.map((b) => `\`${b.id}\``).join(', ') || '—';
    const report = row.reports.html ? `[report](${row.reports.html})` : row.reports.json ? `[json](${row.reports.json})` : '—';
    lines.push(
      `| ${title} | ${verdict === 'none' ? '—' : SHORT_VERDICT[verdict]} | ${OUTCOME_MARK[row.outcome]} ${OUTCOME_LABEL[row.outcome]}: ${md(row.reason)} | ${blockers} | ${md(resultsText(row))} | ${md(sinceText(row))} | ${formatDuration(row.durationMs)} | ${report} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function worst(index: FleetIndex): keyof typeof OUTCOME_MARK {
  const o = index.summary.outcomes;
  return o['gate-failed'] ? 'gate-failed' : o['could-not-audit'] ? 'could-not-audit' : o.incomplete ? 'incomplete' : 'passed';
}
