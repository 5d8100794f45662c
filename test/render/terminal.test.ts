import { renderTerminal } from '../../src/render/index.js';
import { incompleteResult, readyResult, sampleResult } from './sample-result.js';

const ANSI = /\u001b\[[0-9;]*m/;

describe('renderTerminal', () => {
  test('rows for every check that is not a plain pass, then the verdict, reason and counts', () => {
    const out = renderTerminal(sampleResult(), { color: false, width: 120 });
    const lines = out.split('\n');
    expect(lines.find((l) => l.includes('ar.customer-id-sequence'))).toMatch(/^ {2}✖ FAIL +blocker +ar\.customer-id-sequence +No document sequence/);
    expect(lines.find((l) => l.includes('ar.account-labels-disabled'))).toMatch(/~ WAIVED/);
    expect(lines.find((l) => l.includes('payments.unapplied-credits'))).toMatch(/! ERROR +warning/);
    expect(lines.find((l) => l.includes('contacts.deleted-contacts'))).toMatch(/\? MANUAL +info/);
    expect(out).not.toContain('transactions.attachments'); // passes are summarised
    expect(out).toContain('✔ 2 other checks passed');
    expect(out).toContain('not run: objects.required-custom-fields');
    expect(out).toContain('✖ NOT READY for go-live\n  1 blocker fails: ar.customer-id-sequence.\n  6 failed · 1 error');
  });

  test('without the verdict (the command line prints its own, uncut): rows and counts only', () => {
    const out = renderTerminal(sampleResult(), { color: false, width: 120, verdict: false });
    expect(out).toContain('ar.customer-id-sequence');
    expect(out).not.toContain('NOT READY');
    expect(out).not.toContain('1 blocker fails');
    expect(out).toContain('6 failed · 1 error');
  });

  test('no escape codes without colour, coloured status and verdict with it', () => {
    expect(renderTerminal(sampleResult(), { color: false })).not.toMatch(ANSI);
    const coloured = renderTerminal(sampleResult(), { color: true });
    expect(coloured).toContain('\u001b[31m✖ FAIL');
    expect(coloured).toMatch(/\u001b\[31m\u001b\[1m✖ NOT READY/);
  });

  test('every line fits the width', () => {
    for (const width of [60, 80, 132]) {
      const out = renderTerminal(sampleResult(), { color: false, width });
      for (const line of out.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(width);
    }
  });

  test('control sequences in customer data do not reach the terminal', () => {
    const result = sampleResult();
    result.checks.find((c) => c.id === 'contacts.inactive-contacts')!.summary = 'Tenant \u001b]0;owned\u0007 \u001b[2J cleared';
    const out = renderTerminal(result, { color: false, width: 200 });
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
  });

  test('ready and incomplete verdict lines', () => {
    expect(renderTerminal(readyResult(), { color: false })).toContain('✔ READY for go-live');
    expect(renderTerminal(incompleteResult(), { color: false })).toContain('! INCOMPLETE: readiness could not be fully checked');
  });
});

describe('renderTerminal in a CI log and on a narrow terminal', () => {
  const longSummary = () => {
    const result = sampleResult();
    const check = result.checks.find((c) => c.id === 'ar.customer-id-sequence')!;
    check.summary = 'No document sequence is assigned to new customers (CUSTOMERSEQUENCE is empty): Re-Leased sends no Customer ID, so every customer it creates is refused.';
    return { result, summary: check.summary };
  };

  test('without a width (stdout is not a terminal) every summary is printed whole, on its own row', () => {
    const { result, summary } = longSummary();
    const out = renderTerminal(result, { color: false });
    const row = out.split('\n').find((l) => l.includes('ar.customer-id-sequence'))!;
    expect(row.endsWith(summary)).toBe(true);
    expect(out).not.toContain('…');
  });

  test('with a width the summary wraps under its own column instead of being cut', () => {
    const { result, summary } = longSummary();
    const out = renderTerminal(result, { color: false, width: 80 });
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.includes('ar.customer-id-sequence'));
    const column = lines[at]!.indexOf('No document');
    const rest: string[] = [];
    for (const l of lines.slice(at + 1)) {
      if (!l.startsWith(' '.repeat(column)) || l.trim() === '') break;
      rest.push(l.slice(column));
    }
    expect(rest.length).toBeGreaterThan(0);
    expect([lines[at]!.slice(column), ...rest].join(' ')).toBe(summary);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    expect(out).not.toContain('…');
  });
});
