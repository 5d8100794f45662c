/**
 * The check kit: one failure policy for every check (by kind of failure, with a hint a person can
 * act on), built-in checks built only with the kit as a user check would be, twin checks defined
 * once, and data checks that keep their queries as data, so every matching record can be read
 * again with the very query the check sent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { checks } from '../../checks/index.js';
import { runAuditWithFacts } from '../../src/audit/audit.js';
import { evaluateCheck } from '../../src/evaluate/evaluate.js';
import { prepareChecks } from '../../src/plan/checks.js';
import { recordSample } from '../../src/facts/index.js';
import { FactStore } from '../../src/gather/store.js';
import { IntacctClient } from '../../src/intacct/client.js';
import * as library from '../../src/index.js';
import * as kit from '../../src/kit/index.js';
import { cannotRead, dataCheck, defineCheck, facts, isDataCheck, read, type CheckContext, type CheckOutcome, type FactErrorKind, type FactNeed, type FactResult, type SampleRecord } from '../../src/kit/index.js';
import { generateCompany } from '../../src/sandbox/generate.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { context } from './helpers.js';

const META = {
  id: 'acme.kit-probe',
  title: 'A check built with the kit',
  severity: 'warning' as const,
  category: 'acme',
  why: 'It exists to show what the engine does with a failed read.',
  remediation: ['Nothing to do.'],
  docs: [{ title: 'Docs', url: 'https://example.com/docs' }],
  version: 1,
};
const INVOICES = recordSample({ object: 'ARINVOICE', fields: ['RECORDNO'] });

/** Evaluates a kit-built check whose one need failed as given, as the engine does in an audit. */
function outcomeOf(need: FactNeed, result: FactResult): CheckOutcome {
  const check = defineCheck({ meta: META, needs: () => ({ invoices: need }), evaluate: () => ({ status: 'pass', summary: 'read', evidence: [] }) });
  const ctx = context();
  const [prepared] = prepareChecks([check], ctx);
  const store = new FactStore();
  store.set({ key: need.fact.key, result });
  return evaluateCheck(prepared!, store, ctx).outcome;
}

const failure = (kind: FactErrorKind, message: string, errorno?: string): FactResult => ({
  ok: false,
  error: { kind, message, ...(errorno ? { errorno } : {}) },
  request: { function: 'query', object: 'ARINVOICE' },
});

describe('one failure policy, by kind of failure', () => {
  test.each<[FactErrorKind, string, string]>([
    [
      'permission',
      'no permission: query ARINVOICE was refused (Permission denied)',
      'Could not be evaluated: could not read AR invoices: the Web Services user has no permission for query ARINVOICE (BL34000061). Grant the Web Services user List and View on ARINVOICE (Company > Admin > Users, or Roles), then run the audit again.',
    ],
    [
      'not-subscribed',
      'not subscribed or switched off: query ARINVOICE (module off)',
      'Could not be evaluated: could not read AR invoices: the module or feature behind query ARINVOICE is not enabled. The module or feature behind it is not enabled in this company; if Re-Leased relies on it, enable it and run the audit again.',
    ],
    [
      'unknown-object',
      'unknown object or field: query ARINVOICE (no such field)',
      'Could not be evaluated: could not read AR invoices: unknown object or field: query ARINVOICE (no such field). Check that the module ARINVOICE belongs to is subscribed, and that the fields asked for exist in this company.',
    ],
    [
      'transport',
      'query ARINVOICE could not be completed: HTTP 503 after 3 attempts',
      'Could not be evaluated: could not read AR invoices: query ARINVOICE could not be completed: HTTP 503 after 3 attempts. Run the audit again; if this read keeps failing, raise --timeout.',
    ],
    // The gateway's own correction is already in a function error; a dependency's failure says why.
    ['function', 'query ARINVOICE failed: BL01 — Bad query — Correct the filter', 'Could not be evaluated: could not read AR invoices: query ARINVOICE failed: BL01 — Bad query — Correct the filter'],
    ['not-gathered', 'query ARINVOICE was not read: getFinancialSetup failed', 'Could not be evaluated: could not read AR invoices: query ARINVOICE was not read: getFinancialSetup failed'],
    ['connection', 'query ARINVOICE at entity E2: no session: refused', 'Could not be evaluated: could not read AR invoices: query ARINVOICE at entity E2: no session: refused'],
  ])('%s: error, naming the read, the reason and what to do; the full text stays in the evidence', (kind, message, summary) => {
    const out = outcomeOf(read(INVOICES, 'AR invoices'), failure(kind, message, kind === 'permission' ? 'BL34000061' : undefined));
    expect(out).toEqual({ status: 'error', summary, evidence: [{ source: 'query', object: 'ARINVOICE', observed: null, note: message }] });
  });

  test('a need may make a kind of failure manual, with its own hint; never without a session', () => {
    const need = read(INVOICES, 'AR invoices', { onFailure: { permission: { status: 'manual', hint: 'Ask the administrator\nfor List on invoices.' } } });
    const denied = outcomeOf(need, failure('permission', 'no permission: query ARINVOICE was refused', 'BL1'));
    expect(denied.status).toBe('manual');
    expect(denied.summary).toBe('Needs a person to confirm: could not read AR invoices: the Web Services user has no permission for query ARINVOICE (BL1). Ask the administrator for List on invoices.');
    // Other kinds keep the default: error.
    expect(outcomeOf(need, failure('transport', 'timed out')).status).toBe('error');
    expect(outcomeOf(read(INVOICES, 'AR invoices', { onError: 'manual' }), failure('connection', 'no session')).status).toBe('error');
  });

  test('a check judging a failure itself reports it in the same words as the engine', () => {
    const failed = failure('permission', 'no permission: query ARINVOICE was refused', 'BL1') as Extract<FactResult, { ok: false }>;
    expect(cannotRead(failed, 'AR invoices')).toEqual(outcomeOf(read(INVOICES, 'AR invoices'), failed));
  });

  test('a need that does not describe itself is summarised by the read’s own message, as before the kit', () => {
    expect(outcomeOf({ fact: INVOICES }, failure('permission', 'no permission: query ARINVOICE was refused')).summary).toBe(
      'Could not be evaluated: no permission: query ARINVOICE was refused',
    );
  });
});

