import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckStatus, Severity } from '../../src/model/check.js';
import type { FailOn } from '../../src/assemble/gate.js';
import type { AuditResult, CheckResult } from '../../src/model/result.js';
import {
  BaselineError,
  compareReportFiles,
  compareResults,
  failOnNewExitCode,
  loadBaseline,
} from '../../src/history/baseline.js';
import type { CheckChange } from '../../src/history/comparison-model.js';
import { customers, later, makeCheck, makeResult } from './results.js';

function changeOf(previous: CheckResult[], current: CheckResult[], id: string, prevPartial: Partial<AuditResult> = {}): CheckChange {
  const comparison = compareResults(makeResult(previous, prevPartial), later(makeResult(current)));
  const change = comparison.checks.find((c) => c.id === id);
  if (!change) throw new Error(`no change for ${id}`);
  return change;
}

describe('compareResults: classification per check', () => {
  const id = 'currency.foreign-currency-contacts';

  test.each<[CheckStatus, CheckStatus]>([
    ['pass', 'fail'],
    ['pass', 'error'],
    ['not-applicable', 'manual'],
  ])('%s → %s is new and worse', (before, after) => {
    const change = changeOf([makeCheck({ id, status: before })], [makeCheck({ id, status: after })], id);
    expect(change).toMatchObject({ change: 'new', worse: true, better: false, statusBefore: before, statusAfter: after });
  });

  test('a failing check absent from the baseline is new', () => {
    const change = changeOf([], [makeCheck({ id, status: 'fail' })], id);
    expect(change).toMatchObject({ change: 'new', worse: true });
    expect(change.statusBefore).toBeUndefined();
    expect(change.records).toBeUndefined(); // it did not look before: nothing "appeared"
  });

  test('a passing check absent from the baseline is added, not new', () => {
    const change = changeOf([], [makeCheck({ id, status: 'pass' })], id);
    expect(change).toMatchObject({ change: 'added', worse: false });
  });

  test.each<[CheckStatus, CheckStatus]>([
    ['fail', 'pass'],
    ['error', 'pass'],
    ['manual', 'not-applicable'],
  ])('%s → %s is resolved and better', (before, after) => {
    const change = changeOf([makeCheck({ id, status: before })], [makeCheck({ id, status: after })], id);
    expect(change).toMatchObject({ change: 'resolved', worse: false, better: true });
  });

  test('same status, same count, same records: unchanged', () => {
    const a = makeCheck({ id, status: 'fail', affected: customers([1, 2, 3]) });
    const change = changeOf([a], [structuredClone(a)], id);
    expect(change).toMatchObject({ change: 'unchanged', worse: false, better: false, countBefore: 3, countAfter: 3 });
    expect(change.records).toMatchObject({ comparable: true, added: [], removed: [] });
  });

  test('a passing check that still passes is unchanged', () => {
    expect(changeOf([makeCheck({ id, status: 'pass' })], [makeCheck({ id, status: 'pass' })], id).change).toBe('unchanged');
  });

  test('count grew with new records: changed and worse, with the records that appeared', () => {
    const change = changeOf(
      [makeCheck({ id, status: 'fail', affected: customers([1, 2]) })],
      [makeCheck({ id, status: 'fail', affected: customers([1, 2, 7]) })],
      id,
    );
    expect(change).toMatchObject({ change: 'changed', worse: true, better: false, countBefore: 2, countAfter: 3 });
    expect(change.records!.added.map((r) => r.key)).toEqual(['CUSTOMER:C-7']);
    expect(change.records!.added[0]!.record).toMatchObject({ NAME: 'Tenant 7 Ltd' });
    expect(change.records!.removed).toEqual([]);
    expect(change.records).toMatchObject({ sampleCapped: false, addedCertain: true, removedCertain: true });
  });

  test('count shrank and records disappeared: changed and better', () => {
    const change = changeOf(
      [makeCheck({ id, status: 'fail', affected: customers([1, 2, 3]) })],
      [makeCheck({ id, status: 'fail', affected: customers([1]) })],
      id,
    );
    expect(change).toMatchObject({ change: 'changed', worse: false, better: true, countBefore: 3, countAfter: 1 });
    expect(change.records!.removed.map((r) => r.key)).toEqual(['CUSTOMER:C-2', 'CUSTOMER:C-3']);
  });

  test('same count but one record replaced by another: changed and worse (a record appeared)', () => {
    const change = changeOf(
      [makeCheck({ id, status: 'fail', affected: customers([1, 2]) })],
      [makeCheck({ id, status: 'fail', affected: customers([1, 9]) })],
      id,
    );
    expect(change).toMatchObject({ change: 'changed', worse: true });
    expect(change.records!.added.map((r) => r.key)).toEqual(['CUSTOMER:C-9']);
    expect(change.records!.removed.map((r) => r.key)).toEqual(['CUSTOMER:C-2']);
  });

  test('capped samples: records are compared among the samples only and say so; a same-count swap is not "worse"', () => {
    const change = changeOf(
      [makeCheck({ id, status: 'fail', affected: customers([1, 2, 3], { count: 40 }) })],
      [makeCheck({ id, status: 'fail', affected: customers([1, 2, 4], { count: 40 }) })],
      id,
    );
    expect(change.change).toBe('changed');
    expect(change.worse).toBe(false); // C-4 may simply have been outside the previous sample
    expect(change.records).toMatchObject({ comparable: true, sampleCapped: true, addedCertain: false, removedCertain: false });
    expect(change.records!.note).toMatch(/sampled records only \(previous 3 of 40, current 3 of 40\)/);
  });

  test('capped samples with a growing count are worse because of the count', () => {
    const change = changeOf(
      [makeCheck({ id, status: 'fail', affected: customers([1, 2], { count: 40 }) })],
      [makeCheck({ id, status: 'fail', affected: customers([1, 2], { count: 41 }) })],
      id,
    );
    expect(change).toMatchObject({ change: 'changed', worse: true, countBefore: 40, countAfter: 41 });
  });

  test('mixed-object samples are keyed by the object field + key field', () => {
    const affected = (rows: [string, string][]) => ({
      count: rows.length,
      sample: rows.map(([obj, rec]) => ({ OBJECT: obj, RECORDNO: rec, TOTALENTERED: '-10' })),
      columns: ['OBJECT', 'RECORDNO'],
      objectField: 'OBJECT',
      keyField: 'RECORDNO',
    });
    const change = changeOf(
      [makeCheck({ id: 'transactions.negative-invoices', status: 'fail', affected: affected([['ARINVOICE', '10'], ['APBILL', '10']]) })],
      [makeCheck({ id: 'transactions.negative-invoices', status: 'fail', affected: affected([['arinvoice', '10'], ['APBILL', '11']]) })],
      'transactions.negative-invoices',
    );
    expect(change.records!.added.map((r) => r.key)).toEqual(['APBILL:11']);
    expect(change.records!.removed.map((r) => r.key)).toEqual(['APBILL:10']);
  });

  test.each<[CheckStatus, CheckStatus, boolean]>([
    ['error', 'fail', true],
    ['manual', 'fail', true],
    ['fail', 'error', false],
    ['error', 'manual', false],
  ])('status moving %s → %s among problems is changed (worse: %s)', (before, after, worse) => {
    const change = changeOf([makeCheck({ id, status: before })], [makeCheck({ id, status: after })], id);
    expect(change).toMatchObject({ change: 'changed', worse });
  });

  test('pass → not-applicable is changed but not worse', () => {
    const change = changeOf([makeCheck({ id, status: 'pass' })], [makeCheck({ id, status: 'not-applicable' })], id);
    expect(change).toMatchObject({ change: 'changed', worse: false, better: false });
  });

  test('a newly failing data check lists every sampled record as appeared (nothing matched before)', () => {
    const change = changeOf(
      [makeCheck({ id, status: 'pass', affected: customers([]) })],
      [makeCheck({ id, status: 'fail', affected: customers([5, 6]) })],
      id,
    );
    expect(change.change).toBe('new');
    expect(change.records!.added.map((r) => r.key)).toEqual(['CUSTOMER:C-5', 'CUSTOMER:C-6']);
  });

  test('records cannot be compared when the check could not read them on one side', () => {
    const change = changeOf(
      [makeCheck({ id, status: 'error' })],
      [makeCheck({ id, status: 'fail', affected: customers([5]) })],
      id,
    );
    expect(change.records).toMatchObject({ comparable: false, reason: expect.stringMatching(/could not read/) });
  });

  test('records keyed by a redacted field are not compared between a redacted and a plain report', () => {
    const comparison = compareResults(
      makeResult([makeCheck({ id, status: 'fail', affected: customers([1]) })]),
      later(makeResult([makeCheck({ id, status: 'fail', affected: customers([1]) })], { redacted: true })),
    );
    expect(comparison.checks[0]!.records).toMatchObject({ comparable: false, reason: expect.stringMatching(/redacted/) });
    expect(comparison.notes.join(' ')).toMatch(/Only one of the reports is redacted/);
  });

  test('two redacted reports: pseudonyms never match, so records are not compared and equal counts are not worse', () => {
    const comparison = compareResults(
      makeResult([makeCheck({ id, status: 'fail', affected: customers([1, 2]) })], { redacted: true }),
      later(makeResult([makeCheck({ id, status: 'fail', affected: customers([3, 4]) })], { redacted: true })),
    );
    const change = comparison.checks[0]!;
    expect(change.records).toMatchObject({ comparable: false, reason: expect.stringMatching(/both reports are redacted/) });
    expect(change).toMatchObject({ change: 'unchanged', worse: false });
    expect(comparison.notes.join(' ')).toMatch(/only counts are compared/);
  });

  test('a check of the baseline that is not in the current run is removed, saying why', () => {
    const comparison = compareResults(
      makeResult([makeCheck({ id, status: 'fail' }), makeCheck({ id: 'ar.customer-refunds', status: 'pass' })]),
      later(
        makeResult([makeCheck({ id: 'ar.customer-refunds', status: 'pass' })], {
          notRun: [{ id, title: 't', severity: 'warning', reason: 'left out with --skip' }],
        }),
      ),
    );
    const change = comparison.checks.find((c) => c.id === id)!;
    expect(change).toMatchObject({ change: 'removed', worse: false, statusBefore: 'fail' });
    expect(change.notes[0]).toMatch(/not run in this audit \(left out with --skip\)/);
  });

  test('notes say when the check logic version, waiver or severity changed', () => {
    const change = changeOf(
      [makeCheck({ id, status: 'fail', checkVersion: 1, severity: 'warning' })],
      [makeCheck({ id, status: 'fail', checkVersion: 2, severity: 'blocker', waived: true })],
      id,
    );
    expect(change.notes).toEqual(expect.arrayContaining([expect.stringMatching(/version 1 → 2/), 'now waived', 'severity warning → blocker']));
  });

  test('the comparison counts each kind, orders the urgent first, and tracks the verdict', () => {
    const previous = makeResult([
      makeCheck({ id: 'a.resolved', status: 'fail' }),
      makeCheck({ id: 'b.unchanged', status: 'pass' }),
      makeCheck({ id: 'c.worse', status: 'fail', affected: customers([1]) }),
      makeCheck({ id: 'd.new', status: 'pass', severity: 'info' }),
      makeCheck({ id: 'e.blocker-new', status: 'pass', severity: 'blocker' }),
    ]);
    const current = later(
      makeResult([
        makeCheck({ id: 'a.resolved', status: 'pass' }),
        makeCheck({ id: 'b.unchanged', status: 'pass' }),
        makeCheck({ id: 'c.worse', status: 'fail', affected: customers([1, 2]) }),
        makeCheck({ id: 'd.new', status: 'fail', severity: 'info' }),
        makeCheck({ id: 'e.blocker-new', status: 'fail', severity: 'blocker' }),
      ]),
    );
    const comparison = compareResults(previous, current);
    expect(comparison.checks.map((c) => c.id)).toEqual(['e.blocker-new', 'd.new', 'c.worse', 'a.resolved', 'b.unchanged']);
    expect(comparison.counts).toMatchObject({ new: 2, resolved: 1, changed: 1, unchanged: 1, added: 0, removed: 0, worse: 3, better: 1 });
    expect(comparison.verdict).toEqual({ before: 'ready', after: 'not-ready', changed: true });
  });

  test('run-level notes: sync window and tool version differ, OLD and NEW swapped', () => {
    const previous = later(makeResult([], { tool: { name: 'intacct-preflight', version: '0.1.0' } }));
    const current = makeResult([], {
      tool: { name: 'intacct-preflight', version: '0.2.0' },
      run: { ...makeResult([]).run, syncFrom: '2024-01-01' },
    });
    const notes = compareResults(previous, current).notes.join('\n');
    expect(notes).toMatch(/sync window differs \(from 2023-07-01 before, 2024-01-01 now\)/);
    expect(notes).toMatch(/tool version differs \(0\.1\.0 before, 0\.2\.0 now\)/);
    expect(notes).toMatch(/other way round/);
  });
});

