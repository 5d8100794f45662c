/**
 * The "Since last audit" block a report carries when the audit was given a baseline: valid
 * against the published schema, shown first in HTML and Markdown, mentioned by JUnit and the
 * terminal, escaped like all customer data, and absent without a baseline.
 */
import { describe, expect, test } from '@jest/globals';
import { compareResults, sinceLastAudit } from '../../src/history/index.js';
import { renderHtml, renderJson, renderJunit, renderMarkdown, renderTerminal, validateResult } from '../../src/render/index.js';
import type { AuditResult, CheckResult } from '../../src/model/result.js';
import { sampleResult } from './sample-result.js';

/** A customer id crafted to break out of HTML if the section forgot to escape record keys. */
const HOSTILE_ID = '<img src=x onerror=alert(1)>';

function edit(result: AuditResult, id: string, change: (c: CheckResult) => CheckResult): AuditResult {
  return { ...result, checks: result.checks.map((c) => (c.id === id ? change(c) : c)) };
}

/** Baseline a month earlier: attachments failed, no inactive customers, one foreign-currency contact fewer. */
function previousRun(): AuditResult {
  let r = sampleResult();
  r = { ...r, run: { ...r.run, startedAt: '2025-02-14T09:00:00.000Z', finishedAt: '2025-02-14T09:00:20.000Z' } };
  r = edit(r, 'transactions.attachments', (c) => ({ ...c, status: 'fail', summary: '3 AR invoices carry attachments.' }));
  r = edit(r, 'contacts.inactive-contacts', ({ affected: _a, ...c }) => ({ ...c, status: 'pass', summary: 'No inactive customers or vendors.' }));
  r = edit(r, 'currency.foreign-currency-contacts', (c) => ({ ...c, affected: { ...c.affected!, count: 40 } }));
  return r;
}

function currentRun(): AuditResult {
  return edit(sampleResult(), 'contacts.inactive-contacts', (c) => ({
    ...c,
    affected: { ...c.affected!, sample: [{ ...c.affected!.sample[0]!, CUSTOMERID: HOSTILE_ID }] },
  }));
}

function withComparison(): AuditResult {
  const current = currentRun();
  return { ...current, sinceLastAudit: sinceLastAudit(compareResults(previousRun(), current)) };
}

describe('sinceLastAudit in the report', () => {
  test('is valid against the report schema, and a malformed one is refused', () => {
    const result = withComparison();
    expect(validateResult(JSON.parse(renderJson(result))).ok).toBe(true);
    const bad = structuredClone(result);
    (bad.sinceLastAudit!.items[0] as { change: string }).change = 'exploded';
    const outcome = validateResult(bad);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.join('\n')).toMatch(/\/sinceLastAudit\/items\/0\/change: must be one of/);
  });

  test('report.json round-trips it byte for byte', () => {
    const json = renderJson(withComparison());
    const back = validateResult(JSON.parse(json));
    expect(back.ok && renderJson(back.result)).toBe(json);
  });

  test('HTML: a "Since last audit" section after the verdict and before the blockers, grouped by change', () => {
    const html = renderHtml(withComparison());
    const since = html.indexOf('id="since-last-audit"');
    expect(since).toBeGreaterThan(html.indexOf('class="verdict '));
    expect(html.indexOf('class="blockers"')).toBeGreaterThan(since);
    const section = html.slice(since, html.indexOf('class="blockers"'));
    expect(section).toMatch(/New problems[\s\S]*contacts\.inactive-contacts[\s\S]*Got worse[\s\S]*currency\.foreign-currency-contacts[\s\S]*Resolved[\s\S]*transactions\.attachments/);
    expect(section).toContain('40 → 41 records');
    expect(section).toContain('Compared with the report of 2025-02-14 09:00 UTC');
  });

  test('HTML escapes record keys from customer data', () => {
    const html = renderHtml(withComparison());
    expect(html).not.toContain(HOSTILE_ID);
    expect(html).toContain('<code>CUSTOMER:&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</code>');
  });

  test('Markdown: the block comes right after the verdict lines, before the findings table', () => {
    const md = renderMarkdown(withComparison());
    const since = md.indexOf('### Since last audit');
    expect(since).toBeGreaterThan(0);
    expect(md.indexOf('| Status |')).toBeGreaterThan(since);
    expect(md).toMatch(/🆕 \*\*New\*\* `contacts\.inactive-contacts` \(info\)/);
    expect(md).toMatch(/✅ \*\*Resolved\*\* `transactions\.attachments`/);
    // a key from customer data stays inside a code span
    expect(md).toContain(`appeared: \`CUSTOMER:${HOSTILE_ID}\``);
  });

  test('JUnit names it as a suite property; the terminal lists new, worse and resolved checks one per line', () => {
    const result = withComparison();
    expect(renderJunit(result)).toMatch(/<property name="sinceLastAudit" value="Since the audit of 2025-02-14 09:00 UTC: 1 new problem, 1 got worse, 1 resolved\."\/>/);
    const lines = renderTerminal(result, { color: false, width: 120 }).split('\n');
    expect(lines.filter((l) => /^ {2}[▲✔] (NEW|WORSE|RESOLVED) /.test(l)).map((l) => l.trim().split(/\s+/)[3])).toEqual([
      'contacts.inactive-contacts',
      'currency.foreign-currency-contacts',
      'transactions.attachments',
    ]);
  });

  test('without a baseline nothing of it appears', () => {
    const result = sampleResult();
    expect(renderHtml(result)).not.toContain('id="since-last-audit"');
    expect(renderMarkdown(result)).not.toContain('Since last audit');
    expect(renderMarkdown(result)).not.toContain('### Findings');
    expect(renderJunit(result)).not.toContain('sinceLastAudit');
    expect(renderTerminal(result, { color: false })).not.toContain('Since the audit');
  });

  test('run-level warnings are shown near the top of the HTML and in the Markdown notes', () => {
    const result = { ...sampleResult(), warnings: ['transactions.attachments was re-evaluated with check version 2; the snapshot was made with version 1.'] };
    const html = renderHtml(result);
    const at = html.indexOf('Notes on this run');
    expect(at).toBeGreaterThan(html.indexOf('class="verdict '));
    expect(at).toBeLessThan(html.indexOf('class="blockers"'));
    expect(html).toContain('<li>transactions.attachments was re-evaluated with check version 2; the snapshot was made with version 1.</li>');
    expect(renderMarkdown(result)).toMatch(/### Notes[\s\S]*- ⚠️ transactions\.attachments was re-evaluated with check version 2/);
    expect(renderHtml(sampleResult())).not.toContain('Notes on this run');
  });
});
