import { inspect } from 'node:util';
import Handlebars from 'handlebars';
import { md } from '../../src/render/markdown.js';
import fc from 'fast-check';
import { Redactor, redactResult, textReplacer } from '../../src/assemble/redact.js';
import { renderHtml, renderJson, renderJunit, renderMarkdown, validateResult } from '../../src/render/index.js';
import type { AuditResult } from '../../src/model/result.js';
import { CUSTOMERS, VENDORS, sampleResult } from '../render/sample-result.js';

/** Every customer and vendor identity in the sample result, by the fields that hold them. */
function identities(result: AuditResult): string[] {
  const values = new Set<string>();
  for (const c of [...CUSTOMERS, ...VENDORS]) values.add(c.id).add(c.name);
  for (const check of result.checks) {
    for (const record of check.affected?.sample ?? []) {
      for (const field of ['CUSTOMERID', 'VENDORID', 'CUSTOMERNAME', 'VENDORNAME', 'NAME']) {
        if (typeof record[field] === 'string') values.add(record[field] as string);
      }
    }
  }
  return [...values];
}

/** How a value can appear in each output: as is, HTML/XML-escaped, JSON-escaped, Markdown-escaped. */
function encodings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [
    value,
    Handlebars.escapeExpression(value),
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    json,
    json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'),
    md(value),
  ];
}

/** Words that belong to one customer or vendor only (no report text uses them). */
const DISTINCTIVE = ['Harbourside', 'Kowhai', 'Marlborough', 'Southern Lift', 'Brightline', 'Tenant Holdings', 'pwned', 'Evil'];

function pseudonymOf(result: AuditResult, checkId: string, row: number, field: string): unknown {
  return result.checks.find((c) => c.id === checkId)!.affected!.sample[row]![field];
}

