/**
 * The example user check shipped in examples/user-checks runs next to the built-in checks through
 * the real command line, built with the public check kit exactly as a project that depends on
 * intacct-preflight would build it, and reaches its verdict from what the sandbox company holds.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCompany } from '../../src/sandbox/companies.js';
import { run } from './helpers.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/user-checks');
const EXAMPLE = resolve(EXAMPLES, 'ar.draft-invoices.mjs');

interface Report {
  checks: {
    id: string;
    status: string;
    summary: string;
    origin: string;
    evidence: { source: string; object?: string; observed: unknown; note?: string }[];
    affected?: { count: number; keyField: string; objectField?: string; sample: { OBJECT: string; RECORDNO: string; RECORDID: string }[] };
  }[];
}

describe('examples/user-checks', () => {
  it('the draft-invoice example runs with --checks-dir and counts the demo company’s draft invoices in the sync window', async () => {
    const demo = loadCompany('demo');
    // The sync window of the built-in checks: created on or after 2018-01-01 (the default), or still open.
    const drafts = demo.objects.ARINVOICE!.records.filter(
      (r) => r.STATE === 'Draft' && (Number(r.WHENCREATED!.slice(6)) >= 2018 || Number(r.TOTALDUE) !== 0),
    );
    expect(drafts.length).toBeGreaterThan(0); // the demo must give the example something to find

    const r = await run(['audit', '--demo', '--checks-dir', EXAMPLES, '--format', 'json', '--out', '-', '--quiet']);
    expect(r.code).toBe(1); // the demo's blockers still fail; the example is info only
    const report = JSON.parse(r.stdout) as Report;
    const example = report.checks.find((c) => c.id === 'example.draft-ar-invoices')!;
    expect(example).toMatchObject({ status: 'fail', origin: EXAMPLES, summary: `${drafts.length} AR invoices are still in draft.` });
    expect(example.affected!.count).toBe(drafts.length);
    expect(example.affected!.sample.map((s) => s.RECORDID).sort()).toEqual(drafts.map((d) => d.RECORDID).sort());
    // Keyed as waivers and baselines key records: ARINVOICE:<RECORDNO>.
    expect(example.affected).toMatchObject({ keyField: 'RECORDNO', objectField: 'OBJECT' });
    expect(example.affected!.sample.every((s) => s.OBJECT === 'ARINVOICE')).toBe(true);
    // The evidence says what was asked of Intacct: the kit's sync window and the example's condition.
    expect(example.evidence).toEqual([
      {
        source: 'query',
        object: 'ARINVOICE',
        observed: drafts.length,
        note: 'filter: (WHENCREATED >= 01/01/2018 OR TOTALDUE != 0) AND STATE = Draft; AR invoices in Draft state',
      },
    ]);
  });

  it('is built only with the public check kit, imported by package name as a user project imports it', () => {
    const source = readFileSync(EXAMPLE, 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['intacct-preflight/kit']);
    // No fact key or date format of its own: the kit builds both.
    expect(source).not.toMatch(/key:|\/\$\{year\}|split\('-'\)/);
  });
});
