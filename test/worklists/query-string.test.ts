/**
 * The checks' filters as readByQuery query strings (src/worklists/query-string.ts): the documented
 * operators and spellings, and a filter left to `query` wherever readByQuery cannot say the same.
 * Then the sandbox (whose parser was written apart from the translator) is asked both ways for
 * each record set the built-in checks page through, and must count and return the same records.
 */
import type { Filter } from '../../src/intacct/functions.js';
import { IntacctClient } from '../../src/intacct/client.js';
import { readByQueryString } from '../../src/worklists/query-string.js';
import type { QueryFunction } from '../../src/worklists/plan.js';
import { generateCompany } from '../../src/sandbox/generate.js';
import { startSandbox } from '../../src/sandbox/server.js';

const q = (object: string, filter?: Filter, extra: Partial<QueryFunction> = {}): QueryFunction => ({
  function: 'query',
  object,
  select: ['RECORDNO', 'WHENCREATED'],
  ...(filter ? { filter } : {}),
  ...extra,
});

describe('readByQueryString', () => {
  test('the documented operators, grouped as written', () => {
    const filter: Filter = {
      and: [
        { or: [{ op: 'greaterthanorequalto', field: 'WHENCREATED', value: '01/01/2018' }, { op: 'notequalto', field: 'TOTALDUE', value: '0' }] },
        { and: [{ op: 'isnotnull', field: 'CURRENCY' }, { op: 'notequalto', field: 'CURRENCY', value: 'NZD' }] },
        { op: 'between', field: 'TOTALENTERED', values: ['-5', '5'] },
        { op: 'notlike', field: 'RECORDID', value: "O'Brien%" },
        { op: 'isnull', field: 'SUPDOCID' },
      ],
    };
    expect(readByQueryString(q('ARINVOICE', filter))).toEqual({
      ok: true,
      query:
        "((WHENCREATED >= '01/01/2018' OR TOTALDUE NOT IN ('0')) AND (CURRENCY IS NOT NULL AND CURRENCY NOT IN ('NZD')) AND " +
        "(TOTALENTERED >= '-5' AND TOTALENTERED <= '5') AND RECORDID NOT LIKE 'O\\'Brien%' AND SUPDOCID IS NULL)",
    });
    expect(readByQueryString(q('ARINVOICE'))).toEqual({ ok: true, query: '' });
  });

  test('enumerated values get their documented database codes', () => {
    expect(readByQueryString(q('CUSTOMER', { op: 'equalto', field: 'STATUS', value: 'inactive' }))).toEqual({ ok: true, query: "STATUS = 'F'" });
    expect(readByQueryString(q('VENDOR', { op: 'in', field: 'STATUS', values: ['active'] }))).toEqual({ ok: true, query: "STATUS IN ('T')" });
    expect(readByQueryString(q('AUDITHISTORY', { op: 'equalto', field: 'ACCESSMODE', value: 'D' }))).toEqual({ ok: true, query: "ACCESSMODE = 'Delete'" });
    expect(readByQueryString(q('APBILL', { op: 'equalto', field: 'STATE', value: 'Posted' }))).toEqual({ ok: true, query: "STATE = 'A'" });
    expect(readByQueryString(q('ARPYMT', { op: 'in', field: 'RECORDTYPE', values: ['rp', 'rr'] }))).toEqual({ ok: true, query: "RECORDTYPE IN ('rp', 'rr')" });
  });

  test('a field not known to read the same in both languages stays with query (a boolean, an enumeration, a user check\'s own field)', () => {
    for (const [object, field, value] of [['GLACCOUNT', 'REQUIREDEPT', 'true'], ['ARINVOICE', 'RECORDTYPE', 'ri'], ['AUDITHISTORY', 'SOURCE', 'api'], ['CUSTOMER', 'PROPERTY_CODE', 'X1']] as const) {
      expect([field, readByQueryString(q(object, { op: 'equalto', field, value }))]).toEqual([field, { ok: false, reason: expect.stringContaining(`${object} ${field}`) }]);
    }
  });

  test('left to query: undocumented codes, case-insensitive text, related fields, private entities’ records (showprivate)', () => {
    const privately = q('CUSTOMER', { op: 'equalto', field: 'STATUS', value: 'inactive' }, { showPrivate: true });
    expect(readByQueryString(privately, { entities: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/showprivate/) });
    // A company without entities has no private records: showprivate (set on every top-level read) changes nothing.
    expect(readByQueryString(privately)).toEqual({ ok: true, query: "STATUS = 'F'" });
    expect(readByQueryString(q('ARINVOICE', { op: 'equalto', field: 'STATE', value: 'Reversed' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/ARINVOICE STATE/) });
    expect(readByQueryString(q('APBILL', { op: 'notequalto', field: 'STATE', value: 'Reversal' }))).toMatchObject({ ok: false });
    expect(readByQueryString(q('CUSTOMER', { op: 'equalto', field: 'STATUS', value: 'T' }))).toMatchObject({ ok: false });
    expect(readByQueryString(q('GLDETAIL', undefined, { caseInsensitive: true }))).toMatchObject({ ok: false, reason: expect.stringMatching(/case/) });
    expect(readByQueryString(q('GLDETAIL', undefined, { select: ['RECORDNO', 'JOURNAL.SYMBOL'] }))).toMatchObject({ ok: false, reason: expect.stringMatching(/JOURNAL\.SYMBOL/) });
    expect(readByQueryString(q('GLDETAIL', { op: 'equalto', field: 'JOURNAL.SYMBOL', value: 'GJ' }))).toMatchObject({ ok: false });
  });
});

test('the sandbox finds the same records both ways for the record sets the checks page through', async () => {
  const sb = await startSandbox({ company: generateCompany({ invoices: 5_000, seed: 3 }) });
  const client = new IntacctClient({ endpoint: sb.endpoint, credentials: sb.credentials });
  try {
    const window: Filter = { or: [{ op: 'greaterthanorequalto', field: 'WHENCREATED', value: '01/01/2018' }, { op: 'notequalto', field: 'TOTALDUE', value: '0' }] };
    const sets: QueryFunction[] = [
      q('ARINVOICE', { and: [window, { op: 'isnotnull', field: 'SUPDOCID' }] }),
      q('APBILL', { and: [window, { and: [{ op: 'isnotnull', field: 'CURRENCY' }, { op: 'notequalto', field: 'CURRENCY', value: 'NZD' }] }] }),
      q('CUSTOMER', { op: 'equalto', field: 'STATUS', value: 'inactive' }, { select: ['RECORDNO', 'CUSTOMERID'] }),
      q('VENDOR', { op: 'equalto', field: 'STATUS', value: 'active' }, { select: ['RECORDNO', 'VENDORID'] }),
      q('ARPYMT', { and: [{ op: 'in', field: 'RECORDTYPE', values: ['rp', 'rr'] }, { op: 'notequalto', field: 'TOTALDUE', value: '0' }] }),
      q('AUDITHISTORY', { and: [{ op: 'equalto', field: 'ACCESSMODE', value: 'D' }, { op: 'in', field: 'OBJECTTYPE', values: ['customer', 'vendor'] }] }, { select: ['OBJECTKEY', 'ACCESSTIME'] }),
    ];
    for (const fn of sets) {
      const translated = readByQueryString(fn);
      if (!translated.ok) throw new Error(translated.reason);
      const byQuery: string[] = [];
      for await (const page of client.paginate({ ...fn, pageSize: 2000 })) for (const r of page.records) byQuery.push(JSON.stringify(r));
      const byCursor: string[] = [];
      for await (const page of client.paginate({ function: 'readByQuery', object: fn.object, fields: fn.select, query: translated.query, pageSize: 1000 })) {
        for (const r of page.records) byCursor.push(JSON.stringify({ ...r, $element: fn.object }));
      }
      expect(byQuery.length).toBeGreaterThan(0);
      expect([...byCursor].sort()).toEqual([...byQuery].sort());
    }
  } finally {
    await client.close();
    await sb.close();
  }
}, 60_000);