describe('redactResult', () => {
  test('no customer or vendor name or id remains in the redacted JSON, HTML, Markdown or JUnit', () => {
    const original = sampleResult();
    const redacted = redactResult(original);
    const outputs = { json: renderJson(redacted), html: renderHtml(redacted), md: renderMarkdown(redacted), junit: renderJunit(redacted) };
    const secrets = identities(original);
    expect(secrets.length).toBeGreaterThan(25);
    for (const [format, text] of Object.entries(outputs)) {
      for (const secret of secrets) {
        for (const form of encodings(secret)) expect({ format, form, found: text.includes(form) }).toEqual({ format, form, found: false });
      }
      for (const word of DISTINCTIVE) expect({ format, word, found: text.includes(word) }).toEqual({ format, word, found: false });
    }
  });

  test('pseudonyms look like Customer-3f9a2c and are stable within one report', () => {
    const redacted = redactResult(sampleResult());
    const hostileId = CUSTOMERS[2]!.id;
    // the same customer is in two checks' samples and quoted in a summary
    const inCurrency = redacted.checks.find((c) => c.id === 'currency.foreign-currency-contacts')!.affected!.sample.find((r) => r.CURRENCY === 'USD')!;
    const inInactive = redacted.checks.find((c) => c.id === 'contacts.inactive-contacts')!.affected!.sample[0]!;
    expect(inCurrency.NAME).toMatch(/^Customer-[0-9a-f]{6}$/);
    expect(inCurrency.CUSTOMERID).toMatch(/^CUST-[0-9a-f]{6}$/);
    expect(inInactive.NAME).toBe(inCurrency.NAME);
    expect(inInactive.CUSTOMERID).toBe(inCurrency.CUSTOMERID);
    expect(inInactive.CUSTOMERID).not.toBe(hostileId);
    expect(redacted.checks.find((c) => c.id === 'contacts.inactive-contacts')!.summary).toBe(`1 inactive customer (${inCurrency.NAME}) will sync as archived.`);
    expect(pseudonymOf(redacted, 'transactions.negative-invoices', 0, 'VENDORNAME')).toMatch(/^Vendor-[0-9a-f]{6}$/);
    expect(pseudonymOf(redacted, 'transactions.negative-invoices', 0, 'VENDORID')).toMatch(/^VEND-[0-9a-f]{6}$/);
  });

  test('two reports of the same company get different pseudonyms (no linking across reports)', () => {
    const a = redactResult(sampleResult());
    const b = redactResult(sampleResult());
    expect(pseudonymOf(a, 'transactions.negative-invoices', 0, 'VENDORNAME')).not.toBe(pseudonymOf(b, 'transactions.negative-invoices', 0, 'VENDORNAME'));
  });

  test('distinct values get distinct pseudonyms', () => {
    const redacted = redactResult(sampleResult());
    const names = redacted.checks.find((c) => c.id === 'currency.foreign-currency-contacts')!.affected!.sample.map((r) => r.NAME);
    expect(new Set(names).size).toBe(names.length);
  });

  test('marks the result redacted, keeps it valid, and leaves non-identifying data alone', () => {
    const original = sampleResult();
    const redacted = redactResult(original);
    expect(redacted.redacted).toBe(true);
    expect(validateResult(JSON.parse(renderJson(redacted))).ok).toBe(true);
    const bills = redacted.checks.find((c) => c.id === 'transactions.negative-invoices')!.affected!.sample;
    expect(bills[0]).toMatchObject({ RECORDNO: 8812, RECORDID: 'BILL-8812', TOTALENTERED: -1250.5, CURRENCY: 'NZD' });
    expect(redacted.company).toEqual(original.company);
    expect(redacted.checks.map((c) => [c.id, c.status, c.severity])).toEqual(original.checks.map((c) => [c.id, c.status, c.severity]));
    expect(original.redacted).toBe(false); // the input is not modified
    expect(original.checks.find((c) => c.id === 'contacts.inactive-contacts')!.affected!.sample[0]!.NAME).toBe(CUSTOMERS[2]!.name);
  });

  test('evidence values, waiver record keys and audit-trail rows are covered', () => {
    const result = sampleResult();
    const check = result.checks.find((c) => c.id === 'ar.account-labels-disabled')!;
    check.evidence.push({ source: 'query', object: 'CUSTOMER', field: 'NAME', observed: 'Quayside Florists' });
    // Field metadata from `lookup` is no identity: "required" must stay readable everywhere.
    check.evidence.push({ source: 'lookup', object: 'CUSTOMER', field: 'CUSTOMERID', observed: 'required' });
    check.waiver!.records = ['CUSTOMER:C-77001', `CUSTOMER:${CUSTOMERS[0]!.id}`];
    check.waiver!.reason = 'C-77001 and Quayside Florists are handled by hand';
    const deleted = result.checks.find((c) => c.id === 'contacts.deleted-contacts')!;
    deleted.affected = {
      count: 1, object: 'AUDITHISTORY', columns: ['OBJECTTYPE', 'OBJECTKEY', 'OBJECTDESC', 'ACCESSMODE'],
      sample: [{ OBJECTTYPE: 'customer', OBJECTKEY: 'C-88002', OBJECTDESC: 'Wharf Street Bakery', ACCESSMODE: 'D' }],
    };
    const json = renderJson(redactResult(result));
    for (const secret of ['Quayside Florists', 'C-77001', CUSTOMERS[0]!.id, 'C-88002', 'Wharf Street Bakery']) expect(json).not.toContain(secret);
    expect(json).toContain('"ACCESSMODE": "D"');
    expect(json).toContain('"observed": "required"');
  });

  test('run warnings and the "since last audit" block are redacted too (render --redact of a saved report)', () => {
    const result = sampleResult();
    const inactive = result.checks.find((c) => c.id === 'contacts.inactive-contacts')!;
    const id = String(inactive.affected!.sample[0]!.CUSTOMERID);
    result.warnings = [`Waiver for contacts.inactive-contacts covers only some records: 1 affected record is not in its scope (CUSTOMER:${id}); the check still fails.`];
    // C-66003 disappeared since the baseline: it is in no current sample, only in the record keys
    result.sinceLastAudit = {
      baseline: { startedAt: '2025-02-14T09:00:00.000Z', toolVersion: '0.1.0', verdict: 'ready', source: 'live' },
      verdict: { before: 'ready', after: 'ready', changed: false },
      headline: 'Since the audit of 2025-02-14 09:00 UTC: 1 otherwise changed.',
      counts: { new: 0, changed: 1, resolved: 0, added: 0, removed: 0, unchanged: 0, worse: 0, better: 0 },
      items: [{
        id: inactive.id, title: inactive.title, severity: inactive.severity, change: 'changed', tag: 'Changed', worse: false, better: false,
        line: `Fail · 1 record · 1 appeared, 1 disappeared`, recordsAdded: [`CUSTOMER:${id}`], recordsRemoved: ['CUSTOMER:C-66003'],
      }],
      notes: [],
    };
    const redacted = redactResult(result);
    const json = renderJson(redacted);
    for (const secret of [id, 'C-66003']) expect(json).not.toContain(secret);
    expect(redacted.warnings![0]).toMatch(/not in its scope \(CUSTOMER:CUST-[0-9a-f]{6}\)/);
    expect(redacted.sinceLastAudit!.items[0]!.recordsAdded[0]).toBe(`CUSTOMER:${String(redacted.checks.find((c) => c.id === inactive.id)!.affected!.sample[0]!.CUSTOMERID)}`);
    expect(redacted.sinceLastAudit!.items[0]!.recordsRemoved[0]).toMatch(/^CUSTOMER:CUST-[0-9a-f]{6}$/);
    expect(validateResult(JSON.parse(json)).ok).toBe(true);
  });

  test('a short numeric id is replaced where it stands alone, not inside other numbers', () => {
    const result = sampleResult();
    const check = result.checks.find((c) => c.id === 'contacts.inactive-contacts')!;
    check.affected!.sample[0]!.CUSTOMERID = '7';
    check.summary = '17 customers checked; customer 7 is inactive';
    const redacted = redactResult(result).checks.find((c) => c.id === 'contacts.inactive-contacts')!;
    expect(redacted.summary).toMatch(/^17 customers checked; customer CUST-[0-9a-f]{6} is inactive$/);
  });

  test('the key never appears: not in JSON, not when inspected', () => {
    const redactor = new Redactor();
    redactor.learn('Acme Ltd', 'customer-name');
    expect(JSON.stringify(redactor)).toBe('{}');
    expect(inspect(redactor, { showHidden: true, depth: 5 })).not.toMatch(/[0-9a-f]{32}|Buffer|Acme/);
  });

  test('redacting an already redacted result changes nothing', () => {
    const once = redactResult(sampleResult());
    expect(redactResult(once)).toEqual(once);
  });
});

