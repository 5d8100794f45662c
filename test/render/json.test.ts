import { REPORT_SCHEMA_URL, renderJson } from '../../src/render/index.js';
import type { AuditResult } from '../../src/model/result.js';
import { sampleResult } from './sample-result.js';

/**
 * Rebuilds an object with its keys in reverse order, recursively (what a different producer might
 * emit); sample records are left alone, their key order is the column order.
 */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, k === 'sample' ? v : reverseKeys(v)]),
  );
}

describe('renderJson', () => {
  test('is pretty-printed with two spaces, starts with $schema and ends with a newline', () => {
    const text = renderJson(sampleResult());
    expect(text.startsWith(`{\n  "$schema": "${REPORT_SCHEMA_URL}",\n  "schemaVersion": 1,\n  "tool": {`)).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('}\n\n')).toBe(false);
  });

  test('the key order comes from the schema, not from how the result was built', () => {
    const result = sampleResult();
    expect(renderJson(reverseKeys(result) as AuditResult)).toBe(renderJson(result));
  });

  test('sample records keep their column order (the order a consultant reads them in)', () => {
    const text = renderJson(sampleResult());
    const parsed = JSON.parse(text) as AuditResult;
    const negative = parsed.checks.find((c) => c.id === 'transactions.negative-invoices')!;
    expect(Object.keys(negative.affected!.sample[0]!)).toEqual(negative.affected!.columns);
  });

  test('re-rendering a parsed report gives the same bytes (render reproduces audit)', () => {
    const first = renderJson(sampleResult());
    expect(renderJson(JSON.parse(first) as AuditResult)).toBe(first);
  });

  test('an undefined optional field is left out rather than written as null', () => {
    const result = sampleResult();
    result.company.entityId = undefined;
    const parsed = JSON.parse(renderJson(result));
    expect('entityId' in parsed.company).toBe(false);
  });
});
