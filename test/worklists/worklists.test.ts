/**
 * Worklists (`audit --worklists`): every affected record of each data check that found some, in a
 * CSV file a spreadsheet opens as written, named by the reports; the same redaction and waivers as
 * the report; a user data check gets one with no code of its own; a large company is streamed in
 * flat memory; a read failing part-way leaves an honest, incomplete list; an interrupted run
 * leaves none. Everything runs the real command line (or engine) against the sandbox over HTTP.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { checks } from '../../checks/index.js';
import { isDataCheck } from '../../src/kit/index.js';
import type { AuditResult, CheckResult } from '../../src/model/result.js';
import { validateResult } from '../../src/render/schema.js';
import { runAuditWithFacts } from '../../src/audit/audit.js';
import { generateCompany } from '../../src/sandbox/generate.js';
import { loadCompany } from '../../src/sandbox/companies.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { cellText } from '../../src/worklists/csv.js';
import { run, tempDir } from '../cli/helpers.js';
import { BIN, interruptMidAudit, sandboxEnv, withSandbox, writeJson } from '../cli/sandbox-helpers.js';
import { parseCsv, readWorklist } from './csv.js';

const EXTRA = ['RECORDKEY', 'ENTITY', 'WAIVED', 'ACTION'];
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as AuditResult;
const withList = (result: AuditResult) => result.checks.filter((c): c is CheckResult & { worklist: NonNullable<CheckResult['worklist']> } => c.worklist !== undefined);

describe("the demo company's worklists", () => {
  const out = tempDir('preflight-worklists-');
  let result: AuditResult;
  beforeAll(async () => {
    const r = await run(['audit', '--demo', '--worklists', '--format', 'json,html,md', '--out', out, '--fail-on', 'never'], { cwd: out });
    if (r.code !== 0) throw new Error(`audit exited ${r.code}: ${r.stderr}`);
    result = readJson(join(out, 'report.json'));
  });

  test('one file per data check that found records, each holding every affected record; index.csv lists them', () => {
    const dataChecks = new Set(checks.filter(isDataCheck).map((c) => c.meta.id));
    const found = result.checks.filter((c) => dataChecks.has(c.id) && c.status === 'fail' && (c.affected?.count ?? 0) > 0);
    expect(found.length).toBeGreaterThanOrEqual(8);
    expect(withList(result).map((c) => c.id)).toEqual(found.map((c) => c.id));
    for (const c of withList(result)) {
      expect(c.worklist).toEqual({ file: `worklists/${c.id}.csv`, rows: c.affected!.count, complete: true });
      expect(readWorklist(join(out, c.worklist.file)).rows).toHaveLength(c.affected!.count);
    }
    expect(readdirSync(join(out, 'worklists')).sort()).toEqual([...found.map((c) => `${c.id}.csv`), 'index.csv'].sort());
    const index = readWorklist(join(out, 'worklists', 'index.csv'));
    expect(index.header).toEqual(['file', 'check', 'title', 'severity', 'rows', 'count', 'complete', 'note']);
    expect(index.rows).toEqual(
      found.map((c) => ({ file: `${c.id}.csv`, check: c.id, title: c.title, severity: c.severity, rows: String(c.affected!.count), count: String(c.affected!.count), complete: 'yes', note: '' })),
    );
    expect(result.worklists).toEqual({ folder: 'worklists', index: 'worklists/index.csv', files: found.length, rows: found.reduce((n, c) => n + c.affected!.count, 0) });
  });

  test("rows are the sample's, in its order, then the record key, the entity, the waiver and what to do", () => {
    for (const c of withList(result)) {
      const { header, rows } = readWorklist(join(out, c.worklist.file));
      expect(header).toEqual([...c.affected!.columns, ...EXTRA]);
      // The first rows are the report's sample, most recent first.
      c.affected!.sample.forEach((s, i) => expect(Object.fromEntries(c.affected!.columns.map((k) => [k, rows[i]![k]]))).toEqual(Object.fromEntries(c.affected!.columns.map((k) => [k, cellText(s[k])]))));
      for (const row of rows) {
        const object = c.affected!.objectField ? row[c.affected!.objectField]!.toUpperCase() : c.affected!.object;
        expect(row.RECORDKEY).toBe(`${object}:${row[c.affected!.keyField!]}`);
        expect(row.ACTION!.length).toBeGreaterThan(20);
      }
    }
    const contacts = readWorklist(join(out, 'worklists', 'currency.foreign-currency-contacts.csv')).rows;
    expect(contacts.map((r) => r.RECORDKEY)).toContain('CUSTOMER:HPG-T008');
    expect(contacts.find((r) => r.RECORDKEY === 'CUSTOMER:HPG-T008')!.ACTION).toMatch(/^Detach customer HPG-T008 \(Salt & Stone Bakery\) from the integration in Re-Leased .* in AUD/);
    const bills = readWorklist(join(out, 'worklists', 'transactions.negative-invoices.csv')).rows;
    expect(bills[0]!.ACTION).toMatch(/^Reverse (AR invoice|AP bill) \S+ \(it syncs as a void\)/);
  });

  test('files open in a spreadsheet as written: BOM, CRLF, RFC 4180 quoting, ISO dates, plain amounts, no formula', () => {
    for (const c of withList(result)) {
      const { text } = readWorklist(join(out, c.worklist.file));
      expect(text.startsWith('\uFEFF')).toBe(true);
      // parseCsv refuses any line end but CRLF outside a quoted field.
      for (const record of parseCsv(text).slice(1)) {
        for (const cell of record) {
          // A cell a spreadsheet would run as a formula is escaped; a negative amount stays a number.
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-\d+(\.\d+)?$/);
          expect(cell).not.toMatch(/^\d{2}\/\d{2}\/\d{4}/);
        }
      }
    }
    const inactive = readWorklist(join(out, 'worklists', 'contacts.inactive-contacts.csv'));
    const florist = inactive.rows.find((r) => r.ID === 'HPG-T012')!;
    expect(florist.NAME).toBe(`'=HYPERLINK("https://example.com/pay","Jetty Road Florist")`);
    expect(inactive.text).toContain(`,"'=HYPERLINK(""https://example.com/pay"",""Jetty Road Florist"")",`);
    expect(florist.WHENMODIFIED).toBe('2019-08-13 14:05:00');
    const credits = readWorklist(join(out, 'worklists', 'transactions.negative-invoices.csv')).rows;
    expect(credits.every((r) => /^-\d+\.\d{2}$/.test(r.TOTALENTERED!))).toBe(true);
    expect(credits.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.WHENCREATED!))).toBe(true);
  });

  test('the reports name the worklists: report.json (valid against its schema), the HTML links each relatively, the Markdown says where', () => {
    expect(validateResult(result).ok).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const c of withList(result)) expect(html).toContain(`all in <a href="worklists/${c.id}.csv">worklists/${c.id}.csv</a>`);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('### Worklists');
    expect(md).toContain('in `worklists/` beside this report (index: `worklists/index.csv`)');
    const contacts = result.checks.find((c) => c.id === 'currency.foreign-currency-contacts')!;
    expect(md).toContain(`- \`currency.foreign-currency-contacts\`: ${contacts.affected!.count} records → \`worklists/currency.foreign-currency-contacts.csv\``);
  });
});

describe('waivers and redaction apply to worklists as to the report', () => {
  test('a waived record is marked with the waiver’s reason, not left out; a check-wide waiver marks every row', async () => {
    const cwd = tempDir('preflight-worklists-');
    const config = writeJson(cwd, 'preflight.json', {
      waivers: [
        { check: 'currency.foreign-currency-contacts', records: ['customer: HPG-T008'], reason: 'Detached by hand (CHG-2291)', expires: '2099-12-31' },
        { check: 'transactions.attachments', reason: 'Documents stay in Intacct', expires: '2099-12-31' },
      ],
    });
    const r = await run(['audit', '--demo', '--config', config, '--worklists', '--format', 'json', '--out', 'out', '--fail-on', 'never'], { cwd });
    expect(r.code).toBe(0);
    const contacts = readWorklist(join(cwd, 'out', 'worklists', 'currency.foreign-currency-contacts.csv')).rows;
    expect(contacts.filter((c) => c.WAIVED !== '').map((c) => [c.RECORDKEY, c.WAIVED])).toEqual([['CUSTOMER:HPG-T008', 'Detached by hand (CHG-2291)']]);
    expect(contacts.length).toBeGreaterThan(1);
    const attachments = readWorklist(join(cwd, 'out', 'worklists', 'transactions.attachments.csv')).rows;
    expect(attachments.length).toBeGreaterThan(1);
    expect(attachments.every((a) => a.WAIVED === 'Documents stay in Intacct')).toBe(true);
  });

  test('with --redact, the worklists carry the report’s pseudonyms and none of the names or ids', async () => {
    const cwd = tempDir('preflight-worklists-');
    const r = await run(['audit', '--demo', '--redact', '--worklists', '--format', 'json', '--out', 'out', '--fail-on', 'never'], { cwd });
    expect(r.code).toBe(0);
    const result = readJson(join(cwd, 'out', 'report.json'));
    const contacts = result.checks.find((c) => c.id === 'currency.foreign-currency-contacts')!;
    const rows = readWorklist(join(cwd, 'out', contacts.worklist!.file)).rows;
    // The same pseudonyms as the report's sample, in the row, its key and its action.
    expect(rows.map((x) => [x.ID, x.NAME])).toEqual(contacts.affected!.sample.map((s) => [s.ID, s.NAME]));
    for (const row of rows) {
      expect(row.ID).toMatch(/^(CUST|VEND)-[0-9a-f]{6,}$/);
      expect(row.RECORDKEY).toBe(`${row.OBJECT}:${row.ID}`);
      expect(row.ACTION).toContain(row.ID);
    }
    const demo = loadCompany('demo').objects as Record<string, { records?: Record<string, unknown>[] }>;
    const names = [...(demo.CUSTOMER?.records ?? []), ...(demo.VENDOR?.records ?? [])].flatMap((x) => [String(x.CUSTOMERID ?? x.VENDORID), String(x.NAME)]);
    const files = readdirSync(join(cwd, 'out', 'worklists')).map((f) => readFileSync(join(cwd, 'out', 'worklists', f), 'utf8'));
    const leaks = names.filter((n) => files.some((t) => t.includes(n) || t.includes(n.replace(/"/g, '""'))));
    expect(leaks).toEqual([]);
  });
});

test('at the top level of a multi-entity company (showprivate on), readByQuery would not see a private entity’s records: every such set goes straight to query pages and its list is whole', async () => {
  const sb = await startSandbox({ company: loadCompany('multi-entity') });
  const dir = tempDir('preflight-worklists-');
  try {
    const connection = { endpoint: sb.endpoint, credentials: sb.credentials };
    const audit = await runAuditWithFacts({ connection, checks: ['contacts.deleted-contacts', 'currency.foreign-currency-contacts'], worklists: { dir } });
    await audit.worklists!.commit();
    const withList = audit.result.checks.filter((c) => c.worklist);
    expect(withList.map((c) => c.id)).toEqual(['contacts.deleted-contacts', 'currency.foreign-currency-contacts']);
    for (const check of withList) {
      expect(check.worklist).toMatchObject({ rows: check.affected!.count, complete: true });
      expect(readWorklist(join(dir, check.worklist!.file)).rows).toHaveLength(check.affected!.count);
    }
    // No cursor opened (the audit's own reads are queries), no cursor page: query pages only.
    expect(sb.received.filter((f) => f.name === 'readByQuery' || f.name === 'readMore')).toEqual([]);
  } finally {
    await sb.close();
  }
});

test('a user data check built with the kit gets its worklist with no code of its own', async () => {
  const cwd = tempDir('preflight-worklists-');
  const dir = join(process.cwd(), 'examples', 'user-checks');
  const r = await run(['audit', '--demo', '--checks-dir', dir, '--checks', 'example.*', '--worklists', '--format', 'json', '--out', 'out', '--fail-on', 'never'], { cwd });
  expect(r.code).toBe(0);
  const check = readJson(join(cwd, 'out', 'report.json')).checks.find((c) => c.id === 'example.draft-ar-invoices')!;
  expect(check.affected!.count).toBeGreaterThan(0);
  expect(check.worklist).toEqual({ file: 'worklists/example.draft-ar-invoices.csv', rows: check.affected!.count, complete: true });
  const list = readWorklist(join(cwd, 'out', check.worklist!.file));
  expect(list.rows).toHaveLength(check.affected!.count);
  // No action of its own: the first step of its remediation.
  expect(list.rows.every((x) => x.ACTION === check.remediation[0] && x.RECORDKEY === `ARINVOICE:${x.RECORDNO}`)).toBe(true);
});

test('a large company is streamed to its worklist in flat memory: the executable with a 48 MB heap lists all of it', async () => {
  const sb = await startSandbox({ company: generateCompany({ invoices: 300_000, seed: 7 }) });
  const cwd = tempDir('preflight-worklists-');
  try {
    const args = ['--max-old-space-size=48', BIN, 'audit', '--checks', 'transactions.attachments,currency.*', '--worklists', '--format', 'json,html', '--out', 'out', '--fail-on', 'never', '--quiet'];
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd, env: sandboxEnv(sb, cwd), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => void (stderr += String(d)));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(outcome).toEqual({ code: 0, stderr: '' });
    const result = readJson(join(cwd, 'out', 'report.json'));
    const attachments = result.checks.find((c) => c.id === 'transactions.attachments')!;
    // More than a 48 MB heap could hold as records at once.
    expect(attachments.affected!.count).toBeGreaterThan(50_000);
    for (const c of withList(result)) {
      expect(c.worklist).toMatchObject({ rows: c.affected!.count, complete: true });
      const list = readWorklist(join(cwd, 'out', c.worklist.file));
      expect(list.rows).toHaveLength(c.affected!.count);
      // Invoices and bills interleaved most recent first, as the sample is, every record once.
      expect(new Set(list.rows.map((x) => x.RECORDKEY)).size).toBe(c.affected!.count);
      // Sorted on our side from the cursor's pages, the list starts with the report's sample, in its order.
      if (list.header.includes('RECORDNO')) {
        const sample = c.affected!.sample;
        expect(list.rows.slice(0, sample.length).map((x) => x.RECORDNO)).toEqual(sample.map((x) => cellText(x['RECORDNO'])));
      }
      if (list.header.includes('WHENCREATED')) {
        const dates = list.rows.map((x) => x.WHENCREATED!);
        expect(dates.every((d, i) => i === 0 || d <= dates[i - 1]!)).toBe(true);
      }
    }
    const html = readFileSync(join(cwd, 'out', 'report.html'), 'utf8');
    expect(html).toContain(`25 of ${attachments.affected!.count.toLocaleString('en-US')} — all in <a href="worklists/transactions.attachments.csv">`);
    // The sample's query, then each set through a cursor: one readByQuery, then readMore pages
    // of 1,000, many to a request; no query pages by offset.
    expect(sb.received.filter((f) => f.name === 'readByQuery').map((f) => f.object).sort()).toEqual(['APBILL', 'APBILL', 'ARINVOICE', 'ARINVOICE', 'CUSTOMER', 'VENDOR']);
    const pages = sb.received.filter((f) => f.name === 'readMore');
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(attachments.affected!.count / 1000) - 2);
    const perRequest = new Map<number, number>();
    for (const f of pages) perRequest.set(f.request, (perRequest.get(f.request) ?? 0) + 1);
    expect(Math.max(...perRequest.values())).toBeGreaterThanOrEqual(20);
    const opened = Math.min(...sb.received.filter((f) => f.name === 'readByQuery').map((f) => f.request));
    expect(sb.received.filter((f) => f.name === 'query' && f.request >= opened)).toEqual([]);
  } finally {
    await sb.close();
  }
}, 240_000);

test('a read that fails part-way ends that worklist with an honest note: a correct first part of it; the check’s status and count are unchanged', async () => {
  const sb = await startSandbox({ company: generateCompany({ invoices: 40_000, seed: 5 }) });
  const clean = tempDir('preflight-worklists-');
  const transient = tempDir('preflight-worklists-');
  const faulty = tempDir('preflight-worklists-');
  try {
    // One page a request, one request at a time, so each fault lands between two known pages.
    const connection = { endpoint: sb.endpoint, credentials: sb.credentials, concurrency: 1, maxFunctionsPerRequest: 1 };
    const options = { connection, checks: ['transactions.attachments'] };
    const whole = await runAuditWithFacts({ ...options, worklists: { dir: clean } });
    await whole.worklists!.commit();
    const before = whole.result.checks[0]!;
    const cleanRows = readWorklist(join(clean, before.worklist!.file)).rows;
    const billQueries = () => sb.received.filter((f) => f.name === 'query' && f.object === 'APBILL' && f.status === 'success').length;

    // Both cursors opened (readByQuery), then one page of bills refused: the bills are read again
    // with query pages, and the list is whole, exactly as in the clean run.
    let pagesRead = 0;
    const again = await runAuditWithFacts({
      ...options,
      worklists: { dir: transient },
      onProgress: (e) => {
        if (e.type === 'worklists' && e.phase === 'reading' && ++pagesRead === 2) sb.queueFault({ kind: 'function-error', permission: false, object: 'APBILL' });
      },
    });
    await again.worklists!.commit();
    expect(sb.received.filter((f) => f.name === 'readMore' && f.object === 'APBILL' && f.status === 'failure')).toHaveLength(1);
    expect(again.result.checks[0]!.worklist).toMatchObject({ rows: before.affected!.count, complete: true });
    expect(readWorklist(join(transient, before.worklist!.file)).rows).toEqual(cleanRows);

    // The same, and once the first query page of bills is in, every later page of bills is refused.
    pagesRead = 0;
    let queriesBefore = Infinity;
    const audit = await runAuditWithFacts({
      ...options,
      worklists: { dir: faulty },
      onProgress: (e) => {
        if (e.type !== 'worklists' || e.phase !== 'reading') return;
        if (++pagesRead === 2) {
          sb.queueFault({ kind: 'function-error', permission: false, object: 'APBILL' });
          queriesBefore = billQueries();
        } else if (billQueries() === queriesBefore + 1) {
          sb.queueFault({ kind: 'function-error', permission: false, object: 'APBILL' }, { times: 100 });
          queriesBefore = -Infinity;
        }
      },
    });
    await audit.worklists!.commit();
    const check = audit.result.checks[0]!;
    expect([check.status, check.affected!.count]).toEqual([before.status, before.affected!.count]);
    expect(before.affected!.count).toBeGreaterThan(4000);
    expect(check.worklist).toMatchObject({ file: 'worklists/transactions.attachments.csv', complete: false });
    const rows = check.worklist!.rows;
    expect(rows).toBeGreaterThanOrEqual(2000);
    expect(rows).toBeLessThan(before.affected!.count);
    expect(check.worklist!.note).toMatch(new RegExp(`^${rows.toLocaleString('en-US')} of ${before.affected!.count.toLocaleString('en-US')} records; reading the rest failed: .*APBILL`));
    const list = readWorklist(join(faulty, check.worklist!.file));
    expect(list.last![0]).toBe(`INCOMPLETE: ${check.worklist!.note}`);
    // What it holds is exactly the start of the whole list.
    expect(list.rows).toEqual(cleanRows.slice(0, rows));
    const index = readWorklist(join(faulty, 'worklists', 'index.csv')).rows;
    expect(index).toEqual([expect.objectContaining({ rows: String(rows), count: String(before.affected!.count), complete: 'no', note: check.worklist!.note })]);
  } finally {
    await sb.close();
  }
}, 90_000);

test('records posted while the worklists are read: the cursor counts more than the audit did, so the set is read again by query pages and the list says it no longer matches', async () => {
  const before = generateCompany({ invoices: 40_000, seed: 5 });
  const after = generateCompany({ invoices: 41_000, seed: 5 });
  const sb = await startSandbox({ company: before });
  const dir = tempDir('preflight-worklists-');
  const now = tempDir('preflight-worklists-');
  try {
    const connection = { endpoint: sb.endpoint, credentials: sb.credentials };
    const options = { connection, checks: ['transactions.attachments'] };
    // The ledger moves on between the audit's count and the first worklist page.
    const audit = await runAuditWithFacts({
      ...options,
      worklists: { dir },
      onProgress: (e) => {
        if (e.type === 'worklists' && e.phase === 'start') sb.replaceCompany({ ...after, company: { ...after.company, id: before.company.id } });
      },
    });
    await audit.worklists!.commit();
    const check = audit.result.checks[0]!;
    const opened = sb.received.find((f) => f.name === 'readByQuery' && f.object === 'ARINVOICE')!;
    // The cursor was opened, found wanting, and the invoices read again with query pages; no page read from it.
    expect(opened).toBeDefined();
    expect(sb.received.filter((f) => f.name === 'query' && f.object === 'ARINVOICE' && f.request > opened.request).length).toBeGreaterThan(0);
    expect(sb.received.filter((f) => f.name === 'readMore' && f.object === 'ARINVOICE')).toEqual([]);

    // What the company holds now, read in a clean run.
    const fresh = await runAuditWithFacts({ ...options, worklists: { dir: now } });
    await fresh.worklists!.commit();
    const current = fresh.result.checks[0]!;
    expect(current.affected!.count).toBeGreaterThan(check.affected!.count);
    expect(check.status).toBe('fail');

    // The count is the audit's; the list holds what was read (here, as nothing changed
    // after the first page, the company's whole list as it is now) and says it does not match.
    expect(check.worklist).toMatchObject({ rows: current.affected!.count, complete: false });
    const [listed, counted] = [current.affected!.count, check.affected!.count].map((n) => n.toLocaleString('en-US'));
    expect(check.worklist!.note).toBe(`${listed} records, where the audit counted ${counted}: the records changed while they were read (Intacct counted ${listed}), so some may be missing or listed twice; run the audit again for a list that matches`);
    const list = readWorklist(join(dir, check.worklist!.file));
    expect(list.last![0]).toBe(`INCOMPLETE: ${check.worklist!.note}`);
    expect(list.rows).toEqual(readWorklist(join(now, current.worklist!.file)).rows);
  } finally {
    await sb.close();
  }
}, 90_000);

describe('the command line', () => {
  test('--worklists needs a report folder and a live run: exit 4 with one line', async () => {
    const cwd = tempDir('preflight-worklists-');
    const toStdout = await run(['audit', '--demo', '--worklists', '--format', 'json', '--out', '-'], { cwd });
    expect([toStdout.code, toStdout.stderr.trim()]).toEqual([4, 'Error: --worklists writes CSV files beside the reports: give a folder with --out, not -.']);
    writeFileSync(join(cwd, 'snapshot.json.gz'), '');
    const fromSnapshot = await run(['audit', '--from-snapshot', 'snapshot.json.gz', '--worklists'], { cwd });
    expect(fromSnapshot.code).toBe(4);
    expect(fromSnapshot.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--worklists reads every affected record from Intacct; a snapshot holds only samples/)]);
  });

  test('"worklists": true in the config file writes them; with --out - the run goes without, and says so (--verbose)', async () => {
    const cwd = tempDir('preflight-worklists-');
    const config = writeJson(cwd, 'preflight.json', { worklists: true });
    const r = await run(['audit', '--demo', '--config', config, '--format', 'json', '--out', 'out', '--fail-on', 'never', '--quiet'], { cwd });
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, 'out', 'worklists', 'index.csv'))).toBe(true);
    const piped = await run(['audit', '--demo', '--config', config, '--format', 'json', '--out', '-', '--fail-on', 'never', '--verbose'], { cwd });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toContain("The config file's worklists are not written with --out -");
    expect((JSON.parse(piped.stdout) as AuditResult).worklists).toBeUndefined();
  });

  test('Ctrl+C while the worklists are read exits 130 and leaves the last run’s worklists byte for byte as they were', async () => {
    const cwd = tempDir('preflight-worklists-');
    await withSandbox('demo', async (sb) => {
      const first = await run(['audit', '--worklists', '--format', 'json', '--out', 'out', '--quiet', '--fail-on', 'never'], { cwd, env: sandboxEnv(sb, cwd) });
      expect(first.code).toBe(0);
      const before = readdirSync(join(cwd, 'out', 'worklists')).map((f) => [f, readFileSync(join(cwd, 'out', 'worklists', f), 'utf8')]);
      const outcome = await interruptMidAudit(['audit', '--worklists', '--format', 'json', '--out', 'out', '--fail-on', 'never'], cwd, sb, /Reading worklists/);
      expect(outcome.code).toBe(130);
      expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['report.json', 'worklists']);
      expect(readdirSync(join(cwd, 'out', 'worklists')).map((f) => [f, readFileSync(join(cwd, 'out', 'worklists', f), 'utf8')])).toEqual(before);
    }, { latencyMs: 400 });
  }, 30_000);
});
