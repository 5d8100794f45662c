/**
 * The example user check shipped in examples/user-checks runs next to the built-in checks through
 * the real command line, and reaches its verdict from what the sandbox company really holds.
 */
import { describe, expect, it } from '@jest/globals';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCompany } from '../../src/sandbox/companies.js';
import { run } from './helpers.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/user-checks');

describe('examples/user-checks', () => {
  it('the draft-invoice example runs with --checks-dir and counts the demo company’s draft invoices', async () => {
    const demo = loadCompany('demo');
    const drafts = demo.objects.ARINVOICE!.records.filter((r) => r.STATE === 'Draft' && Number(r.WHENCREATED!.slice(6)) >= 2018);
    expect(drafts.length).toBeGreaterThan(0); // the demo must give the example something to find

    const r = await run(['audit', '--demo', '--checks-dir', EXAMPLES, '--format', 'json', '--out', '-', '--quiet']);
    expect(r.code).toBe(1); // the demo's blockers still fail; the example is info only
    const report = JSON.parse(r.stdout) as { checks: { id: string; status: string; origin: string; affected?: { count: number; sample: { RECORDID: string }[] } }[] };
    const example = report.checks.find((c) => c.id === 'example.draft-ar-invoices')!;
    expect(example).toMatchObject({ status: 'fail', origin: EXAMPLES });
    expect(example.affected!.count).toBe(drafts.length);
    expect(example.affected!.sample.map((s) => s.RECORDID).sort()).toEqual(drafts.map((d) => d.RECORDID).sort());
  });
});