describe('baseline input validation', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'history-baseline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a report of another company is refused with one line naming both, unless allowed', () => {
    const previous = makeResult([], { company: { id: 'other-co' } });
    const current = makeResult([], { company: { id: 'harbour-property', entityId: 'NZ01' } });
    let error: unknown;
    try {
      compareResults(previous, current);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BaselineError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/company other-co \(top level\).*company harbour-property, entity NZ01/);
    expect((error as BaselineError).kind).toBe('usage');
    expect(() => compareResults(previous, current, { allowOtherCompany: true })).not.toThrow();
  });

  test('company ids compare case-insensitively (Intacct does)', () => {
    expect(() => compareResults(makeResult([], { company: { id: 'Harbour-Property' } }), makeResult([]))).not.toThrow();
  });

  test('loadBaseline reads a valid report file of the same company', () => {
    const previous = makeResult([makeCheck({ id: 'x.y', status: 'fail' })]);
    const file = join(dir, 'previous.json');
    writeFileSync(file, JSON.stringify(previous));
    expect(loadBaseline(file, later(previous))).toEqual(previous);
  });

  test('loadBaseline refuses a file that is not a valid report, in one line', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ ...makeResult([]), verdict: 'maybe' }));
    expect(() => loadBaseline(file, makeResult([]))).toThrow(/not a valid intacct-preflight report: \/verdict/);
    const missing = join(dir, 'nope.json');
    expect(() => loadBaseline(missing, makeResult([]))).toThrow(/no such file/);
  });

  test('loadBaseline refuses a report of another company', () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, JSON.stringify(makeResult([], { company: { id: 'other-co' } })));
    expect(() => loadBaseline(file, makeResult([]))).toThrow(BaselineError);
    expect(loadBaseline(file, makeResult([]), { allowOtherCompany: true }).company.id).toBe('other-co');
  });

  test('compareReportFiles compares two saved reports', () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, JSON.stringify(makeResult([makeCheck({ id: 'x.y', status: 'pass' })])));
    writeFileSync(b, JSON.stringify(later(makeResult([makeCheck({ id: 'x.y', status: 'fail' })]))));
    expect(compareReportFiles(a, b).checks[0]).toMatchObject({ id: 'x.y', change: 'new' });
  });
});