describe('free-text replacement scales to every record of a worklist', () => {
  /** The replacement as one regular expression over every value (what the one-pass replacer must equal). */
  function byRegex(lookup: Map<string, string>): (text: string) => string {
    const alternatives = [...lookup.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((v) => v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    const matcher = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    return (text) => text.replace(matcher, (m) => lookup.get(m.toLowerCase()) ?? m);
  }

  test('it replaces exactly what one regular expression over the values would: whole words, any case, longest first', () => {
    const piece = fc.oneof(fc.constantFrom('C-1', 'C-10', 'Acme', 'acme ltd', 'Ölmühle', '7', '17', 'Bay Side', 'x', 'é'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.uniqueArray(piece.filter((v) => v.trim() !== ''), { minLength: 1, maxLength: 8 }), fc.array(fc.oneof(piece, fc.constantFrom(' ', '-', ',', '(', ')', '1', 'a')), { maxLength: 12 }), (values, parts) => {
        const pseudonyms = new Map(values.map((v, i) => [v, `P${i}`]));
        const lookup = new Map<string, string>();
        for (const [v, p] of pseudonyms) if (!lookup.has(v.toLowerCase())) lookup.set(v.toLowerCase(), p);
        const text = parts.join('');
        expect(textReplacer(pseudonyms, () => undefined)(text)).toBe(byRegex(lookup)(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('with 50,000 known names and ids (a worklist of a large company), cells are redacted in one pass over each', () => {
    const pseudonyms = new Map<string, string>();
    for (let i = 0; i < 25_000; i++) {
      pseudonyms.set(`C-${i}`, `CUST-${i}`);
      pseudonyms.set(`Customer number ${i} Pty Ltd`, `Customer-${i}`);
    }
    const replace = textReplacer(pseudonyms, () => undefined);
    for (let i = 0; i < 1000; i++) expect(replace(`Paid by C-${i} (Customer number ${i} Pty Ltd) on 01/02/2025`)).toBe(`Paid by CUST-${i} (Customer-${i}) on 01/02/2025`);
  });
});
