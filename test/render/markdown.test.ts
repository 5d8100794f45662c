import { renderMarkdown } from '../../src/render/index.js';
import { HOSTILE_NAME, incompleteResult, readyResult, sampleResult } from './sample-result.js';

describe('renderMarkdown', () => {
  test('opens with the verdict, the company and the reason, then the counts', () => {
    const md = renderMarkdown(sampleResult());
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ❌ Not ready for go-live: Harbour Property Management (harbour-property), entity NZ01');
    expect(lines[2]).toBe('1 blocker fails: ar.customer-id-sequence.');
    expect(lines[4]).toMatch(/^\*\*6 failed · 1 error · 1 manual · 3 passed · 1 not applicable · 1 waived · 1 not run\*\*/);
  });

  test('lists every check that did not pass, blockers first, with severity, summary and affected count', () => {
    const result = sampleResult();
    const md = renderMarkdown(result);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Status'));
    const listed = result.checks.filter((c) => c.status !== 'pass' && c.status !== 'not-applicable');
    expect(rows).toHaveLength(listed.length);
    expect(rows[0]).toBe('| ❌ Fail | Blocker | `ar.customer-id-sequence` | No document sequence is assigned to new Customer IDs: customers created from Re-Leased will fail to sync. |  |');
    expect(rows.find((r) => r.includes('currency.foreign-currency-contacts'))).toMatch(/\| 41 \|$/);
    expect(rows.find((r) => r.includes('ar.account-labels-disabled'))).toMatch(/^\| 🔕 Waived fail \| Blocker/);
    expect(md).not.toContain('`transactions.attachments`'); // a plain pass is only counted
  });

  test('points to the first remediation step and to explain for the rest', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain('### What to do');
    expect(md).toContain('- **`ar.customer-id-sequence`**: Go to Accounts Receivable > Setup > Configuration. (3 steps: `intacct-preflight explain ar.customer-id-sequence`)');
    expect(md).not.toContain('- **`ar.account-labels-disabled`**'); // waived: nothing to do now
  });

  test('mentions waivers, expired waivers, attestations and checks not run', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain('`ar.account-labels-disabled` waived until 2099-06-30');
    expect(md).toContain('`ap.account-labels-disabled`: waiver expired on 2024-12-31, no longer applies');
    expect(md).toContain('`po.subtotal-dimensions-from-lines` attested by Sam Rivers (finance lead) on 2025-03-10');
    expect(md).toContain('`objects.required-custom-fields` (warning) not run: left out with --skip');
  });

  test('customer data cannot inject HTML, links or table cells', () => {
    const result = sampleResult();
    const check = result.checks.find((c) => c.id === 'contacts.inactive-contacts')!;
    check.summary = `${HOSTILE_NAME} | [click](https://evil.example) *bold*\nsecond line`;
    const md = renderMarkdown(result);
    const row = md.split('\n').find((l) => l.includes('contacts.inactive-contacts'))!;
    expect(md).not.toContain('<img');
    expect(md).not.toContain('</script>');
    expect(row).toContain('\\| \\[click\\](https://evil.example) \\*bold\\* second line');
    // still exactly six cell separators: the summary did not add a column
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
  });

  test('a ready company says so without a table of problems for blockers', () => {
    const md = renderMarkdown(readyResult());
    expect(md.startsWith('## ✅ Ready for go-live')).toBe(true);
    expect(md).not.toMatch(/\| Blocker \|/);
  });

  test('an incomplete audit gets the warning verdict', () => {
    expect(renderMarkdown(incompleteResult()).startsWith('## ⚠️ Readiness incomplete')).toBe(true);
  });
});