describe('failOnNewExitCode (--fail-on-new)', () => {
  /** One check per row: its status and severity before and now. */
  function gate(
    rows: { before?: CheckStatus; after: CheckStatus; severity?: Severity; waived?: boolean; countBefore?: number; countAfter?: number }[],
    failOn: FailOn,
  ): ReturnType<typeof failOnNewExitCode> {
    const previous = makeResult(
      rows.flatMap((r, i) =>
        r.before
          ? [makeCheck({ id: `c.check-${i}`, status: r.before, severity: r.severity, ...(r.countBefore !== undefined ? { affected: customers([], { count: r.countBefore }) } : {}) })]
          : [],
      ),
    );
    const current = later(
      makeResult(
        rows.map((r, i) =>
          makeCheck({
            id: `c.check-${i}`,
            status: r.after,
            severity: r.severity,
            waived: r.waived ?? false,
            ...(r.countAfter !== undefined ? { affected: customers([], { count: r.countAfter }) } : {}),
          }),
        ),
      ),
    );
    return failOnNewExitCode(compareResults(previous, current), current, failOn);
  }

  test.each<{ name: string; rows: Parameters<typeof gate>[0]; failOn: FailOn; code: 0 | 1 | 2 }>([
    { name: 'known failure, unchanged', rows: [{ before: 'fail', after: 'fail', severity: 'blocker' }], failOn: 'blocker', code: 0 },
    { name: 'new blocker failure', rows: [{ before: 'pass', after: 'fail', severity: 'blocker' }], failOn: 'blocker', code: 1 },
    { name: 'new failure of a check the baseline did not have', rows: [{ after: 'fail', severity: 'blocker' }], failOn: 'blocker', code: 1 },
    { name: 'known blocker failure with more records', rows: [{ before: 'fail', after: 'fail', severity: 'blocker', countBefore: 3, countAfter: 5 }], failOn: 'blocker', code: 1 },
    { name: 'known blocker failure with fewer records', rows: [{ before: 'fail', after: 'fail', severity: 'blocker', countBefore: 5, countAfter: 3 }], failOn: 'blocker', code: 0 },
    { name: 'error became fail', rows: [{ before: 'error', after: 'fail', severity: 'blocker' }], failOn: 'blocker', code: 1 },
    { name: 'new warning failure (below the threshold)', rows: [{ before: 'pass', after: 'fail', severity: 'warning' }], failOn: 'blocker', code: 0 },
    { name: 'new warning failure', rows: [{ before: 'pass', after: 'fail', severity: 'warning' }], failOn: 'warning', code: 1 },
    { name: 'new info failure', rows: [{ before: 'pass', after: 'fail', severity: 'info' }], failOn: 'info', code: 1 },
    { name: 'new blocker error', rows: [{ before: 'pass', after: 'error', severity: 'blocker' }], failOn: 'blocker', code: 2 },
    { name: 'new blocker manual', rows: [{ before: 'not-applicable', after: 'manual', severity: 'blocker' }], failOn: 'blocker', code: 2 },
    { name: 'known error, unchanged', rows: [{ before: 'error', after: 'error', severity: 'blocker' }], failOn: 'blocker', code: 0 },
    { name: 'fail became error (not worse)', rows: [{ before: 'fail', after: 'error', severity: 'blocker' }], failOn: 'blocker', code: 0 },
    { name: 'new failure that is waived', rows: [{ before: 'pass', after: 'fail', severity: 'blocker', waived: true }], failOn: 'blocker', code: 0 },
    { name: 'resolved', rows: [{ before: 'fail', after: 'pass', severity: 'blocker' }], failOn: 'blocker', code: 0 },
    { name: 'new failure and new error: the failure wins', rows: [{ before: 'pass', after: 'error', severity: 'blocker' }, { before: 'pass', after: 'fail', severity: 'blocker' }], failOn: 'blocker', code: 1 },
    { name: 'new blocker failure, gate off', rows: [{ before: 'pass', after: 'fail', severity: 'blocker' }], failOn: 'never', code: 0 },
  ])('$name, --fail-on $failOn → exit $code', ({ rows, failOn, code }) => {
    expect(gate(rows, failOn).code).toBe(code);
  });

  test('the reason names the checks that decided it', () => {
    const outcome = gate([{ before: 'fail', after: 'fail', severity: 'blocker', countBefore: 3, countAfter: 5 }, { before: 'pass', after: 'fail', severity: 'blocker' }], 'blocker');
    expect(outcome.checks).toEqual(['c.check-1', 'c.check-0']);
    expect(outcome.reason).toMatch(/2 of the blockers newly failed or got worse since the baseline: c\.check-1 \(new\), c\.check-0 \(3 → 5\)/);
    const quiet = gate([{ before: 'fail', after: 'fail', severity: 'blocker' }], 'blocker');
    expect(quiet.reason).toMatch(/Nothing new or worse among the blockers since the baseline \(1 known problem unchanged\)/);
  });
});