describe('the built-in checks are built as a user check is', () => {
  // A twin decides as the check it names: defined once, with its own parameters and metadata.
  const TWINS: Record<string, string> = {
    'ap.account-labels-disabled': './ar.account-labels-disabled.js',
    'ap.vendor-id-sequence': './ar.customer-id-sequence.js',
    'po.subtotal-dimensions-from-lines': './so.subtotal-dimensions-from-lines.js',
  };

  test.each(checks.map((c) => c.meta.id))('%s imports only the check kit (and the twin it decides like)', (id) => {
    const source = readFileSync(new URL(`../../checks/${id}.ts`, import.meta.url), 'utf8');
    const imports = [...source.matchAll(/\bfrom '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['../src/kit/index.js', ...(TWINS[id] ? [TWINS[id]] : [])]);
  });

  test('checks/ holds the check modules, the registry and the settings catalog: no private library', () => {
    const entries = readdirSync(new URL('../../checks/', import.meta.url)).sort();
    expect(entries).toEqual([...checks.map((c) => `${c.meta.id}.ts`), 'index.ts', 'settings-catalog.json'].sort());
  });
});

describe('a data check keeps its queries as data', () => {
  const DATA_CHECKS = [
    'accounts.required-dimensions',
    'contacts.deleted-contacts',
    'contacts.inactive-contacts',
    'currency.foreign-currency-contacts',
    'currency.foreign-currency-transactions',
    'payments.journal-entry-payments',
    'payments.unapplied-credits',
    'transactions.attachments',
    'transactions.deleted-invoices',
    'transactions.negative-invoices',
    'transactions.reversed-invoices',
  ];

  test('the built-in data checks are data checks, and each record set is read with its own query', () => {
    expect(checks.filter(isDataCheck).map((c) => c.meta.id)).toEqual(DATA_CHECKS);
    const ctx = context({ syncFrom: '2021-07-01' });
    for (const c of checks.filter(isDataCheck)) {
      const needs = c.needs({ ...ctx, options: c.meta.options?.defaults ?? {} });
      for (const set of c.records({ ...ctx, options: c.meta.options?.defaults ?? {} })) {
        expect([c.meta.id, needs[set.name]!.fact.key]).toEqual([c.meta.id, recordSample(set.query).key]);
      }
    }
  });

  test('paging through the query a check sent gives every record it counted, in the check’s own columns', async () => {
    const sandbox = await startSandbox({ company: generateCompany({ invoices: 3000, seed: 11 }) });
    const client = new IntacctClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials });
    try {
      const run = await runAuditWithFacts({ connection: { endpoint: sandbox.endpoint, credentials: sandbox.credentials }, checks: ['currency.foreign-currency-transactions'] });
      const check = checks.find((c) => c.meta.id === 'currency.foreign-currency-transactions')!;
      if (!isDataCheck(check)) throw new Error('not a data check');
      const result = run.result.checks.find((c) => c.id === check.meta.id)!;
      expect(result.affected!.count).toBeGreaterThan(25); // more than the sample, or this proves nothing

      const ctx: CheckContext = { syncFrom: run.result.run.syncFrom, catalog: run.catalog, integration: run.integration, options: {}, ...run.context };
      const needs = check.needs(ctx);
      const others = Object.fromEntries(Object.entries(needs).map(([name, need]) => [name, run.store.get(need.fact.key)!]));
      await client.connect();
      const rows: SampleRecord[] = [];
      for (const set of check.records(ctx)) {
        const fact = run.store.get(needs[set.name]!.fact.key)!;
        // The query exactly as sent, the foreign-currency filter resolved from the base currencies read first.
        const sent = fact.request.sent!;
        expect(sent).toMatchObject({ function: 'query', object: set.query.object, orderBy: set.query.orderBy });
        expect(JSON.stringify(sent)).toContain('notequalto');
        if (sent.function !== 'query') throw new Error('not a query');
        for await (const page of client.paginate({ ...sent, pageSize: 2000 })) {
          for (const rec of page.records) {
            const raw: SampleRecord = Object.fromEntries(set.query.fields.map((f) => [f, rec[f] === undefined || rec[f] === '' ? null : String(rec[f])]));
            const own = set.row ? set.row(raw) : raw;
            rows.push(check.row ? check.row(own, others as never, ctx) : own);
          }
        }
      }
      expect(rows).toHaveLength(result.affected!.count);
      const key = (r: SampleRecord) => `${r[check.sample.objectField!]}:${r[check.sample.keyField]}`;
      const all = new Map(rows.map((r) => [key(r), r]));
      for (const s of result.affected!.sample) expect(Object.fromEntries(check.sample.columns.map((c) => [c, all.get(key(s))?.[c] ?? null]))).toEqual(s);
    } finally {
      await client.close();
      await sandbox.close();
    }
  }, 60000);

  test('a user data check gets the same: its definition stays on the check', () => {
    const user = dataCheck({
      meta: { ...META, id: 'acme.big-invoices' },
      records: (ctx) => [
        {
          name: 'big',
          what: 'large AR invoices',
          query: { object: 'ARINVOICE', filter: facts.and({ op: 'greaterthan', field: 'TOTALENTERED', value: '100000' }, facts.syncWindowFilter(ctx.syncFrom, { dateField: 'WHENCREATED' })), fields: ['RECORDNO', 'TOTALENTERED'] },
        },
      ],
      sample: { columns: ['RECORDNO', 'TOTALENTERED'], keyField: 'RECORDNO' },
      found: (n) => `${n} large invoices`,
      clean: 'none',
    });
    expect(isDataCheck(user)).toBe(true);
    expect(user.records(context())[0]!.query.object).toBe('ARINVOICE');
    expect(Object.keys(user.needs(context()))).toEqual(['big']);
  });
});

describe('the package exports the kit', () => {
  test('intacct-preflight (and intacct-preflight/kit) hand out the same kit, the fact catalogue included', () => {
    for (const name of ['defineCheck', 'read', 'dataCheck', 'settingCheck', 'transactions', 'contacts', 'deletions', 'cannotRead', 'docs', 'facts'] as const) {
      expect([name, library[name]]).toEqual([name, kit[name]]);
    }
    expect(library.facts.recordSample).toBe(recordSample);
  });
});

describe("the kit's words", () => {
  test('formatCount writes a count with thousands separators, as the summaries print it', () => {
    expect([0, 7, 999, 1000, 25_000, 340_512, 1_000_000, -1234].map(kit.formatCount)).toEqual(['0', '7', '999', '1,000', '25,000', '340,512', '1,000,000', '-1,234']);
    // Not a whole number: as English writes it too (rare in a count).
    expect(kit.formatCount(1234.5)).toBe('1,234.5');
  });
});
