/**
 * report.junit.xml: one test case per check so CI systems show the audit like a test run.
 * fail → <failure>, error → <error>, manual / waived / not applicable / not run → <skipped> with
 * the reason. A waived failure is skipped (it does not fail the gate); an expired waiver does not
 * count, so that failure shows as a failure.
 */
import type { AuditResult, CheckResult, NotRunCheck } from '../model/result.js';
import { SEVERITY_LABEL, cellText, companyLine, integrationLine, sortChecks } from './labels.js';

export function renderJunit(result: AuditResult): string {
  const checks = sortChecks(result.checks);
  const cases = checks.map(testCase);
  const notRun = result.notRun.map(notRunCase);
  const tests = cases.length + notRun.length;
  const failures = cases.filter((c) => c.kind === 'failure').length;
  const errors = cases.filter((c) => c.kind === 'error').length;
  const skipped = cases.filter((c) => c.kind === 'skipped').length + notRun.length;
  const time = seconds(result.run.durationMs);
  const suiteAttrs = attrs({
    name: `intacct-preflight: ${companyLine(result)}`,
    tests,
    failures,
    errors,
    skipped,
    time,
    timestamp: result.run.startedAt.replace(/(\.\d+)?Z$/, ''),
  });
  const properties = [
    ['verdict', result.verdict],
    ['verdictReason', result.verdictReason],
    ['company', result.company.id],
    ['entity', result.company.entityId ?? ''],
    ['source', result.run.source],
    ['syncFrom', result.run.syncFrom],
    // What the verdict rests on: how Re-Leased is set up (reports from before the profile have none).
    ...(integrationLine(result) !== undefined ? [['auditedAs', integrationLine(result)!]] : []),
    ['tool', `${result.tool.name} ${result.tool.version}`],
    ['redacted', String(result.redacted)],
    ...(result.sinceLastAudit ? [['sinceLastAudit', result.sinceLastAudit.headline]] : []),
  ]
    .map(([name, value]) => `      <property${attrs({ name: name!, value: value! })}/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'intacct-preflight', tests, failures, errors, skipped, time })}>`,
    `  <testsuite${suiteAttrs}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...cases.map((c) => c.xml),
    ...notRun,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

interface Case {
  kind: 'pass' | 'failure' | 'error' | 'skipped';
  xml: string;
}

function testCase(check: CheckResult): Case {
  const open = `    <testcase${attrs({ classname: check.category, name: check.id, time: seconds(check.durationMs) })}>`;
  const close = '    </testcase>';
  const wrap = (kind: Case['kind'], inner: string): Case => ({ kind, xml: `${open}\n${inner}\n${close}` });

  if (check.waived && check.waiver) {
    const w = check.waiver;
    const message = `waived until ${w.expires}${w.owner ? ` (${w.owner})` : ''}: ${w.reason} — ${check.summary}`;
    return wrap('skipped', `      <skipped${attrs({ message })}/>`);
  }
  switch (check.status) {
    case 'fail':
      return wrap('failure', `      <failure${attrs({ message: check.summary, type: check.severity })}>${text(details(check))}</failure>`);
    case 'error':
      return wrap('error', `      <error${attrs({ message: check.summary, type: 'error' })}>${text(details(check))}</error>`);
    case 'manual':
      return wrap('skipped', `      <skipped${attrs({ message: `manual: ${check.summary}` })}/>`);
    case 'not-applicable':
      return wrap('skipped', `      <skipped${attrs({ message: `not applicable: ${check.summary}` })}/>`);
    case 'pass': {
      const note = check.attestation
        ? `attested by ${check.attestation.by} on ${check.attestation.date}${check.attestation.note ? `: ${check.attestation.note}` : ''}\n${check.summary}`
        : check.summary;
      return wrap('pass', `      <system-out>${text(note)}</system-out>`);
    }
  }
}

function notRunCase(check: NotRunCheck): string {
  const classname = check.id.split('.')[0] ?? check.id;
  return [
    `    <testcase${attrs({ classname, name: check.id, time: '0.000' })}>`,
    `      <skipped${attrs({ message: `not run: ${check.reason}` })}/>`,
    '    </testcase>',
  ].join('\n');
}

/** The body of a failure or error: what a CI reader needs without opening the HTML report. */
function details(check: CheckResult): string {
  const lines = [`${SEVERITY_LABEL[check.severity]}: ${check.title}`, check.summary];
  if (check.waiver?.state === 'expired') lines.push(`Waiver expired on ${check.waiver.expires}; it no longer applies.`);
  if (check.evidence.length > 0) {
    lines.push('', 'Evidence:');
    for (const e of check.evidence) {
      const where = [e.source, e.application, e.object, e.preference ?? e.field].filter(Boolean).join(' ');
      lines.push(`  ${where} = ${e.observed === null ? '(absent)' : String(e.observed)}${e.note ? ` (${e.note})` : ''}`);
    }
  }
  if (check.affected) {
    const a = check.affected;
    lines.push('', `Affected records: ${a.count}${a.sample.length < a.count ? ` (showing ${a.sample.length})` : ''}`);
    lines.push(`  ${a.columns.join(' | ')}`);
    for (const record of a.sample) lines.push(`  ${a.columns.map((c) => cellText(record[c])).join(' | ')}`);
  }
  if (check.remediation.length > 0) {
    lines.push('', 'Remediation:');
    check.remediation.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
  }
  for (const doc of check.docs) lines.push(`Docs: ${doc.title} <${doc.url}>`);
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 cannot hold at all (control characters, lone surrogates) are dropped. */
function xmlSafe(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function text(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => {
      const escaped = text(String(value))
        .replace(/"/g, '&quot;')
        .replace(/\n/g, '&#10;')
        .replace(/\r/g, '&#13;')
        .replace(/\t/g, '&#9;');
      return ` ${name}="${escaped}"`;
    })
    .join('');
}
