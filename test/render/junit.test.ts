import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit } from '../../src/render/index.js';
import type { AuditResult } from '../../src/model/result.js';
import { HOSTILE_NAME, incompleteResult, readyResult, sampleResult } from './sample-result.js';

interface TestCase {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '#text'?: string };
  error?: { '@_message': string; '#text'?: string };
  skipped?: { '@_message': string };
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' || name === 'property' }).parse(xml);
  const suite = doc.testsuites.testsuite;
  const cases: TestCase[] = suite.testcase;
  const byId = new Map(cases.map((c) => [c['@_name'], c]));
  return { root: doc.testsuites, suite, cases, byId };
}

describe('renderJunit', () => {
  test('one test case per check and per not-run check, named by id, grouped by category', () => {
    const result = sampleResult();
    const { cases, byId } = parse(renderJunit(result));
    expect(cases).toHaveLength(result.checks.length + result.notRun.length);
    for (const check of result.checks) expect(byId.get(check.id)?.['@_classname']).toBe(check.category);
  });

  test('each status maps to failure, error or skipped; suite counts agree', () => {
    const result = sampleResult();
    const { suite, byId, root } = parse(renderJunit(result));
    const openFailures = result.checks.filter((c) => c.status === 'fail' && !c.waived);
    const errors = result.checks.filter((c) => c.status === 'error');
    const skipped = result.checks.filter((c) => c.waived || c.status === 'manual' || c.status === 'not-applicable');

    for (const c of openFailures) expect(byId.get(c.id)?.failure?.['@_message']).toBe(c.summary);
    for (const c of errors) expect(byId.get(c.id)?.error?.['@_message']).toBe(c.summary);
    for (const c of skipped) expect(byId.get(c.id)?.skipped).toBeDefined();
    for (const n of result.notRun) expect(byId.get(n.id)?.skipped?.['@_message']).toBe(`not run: ${n.reason}`);
    const passed = result.checks.filter((c) => c.status === 'pass');
    for (const c of passed) {
      const tc = byId.get(c.id)!;
      expect(tc.failure ?? tc.error ?? tc.skipped).toBeUndefined();
    }

    expect(Number(suite['@_tests'])).toBe(result.checks.length + result.notRun.length);
    expect(Number(suite['@_failures'])).toBe(openFailures.length);
    expect(Number(suite['@_errors'])).toBe(errors.length);
    expect(Number(suite['@_skipped'])).toBe(skipped.length + result.notRun.length);
    expect(root['@_failures']).toBe(suite['@_failures']);
  });

  test('skipped messages give the reason: manual, waiver (with expiry and owner) and not applicable', () => {
    const { byId } = parse(renderJunit(sampleResult()));
    expect(byId.get('contacts.deleted-contacts')?.skipped?.['@_message']).toMatch(/^manual: AUDITHISTORY is not readable/);
    expect(byId.get('ar.account-labels-disabled')?.skipped?.['@_message']).toMatch(/^waived until 2099-06-30 \(jane\.consultant@example\.com\): Labels are switched off/);
    expect(byId.get('so.subtotal-dimensions-from-lines')?.skipped?.['@_message']).toBe('not applicable: Order Entry is not subscribed in this company.');
  });

  test('an expired waiver does not hide the failure', () => {
    const { byId } = parse(renderJunit(sampleResult()));
    const expired = byId.get('ap.account-labels-disabled')!;
    expect(expired.failure?.['#text']).toContain('Waiver expired on 2024-12-31');
  });

  test('a failure carries its evidence, affected records and remediation as text', () => {
    const { byId } = parse(renderJunit(sampleResult()));
    const body = byId.get('transactions.negative-invoices')?.failure?.['#text'] ?? '';
    expect(body).toContain('Affected records: 2');
    expect(body).toContain('BILL-8812');
    expect(body).toContain('Southern Lift Services');
    const sequence = byId.get('ar.customer-id-sequence')?.failure?.['#text'] ?? '';
    expect(sequence).toContain('get_companyprefs AR CUSTOMERSEQUENCE = (absent)');
    expect(sequence).toContain('1. Go to Accounts Receivable > Setup > Configuration.');
  });

  test('markup and control characters in customer data stay text and keep the XML valid', () => {
    const result: AuditResult = sampleResult();
    const check = result.checks.find((c) => c.id === 'contacts.inactive-contacts')!;
    check.summary = `Bad ]]> data \u0001\u001b[31m "quoted" & 'single' ${HOSTILE_NAME}`;
    const { byId } = parse(renderJunit(result));
    const message = byId.get('contacts.inactive-contacts')?.failure?.['@_message'];
    expect(message).toBe(`Bad ]]> data [31m "quoted" & 'single' ${HOSTILE_NAME}`);
  });

  test('a ready company and an unreachable one are both valid suites', () => {
    expect(Number(parse(renderJunit(readyResult())).suite['@_failures'])).toBeGreaterThan(0); // warnings still fail as test cases
    const incomplete = parse(renderJunit(incompleteResult()));
    expect(Number(incomplete.suite['@_errors'])).toBe(incompleteResult().checks.length);
  });
});
