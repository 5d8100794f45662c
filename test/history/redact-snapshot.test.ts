import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MASKED_TEXT, Redactor } from '../../src/assemble/redact.js';
import { redactSnapshot } from '../../src/history/redact-snapshot.js';
import { readSnapshot, writeSnapshot } from '../../src/history/snapshot.js';
import type { SnapshotFact } from '../../src/history/snapshot-model.js';
import { makeCheck, makeResult } from './results.js';
import { sampleSnapshot } from './snapshot-data.js';

const IDENTITIES = ['C-10482', 'C-20931', 'Harbourside Retail Pty Ltd', 'Kowhai Dental Group', 'V-0042', 'Southern Lift Services'];
const FOREIGN = 'sample:CUSTOMER|where=foreign|select=CURRENCY,CUSTOMERID,NAME|order=-|limit=25';

function value(fact: SnapshotFact | undefined): Record<string, unknown> {
  if (!fact?.ok) throw new Error('expected a gathered fact');
  return fact.value as Record<string, unknown>;
}

describe('redactSnapshot', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'history-redact-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('no customer or vendor name or id is left anywhere in the written file', async () => {
    const redacted = redactSnapshot(sampleSnapshot(), new Redactor());
    expect(redacted.redacted).toBe(true);
    const file = join(dir, 'redacted.gz');
    await writeSnapshot(file, redacted, { secrets: IDENTITIES.map((value) => ({ name: 'identity', value })) });
    const text = JSON.stringify(readSnapshot(file));
    for (const identity of IDENTITIES) expect(text).not.toContain(identity);
  });

  test('values and raw data carry the same pseudonym for the same customer; structure and other values are kept', () => {
    const redacted = redactSnapshot(sampleSnapshot(), new Redactor());
    const fact = redacted.facts[FOREIGN]!;
    const sample = value(fact).sample as Record<string, string>[];
    expect(sample[0]).toEqual({ CURRENCY: 'AUD', CUSTOMERID: expect.stringMatching(/^CUST-[0-9a-f]{6,}$/), NAME: expect.stringMatching(/^Customer-[0-9a-f]{6,}$/) });
    expect(fact.data!.records[0]).toMatchObject({ $element: 'CUSTOMER', CURRENCY: 'AUD', CUSTOMERID: sample[0]!.CUSTOMERID, NAME: sample[0]!.NAME });
    // the same customer on an invoice reads the same
    const invoice = (value(redacted.facts['sample:ARINVOICE|where=open|select=CUSTOMERID,CUSTOMERNAME,CURRENCY,RECORDNO|order=-|limit=25']).sample as Record<string, string>[])[0]!;
    expect(invoice).toMatchObject({ CUSTOMERID: sample[0]!.CUSTOMERID, CUSTOMERNAME: sample[0]!.NAME, RECORDNO: '881', CURRENCY: 'AUD' });
    expect(value(fact).count).toBe(2);
    // a record's free-text field is masked whole: it may name anyone, in any spelling
    const gl = (value(redacted.facts['sample:GLENTRY|journal-payments']).sample as Record<string, string>[])[0]!;
    expect(gl.DESCRIPTION).toBe(MASKED_TEXT);
    expect(gl.VENDORNAME).toMatch(/^Vendor-/);
    // fact keys, the catalog and the request as sent (its CURRENCY filter) are untouched
    expect(Object.keys(redacted.facts)).toEqual(Object.keys(sampleSnapshot().facts));
    expect(redacted.facts[FOREIGN]!.request).toEqual(sampleSnapshot().facts[FOREIGN]!.request);
    expect(redacted.catalog).toEqual(sampleSnapshot().catalog);
  });

  test('the snapshot and the report share pseudonyms when they share the redactor', () => {
    const redactor = new Redactor();
    const snapshot = redactSnapshot(sampleSnapshot(), redactor);
    const result = redactor.redactResult(
      makeResult([
        makeCheck({
          id: 'currency.foreign-currency-contacts',
          status: 'fail',
          summary: '2 customers, e.g. Harbourside Retail Pty Ltd, have a foreign currency.',
          affected: {
            count: 2,
            object: 'CUSTOMER',
            keyField: 'CUSTOMERID',
            columns: ['CUSTOMERID', 'NAME', 'CURRENCY'],
            sample: [{ CUSTOMERID: 'C-10482', NAME: 'Harbourside Retail Pty Ltd', CURRENCY: 'AUD' }],
          },
        }),
      ]),
    );
    const inSnapshot = (value(snapshot.facts[FOREIGN]).sample as Record<string, string>[])[0]!;
    expect(result.checks[0]!.affected!.sample[0]).toEqual(inSnapshot);
    expect(result.checks[0]!.summary).toBe(`2 customers, e.g. ${inSnapshot.NAME}, have a foreign currency.`);
  });

  test('two redactions with different redactors give different pseudonyms (not reversible by matching)', () => {
    const a = value(redactSnapshot(sampleSnapshot(), new Redactor()).facts[FOREIGN]).sample as Record<string, string>[];
    const b = value(redactSnapshot(sampleSnapshot(), new Redactor()).facts[FOREIGN]).sample as Record<string, string>[];
    expect(a[0]!.CUSTOMERID).not.toBe(b[0]!.CUSTOMERID);
  });

  test('a bare (value, kind) => pseudonym mapper works as well, messages included (any letter case, short forms)', () => {
    let n = 0;
    const seen = new Map<string, string>();
    const snapshot = sampleSnapshot();
    snapshot.facts['sample:VENDOR|locked'] = {
      ok: false,
      error: { kind: 'permission', message: 'Vendor SOUTHERN LIFT SERVICES is locked; ask Harbourside Retail to unlock it.' },
      request: { function: 'query', object: 'VENDOR' },
    };
    const redacted = redactSnapshot(snapshot, (v, kind) => {
      if (!seen.has(v)) seen.set(v, `${kind}#${++n}`);
      return seen.get(v)!;
    });
    const text = JSON.stringify(redacted);
    for (const identity of IDENTITIES) expect(text).not.toContain(identity);
    const gl = (value(redacted.facts['sample:GLENTRY|journal-payments']).sample as Record<string, string>[])[0]!;
    expect(gl.DESCRIPTION).toBe(MASKED_TEXT);
    const locked = redacted.facts['sample:VENDOR|locked']!;
    expect(locked.ok ? undefined : locked.error.message).toBe(
      `Vendor ${seen.get('Southern Lift Services')} is locked; ask ${seen.get('Harbourside Retail Pty Ltd')} to unlock it.`,
    );
  });

  test('identities in a filter as sent are redacted, audit-trail rows by their object type', () => {
    const snapshot = sampleSnapshot();
    snapshot.facts['sample:CUSTOMER|one'] = {
      ok: true,
      value: { object: 'AUDITHISTORY', count: 1, fields: [], sample: [{ OBJECTTYPE: 'customer', OBJECTKEY: 'C-55501', OBJECTDESC: 'Deleted Tenant Ltd', ACCESSMODE: 'D' }] },
      request: { function: 'query', object: 'AUDITHISTORY', sent: { function: 'query', object: 'CUSTOMER', select: ['NAME'], filter: { op: 'equalto', field: 'CUSTOMERID', value: 'C-77123' } } },
    };
    const text = JSON.stringify(redactSnapshot(snapshot, new Redactor()).facts['sample:CUSTOMER|one']);
    for (const identity of ['C-55501', 'Deleted Tenant Ltd', 'C-77123']) expect(text).not.toContain(identity);
    expect(text).toContain('"ACCESSMODE":"D"');
  });

  test('an already redacted snapshot is not redacted twice', () => {
    const once = redactSnapshot(sampleSnapshot(), new Redactor());
    expect(redactSnapshot(once, new Redactor())).toEqual(once);
  });
});
