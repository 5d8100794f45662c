import Handlebars from 'handlebars';
import { renderHtml, renderJson } from '../../src/render/index.js';
import type { AuditResult } from '../../src/model/result.js';
import { HOSTILE_NAME, incompleteResult, readyResult, sampleResult } from './sample-result.js';

function embeddedJson(html: string): unknown {
  const match = html.match(/<script type="application\/json" id="preflight-result">([\s\S]*?)<\/script>/);
  if (!match) throw new Error('no embedded JSON');
  return JSON.parse(match[1]!);
}

describe('renderHtml', () => {
  test('embeds the complete result as JSON that parses back to the report.json content', () => {
    const result = sampleResult();
    const html = renderHtml(result);
    expect(embeddedJson(html)).toEqual(JSON.parse(renderJson(result)));
  });

  test('a record value with </script> and an onerror handler stays text everywhere', () => {
    const html = renderHtml(sampleResult());
    // exactly our two script elements, and no element injected by the hostile customer name
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/gi)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror="window/);
    // it is shown, escaped, where the data is
    expect(html).toContain(Handlebars.escapeExpression(HOSTILE_NAME));
  });

  test('quotes in values cannot leave an attribute', () => {
    const result = sampleResult();
    result.checks[0]!.docs = [{ title: 'x" onmouseover="alert(1)', url: 'https://example.com/?q="><script>alert(1)</script>' }];
    const html = renderHtml(result);
    expect(html).not.toContain('onmouseover="alert');
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  test('self-contained: no external scripts, styles, fonts or images, and a policy that forbids them', () => {
    const html = renderHtml(sampleResult());
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
    // the only absolute URLs are the documentation links a reader may follow, and the schema id in the JSON
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    for (const href of hrefs) expect(href.startsWith('#') || href === 'data:,' || /^https:\/\//.test(href)).toBe(true);
  });

  test('the same result renders the same bytes, also after a JSON round trip (render = audit)', () => {
    const result = sampleResult();
    const first = renderHtml(result);
    expect(renderHtml(sampleResult())).toBe(first);
    expect(renderHtml(JSON.parse(renderJson(result)) as AuditResult)).toBe(first);
  });

  test('verdict first, then blockers, then checks grouped by severity, then not-run and run details', () => {
    const html = renderHtml(sampleResult());
    const order = ['id="verdict-title"', 'id="blockers-title"', 'id="filters"', 'id="group-blocker"', 'id="group-warning"', 'id="group-info"', 'id="not-run-title"', 'id="run-title"'];
    const positions = order.map((marker) => html.indexOf(marker));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('>Not ready for go-live</h1>');
    expect(html).toContain('1 blocker fails: ar.customer-id-sequence.');
  });

  test('every check appears once with its status and severity for the filters', () => {
    const result = sampleResult();
    const html = renderHtml(result);
    for (const check of result.checks) {
      const status = check.waived ? 'waived' : check.status;
      expect(html).toContain(`id="check-${check.id}" data-status="${status}" data-severity="${check.severity}"`);
    }
  });

  test('affected records say how many of how many are shown', () => {
    const html = renderHtml(sampleResult());
    expect(html).toContain('41 records');
    expect(html).toContain('showing 25 of 41');
  });

  test('waiver, expired waiver and attestation notices', () => {
    const html = renderHtml(sampleResult());
    expect(html).toContain('Waived until 2099-06-30');
    expect(html).toContain('Waiver expired on 2024-12-31');
    expect(html).toContain('Attested by Sam Rivers (finance lead) on 2025-03-10');
  });

  test('ready and incomplete pages', () => {
    expect(renderHtml(readyResult())).toContain('>Nothing blocks go-live</h2>');
    expect(renderHtml(incompleteResult())).toContain('>Readiness incomplete</h1>');
  });
});
